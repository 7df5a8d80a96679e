"""The mock's open orders: realistic, filtered like Binance's, and its other routes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from binance_coinm.mock import SYMBOLS_BY_PAIR, MockExchange, seed_algo_orders, seed_orders

from ..openapi_contract import schema_validator
from .conftest import get, signed_query

REPO_SPEC = Path(__file__).resolve().parents[2] / "openapi.yaml"
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
    seeded, algo = seed_orders(), seed_algo_orders()
    assert {o["type"] for o in seeded} | {o["orderType"] for o in algo} == ORDER_TYPES
    assert {o["side"] for o in seeded} == {"BUY", "SELL"}
    assert {o["positionSide"] for o in seeded} == {"BOTH", "LONG", "SHORT"}


def test_seeded_ordinary_orders_are_limit_or_market_only() -> None:
    assert {o["type"] for o in seed_orders()} == {"LIMIT", "MARKET"}


def test_seed_spans_pairs_perpetuals_and_quarterlies() -> None:
    symbols = {o["symbol"] for o in [*seed_orders(), *seed_algo_orders()]}
    assert {"BTCUSD_PERP", "ETHUSD_PERP", "BTCUSD_261225", "BTCUSD_270326"} <= symbols
    assert len({o["pair"] for o in seed_orders()}) > 1


def test_seeded_orders_are_on_listed_contracts_of_their_pair() -> None:
    for order in seed_orders():
        assert order["symbol"] in SYMBOLS_BY_PAIR[order["pair"]]


def test_seed_is_deterministic_and_fresh_each_time() -> None:
    first = seed_orders()
    assert first == seed_orders()
    first[0]["status"] = "CANCELED"
    assert seed_orders()[0]["status"] == "NEW"


def test_seeded_orders_conform_to_the_order_schema(spec: dict[str, Any]) -> None:
    validator = schema_validator(spec, {"$ref": "#/components/schemas/Order"})
    for order in seed_orders():
        validator.validate(order)


def test_only_orders_of_trailing_stops_carry_activate_price_and_price_rate() -> None:
    for order in seed_orders():
        trailing = order["origType"] == "TRAILING_STOP_MARKET"
        assert ("activatePrice" in order, "priceRate" in order) == (trailing, trailing)


def test_decimals_are_strings_on_the_wire(exchange: MockExchange) -> None:
    decimals = ("avgPrice", "cumBase", "executedQty", "origQty", "price", "stopPrice")
    for order in orders(exchange):
        assert all(isinstance(order[name], str) for name in decimals)


def test_symbol_selects_that_contract_only(exchange: MockExchange) -> None:
    result = orders(exchange, symbol="BTCUSD_PERP")
    assert result
    assert {o["symbol"] for o in result} == {"BTCUSD_PERP"}


def test_pair_selects_every_contract_of_the_pair(exchange: MockExchange) -> None:
    for symbol in ("BTCUSD_261225", "BTCUSD_270326", "ETHUSD_261225"):
        exchange.add_order(symbol=symbol, side="BUY", type="LIMIT", orig_qty=1, price="80000")
    result = orders(exchange, pair="BTCUSD")
    assert {o["symbol"] for o in result} == set(SYMBOLS_BY_PAIR["BTCUSD"])


def test_listed_symbol_without_orders_is_an_empty_list(exchange: MockExchange) -> None:
    assert orders(exchange, symbol="ETHUSD_270326") == []


@pytest.mark.parametrize(
    "params", [{"symbol": "XRPUSD_PERP"}, {"symbol": "BTCUSD_200925"}, {"pair": "XRPUSD"}]
)
def test_unknown_symbol_or_pair_is_1121(exchange: MockExchange, params: dict[str, str]) -> None:
    reply = get(exchange, signed_query(params))
    assert (reply.status, json.loads(reply.body)) == (
        400,
        {"code": -1121, "msg": "Invalid symbol."},
    )


def test_symbol_and_pair_together_is_1128(exchange: MockExchange) -> None:
    reply = get(exchange, signed_query({"symbol": "BTCUSD_PERP", "pair": "BTCUSD"}))
    assert (reply.status, json.loads(reply.body)) == (
        400,
        {"code": -1128, "msg": "Combination of optional parameters invalid."},
    )


def test_server_time_is_the_exchange_clock(exchange: MockExchange) -> None:
    reply = get(exchange, b"", path="/dapi/v1/time", api_key=None)
    assert json.loads(reply.body) == {"serverTime": exchange.server_time_ms()}


def test_server_time_needs_no_key_and_costs_1(exchange: MockExchange) -> None:
    reply = get(exchange, b"", path="/dapi/v1/time", api_key=None)
    assert (reply.status, reply.headers["X-MBX-USED-WEIGHT-1M"]) == (200, "1")


def test_serves_the_repository_spec(exchange: MockExchange) -> None:
    reply = get(exchange, b"", path="/openapi.yaml", api_key=None)
    assert (reply.status, reply.body) == (200, REPO_SPEC.read_bytes())


def test_unknown_path_is_404_not_found(exchange: MockExchange) -> None:
    reply = get(exchange, b"", path="/dapi/v1/nothing")
    assert (reply.status, json.loads(reply.body)) == (404, {"code": -1000, "msg": "Not found."})


@pytest.mark.parametrize("method", ["POST", "DELETE", "PUT"])
def test_wrong_method_is_405_allowing_get(exchange: MockExchange, method: str) -> None:
    reply = exchange.answer(method, "/dapi/v1/openOrders", b"", {}, b"")
    assert (reply.status, reply.headers["Allow"]) == (405, "GET")
