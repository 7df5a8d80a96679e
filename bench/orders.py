"""N realistic COIN-M open orders, serialised once, in two shapes.

``documented``: every field of the spec, one order in ten a trailing stop. ``evolved``: the same
orders as Binance may send them later: every order carries a field the spec does not know
(``goodTillDate``) and one order in ten (the first of every ten, so N = 1 has one too) has an
order status the spec does not list.
"""

from __future__ import annotations

import json
from typing import Any

TYPES = ("LIMIT", "STOP", "TAKE_PROFIT", "STOP_MARKET", "TAKE_PROFIT_MARKET", "MARKET")
SYMBOL = "BTCUSD_PERP"
SHAPES = ("documented", "evolved")
UNKNOWN_FIELD = "goodTillDate"
UNKNOWN_STATUS = "NEW_STATUS_X"


def order(index: int) -> dict[str, Any]:
    kind = "TRAILING_STOP_MARKET" if index % 10 == 9 else TYPES[index % len(TYPES)]
    price = f"{80000 + (index * 7919) % 20000}.{index % 10}"
    result: dict[str, Any] = {
        "avgPrice": "0.0",
        "clientOrderId": f"bench-{index:010d}",
        "cumBase": "0",
        "executedQty": "0",
        "orderId": 4_000_000_000 + index,
        "origQty": str(1 + index % 500),
        "origType": kind,
        "price": "0" if kind.endswith("MARKET") else price,
        "reduceOnly": index % 3 == 0,
        "side": "BUY" if index % 2 else "SELL",
        "positionSide": ("BOTH", "LONG", "SHORT")[index % 3],
        "status": "NEW",
        "stopPrice": price if kind.startswith(("STOP", "TAKE")) else "0",
        "closePosition": False,
        "symbol": SYMBOL,
        "pair": "BTCUSD",
        "time": 1_764_028_800_000 + index,
        "timeInForce": "GTC",
        "type": kind,
        "updateTime": 1_764_028_800_000 + index,
        "workingType": "CONTRACT_PRICE",
        "priceProtect": False,
        "priceMatch": "NONE",
        "selfTradePreventionMode": "NONE",
    }
    if kind == "TRAILING_STOP_MARKET":
        result["activatePrice"] = price
        result["priceRate"] = "0.3"
    return result


def evolved_order(index: int) -> dict[str, Any]:
    result = order(index)
    result[UNKNOWN_FIELD] = 0
    if index % 10 == 0:
        result["status"] = UNKNOWN_STATUS
    return result


def open_orders_body(count: int, shape: str = "documented") -> bytes:
    make = {"documented": order, "evolved": evolved_order}[shape]
    return json.dumps([make(i) for i in range(count)]).encode()
