"""N realistic COIN-M open orders, serialised once: every field, one in ten a trailing stop."""

from __future__ import annotations

import json
from typing import Any

TYPES = ("LIMIT", "STOP", "TAKE_PROFIT", "STOP_MARKET", "TAKE_PROFIT_MARKET", "MARKET")
SYMBOL = "BTCUSD_PERP"


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


def open_orders_body(count: int) -> bytes:
    return json.dumps([order(i) for i in range(count)]).encode()
