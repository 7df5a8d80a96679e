"""RedisBudget on a real Redis: one count per pool and window of the exchange's clock, shared by
every budget on the pool, sync calls and async alike."""

from __future__ import annotations

import anyio
import pytest
import redis

from binance_coinm import RedisBudget, errors
from binance_coinm.budget.shared_pool import (
    EXPIRY_GRACE_SECONDS,
    GUARD_SECONDS,
    SCRIPT,
    window_key,
)

from .budgets import NOW, TIMEOUT, Calls
from .conftest import BudgetFactory
from .redis_server import RedisServer


def test_budgets_on_one_pool_share_one_count(calls: Calls, make_budget: BudgetFactory) -> None:
    ours, theirs = make_budget(), make_budget()
    assert [calls.reserve(ours, 60), calls.reserve(theirs, 40)] == [0.0, 0.0]
    assert calls.reserve(ours, 1) == pytest.approx(45.0)


def test_a_full_short_window_asks_to_wait_until_its_own_end(
    calls: Calls, make_budget: BudgetFactory
) -> None:
    budget = make_budget(window=2)
    calls.reserve(budget, 100, now=NOW + 1.5)  # a window of 2 s runs from NOW + 1 to NOW + 3
    assert calls.reserve(budget, 1, now=NOW + 1.5) == pytest.approx(1.5)


def test_the_next_window_starts_from_nothing(calls: Calls, make_budget: BudgetFactory) -> None:
    budget = make_budget()
    calls.reserve(budget, 100)
    assert calls.reserve(budget, 100, now=NOW + 45) == 0.0


def test_a_reservation_in_the_last_moments_of_a_window_is_charged_to_the_next_too(
    calls: Calls, make_budget: BudgetFactory
) -> None:
    """Its request may reach the exchange after the window turned, and be counted there."""
    budget, next_window = make_budget(), NOW + 45
    calls.reserve(budget, 30, now=next_window - GUARD_SECONDS)
    assert calls.reserve(budget, 80, now=next_window) > 0
    assert calls.reserve(budget, 70, now=next_window) == 0.0


def test_a_reservation_before_the_last_moments_of_a_window_leaves_the_next_alone(
    calls: Calls, make_budget: BudgetFactory
) -> None:
    budget, next_window = make_budget(), NOW + 45
    calls.reserve(budget, 30, now=next_window - GUARD_SECONDS - 0.01)
    assert calls.reserve(budget, 100, now=next_window) == 0.0


def test_raise_mode_raises_with_the_wait_as_retry_after(
    calls: Calls, make_budget: BudgetFactory
) -> None:
    budget = make_budget(on_exceed="raise")
    calls.reserve(budget, 100)
    with pytest.raises(errors.WeightBudgetExceededError) as caught:
        calls.reserve(budget, 1)
    assert caught.value.retry_after == pytest.approx(45.0)


def test_a_call_heavier_than_the_limit_is_refused_before_redis_is_asked(
    calls: Calls, make_budget: BudgetFactory, redis_server: RedisServer, pool: str
) -> None:
    with pytest.raises(errors.WeightBudgetExceededError, match="can never fit"):
        calls.reserve(make_budget(), 101)
    assert redis_server.client().exists(window_key(pool, 60, NOW)) == 0


def test_the_exchange_count_raises_the_shared_count(
    calls: Calls, make_budget: BudgetFactory
) -> None:
    ours, theirs = make_budget(), make_budget()
    calls.observe(ours, 90)
    assert calls.reserve(theirs, 20) > 0
    assert calls.reserve(theirs, 10) == 0.0


def test_a_lower_exchange_count_never_lowers_the_shared_one(
    calls: Calls, make_budget: BudgetFactory
) -> None:
    ours, theirs = make_budget(), make_budget()
    calls.reserve(ours, 60)
    calls.observe(ours, 10)  # counted before calls still in flight arrived
    assert calls.reserve(theirs, 50) > 0


def test_a_refund_gives_the_weight_back_to_every_budget(
    calls: Calls, make_budget: BudgetFactory
) -> None:
    ours, theirs = make_budget(), make_budget()
    calls.reserve(ours, 100)
    calls.refund(ours, 40)
    assert calls.reserve(theirs, 40) == 0.0


def test_a_refund_never_takes_the_count_below_the_exchange_s(
    calls: Calls, make_budget: BudgetFactory
) -> None:
    ours, theirs = make_budget(), make_budget()
    calls.reserve(ours, 50)
    calls.observe(ours, 90)
    calls.refund(ours, 50)
    assert calls.reserve(theirs, 20) > 0


def test_pools_of_other_names_do_not_meet(
    calls: Calls, make_budget: BudgetFactory, pool: str
) -> None:
    calls.reserve(make_budget(pool=f"{pool}-a"), 100)
    assert calls.reserve(make_budget(pool=f"{pool}-b"), 100) == 0.0


def test_the_count_is_the_documented_hash_and_expires_after_its_window(
    calls: Calls, make_budget: BudgetFactory, redis_server: RedisServer, pool: str
) -> None:
    budget = make_budget()
    calls.reserve(budget, 60)
    calls.observe(budget, 70)
    key = f"binance:weight:{pool}:60:{int(NOW // 60)}"
    redis = redis_server.client()
    assert redis.hgetall(key) == {"charged": "60", "seen": "70"}
    assert 0 < redis.pttl(key) <= (45 + EXPIRY_GRACE_SECONDS) * 1000


def test_a_process_running_the_documented_script_shares_the_pool(
    calls: Calls, make_budget: BudgetFactory, redis_server: RedisServer, pool: str
) -> None:
    """What a USDⓈ-M bot in another language does: EVAL the script on the window's key."""
    budget, other = make_budget(), redis_server.client()
    key, keep_ms, window_ms = window_key(pool, 60, NOW), "50000", "60000"
    assert other.eval(SCRIPT, 1, key, "reserve", "70", "100", keep_ms, window_ms) == [1, 70]
    assert calls.reserve(budget, 40) > 0
    assert calls.reserve(budget, 30) == 0.0
    assert other.eval(SCRIPT, 1, key, "reserve", "1", "100", keep_ms, window_ms) == [0, 100]


def reserve_times(budget: RedisBudget, times: int, mode: str) -> None:
    """``times`` reservations on connections already made: sync, or in one event loop."""
    if mode == "sync":
        for _ in range(times):
            budget.reserve(1, now=NOW, timeout=TIMEOUT)
        return

    async def reserving() -> None:
        await budget.areserve(1, now=NOW, timeout=TIMEOUT)  # connects, outside the count
        admin.config_resetstat()
        for _ in range(times):
            await budget.areserve(1, now=NOW, timeout=TIMEOUT)

    admin = redis.Redis.from_url(budget.url)
    anyio.run(reserving)


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_reservation_is_one_evalsha_round_trip(
    mode: str, fresh_redis: RedisServer, pool: str
) -> None:
    budget = RedisBudget(fresh_redis.url, pool=pool, limit=100)
    admin = fresh_redis.client()
    budget.reserve(1, now=NOW, timeout=TIMEOUT)  # connects, and caches the script
    admin.config_resetstat()
    reserve_times(budget, 5, mode)
    stats = admin.info("commandstats")
    budget.close()
    counted = {name.removeprefix("cmdstat_"): stat["calls"] for name, stat in stats.items()}
    assert counted == {  # what the script does inside Redis is counted too
        "evalsha": 5,
        "hmget": 5,
        "hset": 5,
        "pexpire": 5,
        "config": 1,  # the reset's own
    }


def test_two_hundred_async_calls_at_once_all_reserve_in_redis(
    make_budget: BudgetFactory, redis_server: RedisServer, pool: str,
    caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    """More calls in flight than the process keeps connections: they wait for one, and no
    outage is declared (redis-py's own pool would refuse the 101st at once)."""
    budget = make_budget(limit=1000)

    async def reserve() -> None:
        await budget.areserve(1, now=NOW, timeout=TIMEOUT)

    async def at_once() -> None:
        async with anyio.create_task_group() as tasks:
            for _ in range(200):
                tasks.start_soon(reserve)

    anyio.run(at_once)
    assert redis_server.client().hget(window_key(pool, 60, NOW), "charged") == "200"
    assert caplog.records == []


def test_an_exchange_count_below_the_pool_s_last_answer_is_not_sent(
    fresh_redis: RedisServer, pool: str
) -> None:
    budget = RedisBudget(fresh_redis.url, pool=pool, limit=100)
    admin = fresh_redis.client()
    budget.reserve(40, now=NOW, timeout=TIMEOUT)
    admin.config_resetstat()
    budget.observe(30, now=NOW, timeout=TIMEOUT)  # the exchange counted less than was reserved
    budget.observe(40, now=NOW, timeout=TIMEOUT)
    not_sent = admin.info("commandstats").get("cmdstat_evalsha", {"calls": 0})["calls"]
    budget.observe(45, now=NOW, timeout=TIMEOUT)
    sent = admin.info("commandstats")["cmdstat_evalsha"]["calls"]
    budget.close()
    assert (not_sent, sent) == (0, 1)
    assert admin.hget(window_key(pool, 60, NOW), "seen") == "45"


def test_a_reservation_after_the_script_cache_was_flushed_loads_it_again(
    calls: Calls, make_budget: BudgetFactory, redis_server: RedisServer
) -> None:
    ours, theirs = make_budget(), make_budget()
    calls.reserve(ours, 60)
    redis_server.client().script_flush()
    assert calls.reserve(theirs, 40) == 0.0
    assert calls.reserve(ours, 1) > 0
