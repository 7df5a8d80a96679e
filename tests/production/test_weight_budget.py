"""The client-side weight budget: 1 with symbol, 40 without, kept in step with the exchange."""

from __future__ import annotations

import anyio
import httpx
import pytest
from anyio import wait_all_tasks_blocked

from binance_coinm import WeightBudget, current_all_open_orders, errors, signed_client, sync_clock

from . import loopback
from .conftest import ClientFactory, ControlledClock, Fetch, RecordingExchange


def test_used_weight_is_visible_on_every_response(
    exchange: RecordingExchange, make_client: ClientFactory
) -> None:
    client = make_client()
    with_symbol = current_all_open_orders.sync_detailed(client=client, symbol="BTCUSD_PERP")
    without_symbol = current_all_open_orders.sync_detailed(client=client)
    assert (with_symbol.used_weight_1m, without_symbol.used_weight_1m) == (1, 41)


def test_used_weight_is_visible_on_errors(
    exchange: RecordingExchange, make_client: ClientFactory
) -> None:
    with pytest.raises(errors.InvalidRequestError) as caught:
        current_all_open_orders.sync(client=make_client(), symbol="XRPUSD_PERP")
    assert caught.value.used_weight_1m == 1


def test_raise_mode_refuses_a_call_over_budget_before_sending(
    exchange: RecordingExchange, make_client: ClientFactory, fetch: Fetch
) -> None:
    client = make_client(weight_limit=80, on_weight_exceeded="raise")
    fetch(client=client)
    fetch(client=client)
    with pytest.raises(errors.WeightBudgetExceededError) as caught:
        fetch(client=client)
    assert caught.value.retry_after == pytest.approx(45.0)
    assert len(exchange.requests) == 2


def test_a_light_call_still_fits_where_a_heavy_one_does_not(
    exchange: RecordingExchange, make_client: ClientFactory, fetch: Fetch
) -> None:
    client = make_client(weight_limit=80, on_weight_exceeded="raise")
    fetch(client=client)
    fetch(client=client, symbol="BTCUSD_PERP")
    with pytest.raises(errors.WeightBudgetExceededError):
        fetch(client=client)
    assert len(fetch(client=client, symbol="ETHUSD_PERP")) == 1


def test_wait_mode_waits_for_the_next_minute(
    exchange: RecordingExchange, make_client: ClientFactory, fetch: Fetch, clock: ControlledClock
) -> None:
    client = make_client(weight_limit=80, deadline=60)
    for _ in range(3):
        fetch(client=client)
    assert clock.sleeps == [45.0]
    assert len(exchange.requests) == 3


def test_wait_mode_raises_at_once_when_the_wait_would_pass_the_deadline(
    exchange: RecordingExchange, make_client: ClientFactory, fetch: Fetch, clock: ControlledClock
) -> None:
    client = make_client(weight_limit=80)
    for _ in range(2):
        fetch(client=client)
    with pytest.raises(errors.WeightBudgetExceededError) as caught:
        fetch(client=client)
    assert caught.value.retry_after == pytest.approx(45.0)
    assert (clock.sleeps, len(exchange.requests)) == ([], 2)


def test_budget_follows_the_exchange_count_of_other_clients(
    exchange: RecordingExchange, make_client: ClientFactory, fetch: Fetch
) -> None:
    other = make_client(weight_limit=None)
    for _ in range(59):
        fetch(client=other)
    ours = make_client(weight_limit=2400, on_weight_exceeded="raise")
    fetch(client=ours, symbol="BTCUSD_PERP")
    with pytest.raises(errors.WeightBudgetExceededError):
        fetch(client=ours)
    assert exchange.requests[-1][1].startswith(b"symbol=BTCUSD_PERP")


def test_the_budget_minute_is_the_exchange_minute(
    exchange: RecordingExchange, make_client: ClientFactory, fetch: Fetch, clock: ControlledClock
) -> None:
    exchange.faults.clock_skew_ms = 44_000  # the exchange is at 59 s of its minute, we at 15 s
    client = make_client(weight_limit=80)
    sync_clock(client)
    for _ in range(3):
        fetch(client=client)
    assert clock.sleeps == [1.0]


def test_a_call_heavier_than_the_whole_budget_is_refused_before_it_is_sent(
    exchange: RecordingExchange, make_client: ClientFactory, fetch: Fetch
) -> None:
    client = make_client(weight_limit=10, on_weight_exceeded="raise")
    with pytest.raises(errors.WeightBudgetExceededError, match="can never fit"):
        fetch(client=client)
    assert exchange.requests == []


def test_a_count_taken_before_calls_still_in_flight_does_not_lower_the_budget() -> None:
    budget = WeightBudget(10, on_exceed="raise", clock=lambda: 30.0)
    for _ in range(3):
        budget.reserve(1)
    budget.observe(1)  # the exchange counted one call; two more were on their way
    assert budget.used == 3
    budget.observe(7)  # other clients on the same IP
    assert budget.used == 7


def test_an_async_call_cancelled_before_its_request_left_gives_its_weight_back() -> None:
    async def scenario(url: str) -> tuple[int, int]:
        client = signed_client(
            "key", "secret", base_url=url, httpx_args={"limits": httpx.Limits(max_connections=1)}
        )
        async with client, anyio.create_task_group() as tasks:
            sent, waiting = anyio.CancelScope(), anyio.CancelScope()

            async def call(scope: anyio.CancelScope) -> None:
                with scope:
                    await current_all_open_orders.asyncio(client=client)

            tasks.start_soon(call, sent)  # takes the one connection, and no answer comes
            await wait_all_tasks_blocked()
            tasks.start_soon(call, waiting)  # waits for the connection: its request never leaves
            await wait_all_tasks_blocked()
            assert isinstance(client.budget, WeightBudget)
            both = client.budget.used
            waiting.cancel()
            await wait_all_tasks_blocked()
            after = client.budget.used
            sent.cancel()
        return both, after

    with loopback.serving(loopback.never_answer) as server:
        both, after = anyio.run(scenario, server.url)
        assert len(server.heads) == 1
    assert (both, after) == (80, 40)
