"""How bodies become orders: one set of rules, on the fast path and item by item alike."""

from __future__ import annotations

import json
import time
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from binance_coinm import (
    UNSET,
    Order,
    ServerTime,
    current_all_open_orders,
    errors,
    query_current_open_order,
    signed_client,
)
from binance_coinm.decoding import rules
from binance_coinm.decoding.rules import BodyError
from binance_coinm.spec import SPEC

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EXAMPLE: dict[str, Any] = json.loads(
    (FIXTURES / "open_orders_example_zh.json").read_text(encoding="utf-8")
)[0]
DECIMAL_KEYS = ["avgPrice", "cumBase", "executedQty", "origQty", "price", "stopPrice",
                "activatePrice", "priceRate"]  # fmt: skip
DECODER = current_all_open_orders.ENDPOINT.decoder
ONE = query_current_open_order.ENDPOINT.decoder
# The same order with a field the spec does not know, which sends the body down other code.
SHAPES = {"documented": {}, "with an unknown field": {"goodTillDate": 0}}


def body_of(*orders: dict[str, Any]) -> bytes:
    return json.dumps(list(orders)).encode()


def order_with(**fields: Any) -> dict[str, Any]:
    return {**EXAMPLE, **fields}


def fetch(body: bytes, status: int = 200) -> list[Order]:
    transport = httpx.MockTransport(lambda request: httpx.Response(status, content=body))
    client = signed_client("key", "secret", max_retries=0, httpx_args={"transport": transport})
    with client:
        return current_all_open_orders.sync(client=client)


def refused(body: bytes) -> errors.ResponseDecodeError:
    with pytest.raises(errors.ResponseDecodeError) as caught:
        fetch(body)
    return caught.value


@pytest.mark.parametrize("shape", SHAPES.values(), ids=list(SHAPES))
@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("reduceOnly", "false"),
        ("reduceOnly", 0),
        ("orderId", "123"),
        ("orderId", 1.5),
        ("orderId", True),
        ("orderId", None),
        ("orderId", 2**63),
        ("orderId", 0),
        ("symbol", None),
        ("symbol", 5),
        ("symbol", ""),
        ("clientOrderId", ""),
        ("pair", ""),
        ("time", "x"),
        ("time", 1e15),
        ("time", -1),
        ("status", None),
        ("status", 1),
        ("pair", None),
        ("priceMatch", None),
    ],
)
def test_a_value_of_the_wrong_type_is_refused_on_either_path(
    shape: dict[str, Any], key: str, value: object
) -> None:
    error = refused(body_of(order_with(**shape), order_with(**{key: value, **shape})))
    assert (error.index, error.field) == (1, key)


@pytest.mark.parametrize("shape", SHAPES.values(), ids=list(SHAPES))
@pytest.mark.parametrize(
    "text",
    ["NaN", "sNaN", "Infinity", "-Infinity", "1E+2", "1e-3", "1_000", " 1", "1 ", "\u0661\u0662",
     "007", "+1", ".5", "1.", "", "0x10", "1,5"],
)  # fmt: skip
def test_a_decimal_in_another_notation_is_refused_on_either_path(
    shape: dict[str, Any], text: str
) -> None:
    error = refused(body_of(order_with(price=text, **shape)))
    assert (error.index, error.field) == (0, "price")


@pytest.mark.parametrize("shape", SHAPES.values(), ids=list(SHAPES))
def test_a_json_number_where_a_decimal_string_belongs_is_refused(shape: dict[str, Any]) -> None:
    body = body_of(order_with(**shape)).replace(b'"origQty": "0.40"', b'"origQty": 0.40')
    assert refused(body).field == "origQty"


def test_a_decimal_string_written_with_escapes_is_read() -> None:
    body = body_of(EXAMPLE).replace(b'"origQty": "0.40"', b'"origQty": "0\\u002e40"')
    [order] = fetch(body)
    assert order.orig_qty == Decimal("0.40")


@pytest.mark.parametrize("shape", SHAPES.values(), ids=list(SHAPES))
def test_decimals_are_exact_and_write_back_as_received(shape: dict[str, Any]) -> None:
    received = order_with(origQty="0.40", price="12345.60", cumBase="0.00000001", **shape)
    [order] = fetch(body_of(received))
    assert (order.orig_qty, order.price) == (Decimal("0.40"), Decimal("12345.60"))
    assert order.to_dict() == received


@pytest.mark.parametrize("key", ["priceMatch", "selfTradePreventionMode", "priceProtect", "pair"])
def test_an_order_without_a_field_added_later_is_returned_with_it_unset(key: str) -> None:
    older = {k: v for k, v in EXAMPLE.items() if k != key}
    order, newer = fetch(body_of(older, EXAMPLE))
    attribute = {
        "priceMatch": "price_match",
        "selfTradePreventionMode": "self_trade_prevention_mode",
        "priceProtect": "price_protect",
        "pair": "pair",
    }[key]
    assert getattr(order, attribute) is UNSET
    assert getattr(newer, attribute) is not UNSET
    assert order.to_dict() == older


@pytest.mark.parametrize(
    "key", ["avgPrice", "orderId", "symbol", "status", "type", "time", "workingType"]
)
def test_an_order_without_a_field_it_always_had_is_refused_saying_which(key: str) -> None:
    error = refused(body_of(EXAMPLE, {k: v for k, v in EXAMPLE.items() if k != key}))
    assert (error.index, error.field) == (1, key)


def test_a_refused_body_is_kept_whole() -> None:
    body = body_of(EXAMPLE, order_with(orderId="1"))
    error = refused(body)
    assert error.content == body
    assert "item 1" in str(error)


def test_unknown_fields_are_kept_and_written_back_as_received() -> None:
    received = order_with(
        goodTillDate=0, ratio=1.25, big=1e2, nested={"deep": [1, "x", None]}, flag=False
    )
    body = body_of(EXAMPLE, received)
    first, second = fetch(body)
    assert first.additional_properties == {}
    assert second.additional_properties == {
        "goodTillDate": 0, "ratio": Decimal("1.25"), "big": Decimal("1e2"),
        "nested": {"deep": [1, "x", None]}, "flag": False,
    }  # fmt: skip
    assert second.to_dict() == json.loads(body, parse_float=Decimal)[1]


def test_a_key_named_like_the_unknown_fields_attribute_is_an_unknown_field() -> None:
    [order] = fetch(body_of(order_with(additional_properties={"x": 1})))
    assert order.additional_properties == {"additional_properties": {"x": 1}}


@pytest.mark.parametrize("shape", SHAPES.values(), ids=list(SHAPES))
def test_unknown_enum_values_keep_the_order_and_the_value(shape: dict[str, Any]) -> None:
    [order] = fetch(body_of(order_with(status="EXPIRED_SOMEHOW", timeInForce="GTD", **shape)))
    assert (order.status.value, order.status.is_known) == ("EXPIRED_SOMEHOW", False)
    assert (order.time_in_force.value, order.time_in_force.is_known) == ("GTD", False)
    assert order.to_dict()["status"] == "EXPIRED_SOMEHOW"


@pytest.mark.parametrize("body", [b"{}", b'""', b"null", b"0", b'{"code": 0}'])
def test_a_body_that_is_not_a_list_is_refused_not_read_as_no_orders(body: bytes) -> None:
    assert "expected a JSON array" in refused(body).reason


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 50_000 + b"]" * 50_000,
        b'[{"avgPrice": ' + b"[" * 50_000 + b"]" * 50_000 + b"}]",
        body_of(EXAMPLE).replace(b'"abc"', b'"a\xffc"'),
        body_of(EXAMPLE)[:40],
        b"",
    ],
    ids=["deep", "deep in an order", "invalid UTF-8", "truncated", "empty"],
)
def test_a_hostile_success_body_is_a_decode_error(body: bytes) -> None:
    assert refused(body).content == body


def test_server_time_that_is_not_an_int_is_a_decode_error() -> None:
    with pytest.raises(BodyError):
        ServerTime.from_dict({"serverTime": "123"})


def test_from_dict_reads_by_the_same_rules() -> None:
    assert Order.from_dict(EXAMPLE).to_dict() == EXAMPLE
    with pytest.raises(BodyError, match="price"):
        Order.from_dict({**EXAMPLE, "price": 0.1})
    with pytest.raises(BodyError, match="reduceOnly"):
        Order.from_dict({**EXAMPLE, "reduceOnly": "false"})


def test_from_dict_reads_any_mapping_at_any_depth() -> None:
    read_only = MappingProxyType({**EXAMPLE, "extra": MappingProxyType({"kept": "1"})})
    order = Order.from_dict(read_only)
    assert order.to_dict() == {**EXAMPLE, "extra": {"kept": "1"}}


def test_from_dict_of_what_json_cannot_hold_is_a_body_error() -> None:
    with pytest.raises(BodyError, match="not a JSON object"):
        Order.from_dict({**EXAMPLE, "extra": object()})


def test_one_order_body_follows_the_same_rules() -> None:
    assert ONE.decode(json.dumps(EXAMPLE).encode()).to_dict() == EXAMPLE
    with pytest.raises(BodyError) as caught:
        ONE.decode(json.dumps({**EXAMPLE, "price": "NaN"}).encode())
    assert caught.value.field == "price"


# The property: on any body, the fast path and the item-by-item path agree.

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)  # fmt: skip
decimal_like = st.from_regex(r"-?[0-9]{1,4}(\.[0-9]{1,3})?", fullmatch=True) | st.text(
    alphabet="0123456789.-+eE_ naNIfity\u0661", max_size=6
)


@st.composite
def orders(draw: st.DrawFn) -> dict[str, Any]:
    order = dict(EXAMPLE)
    for key in draw(st.lists(st.sampled_from(sorted(EXAMPLE)), max_size=3, unique=True)):
        change = draw(st.sampled_from(["drop", "any", "decimal"]))
        if change == "drop":
            order.pop(key)
        elif change == "any":
            order[key] = draw(json_values)
        else:
            order[key] = draw(decimal_like)
    for key in draw(st.lists(st.text(max_size=6), max_size=2)):
        order[key] = draw(json_values)
    return order


@st.composite
def bodies(draw: st.DrawFn) -> bytes:
    if draw(st.integers(0, 9)) == 0:
        return json.dumps(draw(json_values)).encode()
    body = json.dumps(draw(st.lists(orders(), max_size=4)), ensure_ascii=draw(st.booleans()))
    return body.encode()


def outcome(read: Any, body: bytes) -> Any:
    try:
        result = read(body)
    except BodyError as exc:
        return ("refused", exc.index, exc.field)
    return [(order, order.additional_properties, order.to_dict()) for order in result]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=bodies())
def test_both_paths_agree_on_any_body(body: bytes) -> None:
    assert outcome(DECODER.decode, body) == outcome(DECODER.decode_item_by_item, body)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=12) | decimal_like)
def test_a_decimal_is_accepted_exactly_when_it_matches_the_spec(text: str) -> None:
    body = body_of(order_with(price=text))
    matches = SPEC.decimal_pattern.fullmatch(text) is not None
    try:
        [order] = DECODER.decode(body)
    except BodyError:
        assert not matches
    else:
        assert matches
        assert order.to_dict()["price"] == text


@pytest.mark.parametrize("shape", SHAPES.values(), ids=list(SHAPES))
def test_an_order_of_any_type_keeps_the_trailing_stop_fields_it_carries(
    shape: dict[str, Any],
) -> None:
    (order,) = fetch(body_of(order_with(type="LIMIT", origType="LIMIT", **shape)))
    assert (order.activate_price, order.price_rate) == (
        Decimal(EXAMPLE["activatePrice"]),
        Decimal(EXAMPLE["priceRate"]),
    )


@pytest.mark.parametrize("shape", SHAPES.values(), ids=list(SHAPES))
def test_a_symbol_or_client_order_id_outside_the_request_rules_is_read(
    shape: dict[str, Any],
) -> None:
    (order,) = fetch(
        body_of(order_with(symbol="NEWCOIN-X", clientOrderId="adl_autoclose", **shape))
    )
    assert (order.symbol, order.client_order_id) == ("NEWCOIN-X", "adl_autoclose")


def many_orders(count: int, last: dict[str, Any]) -> bytes:
    order = json.dumps(EXAMPLE).encode()
    return b"[" + b",".join([order] * (count - 1) + [json.dumps(last).encode()]) + b"]"


class Ticking:
    """time.monotonic() for the decoder: a second passes at every look."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


def test_reading_a_large_list_stops_at_the_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    body = many_orders(20_000, order_with(orderId="x"))
    assert len(body) > rules.SLICE_BYTES
    monkeypatch.setattr(time, "monotonic", Ticking())
    with pytest.raises(rules.DeadlinePassed):
        DECODER.decode(body, ends=1.5)


def test_a_small_body_is_read_whole_whatever_the_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(time, "monotonic", Ticking())
    assert len(DECODER.decode(body_of(EXAMPLE), ends=0.5)) == 1


@pytest.mark.parametrize(
    "last",
    [order_with(orderId="x"), order_with(price="1E+2"), order_with(price=12)],
    ids=["a wrong type", "a decimal the pattern refuses", "a decimal sent as a number"],
)
def test_a_fault_in_the_last_item_is_found_without_reading_every_item(
    monkeypatch: pytest.MonkeyPatch, last: dict[str, Any]
) -> None:
    read: list[int | None] = []
    check_one = rules._Codec.check_one

    def counted(self: Any, content: Any, index: int | None = None) -> Any:
        read.append(index)
        return check_one(self, content, index)

    monkeypatch.setattr(rules._Codec, "check_one", counted)
    with pytest.raises(BodyError) as caught:
        DECODER.decode(many_orders(1000, last))
    assert (caught.value.index, read) == (999, [999])
