"""The mock's open orders: realistic, filtered like Binance's, and priced in request weight."""

from __future__ import annotations

import json
from typing import Any

import pytest

from binance_coinm.mock import SYMBOLS_BY_PAIR, MockExchange, seed_orders

from ..openapi_contract import schema_validator
from .conftest import get, signed_query

ORDER_TYPES = {
    "LIMIT",
    "MARKET",
    "STOP",
    "STOP_MARKET",
    "TAKE_PROFIT",
    "TAKE_PROFIT_MARKET",
    "TRAILING_STOP_MARKET",
}


def orders(exchange: MockExchange, **params: Any) -> list[dict[str, Any]]:
    reply = get(exchange, signed_query(params))
    assert reply.status == 200, reply.body
    result: list[dict[str, Any]] = json.loads(reply.body)
    return result


def test_seed_covers_every_order_type_side_and_position_side() -> None:
    seeded = seed_orders()
    assert {o["type"] for o in seeded} == ORDER_TYPES
    assert {o["side"] for o in seeded} == {"BUY", "SELL"}
    assert {o["positionSide"] for o in seeded} == {"BOTH", "LONG", "SHORT"}
    assert len({o["pair"] for o in seeded}) > 1


def test_seeded_orders_conform_to_the_order_schema(spec: dict[str, Any]) -> None:
    validator = schema_validator(spec, {"$ref": "#/components/schemas/Order"})
    for order in seed_orders():
        validator.validate(order)


def test_only_trailing_stops_carry_activate_price_and_price_rate() -> None:
    for order in seed_orders():
        trailing = order["type"] == "TRAILING_STOP_MARKET"
        assert ("activatePrice" in order, "priceRate" in order) == (trailing, trailing)


def test_symbol_selects_that_contract_only(exchange: MockExchange) -> None:
    result = orders(exchange, symbol="BTCUSD_PERP")
    assert result
    assert {o["symbol"] for o in result} == {"BTCUSD_PERP"}


def test_pair_selects_every_contract_of_the_pair(exchange: MockExchange) -> None:
    result = orders(exchange, pair="BTCUSD")
    assert {o["symbol"] for o in result} == set(SYMBOLS_BY_PAIR["BTCUSD"])


def test_listed_symbol_without_orders_is_an_empty_list(exchange: MockExchange) -> None:
    exchange.orders.clear()
    assert orders(exchange, symbol="BTCUSD_PERP") == []


@pytest.mark.parametrize("params", [{"symbol": "XRPUSD_PERP"}, {"pair": "XRPUSD"}])
def test_unknown_symbol_or_pair_is_1121(exchange: MockExchange, params: dict[str, str]) -> None:
    reply = get(exchange, signed_query(params))
    assert (reply.status, json.loads(reply.body)) == (
        400,
        {"code": -1121, "msg": "Invalid symbol."},
    )


def test_symbol_and_pair_together_is_1128(exchange: MockExchange) -> None:
    reply = get(exchange, signed_query({"symbol": "BTCUSD_PERP", "pair": "BTCUSD"}))
    assert json.loads(reply.body) == {
        "code": -1128,
        "msg": "Combination of optional parameters invalid.",
    }


def test_server_time_is_the_exchange_clock(exchange: MockExchange) -> None:
    reply = get(exchange, b"", path="/dapi/v1/time", api_key=None)
    assert json.loads(reply.body) == {"serverTime": exchange.server_time_ms()}


def test_serves_its_own_spec(exchange: MockExchange) -> None:
    reply = get(exchange, b"", path="/openapi.yaml", api_key=None)
    assert (reply.status, reply.body.startswith(b"openapi: 3.1")) == (200, True)


def test_unknown_path_is_404(exchange: MockExchange) -> None:
    assert get(exchange, b"", path="/dapi/v1/nothing").status == 404


def test_wrong_method_is_405(exchange: MockExchange) -> None:
    assert exchange.answer("POST", "/dapi/v1/openOrders", b"", {}, b"").status == 405
