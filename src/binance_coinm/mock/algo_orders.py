"""Algo (conditional) orders as the mock's account keeps them: defaults, rules, and trigger.

Since 2026-06-30 Binance keeps stop, take-profit and trailing-stop orders in its Algo Service,
not in the order book. Each is Binance's REST JSON of an ``AlgoOrder`` (Query Algo Order's
answer). It waits (NEW) until a test triggers it; it then places an ordinary order
(TRIGGERING, with ``actualOrderId``), which is in the matching engine (TRIGGERED), and once
that order is filled, cancelled or expired the algo order is FINISHED.

Decisions where Binance is silent:
- an added algo order's ``clientAlgoId`` defaults to ``mock-algo-<algoId>``, its
  ``selfTradePreventionMode`` to NONE and a trailing stop's ``callbackRate`` to 1 (percent)
  and ``triggerPrice`` to 0;
- the placed order is a LIMIT at the algo order's price for STOP and TAKE_PROFIT, a MARKET
  for the others; its ``origType`` is the conditional type, its ``clientOrderId`` the
  ``clientAlgoId``, its ``stopPrice`` the price that met the condition, its ``priceRate`` a
  trailing stop's ``callbackRate``;
- the price that met the condition defaults to ``triggerPrice``, for a trailing stop to its
  ``activatePrice``;
- ``actualType`` is set when the order is placed, ``actualPrice``/``actualQty`` (the placed
  order's average price and filled quantity) when the algo order finishes, not on each fill;
- a trigger records TRIGGERING, then the placed order's NEW, then TRIGGERED, all at one time;
  FINISHED comes right after the change that closed the placed order, from TRIGGERING too;
- the placed order, even a MARKET one, stays open until a test fills, cancels or expires it.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from binance_coinm.errors import ConfigurationError
from binance_coinm.models import AlgoOrder, AlgoStatus, AlgoType, OrderType

from .order_fields import ALGO, decimal_text

CONDITIONAL_TYPES = frozenset(
    {
        OrderType.STOP,
        OrderType.STOP_MARKET,
        OrderType.TAKE_PROFIT,
        OrderType.TAKE_PROFIT_MARKET,
        OrderType.TRAILING_STOP_MARKET,
    }
)
"""The order types that live in the Algo Service (the order endpoints answer -4120)."""
LIMIT_PLACING = frozenset({OrderType.STOP, OrderType.TAKE_PROFIT})
"""Conditional types that place a LIMIT order at their price; the others place a MARKET."""
LISTED = frozenset({AlgoStatus.NEW, AlgoStatus.TRIGGERING})
"""Statuses in which Current All Algo Open Orders lists an algo order."""
PLACED = frozenset({AlgoStatus.TRIGGERING, AlgoStatus.TRIGGERED})
"""Statuses in which an algo order's placed order may still trade."""
TRAILING_CALLBACK_RATE = "1"


def is_listed(fields: Mapping[str, Any]) -> bool:
    listed: bool = fields.get("algoStatus") in LISTED
    return listed


def is_conditional(order_type: object) -> bool:
    return order_type in CONDITIONAL_TYPES


def refuse_conditional_type(order_type: object) -> None:
    """An ordinary order of a conditional type is refused, as Binance answers -4120."""
    if is_conditional(order_type):
        raise ConfigurationError(
            f"order field 'type' is {order_type}, a conditional type: since 2026-06-30 such an "
            "order lives in the Algo Service, add it with add_algo_order() (order_type=...)"
        )


def defaults(algo_id: object, now_ms: int, given: Mapping[str, Any]) -> dict[str, Any]:
    """What an added algo order holds unless given: Binance's values for a new one."""
    trailing = given.get("orderType") == OrderType.TRAILING_STOP_MARKET
    return {
        "algoId": algo_id,
        "clientAlgoId": f"mock-algo-{algo_id}",
        "algoType": AlgoType.CONDITIONAL.value,
        "positionSide": "BOTH",
        "timeInForce": "GTC",
        "algoStatus": AlgoStatus.NEW.value,
        "actualOrderId": "",
        "actualPrice": "0.0",
        "price": "0",
        "icebergQuantity": None,
        "tpOrderType": "",
        "selfTradePreventionMode": "NONE",
        "workingType": "CONTRACT_PRICE",
        "priceMatch": "NONE",
        "closePosition": False,
        "priceProtect": False,
        "reduceOnly": False,
        "createTime": now_ms,
        "updateTime": given.get("createTime", now_ms),
        "triggerTime": 0,
        "goodTillDate": 0,
        **({"triggerPrice": "0", "callbackRate": TRAILING_CALLBACK_RATE} if trailing else {}),
    }


def check_conditions(algo: AlgoOrder, *, by_keywords: bool) -> None:
    """A conditional type, and the prices it needs: a trigger price but for a trailing stop,
    a limit price for STOP and TAKE_PROFIT."""

    def label(key: str) -> str:
        return ALGO.label(key, by_keywords=by_keywords)

    if not is_conditional(algo.order_type):
        listed = ", ".join(sorted(CONDITIONAL_TYPES))
        raise ConfigurationError(
            f"algo order field {label('orderType')!r} is {algo.order_type}: an algo order is "
            f"one of {listed}; add_order() adds the others"
        )
    if algo.order_type != OrderType.TRAILING_STOP_MARKET and algo.trigger_price <= 0:
        raise ConfigurationError(
            f"algo order field {label('triggerPrice')!r} must be more than 0 for "
            f"{algo.order_type}: the price whose crossing triggers it"
        )
    if algo.order_type in LIMIT_PLACING and algo.price <= 0:
        raise ConfigurationError(
            f"algo order field {label('price')!r} must be more than 0 for {algo.order_type}: "
            "the limit price of the order it places"
        )


def condition_price(fields: Mapping[str, Any], price: Decimal | None) -> Decimal:
    """The price that met the algo order's condition: ``price``, or the one it waits for."""
    if price is not None:
        if price <= 0:
            raise ConfigurationError(f"price must be more than 0, got {decimal_text(price)}")
        return price
    if Decimal(fields["triggerPrice"]) > 0:
        found = Decimal(fields["triggerPrice"])
    else:
        found = Decimal(fields.get("activatePrice", "0"))
    if found <= 0:
        raise ConfigurationError(
            f"algo order {fields['algoId']} has no price to trigger at: give "
            "trigger(..., price=...), the price that met its condition"
        )
    return found


def placed_order(
    fields: Mapping[str, Any], order_id: int, price: Decimal, now_ms: int
) -> dict[str, Any]:
    """The ordinary order an algo order places when ``price`` meets its condition."""
    order_type = fields["orderType"]
    limit = order_type in LIMIT_PLACING
    order: dict[str, Any] = {
        "orderId": order_id,
        "clientOrderId": fields["clientAlgoId"],
        "symbol": fields["symbol"],
        "side": fields["side"],
        "positionSide": fields["positionSide"],
        "type": (OrderType.LIMIT if limit else OrderType.MARKET).value,
        "origType": order_type,
        "price": fields["price"] if limit else "0",
        "stopPrice": decimal_text(price),
        "origQty": fields["quantity"],
        "timeInForce": fields["timeInForce"],
        "reduceOnly": fields["reduceOnly"],
        "closePosition": fields["closePosition"],
        "workingType": fields["workingType"],
        "priceProtect": fields["priceProtect"],
        "time": now_ms,
        "updateTime": now_ms,
    }
    for key in ("priceMatch", "selfTradePreventionMode", "activatePrice"):
        if key in fields:
            order[key] = fields[key]
    if "callbackRate" in fields:
        order["priceRate"] = fields["callbackRate"]
    return order


def triggering(fields: Mapping[str, Any], order: Mapping[str, Any], now_ms: int) -> dict[str, Any]:
    """The algo order once its condition is met and ``order`` placed."""
    return {
        **fields,
        "algoStatus": AlgoStatus.TRIGGERING.value,
        "actualOrderId": str(order["orderId"]),
        "actualType": order["type"],
        "triggerTime": now_ms,
        "updateTime": now_ms,
    }


def with_status(fields: Mapping[str, Any], status: AlgoStatus, now_ms: int) -> dict[str, Any]:
    return {**fields, "algoStatus": status.value, "updateTime": now_ms}


def finished(fields: Mapping[str, Any], order: Mapping[str, Any], now_ms: int) -> dict[str, Any]:
    """The algo order once the order it placed is filled, cancelled or expired."""
    return {
        **with_status(fields, AlgoStatus.FINISHED, now_ms),
        "actualPrice": order["avgPrice"],
        "actualQty": order["executedQty"],
    }


def places(fields: Mapping[str, Any], order: Mapping[str, Any]) -> bool:
    """Whether ``fields`` is an algo order whose placed order is ``order``, still trading."""
    placing: bool = fields.get("algoStatus") in PLACED
    return placing and fields.get("actualOrderId") == str(order["orderId"])
