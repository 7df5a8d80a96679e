"""Which WebSocket client the stream rides on: ``websockets`` and aiohttp's, raced.

A server in its own process (so that its CPU is not counted) sends MESSAGES user-data events
(ORDER_TRADE_UPDATE, as Binance writes them) over loopback and closes; each client reads them
all. Client CPU per message, the two interleaved, median of the rounds; then the cost of a ping
answered (the stream pings once a minute, so this is only a check that neither is slow).

    cd bench && ../.venv-bench/bin/python ws_clients.py [--rounds 9]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import statistics
import time
from collections.abc import Callable, Coroutine
from typing import Any

MESSAGES = 20_000
EVENT = json.dumps(
    {
        "e": "ORDER_TRADE_UPDATE", "E": 1764979200123, "T": 1764979200120, "i": "SfsR",
        "o": {"s": "BTCUSD_PERP", "c": "web_5a2c9d4e7f", "S": "BUY", "o": "LIMIT", "f": "GTC",
              "q": "10", "p": "87000.5", "ap": "0", "sp": "0", "x": "NEW", "X": "NEW",
              "i": 1917641, "l": "0", "z": "0", "L": "0", "ma": "BTC", "N": "BTC", "n": "0",
              "T": 1764979200120, "t": 0, "rp": "0", "b": "870.005", "a": "0", "m": False,
              "R": False, "wt": "CONTRACT_PRICE", "ot": "LIMIT", "ps": "BOTH", "cp": False,
              "pP": False, "V": "NONE", "pm": "NONE"},
    },
    separators=(",", ":"),
)  # fmt: skip


def serve(port: multiprocessing.SimpleQueue[int]) -> None:
    from websockets.asyncio.server import serve as ws_serve

    async def handler(connection: object) -> None:
        for _ in range(MESSAGES):
            await connection.send(EVENT)  # type: ignore[attr-defined]
        await connection.close()  # type: ignore[attr-defined]

    async def main() -> None:
        async with ws_serve(handler, "127.0.0.1", 0, max_size=None) as server:
            port.put(next(iter(server.sockets)).getsockname()[1])
            await asyncio.Future()

    asyncio.run(main())


async def with_websockets(url: str) -> int:
    from websockets.asyncio.client import connect

    count = 0
    async with connect(url, max_size=1 << 20, compression=None) as socket:
        async for _ in socket:
            count += 1
    return count


async def with_aiohttp(url: str) -> int:
    import aiohttp

    count = 0
    async with aiohttp.ClientSession() as session, session.ws_connect(url) as socket:
        async for message in socket:
            if message.type is aiohttp.WSMsgType.TEXT:
                count += 1
    return count


CLIENTS: dict[str, Callable[[str], Coroutine[Any, Any, int]]] = {
    "websockets (the stream's)": with_websockets,
    "aiohttp ws_connect": with_aiohttp,
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=9)
    rounds = parser.parse_args().rounds
    queue: multiprocessing.SimpleQueue[int] = multiprocessing.SimpleQueue()
    server = multiprocessing.Process(target=serve, args=(queue,), daemon=True)
    server.start()
    url = f"ws://127.0.0.1:{queue.get()}/"
    samples: dict[str, list[float]] = {name: [] for name in CLIENTS}
    try:
        for round_ in range(rounds + 1):
            names = list(CLIENTS)
            for name in names[round_ % 2 :] + names[: round_ % 2]:
                started = time.process_time()
                assert asyncio.run(CLIENTS[name](url)) == MESSAGES
                if round_:  # the first round warms up
                    samples[name].append((time.process_time() - started) / MESSAGES)
    finally:
        server.terminate()
    print(f"{MESSAGES:,} events over loopback, client CPU per message, median of {rounds}:")
    for name, values in samples.items():
        print(f"  {name:28} {statistics.median(values) * 1e6:6.1f} µs")


if __name__ == "__main__":
    main()
