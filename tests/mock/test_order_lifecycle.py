"""Orders change as the exchange changes them (fill, cancel, expire), and as a test edits them;
every change shows in the REST answers and reaches the account's subscribers, in order."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from binance_coinm import errors
from binance_coinm.mock import Change, ChangeKind, Fill, MockExchange, OrderChange
from binance_coinm.models import OrderStatus

from .conftest import NOW_MS, FrozenClock, get, signed_query

OPEN_ORDER = "/dapi/v1/openOrder"


def placed(exchange: MockExchange, **fields: Any) -> int:
    """A new open LIMIT order of 10 BTCUSD_PERP contracts at 80000 (100 USD each)."""
    defaults = {"symbol": "BTCUSD_PERP", "side": "BUY", "type": "LIMIT"}
    order = exchange.add_order(**{**defaults, "orig_qty": 10, "price": "80000", **fields})
    return order.order_id


def served(exchange: MockExchange, order_id: int) -> dict[str, Any] | None:
    """The order as Query Current Open Order answers it, or None if the exchange says -2013."""
    query = signed_query({"symbol": "BTCUSD_PERP", "orderId": order_id})
    reply = get(exchange, query, path=OPEN_ORDER)
    if reply.status == 400 and json.loads(reply.body)["code"] == -2013:
        return None
    assert reply.status == 200, reply.body
    order: dict[str, Any] = json.loads(reply.body)
    return order


def open_ids(exchange: MockExchange) -> list[int]:
    reply = get(exchange, signed_query({"symbol": "BTCUSD_PERP"}))
    return [order["orderId"] for order in json.loads(reply.body)]


def recorded(exchange: MockExchange) -> list[OrderChange]:
    """The changes to ordinary orders from now on (these tests make no algo order)."""
    changes: list[OrderChange] = []

    def record(change: Change) -> None:
        assert isinstance(change, OrderChange)
        changes.append(change)

    exchange.on_change(record)
    return changes


def test_partial_fill_shows_in_the_open_order(exchange: MockExchange, clock: FrozenClock) -> None:
    order_id = placed(exchange)
    clock.now_ms += 5000
    exchange.fill(order_id, 4)
    order = served(exchange, order_id)
    assert order is not None
    assert {key: order[key] for key in ("executedQty", "cumBase", "avgPrice", "status")} == {
        "executedQty": "4",
        "cumBase": "0.00500000",
        "avgPrice": "80000.0",
        "status": "PARTIALLY_FILLED",
    }
    assert order["updateTime"] == clock.now_ms


def test_whole_fill_makes_the_order_filled_and_no_longer_open(exchange: MockExchange) -> None:
    order_id = placed(exchange)
    exchange.fill(order_id, 10)
    assert (served(exchange, order_id), order_id in open_ids(exchange)) == (None, False)
    assert exchange.order(order_id).status == "FILLED"


def test_fill_without_a_quantity_fills_what_is_left(exchange: MockExchange) -> None:
    order_id = placed(exchange)
    exchange.fill(order_id, 3)
    order = exchange.fill(order_id)
    assert (order.executed_qty, order.status) == (Decimal(10), "FILLED")


def test_fills_at_two_prices_average_by_quantity(exchange: MockExchange) -> None:
    order_id = placed(exchange)
    exchange.fill(order_id, 5)
    order = exchange.fill(order_id, 5, price="81000")
    assert (order.avg_price, order.cum_base) == (Decimal(80500), Decimal("0.01242284"))


def test_seeded_partly_filled_order_fills_on_from_its_fills(exchange: MockExchange) -> None:
    partly = exchange.orders[1]
    assert (partly.executed_qty, partly.status) == (Decimal(2), OrderStatus.PARTIALLY_FILLED)
    order = exchange.fill(partly.order_id)
    assert (order.executed_qty, order.avg_price, order.status) == (
        Decimal(5),
        partly.price,
        OrderStatus.FILLED,
    )


def test_fill_of_an_order_without_a_limit_price_needs_one(exchange: MockExchange) -> None:
    order_id = placed(exchange, type="MARKET", price="0")
    with pytest.raises(errors.ConfigurationError, match=r"give fill\(\.\.\., price=\.\.\.\)"):
        exchange.fill(order_id)
    assert exchange.fill(order_id, price="79000").avg_price == Decimal(79000)


@pytest.mark.parametrize("quantity", [0, -1, 11, "10.5"])
def test_fill_of_nothing_or_of_more_than_is_left_is_refused(
    exchange: MockExchange, quantity: object
) -> None:
    order_id = placed(exchange)
    with pytest.raises(errors.ConfigurationError, match="at most the 10 left to fill"):
        exchange.fill(order_id, quantity)


@pytest.mark.parametrize(("argument", "value"), [("quantity", 1.5), ("price", 80000.0)])
def test_fill_by_a_float_is_refused(exchange: MockExchange, argument: str, value: float) -> None:
    order_id = placed(exchange)
    with pytest.raises(errors.ArgumentTypeError, match=f"{argument} must be exact"):
        exchange.fill(order_id, **{argument: value})


@pytest.mark.parametrize("value", ["NaN", "Infinity", "ten"])
def test_fill_by_a_number_that_is_not_finite_is_refused(exchange: MockExchange, value: str) -> None:
    with pytest.raises(errors.ConfigurationError, match="quantity must be a finite number"):
        exchange.fill(placed(exchange), value)


def test_cancel_takes_the_order_out_of_the_open_orders(exchange: MockExchange) -> None:
    order_id = placed(exchange)
    assert exchange.cancel(order_id).status == "CANCELED"
    assert (served(exchange, order_id), order_id in open_ids(exchange)) == (None, False)


def test_expire_takes_the_order_out_of_the_open_orders(exchange: MockExchange) -> None:
    order_id = placed(exchange)
    assert exchange.expire(order_id).status == "EXPIRED"
    assert order_id not in open_ids(exchange)


@pytest.mark.parametrize("close", ["cancel", "expire", "fill"])
def test_an_order_no_longer_open_cannot_be_closed_again(exchange: MockExchange, close: str) -> None:
    order_id = placed(exchange)
    exchange.cancel(order_id)
    with pytest.raises(errors.ConfigurationError, match="is CANCELED: only an open order"):
        getattr(exchange, close)(order_id)


def test_change_order_changes_what_is_served(exchange: MockExchange, clock: FrozenClock) -> None:
    order_id = placed(exchange)
    clock.now_ms += 700
    exchange.change_order(order_id, price="79500", reduce_only=True)
    order = served(exchange, order_id)
    assert order is not None
    assert (order["price"], order["reduceOnly"], order["updateTime"]) == (
        "79500",
        True,
        NOW_MS + 700,
    )


def test_change_of_symbol_moves_the_order_to_that_symbol_s_pair(exchange: MockExchange) -> None:
    order = exchange.change_order(placed(exchange), symbol="ETHUSD_PERP")
    assert (order.symbol, order.pair) == ("ETHUSD_PERP", "ETHUSD")


def test_change_order_cannot_change_the_id(exchange: MockExchange) -> None:
    with pytest.raises(errors.ConfigurationError, match="order_id cannot change"):
        exchange.change_order(placed(exchange), order_id=5)


def test_change_order_is_checked_as_an_added_order_is(exchange: MockExchange) -> None:
    order_id = placed(exchange)
    with pytest.raises(errors.ArgumentTypeError, match="'price' must be exact"):
        exchange.change_order(order_id, price=1.5)
    assert exchange.order(order_id).price == Decimal(80000)


def test_removed_order_is_gone_from_the_account(exchange: MockExchange) -> None:
    order_id = placed(exchange)
    removed = exchange.remove_order(order_id)
    assert removed.order_id == order_id
    with pytest.raises(errors.ConfigurationError, match=f"has no order {order_id}"):
        exchange.order(order_id)


@pytest.mark.parametrize("method", ["fill", "cancel", "expire", "remove_order", "change_order"])
def test_an_unknown_order_id_is_a_configuration_error(exchange: MockExchange, method: str) -> None:
    with pytest.raises(errors.ConfigurationError, match="the mock's account has no order 5"):
        getattr(exchange, method)(5)


def test_an_order_id_that_is_no_int_is_an_argument_type_error(exchange: MockExchange) -> None:
    with pytest.raises(errors.ArgumentTypeError, match="order_id must be an int"):
        exchange.cancel("1917641")  # type: ignore[arg-type]


def test_every_change_reaches_a_subscriber_in_order(
    exchange: MockExchange, clock: FrozenClock
) -> None:
    changes = recorded(exchange)
    order_id = placed(exchange)
    exchange.change_order(order_id, price="79000")
    clock.now_ms += 1
    exchange.fill(order_id, 4)
    exchange.cancel(order_id)
    exchange.remove_order(order_id)
    assert [(c.kind, c.order_id, c.fields["status"]) for c in changes] == [
        (ChangeKind.NEW, order_id, "NEW"),
        (ChangeKind.AMENDMENT, order_id, "NEW"),
        (ChangeKind.TRADE, order_id, "PARTIALLY_FILLED"),
        (ChangeKind.CANCELED, order_id, "CANCELED"),
        (ChangeKind.REMOVED, order_id, "CANCELED"),
    ]
    assert (changes[2].fill, changes[2].time_ms) == (
        Fill(Decimal(4), Decimal(79000)),
        NOW_MS + 1,
    )


def test_a_change_holds_the_order_as_served(exchange: MockExchange) -> None:
    changes = recorded(exchange)
    order_id = placed(exchange)
    assert (dict(changes[0].fields), changes[0].order) == (
        served(exchange, order_id),
        exchange.order(order_id),
    )


def test_a_change_cannot_be_edited_by_its_subscriber(exchange: MockExchange) -> None:
    changes = recorded(exchange)
    placed(exchange)
    with pytest.raises(TypeError):
        changes[0].fields["price"] = "1"  # type: ignore[index]


def test_a_refused_change_reaches_no_subscriber(exchange: MockExchange) -> None:
    order_id = placed(exchange)
    changes = recorded(exchange)
    with pytest.raises(errors.ConfigurationError):
        exchange.fill(order_id, 11)
    assert changes == []


def test_an_unsubscribed_callback_hears_no_more(exchange: MockExchange) -> None:
    changes: list[Change] = []
    unsubscribe = exchange.on_change(changes.append)
    order_id = placed(exchange)
    unsubscribe()
    exchange.cancel(order_id)
    assert [change.kind for change in changes] == [ChangeKind.NEW]


def test_a_subscriber_that_is_not_callable_is_refused(exchange: MockExchange) -> None:
    with pytest.raises(errors.ArgumentTypeError, match="a subscriber must be callable"):
        exchange.on_change("print")  # type: ignore[arg-type]


@given(
    parts=st.lists(st.integers(min_value=1, max_value=50), min_size=1, max_size=8),
    prices=st.lists(st.integers(min_value=1, max_value=10**6), min_size=8, max_size=8),
)
def test_fills_add_up_to_the_order(parts: list[int], prices: list[int]) -> None:
    exchange = MockExchange(clock=FrozenClock(NOW_MS))
    order_id = placed(exchange, orig_qty=sum(parts))
    changes = recorded(exchange)
    for part, price in zip(parts, prices, strict=False):
        exchange.fill(order_id, part, price=price)
    order = exchange.order(order_id)
    fills = [change.fill for change in changes if change.fill is not None]
    assert [fill.quantity for fill in fills] == parts
    assert order.executed_qty == sum(parts)
    assert order.cum_base == sum(
        (Decimal(100) * part / price).quantize(Decimal("1e-8"))
        for part, price in zip(parts, prices, strict=False)
    )
    assert min(prices[: len(parts)]) <= order.avg_price <= max(prices[: len(parts)])
    assert [change.fields["status"] for change in changes] == [
        *["PARTIALLY_FILLED"] * (len(parts) - 1),
        "FILLED",
    ]
