"""The issue itself: processes behind one IP spending one weight pool.

Eight processes make 200 calls each (weight 1, and 40 every 25th) with the same API key
against the served mock exchange, which counts weight per key as Binance counts it per IP.
Windows are 1 s long and the limit small, so the run spans several windows in seconds.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from binance_coinm.mock.server import serving

from .processes import Workers, printed, recording_exchange
from .redis_server import RedisServer

PROCESSES = 8
CALLS = 200
LIMIT = 400
WINDOW = 1
WEIGHT_PER_PROCESS = 192 * 1 + 8 * 40


@contextmanager
def running(url: str, *shared: str) -> Iterator[Workers]:
    workers = Workers(PROCESSES, [url, str(CALLS), str(LIMIT), str(WINDOW), *shared])
    try:
        yield workers
    finally:
        workers.stop()


def test_processes_sharing_one_pool_never_pass_the_limit_and_all_get_through_by_waiting(
    redis_server: RedisServer, pool: str
) -> None:
    exchange, counted = recording_exchange(LIMIT, WINDOW)
    with serving(exchange) as url, running(url, redis_server.url, pool) as workers:
        results = workers.results()
    assert [r["ok"] for r in results] == [CALLS] * PROCESSES
    assert max(counted.highest.values()) <= LIMIT
    assert counted.refused == 0
    assert len(counted.highest) >= PROCESSES * WEIGHT_PER_PROCESS // LIMIT  # they waited


def test_processes_each_on_a_budget_of_its_own_pass_the_limit_and_draw_429s() -> None:
    exchange, counted = recording_exchange(LIMIT, WINDOW)
    with serving(exchange) as url, running(url) as workers:
        workers.results()
    assert max(counted.highest.values()) > LIMIT
    assert counted.refused > 0


def test_redis_killed_mid_run_fails_no_call_and_warns_once_per_process(
    fresh_redis: RedisServer, pool: str
) -> None:
    """While Redis is away each process budgets alone, with the whole limit: the mock's limit
    leaves room for all eight, since what is proved here is that calls go on (the first test
    proves the limit)."""
    exchange, _ = recording_exchange(LIMIT * PROCESSES, WINDOW)
    with serving(exchange) as url, running(url, fresh_redis.url, pool) as workers:
        workers.wait_until(printed("progress 20"), "started")
        fresh_redis.kill()
        workers.wait_until(printed("log WARNING"), "warned of the outage")
        fresh_redis.start()
        workers.wait_until(printed("log INFO"), "back on the shared pool")
        results = workers.results()
        shared_again = fresh_redis.client().keys(f"binance:weight:{pool}:*")
    assert [r["ok"] for r in results] == [CALLS] * PROCESSES
    warnings = [
        [line for line in lines if line.startswith("log WARNING")] for lines in workers.lines
    ]
    assert [len(w) for w in warnings] == [1] * PROCESSES
    assert shared_again
