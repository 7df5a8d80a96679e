"""Query Current Open Order: one seeded order of a symbol, by either id, or Binance's refusals."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from binance_coinm.mock import MockExchange, Reply

from .conftest import get, signed_query

OPEN_ORDER = "/dapi/v1/openOrder"


def query_order(exchange: MockExchange, **params: Any) -> Reply:
    return get(exchange, signed_query(params), path=OPEN_ORDER)


def error(reply: Reply) -> tuple[int, int, str]:
    body = json.loads(reply.body)
    return reply.status, body["code"], body["msg"]


def test_order_id_selects_that_order(exchange: MockExchange) -> None:
    wanted = exchange.orders[5]
    reply = query_order(exchange, symbol=wanted.symbol, orderId=wanted.order_id)
    assert (reply.status, json.loads(reply.body)) == (200, wanted.to_dict())


def test_orig_client_order_id_selects_that_order(exchange: MockExchange) -> None:
    wanted = exchange.orders[7]
    reply = query_order(exchange, symbol=wanted.symbol, origClientOrderId=wanted.client_order_id)
    assert (reply.status, json.loads(reply.body)) == (200, wanted.to_dict())


def test_answer_is_one_order_not_a_list(exchange: MockExchange) -> None:
    wanted = exchange.orders[0]
    body = json.loads(query_order(exchange, symbol=wanted.symbol, orderId=wanted.order_id).body)
    assert isinstance(body, dict)


@pytest.mark.parametrize("close", [MockExchange.cancel, MockExchange.expire, MockExchange.fill])
def test_order_that_is_no_longer_open_is_2013(
    exchange: MockExchange, close: Callable[[MockExchange, int], object]
) -> None:
    gone = exchange.orders[0]
    close(exchange, gone.order_id)
    reply = query_order(exchange, symbol=gone.symbol, orderId=gone.order_id)
    assert error(reply) == (400, -2013, "Order does not exist.")


def test_removed_order_is_2013(exchange: MockExchange) -> None:
    gone = exchange.remove_order(exchange.orders[0].order_id)
    reply = query_order(exchange, symbol=gone.symbol, orderId=gone.order_id)
    assert error(reply) == (400, -2013, "Order does not exist.")


def test_order_of_another_symbol_is_2013(exchange: MockExchange) -> None:
    btc = next(order for order in exchange.orders if order.symbol == "BTCUSD_PERP")
    reply = query_order(exchange, symbol="ETHUSD_PERP", orderId=btc.order_id)
    assert error(reply) == (400, -2013, "Order does not exist.")


def test_unknown_client_order_id_is_2013(exchange: MockExchange) -> None:
    reply = query_order(exchange, symbol="BTCUSD_PERP", origClientOrderId="never-placed")
    assert error(reply) == (400, -2013, "Order does not exist.")


def test_unknown_symbol_is_1121_before_the_order_is_looked_for(exchange: MockExchange) -> None:
    reply = query_order(exchange, symbol="XRPUSD_PERP", orderId=exchange.orders[0].order_id)
    assert error(reply) == (400, -1121, "Invalid symbol.")


def test_both_order_ids_together_is_1128(exchange: MockExchange) -> None:
    order = exchange.orders[0]
    reply = query_order(
        exchange,
        symbol=order.symbol,
        orderId=order.order_id,
        origClientOrderId=order.client_order_id,
    )
    assert error(reply) == (400, -1128, "Combination of optional parameters invalid.")


def test_neither_order_id_is_1102_naming_both(exchange: MockExchange) -> None:
    reply = query_order(exchange, symbol="BTCUSD_PERP")
    assert error(reply) == (
        400,
        -1102,
        "Param 'orderId' or 'origClientOrderId' must be sent, but both were empty/null!",
    )


def test_missing_symbol_is_1102_naming_it(exchange: MockExchange) -> None:
    reply = query_order(exchange, orderId=exchange.orders[0].order_id)
    assert error(reply) == (
        400,
        -1102,
        "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.",
    )


@pytest.mark.parametrize("symbol", ["", "btcusd_perp", "BTC-USD"])
def test_malformed_required_symbol_is_1102(exchange: MockExchange, symbol: str) -> None:
    reply = query_order(exchange, symbol=symbol, orderId=exchange.orders[0].order_id)
    assert error(reply)[1:] == (
        -1102,
        "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.",
    )


@pytest.mark.parametrize("order_id", ["0", "abc", "-1", "1.5", "", "9" * 20])
def test_malformed_optional_order_id_is_1130(exchange: MockExchange, order_id: str) -> None:
    reply = query_order(exchange, symbol="BTCUSD_PERP", orderId=order_id)
    assert error(reply)[1:] == (-1130, "Data sent for parameter 'orderId' is not valid.")


def test_parameters_are_checked_before_the_signature(exchange: MockExchange) -> None:
    query = signed_query({"orderId": 1}, secret="not-the-secret")
    assert error(get(exchange, query, path=OPEN_ORDER))[1] == -1102


def test_query_current_open_order_costs_1(exchange: MockExchange) -> None:
    order = exchange.orders[0]
    reply = query_order(exchange, symbol=order.symbol, orderId=order.order_id)
    assert reply.headers["X-MBX-USED-WEIGHT-1M"] == "1"
