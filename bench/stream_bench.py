"""The user-data stream's figures: events decoded and applied per second, CPU per event, memory
per open order, and (against the mock) the time from an order change to the live view.

Offline, on the same 20,000 ORDER_TRADE_UPDATE messages for every contender: ours reads each
by the spec's rules (`event_of`: Decimals, enums, no coercion, unknown fields kept) and
applies it to a `LiveOpenOrders` view; ccxt pro (the `pro` package of the ccxt the bench
installs) runs `json.loads` and its own `handle_order_update`, with the market loaded;
`json.loads` alone and a one-pass msgspec decode with a dict update are the floors. Median
of ROUNDS interleaved rounds. Writes bench/stream-results.md.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec

from binance_coinm import LiveOpenOrders, signed_client
from binance_coinm.models import OrderTradeUpdateEvent
from binance_coinm.stream.events import event_of

HERE = Path(__file__).resolve().parent
EVENTS = 20_000
ORDERS = 500
ROUNDS = 7
LATENCY_EVENTS = 2_000
LATENCY_RATE = 1_000
"""Events a second for the latency figure."""
MARKET = {
    "id": "BTCUSD_PERP", "lowercaseId": "btcusd_perp", "symbol": "BTC/USD:BTC", "base": "BTC",
    "quote": "USD", "settle": "BTC", "baseId": "BTC", "quoteId": "USD", "settleId": "BTC",
    "type": "swap", "spot": False, "margin": False, "swap": True, "future": False,
    "option": False, "active": True, "contract": True, "linear": False, "inverse": True,
    "contractSize": 100, "expiry": None, "expiryDatetime": None, "strike": None,
    "optionType": None, "precision": {"amount": 1, "price": 0.1},
    "limits": {"amount": {}, "price": {}, "cost": {}, "leverage": {}}, "info": {},
}  # fmt: skip


def messages() -> list[bytes]:
    """NEW for ORDERS orders, then partial fills, fills and cancels, in order of time."""
    result = []
    for n in range(EVENTS):
        order_id = 1_000 + n % ORDERS
        round_ = n // ORDERS
        status, execution = (
            ("NEW", "NEW") if round_ == 0 else ("PARTIALLY_FILLED", "TRADE")
        )  # fmt: skip
        body = {
            "e": "ORDER_TRADE_UPDATE", "E": 1_700_000_000_000 + n, "T": 1_700_000_000_000 + n,
            "i": "SfsR",
            "o": {"s": "BTCUSD_PERP", "c": f"bench-{order_id}", "S": "BUY", "o": "LIMIT",
                  "f": "GTC", "q": "1000", "p": f"{80000 + order_id % 97}.5", "ap": "0",
                  "sp": "0", "x": execution, "X": status, "i": order_id, "l": "1",
                  "z": str(round_), "L": "80000.5", "ma": "BTC", "N": "BTC",
                  "n": "0.00000012", "T": 1_700_000_000_000 + n, "t": n, "rp": "0", "b": "0",
                  "a": "0", "m": False, "R": False, "wt": "CONTRACT_PRICE", "ot": "LIMIT",
                  "ps": "BOTH", "cp": False, "pP": False, "V": "NONE", "pm": "NONE"},
        }  # fmt: skip
        result.append(json.dumps(body, separators=(",", ":")).encode())
    return result


def ours() -> Callable[[list[bytes]], int]:
    view = LiveOpenOrders(signed_client("key", "secret"), url="wss://stream.invalid/ws")

    def run(batch: list[bytes]) -> int:
        for message in batch:
            view.apply(event_of(message))
        return len(view.orders)

    return run


def ccxt_pro() -> Callable[[list[bytes]], int] | None:
    try:
        import ccxt.pro
    except ImportError:
        return None

    class Client:
        url = "wss://dstream.binance.com/ws/bench"

        def resolve(self, *args: Any) -> None:
            pass

    exchange = ccxt.pro.binancecoinm({"newUpdates": False})
    exchange.set_markets([MARKET])
    client = Client()

    def run(batch: list[bytes]) -> int:
        for message in batch:
            exchange.handle_order_update(client, json.loads(message))
        return len(exchange.orders)

    return run


def json_floor() -> Callable[[list[bytes]], int]:
    def run(batch: list[bytes]) -> int:
        for message in batch:
            json.loads(message)
        return 0

    return run


def msgspec_floor() -> Callable[[list[bytes]], int]:
    """The generated event model read by msgspec alone: Decimals and enums in one pass, no
    decimal-text check, no unknown fields kept; then a dict update by order id."""
    decoder = msgspec.json.Decoder(OrderTradeUpdateEvent)
    book: dict[int, Any] = {}

    def run(batch: list[bytes]) -> int:
        for message in batch:
            event = decoder.decode(message)
            book[event.order.order_id] = event.order
        return len(book)

    return run


def race() -> dict[str, float]:
    batch = messages()
    contenders: dict[str, Callable[[list[bytes]], int]] = {
        "binance-coinm event_of + LiveOpenOrders.apply (typed, every rule)": ours(),
        "json.loads (untyped)": json_floor(),
        "msgspec one pass into the event model + dict update (no rules)": msgspec_floor(),
    }
    pro = ccxt_pro()
    if pro is not None:
        contenders["ccxt pro json.loads + handle_order_update"] = pro
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for run in contenders.values():
        run(batch)  # warm up: caches, markets
    for round_ in range(ROUNDS):
        names = list(contenders)
        for name in names[round_ % len(names) :] + names[: round_ % len(names)]:
            started = time.process_time()
            contenders[name](batch)
            samples[name].append((time.process_time() - started) / len(batch))
    return {name: statistics.median(values) for name, values in samples.items()}


def memory_per_open_order(count: int = 10_000) -> float:
    """Bytes the live view holds per open order (tracemalloc, after NEW events for each)."""
    view = LiveOpenOrders(signed_client("key", "secret"), url="wss://stream.invalid/ws")
    events = [event_of(message) for message in messages()[:ORDERS]]
    template = events[0]
    assert isinstance(template, OrderTradeUpdateEvent)
    made = [
        msgspec.structs.replace(
            template, order=msgspec.structs.replace(template.order, order_id=10_000 + n)
        )
        for n in range(count)
    ]
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    for event in made:
        view.apply(event)
    view._notices.clear()  # the changes queue is the reader's, not the view's
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    grown = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    assert len(view.orders) == count
    return grown / count


async def latency() -> list[float]:
    """Milliseconds from an order change on the mock to the live view holding it, at
    LATENCY_RATE changes a second."""
    from binance_coinm.mock import DEMO_API_KEY, DEMO_API_SECRET, MockExchange

    exchange = MockExchange()
    client = signed_client(
        DEMO_API_KEY, DEMO_API_SECRET, weight_limit=None,
        httpx_args={"transport": exchange.transport()},
    )  # fmt: skip
    waits: list[float] = []
    async with (
        client,
        LiveOpenOrders(client, url="ws://mock/ws", connector=exchange.stream_connector()) as view,
    ):
        await view.wait_in_sync()
        for n in range(LATENCY_EVENTS):
            started = time.perf_counter()
            order = exchange.add_order(
                symbol="BTCUSD_PERP", side="BUY", type="LIMIT", orig_qty=1, price="80000"
            )
            while order.order_id not in view.orders:
                await asyncio.sleep(0)
            waits.append((time.perf_counter() - started) * 1000)
            await asyncio.sleep(max(0.0, 1 / LATENCY_RATE - (time.perf_counter() - started)))
            if n % 500 == 499:
                for open_order in list(exchange.orders):
                    if open_order.client_order_id.startswith("mock-"):
                        exchange.cancel(open_order.order_id)
    return waits


def report(rates: dict[str, float], memory: float, waits: list[float]) -> str:
    lines = [
        "# The user-data stream",
        "",
        f"{EVENTS:,} ORDER_TRADE_UPDATE messages ({ORDERS} orders: NEW, then partial fills), "
        f"CPU per event, median of {ROUNDS} interleaved rounds.",
        "",
        "| contender | events/s | CPU µs/event |",
        "|---|---:|---:|",
    ]
    for name, seconds in sorted(rates.items(), key=lambda item: item[1]):
        lines.append(f"| {name} | {1 / seconds:,.0f} | {seconds * 1e6:.1f} |")
    lines += ["", f"Memory the live view holds per open order: {memory:,.0f} bytes.", ""]
    waits.sort()
    p50, p99 = waits[len(waits) // 2], waits[int(len(waits) * 0.99)]
    lines.append(
        f"Emit-to-view latency on the in-process mock at {LATENCY_RATE:,} changes/s "
        f"({len(waits):,} changes): p50 {p50:.3f} ms, p99 {p99:.3f} ms."
    )
    return "\n".join(lines) + "\n"


def main() -> None:
    text = report(race(), memory_per_open_order(), asyncio.run(latency()))
    (HERE / "stream-results.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
