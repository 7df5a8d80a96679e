"""Adding orders to the mock: typed keywords or the SDK's Order, defaults, and the spec's rules."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from binance_coinm import UNSET, AuthenticatedClient, current_all_open_orders, errors
from binance_coinm.mock import MockExchange, seed_orders
from binance_coinm.models import Order, OrderSide, OrderStatus, OrderType

from .conftest import NOW_MS, FrozenClock, get, signed_query, spec_checked
from .spec_check import check_reply

LIMIT_BUY = {"symbol": "BTCUSD_PERP", "side": "BUY", "type": "LIMIT", "orig_qty": 3}


def served(exchange: MockExchange, **params: Any) -> list[dict[str, Any]]:
    reply = get(exchange, signed_query(params))
    assert reply.status == 200, reply.body
    orders: list[dict[str, Any]] = json.loads(reply.body)
    return orders


def test_added_order_is_served_as_stored(exchange: MockExchange) -> None:
    order = exchange.add_order(**LIMIT_BUY, price="87000.5")
    assert order.to_dict() in served(exchange, symbol="BTCUSD_PERP")


def test_added_order_reaches_the_sdk_client(
    binance_mock_exchange: MockExchange, binance_mock_client: AuthenticatedClient
) -> None:
    order = binance_mock_exchange.add_order(**LIMIT_BUY, price="87000.5")
    orders = current_all_open_orders.sync(client=binance_mock_client, symbol="BTCUSD_PERP")
    assert orders[-1] == order


def test_fields_not_given_are_binance_s_values_for_a_new_order(
    exchange: MockExchange, clock: FrozenClock
) -> None:
    clock.now_ms = NOW_MS + 1234
    order = exchange.add_order(symbol="ETHUSD_261225", side="SELL", type="MARKET", orig_qty=7)
    assert order.to_dict() == {
        "avgPrice": "0.0",
        "clientOrderId": f"mock-{order.order_id}",
        "cumBase": "0",
        "executedQty": "0",
        "orderId": order.order_id,
        "origQty": "7",
        "origType": "MARKET",
        "price": "0",
        "reduceOnly": False,
        "side": "SELL",
        "positionSide": "BOTH",
        "status": "NEW",
        "stopPrice": "0",
        "closePosition": False,
        "symbol": "ETHUSD_261225",
        "pair": "ETHUSD",
        "time": NOW_MS + 1234,
        "timeInForce": "GTC",
        "type": "MARKET",
        "updateTime": NOW_MS + 1234,
        "workingType": "CONTRACT_PRICE",
        "priceProtect": False,
        "priceMatch": "NONE",
        "selfTradePreventionMode": "NONE",
    }


def test_default_order_ids_follow_the_highest_one(exchange: MockExchange) -> None:
    highest = max(order["orderId"] for order in seed_orders())
    first = exchange.add_order(**LIMIT_BUY)
    chosen = exchange.add_order(**LIMIT_BUY, order_id=highest + 100)
    after = exchange.add_order(**LIMIT_BUY)
    assert [first.order_id, chosen.order_id, after.order_id] == [
        highest + 1,
        highest + 100,
        highest + 101,
    ]


def test_time_is_the_exchange_clock_moved_by_its_skew(
    exchange: MockExchange, clock: FrozenClock
) -> None:
    exchange.faults.clock_skew_ms = -2500
    assert exchange.add_order(**LIMIT_BUY).time == clock.now_ms - 2500


def test_given_time_is_the_update_time_too(exchange: MockExchange) -> None:
    order = exchange.add_order(**LIMIT_BUY, time=NOW_MS - 60_000)
    assert (order.time, order.update_time) == (NOW_MS - 60_000, NOW_MS - 60_000)


def without_pair(order: dict[str, Any]) -> Order:
    """A seeded order as the SDK builds one without ``pair``, under a new id."""
    fields = {key: value for key, value in order.items() if key != "pair"}
    return Order.from_dict({**fields, "orderId": 7, "clientOrderId": "from-the-sdk"})


def test_sdk_order_without_pair_gets_its_symbol_s_pair(exchange: MockExchange) -> None:
    order = exchange.add_order(without_pair(seed_orders()[4]))
    assert (order.symbol, order.pair) == ("ETHUSD_PERP", "ETHUSD")


def test_sdk_order_to_dict_without_pair_is_found_by_pair(exchange: MockExchange) -> None:
    exchange.add_order_json(without_pair(seed_orders()[4]).to_dict())
    assert 7 in [order["orderId"] for order in served(exchange, pair="ETHUSD")]


def test_order_left_without_its_pair_is_found_by_pair(exchange: MockExchange) -> None:
    order = exchange.add_order(**LIMIT_BUY, pair=UNSET)
    assert "pair" not in order.to_dict()
    assert order.order_id in [found["orderId"] for found in served(exchange, pair="BTCUSD")]


def test_keywords_change_the_order_given(exchange: MockExchange) -> None:
    template = exchange.orders[0]
    order = exchange.add_order(template, order_id=99, client_order_id="copy", price="80000")
    assert order.to_dict() == {
        **template.to_dict(),
        "orderId": 99,
        "clientOrderId": "copy",
        "price": "80000",
    }


def test_unset_leaves_an_optional_field_out(exchange: MockExchange) -> None:
    order = exchange.add_order(**LIMIT_BUY, price_match=UNSET, self_trade_prevention_mode=UNSET)
    assert ("priceMatch", "selfTradePreventionMode") not in order.to_dict().items()
    assert order.price_match is UNSET


def test_enum_members_and_their_values_are_alike(exchange: MockExchange) -> None:
    by_member = exchange.add_order(**LIMIT_BUY | {"side": OrderSide.SELL, "type": OrderType.MARKET})
    by_value = exchange.add_order(**LIMIT_BUY | {"side": "SELL", "type": "MARKET"})
    assert (by_member.side, by_member.type) == (by_value.side, by_value.type)


def test_decimals_may_be_decimal_int_or_exact_text(exchange: MockExchange) -> None:
    order = exchange.add_order(**LIMIT_BUY, price=Decimal("87000.50"), stop_price="86000.0")
    assert (order.to_dict()["price"], order.to_dict()["stopPrice"], order.to_dict()["origQty"]) == (
        "87000.50",
        "86000.0",
        "3",
    )


@pytest.mark.parametrize(("field", "value"), [("status", "TRADING_HALT"), ("side", "buy")])
def test_an_enum_value_the_spec_does_not_list_is_refused(
    exchange: MockExchange, field: str, value: str
) -> None:
    with pytest.raises(errors.ConfigurationError, match=f"'{field}' is not valid: '{value}' is"):
        exchange.add_order(**{**LIMIT_BUY, field: value})


def test_an_unlisted_status_names_the_values_the_spec_lists(exchange: MockExchange) -> None:
    with pytest.raises(errors.ConfigurationError) as refused:
        exchange.add_order(**LIMIT_BUY, status="TRADING_HALT")
    assert all(status.value in str(refused.value) for status in OrderStatus)


def test_a_float_price_is_refused_as_inexact(exchange: MockExchange) -> None:
    with pytest.raises(errors.ArgumentTypeError, match=r"'price' must be exact.*float 87000\.5"):
        exchange.add_order(**LIMIT_BUY, price=87000.5)


def test_a_float_inside_an_order_model_is_refused(exchange: MockExchange) -> None:
    floated = msgspec.structs.replace(exchange.orders[0], order_id=99, price=87000.5)
    with pytest.raises(errors.ArgumentTypeError, match="'price' must be exact"):
        exchange.add_order(floated, client_order_id="floated")


def test_a_float_in_a_json_order_is_refused_by_its_key(exchange: MockExchange) -> None:
    with pytest.raises(errors.ArgumentTypeError, match="'origQty' must be exact"):
        exchange.add_order_json({**seed_orders()[0], "orderId": 99, "origQty": 1.5})


def test_a_name_that_is_no_order_field_is_refused(exchange: MockExchange) -> None:
    with pytest.raises(errors.ArgumentTypeError, match="'prise' is no field of an order"):
        exchange.add_order(**LIMIT_BUY, prise="1")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("orig_qty", "1e5"),
        ("orig_qty", "abc"),
        ("price", "-"),
        ("order_id", 0),
        ("order_id", 2**63),
        ("time", -1),
        ("reduce_only", "true"),
        ("symbol", ""),
        ("client_order_id", ""),
    ],
)
def test_a_value_the_spec_refuses_is_named_by_its_field(
    exchange: MockExchange, field: str, value: object
) -> None:
    with pytest.raises(errors.ConfigurationError, match=f"order field '{field}' is not valid"):
        exchange.add_order(**{**LIMIT_BUY, field: value})


def test_a_required_field_without_default_is_named(exchange: MockExchange) -> None:
    fields = {name: value for name, value in LIMIT_BUY.items() if name != "side"}
    with pytest.raises(errors.ConfigurationError, match="order field 'side' is not valid"):
        exchange.add_order(**fields)


@pytest.mark.parametrize("value", [[1], None, b"1", {"a": 1}])
def test_a_value_of_no_json_scalar_type_is_an_argument_type_error(
    exchange: MockExchange, value: object
) -> None:
    with pytest.raises(errors.ArgumentTypeError, match="order field 'price' must be a str"):
        exchange.add_order(**LIMIT_BUY, price=value)


def test_an_unlisted_symbol_is_refused_pointing_to_add_contract(exchange: MockExchange) -> None:
    with pytest.raises(errors.ConfigurationError, match=r"add_contract\('XRPUSD_PERP'\)"):
        exchange.add_order(**{**LIMIT_BUY, "symbol": "XRPUSD_PERP"})


def test_a_pair_that_is_not_the_symbol_s_is_refused(exchange: MockExchange) -> None:
    with pytest.raises(errors.ConfigurationError, match="BTCUSD_PERP is a contract of BTCUSD"):
        exchange.add_order(**LIMIT_BUY, pair="ETHUSD")


def test_an_order_id_taken_is_refused(exchange: MockExchange) -> None:
    taken = exchange.orders[0].order_id
    with pytest.raises(errors.ConfigurationError, match=f"already has order {taken}"):
        exchange.add_order(**LIMIT_BUY, order_id=taken)


def test_a_client_order_id_of_an_open_order_is_refused(exchange: MockExchange) -> None:
    with pytest.raises(errors.ConfigurationError, match="client order id 'mock-0000' already"):
        exchange.add_order(**LIMIT_BUY, client_order_id="mock-0000")


def test_a_client_order_id_of_a_closed_order_may_be_used_again(exchange: MockExchange) -> None:
    exchange.cancel(exchange.orders[0].order_id)
    assert exchange.add_order(**LIMIT_BUY, client_order_id="mock-0000").status == "NEW"


def test_a_refused_order_leaves_the_account_as_it_was(exchange: MockExchange) -> None:
    before = exchange.orders
    with pytest.raises(errors.ConfigurationError):
        exchange.add_order(**LIMIT_BUY, price="1.")
    assert exchange.orders == before


def test_json_order_in_binance_s_shape_keeps_fields_the_spec_does_not_know(
    exchange: MockExchange,
) -> None:
    binance = {**seed_orders()[3], "orderId": 42, "clientOrderId": "new", "goodTillDate": 0}
    order = exchange.add_order_json(binance)
    assert order.additional_properties == {"goodTillDate": 0}
    assert binance in served(exchange, symbol=binance["symbol"])


def test_json_order_fields_are_named_by_their_json_key(exchange: MockExchange) -> None:
    with pytest.raises(errors.ConfigurationError, match="order field 'origQty' is not valid"):
        exchange.add_order_json({**seed_orders()[0], "orderId": 42, "origQty": "many"})


def test_json_order_that_is_no_object_is_refused(exchange: MockExchange) -> None:
    with pytest.raises(errors.ConfigurationError, match="an order is a JSON object, got list"):
        exchange.add_order_json([seed_orders()[0]])


def test_every_order_served_after_adding_is_one_the_spec_allows(
    exchange: MockExchange, spec: dict[str, Any]
) -> None:
    exchange.add_order(**LIMIT_BUY, pair=UNSET, price_protect=UNSET, status="PARTIALLY_FILLED")
    check_reply(spec, "GET", "/dapi/v1/openOrders", get(exchange, signed_query()))


JSON_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=12),
    st.decimals(),
    st.sampled_from([OrderStatus.FILLED, OrderSide.BUY, UNSET, [1], {"a": 1}, b"1"]),
)
FIELDS = st.sampled_from(["prise", *(f.name for f in msgspec.structs.fields(Order))])


@given(fields=st.dictionaries(FIELDS, JSON_VALUES, max_size=6))
def test_any_fields_give_a_served_order_or_a_configuration_error(
    spec: dict[str, Any], fields: dict[str, object]
) -> None:
    exchange = spec_checked(spec, clock=FrozenClock(NOW_MS))
    try:
        order = exchange.add_order(**{**LIMIT_BUY, **fields})
    except errors.ConfigurationError:
        assert len(exchange.orders) == len(seed_orders())
    else:
        assert exchange.order(order.order_id) == order
        served(exchange)  # every reply of a spec-checked exchange is one the spec allows
