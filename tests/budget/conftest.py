"""Fixtures for the shared budget: a real redis-server, started and stopped here.

One server serves the session (tests keep apart by pool name); a test that kills and
restarts Redis gets a fresh server of its own. A machine without redis-server fails these
tests in one line: none is skipped, and no fake stands in for Redis.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from binance_coinm import RedisBudget

from .budgets import Calls
from .redis_server import MISSING, RedisServer, redis_server_binary

BudgetFactory = Callable[..., RedisBudget]


@pytest.fixture(scope="session")
def redis_binary() -> Path:
    binary = redis_server_binary()
    if binary is None:
        pytest.fail(MISSING, pytrace=False)
    return binary


def _serving(binary: Path, directory: Path) -> Iterator[RedisServer]:
    server = RedisServer(binary, directory)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def redis_server(
    redis_binary: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RedisServer]:
    """The session's Redis: tests share it, each with pools of its own (``pool``)."""
    yield from _serving(redis_binary, tmp_path_factory.mktemp("redis"))


@pytest.fixture
def fresh_redis(redis_binary: Path, tmp_path: Path) -> Iterator[RedisServer]:
    """A Redis of this test's own, to kill and start again."""
    yield from _serving(redis_binary, tmp_path)


@pytest.fixture
def pool() -> str:
    """A pool name no other test uses."""
    return f"test-{uuid.uuid4().hex[:12]}"


@pytest.fixture(params=["sync", "async"])
def calls(request: pytest.FixtureRequest) -> Calls:
    """The budget's operations as sync calls make them, then as async calls do."""
    return Calls(request.param)


@pytest.fixture
def make_budget(redis_server: RedisServer, pool: str) -> Iterator[BudgetFactory]:
    """RedisBudgets on the session's Redis and this test's pool (limit 100 unless told), each
    with connections of its own, as separate processes have; closed after the test."""
    made: list[RedisBudget] = []

    def make(**options: Any) -> RedisBudget:
        budget = RedisBudget(
            options.pop("url", redis_server.url), **{"pool": pool, "limit": 100, **options}
        )
        made.append(budget)
        return budget

    yield make
    for budget in made:
        budget.close()
