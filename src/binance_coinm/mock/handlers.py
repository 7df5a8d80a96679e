"""The exchange's business: what an operation answers once every check of the spec has passed.

Handlers are looked up by operationId. An operation without one answers the 200 example of
its spec, so an endpoint added to openapi.yaml is served with no change here.

Decisions where Binance is silent or only indirect:
- an unknown ``symbol`` or ``pair`` is -1121 "Invalid symbol." (Binance answers -1121 for an
  unknown symbol since the migration; it used to return an empty list);
- Query Current Open Order checks the symbol (-1121) before it looks for the order (-2013),
  and finds an order by ``orderId`` or by ``origClientOrderId`` (the order's
  ``clientOrderId``) among that symbol's open orders only;
- Current All Algo Open Orders answers its orders oldest first; Query Algo Order by
  ``clientAlgoId`` finds the latest algo order with that id, and applies USDⓈ-M's limits by
  ``createTime``: more than 3 days ago and CANCELED or EXPIRED with nothing filled, or more
  than 90 days ago, is not found (-2013).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from attrs import define

from .algo_orders import is_listed
from .contracts import Contracts
from .orders import pair_of
from .rejections import Rejection
from .stream.handlers import (
    close_user_data_stream,
    keepalive_user_data_stream,
    start_user_data_stream,
)
from .stream.hub import StreamHub

DAY_MS = 86_400_000
UNFILLED_KEPT_MS = 3 * DAY_MS
"""How long Query Algo Order finds a CANCELED or EXPIRED algo order that filled nothing."""
KEPT_MS = 90 * DAY_MS
"""How long Query Algo Order finds any algo order."""
UNFILLED_ENDS = frozenset({"CANCELED", "EXPIRED"})


@define(frozen=True)
class Call:
    """One request that passed every check: its parameters, the time, the exchange's open
    orders and all its algo orders (as it sends them), its contracts, the caller's API key
    (empty for an operation that takes none) and the user-data stream."""

    params: Mapping[str, str]
    now_ms: int
    orders: Sequence[dict[str, Any]]
    algo_orders: Sequence[dict[str, Any]]
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


def current_all_algo_open_orders(call: Call) -> list[dict[str, Any]]:
    """The NEW and TRIGGERING algo orders, of a symbol, of a type, or the one of an id."""
    symbol = call.params.get("symbol")
    if symbol is not None:
        _listed_symbol(call, symbol)
    algo_type, algo_id = call.params.get("algoType"), call.params.get("algoId")
    return [
        algo
        for algo in call.algo_orders
        if is_listed(algo)
        and (symbol is None or algo["symbol"] == symbol)
        and (algo_type is None or algo["algoType"] == algo_type)
        and (algo_id is None or algo["algoId"] == int(algo_id))
    ]


def _still_kept(algo: Mapping[str, Any], now_ms: int) -> bool:
    age: int = now_ms - algo["createTime"]
    filled = Decimal(algo.get("actualQty", "0")) > 0
    if algo["algoStatus"] in UNFILLED_ENDS and not filled and age > UNFILLED_KEPT_MS:
        return False
    return age <= KEPT_MS


def query_algo_order(call: Call) -> dict[str, Any]:
    """One algo order, by the exchange's or the client's algo id, within USDⓈ-M's limits."""
    algo_id, client_algo_id = call.params.get("algoId"), call.params.get("clientAlgoId")
    found = [
        algo
        for algo in call.algo_orders
        if (algo_id is not None and algo["algoId"] == int(algo_id))
        or (client_algo_id is not None and algo["clientAlgoId"] == client_algo_id)
    ]
    latest = max(found, key=lambda algo: (algo["createTime"], algo["algoId"]), default=None)
    if latest is None or not _still_kept(latest, call.now_ms):
        raise Rejection("NO_SUCH_ORDER")
    return latest


def check_server_time(call: Call) -> dict[str, int]:
    return {"serverTime": call.now_ms}


HANDLERS: Mapping[str, Handler] = {
    "currentAllOpenOrders": current_all_open_orders,
    "currentAllAlgoOpenOrders": current_all_algo_open_orders,
    "queryAlgoOrder": query_algo_order,
    "queryCurrentOpenOrder": query_current_open_order,
    "checkServerTime": check_server_time,
    "startUserDataStream": start_user_data_stream,
    "keepaliveUserDataStream": keepalive_user_data_stream,
    "closeUserDataStream": close_user_data_stream,
}
"""Handlers by operationId."""
