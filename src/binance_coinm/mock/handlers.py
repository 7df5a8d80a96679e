"""The exchange's business: what an operation answers once every check of the spec has passed.

Handlers are looked up by operationId. An operation without one answers the 200 example of
its spec, so an endpoint added to openapi.yaml is served with no change here.

Decisions where Binance is silent or only indirect:
- an unknown ``symbol`` or ``pair`` is -1121 "Invalid symbol." (Binance answers -1121 for an
  unknown symbol since the migration; it used to return an empty list);
- Query Current Open Order checks the symbol (-1121) before it looks for the order (-2013),
  and finds an order by ``orderId`` or by ``origClientOrderId`` (the order's
  ``clientOrderId``) among that symbol's open orders only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from attrs import define

from .contracts import Contracts
from .orders import pair_of
from .rejections import Rejection
from .stream.handlers import (
    close_user_data_stream,
    keepalive_user_data_stream,
    start_user_data_stream,
)
from .stream.hub import StreamHub


@define(frozen=True)
class Call:
    """One request that passed every check: its parameters, the time, the exchange's open
    orders (as it sends them), its contracts, the caller's API key and the user-data stream."""

    params: Mapping[str, str]
    now_ms: int
    orders: Sequence[dict[str, Any]]
    contracts: Contracts
    api_key: str
    streams: StreamHub


Handler = Callable[[Call], Any]


def _listed_symbol(call: Call, symbol: str) -> str:
    if call.contracts.get(symbol) is None:
        raise Rejection("BAD_SYMBOL")
    return symbol


def current_all_open_orders(call: Call) -> list[dict[str, Any]]:
    """The open orders of a symbol, of every symbol of a pair, or all of them."""
    symbol, pair = call.params.get("symbol"), call.params.get("pair")
    if symbol is not None:
        listed = _listed_symbol(call, symbol)
        return [order for order in call.orders if order["symbol"] == listed]
    if pair is not None:
        if not call.contracts.lists_pair(pair):
            raise Rejection("BAD_SYMBOL")
        # By the symbol: an order need not carry its optional ``pair`` field.
        return [order for order in call.orders if pair_of(order["symbol"]) == pair]
    return list(call.orders)


def query_current_open_order(call: Call) -> dict[str, Any]:
    """One open order of a symbol, by the exchange's or the client's order id."""
    symbol = _listed_symbol(call, call.params["symbol"])
    order_id, client_order_id = call.params.get("orderId"), call.params.get("origClientOrderId")
    for order in call.orders:
        if order["symbol"] != symbol:
            continue
        if order_id is not None and order["orderId"] == int(order_id):
            return order
        if client_order_id is not None and order["clientOrderId"] == client_order_id:
            return order
    raise Rejection("NO_SUCH_ORDER")


def check_server_time(call: Call) -> dict[str, int]:
    return {"serverTime": call.now_ms}


HANDLERS: Mapping[str, Handler] = {
    "currentAllOpenOrders": current_all_open_orders,
    "queryCurrentOpenOrder": query_current_open_order,
    "checkServerTime": check_server_time,
    "startUserDataStream": start_user_data_stream,
    "keepaliveUserDataStream": keepalive_user_data_stream,
    "closeUserDataStream": close_user_data_stream,
}
"""Handlers by operationId."""
