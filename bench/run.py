"""`make bench`: this SDK against the clients users would pick instead, in one run.

The exchange runs in a separate process (bench/server.py), so client CPU time is the client's
alone. Contenders are interleaved round-robin over several rounds; each batch's per-call wall
and CPU times are recorded and the median over rounds is reported, with the ratio to the raw
httpx + json.loads floor. Results go to bench/RESULTS.md and bench/results.json.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import orjson
from contenders import API_KEY, API_SECRET, CONTENDERS, FLOOR, SYMBOL, Call, signed_path
from server import spawn

HERE = Path(__file__).resolve().parent
COUNTS = (1, 100, 1000)
CALLS_PER_BATCH = {1: 100, 100: 30, 1000: 8}


def start_server() -> tuple[subprocess.Popen[str], dict[int, str]]:
    server, urls = spawn(API_SECRET, [("documented", count) for count in COUNTS])
    return server, {count: url for (_, count), url in urls.items()}


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def batch(call: Call, count: int, calls: int) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(calls):
        got = call()
        if got != count:
            raise AssertionError(f"expected {count} orders, got {got}")
    return (time.perf_counter() - wall) / calls, (time.process_time() - cpu) / calls


def race(urls: dict[int, str], rounds: int) -> dict[int, dict[str, dict[str, float]]]:
    results: dict[int, dict[str, dict[str, float]]] = {}
    for count, url in urls.items():
        calls = {name: make(url) for name, make in CONTENDERS.items()}
        for call in calls.values():
            batch(call, count, 3)  # warm up connections, imports and caches
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in calls}
        for _ in range(rounds):
            for name, call in calls.items():
                samples[name].append(batch(call, count, CALLS_PER_BATCH[count]))
        results[count] = {
            name: {
                "wall_us": statistics.median(s[0] for s in runs) * 1e6,
                "cpu_us": statistics.median(s[1] for s in runs) * 1e6,
            }
            for name, runs in samples.items()
        }
    return results


def per_call_us(function: Callable[[], Any], repeat: int) -> float:
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(repeat):
            function()
        best = min(best, (time.perf_counter() - started) / repeat)
    return best * 1e6


def signing_cost() -> dict[str, float]:
    from binance_coinm import BinanceAuth, HmacSigner

    auth = BinanceAuth(API_KEY, HmacSigner(API_SECRET), base_url="http://127.0.0.1")
    request = httpx.Request("GET", f"http://127.0.0.1/dapi/v1/openOrders?symbol={SYMBOL}")

    def by_hand() -> str:
        query = f"symbol={SYMBOL}&timestamp={time.time_ns() // 1_000_000}"
        return hmac.new(API_SECRET.encode(), query.encode(), hashlib.sha256).hexdigest()

    return {
        "binance-coinm BinanceAuth.sign_request": per_call_us(
            lambda: auth.sign_request(request), 2000
        ),
        "hand-made HMAC of the query": per_call_us(by_hand, 2000),
    }


def parse_cost() -> dict[str, float]:
    from orders import open_orders_body

    from binance_coinm_rest.api.trade.current_all_open_orders import _parse_response

    body = open_orders_body(1000)
    response = httpx.Response(200, content=body)
    return {
        "json.loads (untyped dicts)": per_call_us(lambda: json.loads(body), 20),
        "orjson.loads (untyped dicts)": per_call_us(lambda: orjson.loads(body), 20),
        "binance-coinm typed (Decimal + enums)": per_call_us(lambda: _parse_response(response), 20),
    }


IMPORTS = {
    "binance_coinm": "binance_coinm",
    "httpx (floor)": "httpx",
    "official SDK": "binance_sdk_derivatives_trading_coin_futures",
    "python-binance": "binance.client",
    "binance-futures-connector": "binance.cm_futures",
    "ccxt": "ccxt",
}


def import_times() -> dict[str, float]:
    times = {}
    for label, module in IMPORTS.items():
        code = (
            f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
        )
        runs = [
            float(subprocess.check_output([sys.executable, "-c", code], text=True))
            for _ in range(3)
        ]
        times[label] = min(runs) * 1000
    return times


def peak_memory(urls: dict[int, str]) -> dict[str, float]:
    peaks = {}
    for name in (FLOOR, "binance-coinm sync()"):
        call = CONTENDERS[name](urls[1000])
        call()
        tracemalloc.start()
        call()
        peaks[name] = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    return peaks


def async_throughput(url: str, concurrency: int = 200) -> dict[str, float]:
    from binance_coinm import current_all_open_orders, signed_client

    async def ours() -> float:
        client = signed_client(API_KEY, API_SECRET, base_url=url)
        async with client:
            await current_all_open_orders.asyncio(client=client, symbol=SYMBOL)
            started = time.perf_counter()
            results = await asyncio.gather(
                *(
                    current_all_open_orders.asyncio(client=client, symbol=SYMBOL)
                    for _ in range(concurrency)
                )
            )
            elapsed = time.perf_counter() - started
        assert all(len(r) == 1 for r in results)
        return concurrency / elapsed

    async def floor() -> float:
        async with httpx.AsyncClient(base_url=url, headers={"X-MBX-APIKEY": API_KEY}) as client:
            await client.get(signed_path())

            async def one() -> int:
                return len(json.loads((await client.get(signed_path())).content))

            started = time.perf_counter()
            results = await asyncio.gather(*(one() for _ in range(concurrency)))
            elapsed = time.perf_counter() - started
        assert all(r == 1 for r in results)
        return concurrency / elapsed

    return {
        "binance-coinm asyncio()": asyncio.run(ours()),
        "raw httpx.AsyncClient (floor)": asyncio.run(floor()),
    }


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    system = f"{platform.system()} {platform.release()}"
    return f"{model}, {os.cpu_count()} CPUs, Python {platform.python_version()}, {system}"


def table(rows: list[list[str]]) -> str:
    header, *body = rows
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in body]
    return "\n".join(lines)


def report(data: dict[str, Any]) -> str:
    rounds = data["rounds"]
    parts = [
        f"Measured {data['date']} on {data['machine']}; {rounds} interleaved rounds, medians.\n"
    ]
    for count, results in data["race"].items():
        floor = results[FLOOR]
        rows = [["contender", "wall µs/call", "CPU µs/call", "wall / floor", "CPU / floor"]]
        for name, r in sorted(results.items(), key=lambda item: item[1]["wall_us"]):
            rows.append(
                [name, f"{r['wall_us']:.0f}", f"{r['cpu_us']:.0f}",
                 f"{r['wall_us'] / floor['wall_us']:.2f}", f"{r['cpu_us'] / floor['cpu_us']:.2f}"]
            )  # fmt: skip
        parts.append(f"### N = {count} orders\n\n{table(rows)}\n")
    sections = [
        ("Signing alone (µs)", data["signing_us"]),
        ("Parsing 1000 orders alone (µs)", data["parse_us"]),
        ("Import time (ms)", data["import_ms"]),
        ("Peak memory of one 1000-order call (MB, tracemalloc)", data["peak_mb"]),
        (
            "Async throughput, 200 concurrent calls through one client (calls/s)",
            data["async_calls_per_s"],
        ),
    ]
    for title, values in sections:
        rows = [["", "value"], *[[name, f"{value:.1f}"] for name, value in values.items()]]
        parts.append(f"### {title}\n\n{table(rows)}\n")
    parts.append(
        f"Server CPU per request: {data['server_cpu_us_per_request']:.0f} µs, "
        "in its own process, beside the client's CPU per call above.\n"
    )
    return "\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    server, urls = start_server()
    try:
        server_cpu = cpu_seconds(server.pid)
        results = race(urls, args.rounds)
        served = sum(
            len(CONTENDERS) * (3 + args.rounds * CALLS_PER_BATCH[count]) for count in COUNTS
        )
        server_cpu_per_request = (cpu_seconds(server.pid) - server_cpu) / served * 1e6
        data = {
            "date": datetime.now(UTC).strftime("%Y-%m-%d"),
            "machine": machine(),
            "rounds": args.rounds,
            "race": results,
            "signing_us": signing_cost(),
            "parse_us": parse_cost(),
            "import_ms": import_times(),
            "peak_mb": peak_memory(urls),
            "async_calls_per_s": async_throughput(urls[1]),
            "server_cpu_us_per_request": server_cpu_per_request,
        }
    finally:
        server.terminate()
    (HERE / "results.json").write_text(json.dumps(data, indent=2) + "\n")
    text = report(data)
    (HERE / "RESULTS.md").write_text("# Benchmark results\n\n" + text)
    print(text)


if __name__ == "__main__":
    main()
