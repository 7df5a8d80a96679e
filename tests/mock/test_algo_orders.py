"""The mock's algo book: conditional orders wait in the Algo Service until a test triggers them;
the order they place is an ordinary one, and every change is recorded in the order made."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from binance_coinm import errors
from binance_coinm.mock import (
    AlgoChange,
    AlgoChangeKind,
    Change,
    ChangeKind,
    MockExchange,
    OrderChange,
    seed_algo_orders,
)
from binance_coinm.models import AlgoOrder, AlgoStatus, OrderStatus, OrderType

from ..openapi_contract import schema_validator
from .conftest import NOW_MS, FrozenClock

STOP_SELL = {
    "symbol": "BTCUSD_PERP",
    "side": "SELL",
    "order_type": "STOP",
    "quantity": 5,
    "trigger_price": "80000",
    "price": "79900",
}
CONDITIONAL = ["STOP", "STOP_MARKET", "TAKE_PROFIT", "TAKE_PROFIT_MARKET", "TRAILING_STOP_MARKET"]
TRIGGERED_STOP, TRIGGERING_TRAILING = 2148602, 2148603


def waiting(order_type: str, **fields: Any) -> dict[str, Any]:
    """Keywords of a BTCUSD_PERP algo order of ``order_type``, with the prices it needs."""
    keywords = {**STOP_SELL, "order_type": order_type}
    if order_type not in ("STOP", "TAKE_PROFIT"):
        del keywords["price"]
    if order_type == "TRAILING_STOP_MARKET":
        del keywords["trigger_price"]
    return {**keywords, **fields}


def recorded(exchange: MockExchange) -> list[Change]:
    changes: list[Change] = []
    exchange.on_change(changes.append)
    return changes


def kinds(changes: list[Change]) -> list[tuple[str, object]]:
    """Each change as (record type, kind)."""
    return [(type(change).__name__, change.kind.value) for change in changes]


# The book.


def test_seed_lists_four_new_and_one_triggering_algo_order(exchange: MockExchange) -> None:
    statuses = [algo.algo_status for algo in exchange.algo_orders]
    assert sorted(statuses) == ["NEW"] * 4 + ["TRIGGERING"]


def test_seeded_triggering_trailing_stop_names_its_open_order(exchange: MockExchange) -> None:
    algo = exchange.algo_order(TRIGGERING_TRAILING)
    placed = exchange.order(int(algo.actual_order_id))  # type: ignore[arg-type]
    assert (algo.order_type, placed.orig_type, placed.status) == (
        "TRAILING_STOP_MARKET",
        "TRAILING_STOP_MARKET",
        "NEW",
    )
    assert placed in exchange.orders


def test_seeded_triggered_stop_is_kept_but_not_listed(exchange: MockExchange) -> None:
    algo = exchange.algo_order(TRIGGERED_STOP)
    assert algo.algo_status == "TRIGGERED"
    assert algo not in exchange.algo_orders
    assert exchange.order(int(algo.actual_order_id)) in exchange.orders  # type: ignore[arg-type]


def test_seeded_algo_orders_conform_to_the_algo_order_schema(spec: dict[str, Any]) -> None:
    validator = schema_validator(spec, {"$ref": "#/components/schemas/AlgoOrder"})
    for algo in seed_algo_orders():
        validator.validate(algo)


def test_added_algo_order_is_listed_and_found_by_its_id(exchange: MockExchange) -> None:
    algo = exchange.add_algo_order(**STOP_SELL)
    assert (exchange.algo_orders[-1], exchange.algo_order(algo.algo_id)) == (algo, algo)


def test_added_algo_order_takes_binance_defaults(exchange: MockExchange) -> None:
    algo = exchange.add_algo_order(**STOP_SELL)
    assert {
        key: algo.to_dict()[key]
        for key in (
            "algoType", "algoStatus", "positionSide", "timeInForce", "workingType",
            "actualOrderId", "createTime", "updateTime", "triggerTime", "reduceOnly",
        )
    } == {
        "algoType": "CONDITIONAL", "algoStatus": "NEW", "positionSide": "BOTH",
        "timeInForce": "GTC", "workingType": "CONTRACT_PRICE", "actualOrderId": "",
        "createTime": NOW_MS, "updateTime": NOW_MS, "triggerTime": 0, "reduceOnly": False,
    }  # fmt: skip


def test_added_algo_order_takes_the_next_free_id(exchange: MockExchange) -> None:
    highest = max(algo["algoId"] for algo in seed_algo_orders())
    assert exchange.add_algo_order(**STOP_SELL).algo_id == highest + 1


def test_algo_order_model_with_fields_changed(exchange: MockExchange) -> None:
    first = exchange.add_algo_order(**STOP_SELL)
    second = exchange.add_algo_order(first, algo_id=7, client_algo_id="again", quantity=9)
    assert (second.algo_id, second.quantity, second.trigger_price) == (
        7,
        Decimal(9),
        first.trigger_price,
    )


def test_algo_order_as_binance_json(exchange: MockExchange) -> None:
    binance = {**seed_algo_orders()[2], "algoId": 42, "clientAlgoId": "from-json"}
    assert exchange.add_algo_order_json(binance).to_dict() == binance


def test_trailing_stop_needs_no_trigger_price(exchange: MockExchange) -> None:
    algo = exchange.add_algo_order(**waiting("TRAILING_STOP_MARKET"))
    assert (algo.trigger_price, algo.callback_rate) == (Decimal(0), Decimal(1))


# Refusals.


def test_a_float_is_an_argument_type_error(exchange: MockExchange) -> None:
    with pytest.raises(errors.ArgumentTypeError, match="'trigger_price' must be exact"):
        exchange.add_algo_order(**{**STOP_SELL, "trigger_price": 80000.5})


def test_a_name_the_model_lacks_is_an_argument_type_error(exchange: MockExchange) -> None:
    with pytest.raises(errors.ArgumentTypeError, match="'stop_price' is no field"):
        exchange.add_algo_order(**STOP_SELL, stop_price="1")


def test_an_ordinary_order_type_is_refused(exchange: MockExchange) -> None:
    with pytest.raises(errors.ConfigurationError, match="'order_type' is LIMIT"):
        exchange.add_algo_order(**{**STOP_SELL, "order_type": "LIMIT"})


@pytest.mark.parametrize("order_type", ["STOP", "TAKE_PROFIT"])
def test_a_limit_placing_type_needs_a_price(exchange: MockExchange, order_type: str) -> None:
    with pytest.raises(errors.ConfigurationError, match="'price' must be more than 0"):
        exchange.add_algo_order(**{**waiting("STOP_MARKET"), "order_type": order_type})


@pytest.mark.parametrize("order_type", CONDITIONAL[:4])
def test_a_trigger_price_is_needed(exchange: MockExchange, order_type: str) -> None:
    with pytest.raises(errors.ConfigurationError, match="'trigger_price' is not valid"):
        exchange.add_algo_order(**{**waiting("TRAILING_STOP_MARKET"), "order_type": order_type})


def test_a_trigger_price_of_zero_is_refused(exchange: MockExchange) -> None:
    with pytest.raises(errors.ConfigurationError, match="'trigger_price' must be more than 0"):
        exchange.add_algo_order(**{**STOP_SELL, "trigger_price": 0})


def test_a_status_the_spec_does_not_list_is_refused(exchange: MockExchange) -> None:
    with pytest.raises(errors.ConfigurationError, match="'algo_status' is not valid"):
        exchange.add_algo_order(**STOP_SELL, algo_status="PAUSED")


def test_a_symbol_not_listed_is_refused(exchange: MockExchange) -> None:
    with pytest.raises(errors.ConfigurationError, match="'XRPUSD_PERP' is no listed contract"):
        exchange.add_algo_order(**{**STOP_SELL, "symbol": "XRPUSD_PERP"})


def test_an_algo_id_taken_is_refused(exchange: MockExchange) -> None:
    with pytest.raises(errors.ConfigurationError, match="'algo_id': the account already has"):
        exchange.add_algo_order(**STOP_SELL, algo_id=TRIGGERED_STOP)


def test_a_client_algo_id_of_a_listed_algo_order_is_refused(exchange: MockExchange) -> None:
    exchange.add_algo_order(**STOP_SELL, client_algo_id="mine")
    with pytest.raises(errors.ConfigurationError, match="'client_algo_id'"):
        exchange.add_algo_order(**STOP_SELL, client_algo_id="mine")


def test_a_client_algo_id_of_a_cancelled_algo_order_is_free(exchange: MockExchange) -> None:
    exchange.cancel_algo_order(exchange.add_algo_order(**STOP_SELL, client_algo_id="mine").algo_id)
    assert exchange.add_algo_order(**STOP_SELL, client_algo_id="mine").algo_status == "NEW"


@pytest.mark.parametrize("order_type", CONDITIONAL)
def test_add_order_refuses_a_conditional_type(exchange: MockExchange, order_type: str) -> None:
    with pytest.raises(errors.ConfigurationError, match=r"add_algo_order\(\)"):
        exchange.add_order(symbol="BTCUSD_PERP", side="BUY", type=order_type, orig_qty=1)


def test_add_order_json_refuses_a_conditional_type(exchange: MockExchange) -> None:
    order = {**exchange.orders[0].to_dict(), "orderId": 5, "clientOrderId": "x", "type": "STOP"}
    with pytest.raises(errors.ConfigurationError, match=r"add_algo_order\(\)"):
        exchange.add_order_json(order)


def test_change_order_refuses_a_conditional_type(exchange: MockExchange) -> None:
    with pytest.raises(errors.ConfigurationError, match=r"add_algo_order\(\)"):
        exchange.change_order(exchange.orders[0].order_id, type=OrderType.TAKE_PROFIT)
    assert exchange.orders[0].type == "LIMIT"


def test_a_conditional_orig_type_stays_allowed(exchange: MockExchange) -> None:
    order = exchange.add_order(
        symbol="BTCUSD_PERP", side="BUY", type="MARKET", orig_type="STOP_MARKET", orig_qty=1
    )
    assert (order.type, order.orig_type) == ("MARKET", "STOP_MARKET")


# Trigger: the placed order.


@pytest.mark.parametrize(("order_type", "price"), [("STOP", "79900"), ("TAKE_PROFIT", "79900")])
def test_stop_and_take_profit_place_a_limit_at_their_price(
    exchange: MockExchange, order_type: str, price: str
) -> None:
    placed = exchange.trigger(exchange.add_algo_order(**waiting(order_type)).algo_id)
    assert (placed.type, placed.price) == ("LIMIT", Decimal(price))


@pytest.mark.parametrize(
    "order_type", ["STOP_MARKET", "TAKE_PROFIT_MARKET", "TRAILING_STOP_MARKET"]
)
def test_the_other_types_place_a_market_order(exchange: MockExchange, order_type: str) -> None:
    algo = exchange.add_algo_order(**waiting(order_type))
    placed = exchange.trigger(algo.algo_id, price="80100")
    assert (placed.type, placed.price) == (OrderType.MARKET, Decimal(0))


def test_placed_order_carries_the_conditional_type_client_id_and_met_price(
    exchange: MockExchange,
) -> None:
    algo = exchange.add_algo_order(**STOP_SELL, client_algo_id="my-stop")
    placed = exchange.trigger(algo.algo_id, price="79990.5")
    assert (placed.orig_type, placed.client_order_id, placed.stop_price, placed.orig_qty) == (
        OrderType.STOP,
        "my-stop",
        Decimal("79990.5"),
        Decimal(5),
    )


def test_met_price_defaults_to_the_trigger_price(exchange: MockExchange) -> None:
    placed = exchange.trigger(exchange.add_algo_order(**STOP_SELL).algo_id)
    assert placed.stop_price == Decimal(80000)


def test_trailing_stop_placed_order_carries_its_activation_and_rate(
    exchange: MockExchange,
) -> None:
    algo = exchange.add_algo_order(
        **waiting("TRAILING_STOP_MARKET"), activate_price="88000", callback_rate="0.5"
    )
    placed = exchange.trigger(algo.algo_id)
    assert (placed.stop_price, placed.activate_price, placed.price_rate) == (
        Decimal(88000),
        Decimal(88000),
        Decimal("0.5"),
    )


def test_placed_order_is_open_and_its_algo_order_triggered_and_linked(
    exchange: MockExchange, clock: FrozenClock
) -> None:
    algo = exchange.add_algo_order(**STOP_SELL)
    clock.now_ms += 1000
    placed = exchange.trigger(algo.algo_id)
    triggered = exchange.algo_order(algo.algo_id)
    assert placed in exchange.orders
    assert triggered not in exchange.algo_orders
    assert (
        triggered.algo_status,
        triggered.actual_order_id,
        triggered.actual_type,
        triggered.trigger_time,
        triggered.update_time,
    ) == ("TRIGGERED", str(placed.order_id), "LIMIT", clock.now_ms, clock.now_ms)


def test_trigger_records_triggering_the_order_then_triggered(exchange: MockExchange) -> None:
    algo = exchange.add_algo_order(**STOP_SELL)
    changes = recorded(exchange)
    exchange.trigger(algo.algo_id)
    assert kinds(changes) == [
        ("AlgoChange", "TRIGGERING"),
        ("OrderChange", "NEW"),
        ("AlgoChange", "TRIGGERED"),
    ]
    assert changes[0].fields["actualOrderId"] == str(changes[1].fields["orderId"])


def test_hold_stops_at_triggering_and_a_second_trigger_finishes_it(
    exchange: MockExchange,
) -> None:
    algo = exchange.add_algo_order(**STOP_SELL)
    placed = exchange.trigger(algo.algo_id, hold=True)
    held = exchange.algo_order(algo.algo_id)
    assert (held.algo_status, held in exchange.algo_orders, placed in exchange.orders) == (
        "TRIGGERING",
        True,
        True,
    )
    assert exchange.trigger(algo.algo_id) == placed
    assert exchange.algo_order(algo.algo_id).algo_status == "TRIGGERED"


@pytest.mark.parametrize(
    ("close", "status"),
    [("fill", "FILLED"), ("cancel", "CANCELED"), ("expire", "EXPIRED")],
)
def test_placed_order_closing_finishes_its_algo_order(
    exchange: MockExchange, close: str, status: str
) -> None:
    algo = exchange.add_algo_order(**STOP_SELL)
    placed = exchange.trigger(algo.algo_id)
    changes = recorded(exchange)
    getattr(exchange, close)(placed.order_id)
    assert [
        (type(c).__name__, c.fields.get("status", c.fields.get("algoStatus"))) for c in changes
    ] == [
        ("OrderChange", status),
        ("AlgoChange", "FINISHED"),
    ]


def test_finished_algo_order_tells_the_fill(exchange: MockExchange) -> None:
    algo = exchange.add_algo_order(**STOP_SELL)
    placed = exchange.trigger(algo.algo_id)
    exchange.fill(placed.order_id, 2, price="79950")
    exchange.cancel(placed.order_id)
    finished = exchange.algo_order(algo.algo_id)
    assert (finished.algo_status, finished.actual_qty, finished.actual_price) == (
        AlgoStatus.FINISHED,
        Decimal(2),
        Decimal(79950),
    )


def test_a_partial_fill_leaves_the_algo_order_triggered(exchange: MockExchange) -> None:
    algo = exchange.add_algo_order(**STOP_SELL)
    exchange.fill(exchange.trigger(algo.algo_id).order_id, 1)
    assert exchange.algo_order(algo.algo_id).algo_status == "TRIGGERED"


def test_a_held_algo_order_finishes_when_its_order_fills(exchange: MockExchange) -> None:
    algo = exchange.add_algo_order(**STOP_SELL)
    exchange.fill(exchange.trigger(algo.algo_id, hold=True).order_id)
    assert exchange.algo_order(algo.algo_id).algo_status == "FINISHED"


def test_a_refused_trigger_changes_nothing(exchange: MockExchange) -> None:
    algo = exchange.add_algo_order(**STOP_SELL, client_algo_id="taken")
    exchange.add_order(symbol="ETHUSD_PERP", side="BUY", type="MARKET", orig_qty=1,
                       client_order_id="taken")  # fmt: skip
    orders = exchange.orders
    changes = recorded(exchange)
    with pytest.raises(errors.ConfigurationError, match="'clientOrderId'"):
        exchange.trigger(algo.algo_id)
    assert (changes, exchange.orders, exchange.algo_order(algo.algo_id)) == ([], orders, algo)


@pytest.mark.parametrize("price", ["0", "-1"])
def test_a_trigger_price_not_above_zero_is_refused(exchange: MockExchange, price: str) -> None:
    algo = exchange.add_algo_order(**STOP_SELL)
    with pytest.raises(errors.ConfigurationError, match="price must be more than 0"):
        exchange.trigger(algo.algo_id, price=price)


def test_a_float_trigger_price_is_an_argument_type_error(exchange: MockExchange) -> None:
    algo = exchange.add_algo_order(**STOP_SELL)
    with pytest.raises(errors.ArgumentTypeError):
        exchange.trigger(algo.algo_id, price=80000.5)


def test_a_trailing_stop_without_activation_needs_a_price(exchange: MockExchange) -> None:
    algo = exchange.add_algo_order(**waiting("TRAILING_STOP_MARKET"))
    with pytest.raises(errors.ConfigurationError, match=r"trigger\(\.\.\., price=\.\.\.\)"):
        exchange.trigger(algo.algo_id)


def test_a_triggered_algo_order_cannot_trigger_again(exchange: MockExchange) -> None:
    with pytest.raises(errors.ConfigurationError, match="is TRIGGERED"):
        exchange.trigger(TRIGGERED_STOP)


# Cancel, expire, remove.


@pytest.mark.parametrize(
    ("end", "status"), [("cancel_algo_order", "CANCELED"), ("expire_algo_order", "EXPIRED")]
)
def test_a_new_algo_order_cancelled_or_expired_is_no_longer_listed(
    exchange: MockExchange, clock: FrozenClock, end: str, status: str
) -> None:
    algo = exchange.add_algo_order(**STOP_SELL)
    changes = recorded(exchange)
    clock.now_ms += 1
    ended: AlgoOrder = getattr(exchange, end)(algo.algo_id)
    assert (ended.algo_status, ended.update_time, ended in exchange.algo_orders) == (
        status,
        clock.now_ms,
        False,
    )
    assert kinds(changes) == [("AlgoChange", status)]


@pytest.mark.parametrize("end", ["cancel_algo_order", "expire_algo_order"])
def test_only_a_new_algo_order_is_cancelled_or_expired(exchange: MockExchange, end: str) -> None:
    with pytest.raises(errors.ConfigurationError, match="only a NEW one"):
        getattr(exchange, end)(TRIGGERING_TRAILING)


def test_a_removed_algo_order_is_gone_and_its_record_holds_it_as_it_was(
    exchange: MockExchange,
) -> None:
    algo = exchange.add_algo_order(**STOP_SELL)
    changes = recorded(exchange)
    assert exchange.remove_algo_order(algo.algo_id) == algo
    assert [(c.kind, c.algo_order) for c in changes if isinstance(c, AlgoChange)] == [
        (AlgoChangeKind.REMOVED, algo)
    ]
    with pytest.raises(errors.ConfigurationError, match="no algo order"):
        exchange.algo_order(algo.algo_id)


def test_an_algo_id_must_be_an_int(exchange: MockExchange) -> None:
    with pytest.raises(errors.ArgumentTypeError):
        exchange.algo_order("2148602")  # type: ignore[arg-type]


# Change records.


def test_every_algo_change_is_recorded_in_the_order_made(exchange: MockExchange) -> None:
    changes = recorded(exchange)
    algo = exchange.add_algo_order(**STOP_SELL)
    placed = exchange.trigger(algo.algo_id, hold=True)
    exchange.trigger(algo.algo_id)
    exchange.fill(placed.order_id)
    exchange.remove_algo_order(algo.algo_id)
    assert kinds(changes) == [
        ("AlgoChange", "NEW"),
        ("AlgoChange", "TRIGGERING"),
        ("OrderChange", "NEW"),
        ("AlgoChange", "TRIGGERED"),
        ("OrderChange", "TRADE"),
        ("AlgoChange", "FINISHED"),
        ("AlgoChange", "REMOVED"),
    ]


def test_a_change_time_is_the_update_time_of_what_it_changed(
    exchange: MockExchange, clock: FrozenClock
) -> None:
    changes = recorded(exchange)
    algo = exchange.add_algo_order(**STOP_SELL)
    clock.now_ms += 7
    exchange.fill(exchange.trigger(algo.algo_id).order_id)
    for change in changes:
        updated = change.order if isinstance(change, OrderChange) else change.algo_order
        assert updated.update_time == change.time_ms


def test_an_algo_change_holds_the_algo_order_as_stored(exchange: MockExchange) -> None:
    changes = recorded(exchange)
    algo = exchange.add_algo_order(**STOP_SELL)
    change = changes[0]
    assert isinstance(change, AlgoChange)
    assert (change.algo_id, change.algo_order, change.kind) == (
        algo.algo_id,
        algo,
        AlgoChangeKind.NEW,
    )


def test_order_changes_keep_their_kinds(exchange: MockExchange) -> None:
    changes = recorded(exchange)
    exchange.cancel(exchange.orders[0].order_id)
    assert [(c.kind, c.fields["status"]) for c in changes] == [
        (ChangeKind.CANCELED, OrderStatus.CANCELED)
    ]


def test_algo_statuses_follow_the_spec() -> None:
    assert {kind.value for kind in AlgoChangeKind} - {"REMOVED"} <= {s.value for s in AlgoStatus}


def test_a_change_is_timed_by_the_exchange_clock_even_when_a_test_backdates_the_record(
    exchange: MockExchange,
) -> None:
    changes = recorded(exchange)
    order = exchange.add_order(
        symbol="BTCUSD_PERP", side="BUY", type="LIMIT", orig_qty=1, time=NOW_MS - 60_000
    )
    changed = exchange.change_order(order.order_id, price="1", update_time=NOW_MS - 30_000)
    algo = exchange.add_algo_order(**STOP_SELL, create_time=NOW_MS - 90_000)
    assert [change.time_ms for change in changes] == [NOW_MS] * 3
    assert [change.fields["updateTime"] for change in changes] == [
        order.update_time,
        changed.update_time,
        algo.update_time,
    ]
    assert changed.update_time == NOW_MS - 30_000
