"""Whether aiohttp earns its place in the core dependencies: the two async stacks, raced.

Our ``asyncio()`` on its default transport (aiohttp) and on httpx's own async stack
(``httpx.AsyncHTTPTransport``, which the client wraps as it would any transport), against the
benchmark's exchange (bench/server.py, its own process, every signature verified). Client CPU
per call, one call at a time for N = 1, 100 and 1000 orders, and with 200 calls in flight
through one client at N = 1; the two interleaved round-robin, medians of the rounds. Then what
installing aiohttp costs: a fresh venv with the core dependencies, with and without it.

    cd bench && ../.venv/bin/python async_stacks.py [--rounds 7]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
from server import serving

from binance_coinm import AuthenticatedClient, current_all_open_orders, signed_client

ROOT = Path(__file__).resolve().parents[1]
API_KEY, API_SECRET = "bench-api-key", "bench-api-secret"
SYMBOL = "BTCUSD_PERP"
COUNTS = (1, 100, 1000)
CALLS = {1: 200, 100: 40, 1000: 10}
CONCURRENCY = 200
STACKS: dict[str, Callable[[], dict[str, Any]]] = {
    "aiohttp (default)": dict,
    "httpx AsyncHTTPTransport": lambda: {"transport": httpx.AsyncHTTPTransport()},
}


def cpu_us_per_call(loop: asyncio.AbstractEventLoop, work: Awaitable[None], calls: int) -> float:
    started = time.process_time()
    loop.run_until_complete(work)
    return (time.process_time() - started) / calls * 1e6


async def one_at_a_time(client: AuthenticatedClient, calls: int, count: int) -> None:
    for _ in range(calls):
        orders = await current_all_open_orders.asyncio(client=client, symbol=SYMBOL)
        assert len(orders) == count


async def in_flight(client: AuthenticatedClient, calls: int) -> None:
    read = current_all_open_orders.asyncio
    answers = await asyncio.gather(*(read(client=client, symbol=SYMBOL) for _ in range(calls)))
    assert all(len(orders) == 1 for orders in answers)


def race(urls: dict[int, str], rounds: int) -> dict[str, dict[str, list[float]]]:
    """CPU µs per call of each stack, per figure, one sample a round."""
    samples: dict[str, dict[str, list[float]]] = {name: {} for name in STACKS}
    loop = asyncio.new_event_loop()
    clients = {
        (name, count): signed_client(
            API_KEY, API_SECRET, base_url=urls[count], httpx_args=args(), weight_limit=None
        )
        for name, args in STACKS.items()
        for count in COUNTS
    }
    try:
        for (_, count), client in clients.items():  # connections, imports, caches
            loop.run_until_complete(one_at_a_time(client, 3, count))
        for index in range(rounds):
            names = list(STACKS)[index % 2 :] + list(STACKS)[: index % 2]
            for name in names:
                for count in COUNTS:
                    work = one_at_a_time(clients[name, count], CALLS[count], count)
                    cpu = cpu_us_per_call(loop, work, CALLS[count])
                    samples[name].setdefault(f"N = {count}", []).append(cpu)
                client = clients[name, 1]
                wall = time.perf_counter()
                cpu = cpu_us_per_call(loop, in_flight(client, CONCURRENCY), CONCURRENCY)
                per_second = CONCURRENCY / (time.perf_counter() - wall)
                samples[name].setdefault("200 in flight", []).append(cpu)
                samples[name].setdefault("200 in flight, calls/s", []).append(per_second)
    finally:
        for client in clients.values():
            loop.run_until_complete(client.aclose())
        loop.close()
    return samples


def core_dependencies() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [r for r in project["dependencies"] if not r.startswith("aiohttp")]


def fresh_install(requirements: list[str]) -> tuple[float, int, int]:
    """Seconds pip takes to install ``requirements`` into a fresh venv (its cache warm), the
    venv's site-packages in kB and the distributions in it."""
    with tempfile.TemporaryDirectory() as home:
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", home], check=True)
        python = Path(home, "bin", "python")
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "pip", "--python", python, "install", "-q", *requirements],
            check=True,
            capture_output=True,
        )
        seconds = time.perf_counter() - started
        (site,) = Path(home, "lib").glob("python3.*/site-packages")
        size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) // 1024
        return seconds, size, len(list(site.glob("*.dist-info")))


def install_costs(tries: int) -> dict[str, list[tuple[float, int, int]]]:
    core = core_dependencies()
    aiohttp = "aiohttp>=3.10,<4"
    costs: dict[str, list[tuple[float, int, int]]] = {"with aiohttp": [], "without": []}
    fresh_install([*core, aiohttp])  # fill pip's cache first
    for _ in range(tries):
        costs["with aiohttp"].append(fresh_install([*core, aiohttp]))
        costs["without"].append(fresh_install(core))
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    rounds = parser.parse_args().rounds
    with serving(API_SECRET, [("documented", count) for count in COUNTS]) as (_, urls):
        samples = race({count: urls["documented", count] for _, count in urls}, rounds)
    print(f"client CPU per call in µs (calls/s where said), median of {rounds} rounds")
    figures = list(samples[next(iter(STACKS))])
    print(f"| stack | {' | '.join(figures)} |")
    print(f"|---|{'---:|' * len(figures)}")
    for name, by_figure in samples.items():
        cells = " | ".join(f"{statistics.median(by_figure[f]):,.0f}" for f in figures)
        print(f"| {name} | {cells} |")
    print("\nfresh venv, the core dependencies, pip's cache warm (median of 3)")
    for name, runs in install_costs(3).items():
        seconds, size, dists = (statistics.median(column) for column in zip(*runs, strict=True))
        print(f"- {name}: {seconds:.1f} s, {size / 1024:.1f} MB, {dists:.0f} distributions")


if __name__ == "__main__":
    main()
