"""The live view: a snapshot, then every event in order; stale and repeated events change
nothing; each snapshot after a Gap replaces the view and reports what differed."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from decimal import Decimal
from typing import Any

import anyio
import httpx
import msgspec
import pytest

from binance_coinm import (
    AllOpenOrders,
    Change,
    ChangesDropped,
    LiveOpenOrders,
    LiveOrder,
    Resynced,
    signed_client,
)
from binance_coinm.models import AlgoOrder, AlgoUpdateEvent, Order, OrderTradeUpdateEvent
from binance_coinm.spec import SPEC

from .fakes import FakeClock, FakeConnector

ORDER = SPEC.operations["currentAllOpenOrders"].example[0]
ALGO = SPEC.operations["currentAllAlgoOpenOrders"].example[0]


def order(**fields: Any) -> Order:
    return Order.from_dict({**ORDER, "status": "NEW", "executedQty": "0", **fields})


def algo_order(**fields: Any) -> AlgoOrder:
    return AlgoOrder.from_dict({**ALGO, **fields})


def trade_update(
    order_id: int, status: str, filled: str, at: int, **o: Any
) -> OrderTradeUpdateEvent:
    body = {
        "e": "ORDER_TRADE_UPDATE", "E": at, "T": at, "i": "a",
        "o": {"s": ORDER["symbol"], "c": ORDER["clientOrderId"], "S": ORDER["side"],
              "o": ORDER["type"], "f": ORDER["timeInForce"], "q": ORDER["origQty"],
              "p": ORDER["price"], "ap": "0", "sp": ORDER["stopPrice"], "x": "TRADE",
              "X": status, "i": order_id, "l": "0", "z": filled, "L": "0", "ma": "BTC",
              "T": at, "t": 0, "rp": "0", "b": "0", "a": "0", "m": False,
              "R": ORDER["reduceOnly"], "wt": ORDER["workingType"], "ot": ORDER["origType"],
              "ps": ORDER["positionSide"], **o},
    }  # fmt: skip
    return msgspec.json.decode(json.dumps(body), type=OrderTradeUpdateEvent)


def algo_update(algo_id: int, status: str, at: int, placed: str = "") -> AlgoUpdateEvent:
    body = {
        "e": "ALGO_UPDATE", "E": at, "T": at,
        "o": {"caid": ALGO["clientAlgoId"], "aid": algo_id, "at": "CONDITIONAL",
              "o": ALGO["orderType"], "s": ALGO["symbol"], "S": ALGO["side"],
              "ps": ALGO["positionSide"], "f": ALGO["timeInForce"], "q": ALGO["quantity"],
              "X": status, "ai": placed, "tp": ALGO["triggerPrice"], "p": ALGO["price"],
              "wt": ALGO["workingType"], "cp": False, "pP": False, "R": ALGO["reduceOnly"],
              "tt": 0},
    }  # fmt: skip
    return msgspec.json.decode(json.dumps(body), type=AlgoUpdateEvent)


def snapshot(orders: list[Order], algo: list[AlgoOrder] | None = None) -> AllOpenOrders:
    return AllOpenOrders(orders=orders, algo_orders=algo or [], weight=0, used_weight_1m=None)


@pytest.fixture
def live() -> LiveOpenOrders:
    client = signed_client("key", "secret")
    return LiveOpenOrders(client, url="wss://stream.test/ws")


def changes_of(view: LiveOpenOrders) -> list[tuple[str, int]]:
    return [
        (notice.kind, getattr(notice.order, "order_id", getattr(notice.order, "algo_id", 0)))
        for notice in view._notices
        if isinstance(notice, Change)
    ]


def test_a_snapshot_fills_the_view(live: LiveOpenOrders) -> None:
    live.take_snapshot(snapshot([order(orderId=1), order(orderId=2)], [algo_order(algoId=9)]))
    assert (set(live.orders), set(live.algo_orders)) == ({1, 2}, {9})
    assert changes_of(live) == [("added", 1), ("added", 2), ("added", 9)]


def test_a_partial_fill_updates_and_a_fill_removes(live: LiveOpenOrders) -> None:
    live.take_snapshot(snapshot([order(orderId=1, updateTime=100)]))
    live.apply(trade_update(1, "PARTIALLY_FILLED", "0.1", at=200))
    assert live.orders[1].executed_qty == Decimal("0.1")
    live.apply(trade_update(1, "FILLED", "0.4", at=300))
    assert 1 not in live.orders
    assert changes_of(live)[-2:] == [("updated", 1), ("removed", 1)]


def test_a_repeated_event_changes_nothing(live: LiveOpenOrders) -> None:
    live.take_snapshot(snapshot([order(orderId=1, updateTime=100)]))
    event = trade_update(1, "PARTIALLY_FILLED", "0.1", at=200)
    live.apply(event)
    live.apply(event)
    assert changes_of(live) == [("added", 1), ("updated", 1)]


def test_an_event_older_than_the_snapshot_is_ignored(live: LiveOpenOrders) -> None:
    live.take_snapshot(snapshot([order(orderId=1, updateTime=500, executedQty="0.2",
                                       status="PARTIALLY_FILLED")]))  # fmt: skip
    live.apply(trade_update(1, "PARTIALLY_FILLED", "0.1", at=400))
    assert live.orders[1].executed_qty == Decimal("0.2")


def test_fills_in_the_same_millisecond_are_told_apart_by_their_quantity(
    live: LiveOpenOrders,
) -> None:
    live.take_snapshot(snapshot([order(orderId=1, updateTime=100)]))
    live.apply(trade_update(1, "PARTIALLY_FILLED", "0.1", at=200))
    live.apply(trade_update(1, "PARTIALLY_FILLED", "0.2", at=200))
    assert live.orders[1].executed_qty == Decimal("0.2")


def test_a_late_copy_of_an_old_event_does_not_bring_a_removed_order_back(
    live: LiveOpenOrders,
) -> None:
    live.take_snapshot(snapshot([order(orderId=1, updateTime=100)]))
    new = trade_update(1, "NEW", "0", at=150)
    live.apply(trade_update(1, "CANCELED", "0", at=200))
    live.apply(new)
    assert 1 not in live.orders


def test_an_order_created_after_the_snapshot_is_added_by_its_event(live: LiveOpenOrders) -> None:
    live.take_snapshot(snapshot([]))
    live.apply(trade_update(7, "NEW", "0", at=100))
    assert set(live.orders) == {7}


def test_an_algo_order_that_triggers_leaves_and_its_placed_order_arrives(
    live: LiveOpenOrders,
) -> None:
    live.take_snapshot(snapshot([], [algo_order(algoId=9, updateTime=100)]))
    live.apply(algo_update(9, "TRIGGERING", at=200))
    assert live.algo_orders[9].algo_status.value == "TRIGGERING"
    live.apply(algo_update(9, "TRIGGERED", at=300))
    live.apply(trade_update(11, "NEW", "0", at=300))
    assert (set(live.algo_orders), set(live.orders)) == (set(), {11})


def test_a_new_snapshot_reports_only_what_differs(live: LiveOpenOrders) -> None:
    live.take_snapshot(snapshot([order(orderId=1), order(orderId=2)]))
    live._notices.clear()
    live.take_snapshot(snapshot([order(orderId=2), order(orderId=3)]))
    assert sorted(changes_of(live)) == [("added", 3), ("removed", 1)]


def test_events_of_other_contracts_are_left_out_when_a_symbol_is_followed() -> None:
    view = LiveOpenOrders(signed_client("key", "secret"), symbol="ETHUSD_PERP",
                          url="wss://stream.test/ws")  # fmt: skip
    view.take_snapshot(snapshot([]))
    view.apply(trade_update(1, "NEW", "0", at=100))
    assert dict(view.orders) == {}


def test_a_changes_reader_that_falls_behind_is_told_so() -> None:
    view = LiveOpenOrders(signed_client("key", "secret"), changes_buffer=2,
                          url="wss://stream.test/ws")  # fmt: skip
    view.take_snapshot(snapshot([order(orderId=n) for n in (1, 2, 3)]))
    assert next(iter(view._notices)) == ChangesDropped(2)


def test_the_view_is_read_only(live: LiveOpenOrders) -> None:
    with pytest.raises(TypeError):
        live.orders[1] = live.orders.get(1)  # type: ignore[index]


REFUSED = {"code": -1001, "msg": "Internal error."}
"""A snapshot answer that is a refusal (400, so that the client does not retry it)."""


@asynccontextmanager
async def following(
    connector: FakeConnector, clock: FakeClock, answers: list[Any]
) -> AsyncIterator[LiveOpenOrders]:
    """A live view over the test's connections, whose snapshots are ``answers`` in turn."""
    reads = iter(answers)

    def exchange(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/dapi/v1/listenKey":
            return httpx.Response(200, json={"listenKey": "k" * 60})
        if request.url.path == "/dapi/v1/openOrders":
            answer = next(reads)
            return httpx.Response(400 if answer == REFUSED else 200, json=answer)
        return httpx.Response(200, json=[])

    client = signed_client("key", "secret", httpx_args={"transport": httpx.MockTransport(exchange)})
    async with (
        client,
        LiveOpenOrders(
            client, url="wss://stream.test/ws", connector=connector, clock=clock
        ) as view,
    ):
        yield view


@pytest.mark.anyio
async def test_it_reads_the_snapshot_again_after_a_reconnection_and_says_so() -> None:
    connector, clock = FakeConnector(), FakeClock()
    first, second = [{**ORDER, "orderId": 1}], [{**ORDER, "orderId": 2}]
    async with following(connector, clock, [first, second]) as view:
        with anyio.fail_after(5):
            await view.wait_in_sync()
        assert set(view.orders) == {1}
        connector.last.drop()
        await clock.advance(1.0)
        with anyio.fail_after(5):
            while view.resyncs < 2:
                await anyio.sleep(0)
        notices = list(view._notices)
    assert set(view.orders) == {2}
    assert notices[-1] == Resynced("reconnected")
    assert view.in_sync


@pytest.mark.anyio
async def test_a_failed_snapshot_is_read_again_a_second_later_on_the_streams_clock() -> None:
    connector, clock = FakeConnector(), FakeClock()
    async with following(connector, clock, [REFUSED, [{**ORDER, "orderId": 1}]]) as view:
        await anyio.wait_all_tasks_blocked()
        assert not view.in_sync
        await clock.advance(1.0)
        assert view.in_sync
        assert set(view.orders) == {1}


@pytest.mark.anyio
async def test_a_view_cancelled_from_outside_closes_its_stream_and_tasks() -> None:
    connector, clock = FakeConnector(), FakeClock()
    with anyio.CancelScope() as outside:
        async with following(connector, clock, [[{**ORDER, "orderId": 1}]]) as view:
            with anyio.fail_after(5):
                await view.wait_in_sync()
            outside.cancel()
            await anyio.sleep(3600)
    assert outside.cancelled_caught
    assert connector.last.closed


def test_a_removed_order_is_reported_as_its_event_left_it(live: LiveOpenOrders) -> None:
    live.take_snapshot(snapshot([order(orderId=1, updateTime=100)]))
    live.apply(trade_update(1, "FILLED", "0.4", at=300))
    removed = live._notices[-1]
    assert isinstance(removed, Change)
    assert isinstance(removed.order, LiveOrder)
    assert removed.kind == "removed"
    assert (removed.order.status.value, removed.order.executed_qty) == ("FILLED", Decimal("0.4"))


def test_a_triggering_algo_order_names_the_order_it_placed(live: LiveOpenOrders) -> None:
    live.take_snapshot(snapshot([], [algo_order(algoId=9, updateTime=100)]))
    assert live.algo_orders[9].actual_order_id == ""
    live.apply(algo_update(9, "TRIGGERING", at=200, placed="1917644"))
    assert live.algo_orders[9].actual_order_id == "1917644"
