"""examples/budget_workers.py, run whole as a user runs it: worker processes against the served
mock exchange (counting weight per IP, as Binance does) and a real redis-server. Windows are one
second long and the limit small, so that the workers must wait for each other within seconds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from binance_coinm.mock import DEMO_API_KEY, DEMO_API_SECRET
from binance_coinm.mock.server import serving

from ..budget.processes import recording_exchange
from ..budget.redis_server import RedisServer

SCRIPT = Path(__file__).resolve().parents[2] / "examples" / "budget_workers.py"
WORKERS, CALLS, LIMIT = 4, 60, 40


def start(url: str, *args: str) -> subprocess.Popen[str]:
    keys = {"BINANCE_API_KEY": DEMO_API_KEY, "BINANCE_API_SECRET": DEMO_API_SECRET}
    return subprocess.Popen(
        [sys.executable, "-W", "error", str(SCRIPT), "--base-url", url, "--calls", str(CALLS),
         "--limit", str(LIMIT), "--window", "1", *args],
        env={**os.environ, **keys}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def finished(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    stdout, stderr = process.communicate(timeout=120)
    return process.returncode, stdout, stderr


def test_workers_sharing_one_pool_get_every_call_through_and_never_pass_the_limit(
    redis_server: RedisServer, pool: str
) -> None:
    exchange, counted = recording_exchange(LIMIT, 1)
    with serving(exchange) as url:
        status, stdout, stderr = finished(
            start(url, "--redis", redis_server.url, "--pool", pool, "--workers", str(WORKERS))
        )
    assert (status, stderr) == (0, "")
    lines = stdout.splitlines()
    assert len(lines) == WORKERS
    assert all(f": {CALLS} calls," in line and line.endswith("refused 0") for line in lines)
    assert max(counted.highest.values()) <= LIMIT
    assert counted.refused == 0


def test_workers_each_on_a_pool_of_their_own_are_refused_and_exit_1(
    redis_server: RedisServer, pool: str
) -> None:
    """The control: as many runs at once, each with a pool of its own (each thinks it has the
    whole limit). The exchange refuses some calls, which is what one shared pool prevents."""
    exchange, counted = recording_exchange(LIMIT, 1)
    with serving(exchange) as url:
        runs = [
            start(url, "--redis", redis_server.url, "--pool", f"{pool}-{n}", "--workers", "1")
            for n in range(WORKERS)
        ]
        results = [finished(process) for process in runs]
    assert counted.refused > 0
    assert 1 in [status for status, _, _ in results]
    assert any("refused 0" not in stdout for _, stdout, _ in results)
