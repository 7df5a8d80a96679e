"""RedisBudget when Redis is away, slow, restarted or wrong: calls go on with a budget of the
process's own, one warning per outage, Redis asked again after a back-off, no redis-py error
reaching the caller, and no Redis operation past its bounds.

The back-off runs on a fake clock. Wall times are asserted only as "ended by the bound plus a
margin", as the client's deadline tests do.
"""

from __future__ import annotations

import logging
import time
import uuid

import anyio
import pytest

from binance_coinm import RedisBudget
from binance_coinm.budget.outage import PROBE_AFTER_SECONDS
from binance_coinm.budget.shared_pool import window_key

from .budgets import NOW, Calls
from .conftest import BudgetFactory
from .listeners import answer_ok, hang_up, listening, stay_silent
from .redis_server import RedisServer, free_port

MARGIN = 1.0
"""Seconds an operation may run past its bound: the test's own slack."""


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def warnings_in(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "binance_coinm" and r.levelno == logging.WARNING
    ]


def nowhere() -> str:
    """A Redis URL where nothing listens."""
    return f"redis://127.0.0.1:{free_port()}/0"


def test_without_redis_calls_go_on_with_a_budget_of_the_process_s_own(
    calls: Calls, make_budget: BudgetFactory
) -> None:
    budget = make_budget(url=nowhere())
    assert calls.reserve(budget, 60) == 0.0
    assert calls.reserve(budget, 60) == pytest.approx(45.0)


def test_an_outage_warns_once_however_many_calls_meet_it(
    calls: Calls, make_budget: BudgetFactory, caplog: pytest.LogCaptureFixture
) -> None:
    clock = FakeMonotonic()
    budget = make_budget(url=nowhere(), monotonic=clock, limit=1000)
    for _ in range(5):
        calls.reserve(budget, 1)
        clock.now += PROBE_AFTER_SECONDS  # each call probes Redis, and finds it away again
    assert len(warnings_in(caplog)) == 1


def test_while_redis_is_away_it_is_asked_again_only_after_the_back_off(
    calls: Calls, make_budget: BudgetFactory
) -> None:
    clock = FakeMonotonic()
    with listening(hang_up) as redis_away:
        budget = make_budget(url=redis_away.url, monotonic=clock, limit=1000)
        calls.reserve(budget, 1)  # finds Redis away (redis-py may connect twice to learn it)
        found_away = redis_away.accepted
        for _ in range(5):
            calls.reserve(budget, 1)
        during_the_back_off = redis_away.accepted - found_away
        clock.now += PROBE_AFTER_SECONDS
        calls.reserve(budget, 1)
        after_it = redis_away.accepted - found_away
    assert (during_the_back_off, after_it > 0) == (0, True)


def test_the_pool_is_shared_again_once_redis_answers_after_a_restart(
    calls: Calls, fresh_redis: RedisServer, pool: str, caplog: pytest.LogCaptureFixture
) -> None:
    clock = FakeMonotonic()
    budget = RedisBudget(fresh_redis.url, pool=pool, limit=100, monotonic=clock)
    calls.reserve(budget, 10)
    fresh_redis.kill()
    calls.reserve(budget, 20)  # counted by this process alone
    fresh_redis.start()
    calls.reserve(budget, 30)  # within the back-off: still alone
    clock.now += PROBE_AFTER_SECONDS
    calls.reserve(budget, 40)
    calls.reserve(budget, 1)
    budget.close()
    assert fresh_redis.client().hget(window_key(pool, 60, NOW), "charged") == "41"
    assert len(warnings_in(caplog)) == 1


def test_the_end_of_an_outage_is_logged(
    calls: Calls, fresh_redis: RedisServer, pool: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, "binance_coinm")
    clock = FakeMonotonic()
    budget = RedisBudget(fresh_redis.url, pool=pool, limit=100, monotonic=clock)
    fresh_redis.kill()
    calls.reserve(budget, 1)
    fresh_redis.start()
    clock.now += PROBE_AFTER_SECONDS
    calls.reserve(budget, 1)
    budget.close()
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.INFO] == [
        f"the shared weight pool {pool!r} at {fresh_redis.url} answers again: calls share it again"
    ]


def test_each_outage_warns_once(
    calls: Calls, fresh_redis: RedisServer, pool: str, caplog: pytest.LogCaptureFixture
) -> None:
    clock = FakeMonotonic()
    budget = RedisBudget(fresh_redis.url, pool=pool, limit=100, monotonic=clock)
    for _ in range(2):
        fresh_redis.kill()
        calls.reserve(budget, 1)
        calls.reserve(budget, 1)
        fresh_redis.start()
        clock.now += PROBE_AFTER_SECONDS
        calls.reserve(budget, 1)
    budget.close()
    assert len(warnings_in(caplog)) == 2


def test_an_outage_starts_from_the_exchange_s_last_count(
    calls: Calls, fresh_redis: RedisServer, pool: str
) -> None:
    budget = RedisBudget(fresh_redis.url, pool=pool, limit=100)
    calls.observe(budget, 90)
    fresh_redis.kill()
    assert calls.reserve(budget, 20) > 0
    assert calls.reserve(budget, 10) == 0.0


def test_a_silent_redis_holds_a_call_no_longer_than_the_socket_timeout(
    calls: Calls, make_budget: BudgetFactory, caplog: pytest.LogCaptureFixture
) -> None:
    with listening(stay_silent) as silent:
        budget = make_budget(url=silent.url, socket_timeout=0.2)
        started = time.monotonic()
        assert calls.reserve(budget, 1, timeout=30.0) == 0.0
        took = time.monotonic() - started
    assert took < 0.2 + MARGIN
    assert len(warnings_in(caplog)) == 1


def test_a_redis_operation_ends_by_the_call_s_deadline_and_is_no_outage(
    calls: Calls, make_budget: BudgetFactory, caplog: pytest.LogCaptureFixture
) -> None:
    with listening(stay_silent) as silent:
        budget = make_budget(url=silent.url, socket_timeout=30.0)
        started = time.monotonic()
        assert calls.reserve(budget, 1, timeout=0.2) == 0.0
        took = time.monotonic() - started
    assert took < 0.2 + MARGIN
    assert warnings_in(caplog) == []


def test_an_answer_of_another_shape_never_reaches_the_caller(
    calls: Calls, make_budget: BudgetFactory, caplog: pytest.LogCaptureFixture
) -> None:
    with listening(answer_ok) as not_the_script:
        budget = make_budget(url=not_the_script.url)
        assert calls.reserve(budget, 1) == 0.0
    assert "ValueError" in warnings_in(caplog)[0]


def test_a_key_of_another_type_never_reaches_the_caller(
    calls: Calls, make_budget: BudgetFactory, redis_server: RedisServer, pool: str,
    caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    redis_server.client().set(window_key(pool, 60, NOW), "not a hash")
    assert calls.reserve(make_budget(), 1) == 0.0
    assert "WRONGTYPE" in warnings_in(caplog)[0]


def test_a_redis_that_wants_a_password_never_reaches_the_caller(
    calls: Calls, fresh_redis: RedisServer, pool: str, caplog: pytest.LogCaptureFixture
) -> None:
    fresh_redis.client().config_set("requirepass", "Sesame-4711")
    budget = RedisBudget(fresh_redis.url, pool=pool, limit=100)
    assert calls.reserve(budget, 1) == 0.0
    budget.close()
    assert "AuthenticationError" in warnings_in(caplog)[0]


def test_the_warning_shows_where_redis_is_but_no_credentials(
    make_budget: BudgetFactory, caplog: pytest.LogCaptureFixture
) -> None:
    port = free_port()
    budget = make_budget(url=f"redis://ops:Sesame-4711@127.0.0.1:{port}/0?password=Open-0815")
    budget.reserve(1, now=NOW, timeout=5.0)
    (warning,) = warnings_in(caplog)
    assert f"redis://<credentials>@127.0.0.1:{port}/0 is unreachable" in warning
    assert [secret for secret in ("ops:", "Sesame", "Open-0815") if secret in warning] == []


def test_async_calls_from_one_event_loop_after_another_leave_no_connection_open(
    redis_server: RedisServer, pool: str
) -> None:
    name = f"budget-{uuid.uuid4().hex[:8]}"
    budget = RedisBudget(f"{redis_server.url}?client_name={name}", pool=pool, limit=100)

    async def reserve() -> float:
        return await budget.areserve(1, now=NOW, timeout=5.0)

    for _ in range(3):
        assert anyio.run(reserve) == 0.0
    assert [c for c in redis_server.client().client_list() if c["name"] == name] == []
