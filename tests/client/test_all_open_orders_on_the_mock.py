"""Every open order against the mock exchange: what ``all_open_orders`` returns is what the two
reads answer, and ``placed_by`` links an order to the listed algo order that placed it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import anyio
import pytest

from binance_coinm import (
    AllOpenOrders,
    AuthenticatedClient,
    all_open_orders,
    current_all_algo_open_orders,
    current_all_open_orders,
)
from binance_coinm.mock import MockExchange

Read = Callable[..., AllOpenOrders]
SEEDED_TRIGGERING, ITS_ORDER = 2148603, 1917644
SEEDED_TRIGGERED, ITS_STOP_ORDER = 2148602, 1917643


@pytest.fixture(params=["sync", "async"])
def read(
    request: pytest.FixtureRequest,
    binance_mock_client: AuthenticatedClient,
    binance_mock_async_client: AuthenticatedClient,
) -> Read:
    def run(**scope: Any) -> AllOpenOrders:
        if request.param == "sync":
            return all_open_orders.sync(client=binance_mock_client, **scope)

        async def call() -> AllOpenOrders:
            return await all_open_orders.asyncio(client=binance_mock_async_client, **scope)

        return anyio.run(call)

    return run


def test_the_whole_account_is_the_two_reads(
    read: Read, binance_mock_client: AuthenticatedClient
) -> None:
    found = read()
    assert (found.orders, found.algo_orders) == (
        current_all_open_orders.sync(client=binance_mock_client),
        current_all_algo_open_orders.sync(client=binance_mock_client),
    )
    assert (len(found.orders), len(found.algo_orders)) == (8, 5)


def test_a_symbol_is_the_two_reads_of_that_symbol(
    read: Read, binance_mock_client: AuthenticatedClient
) -> None:
    found = read(symbol="ETHUSD_PERP")
    assert (found.orders, found.algo_orders) == (
        current_all_open_orders.sync(client=binance_mock_client, symbol="ETHUSD_PERP"),
        current_all_algo_open_orders.sync(client=binance_mock_client, symbol="ETHUSD_PERP"),
    )
    assert (len(found.orders), len(found.algo_orders)) == (1, 2)


def test_a_pair_is_its_orders_and_the_algo_orders_of_its_contracts(
    read: Read, binance_mock_client: AuthenticatedClient
) -> None:
    found = read(pair="BTCUSD")
    every_algo_order = current_all_algo_open_orders.sync(client=binance_mock_client)
    assert (found.orders, found.algo_orders) == (
        current_all_open_orders.sync(client=binance_mock_client, pair="BTCUSD"),
        [algo for algo in every_algo_order if algo.symbol.startswith("BTCUSD_")],
    )
    assert {algo.symbol for algo in found.algo_orders} == {
        "BTCUSD_PERP",
        "BTCUSD_261225",
        "BTCUSD_270326",
    }


def test_placed_by_links_the_seeded_triggering_order(read: Read) -> None:
    found = read()
    (order,) = [order for order in found.orders if order.order_id == ITS_ORDER]
    placer = found.placed_by(order)
    assert placer is not None
    assert placer.algo_id == SEEDED_TRIGGERING


def test_placed_by_knows_no_triggered_algo_order_as_it_is_not_listed(read: Read) -> None:
    found = read()
    (order,) = [order for order in found.orders if order.order_id == ITS_STOP_ORDER]
    assert found.placed_by(order) is None


def test_placed_by_links_a_held_trigger_until_it_completes(
    read: Read, binance_mock_exchange: MockExchange
) -> None:
    algo = binance_mock_exchange.add_algo_order(
        symbol="ETHUSD_PERP", side="SELL", order_type="STOP_MARKET", quantity=2,
        trigger_price="2500",
    )  # fmt: skip
    placed = binance_mock_exchange.trigger(algo.algo_id, hold=True)
    held = read(symbol="ETHUSD_PERP")
    binance_mock_exchange.trigger(algo.algo_id)
    triggered = read(symbol="ETHUSD_PERP")
    placer = held.placed_by(placed)
    assert placer is not None
    assert (placer.algo_id, placer.algo_status) == (algo.algo_id, "TRIGGERING")
    assert triggered.placed_by(placed) is None
