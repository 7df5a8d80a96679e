"""What a fresh mock exchange holds: open orders of every kind, side and position side.

Deterministic, so tests and the demo can rely on them; shaped exactly as Binance returns
them since 2026-06-30 (decimals as strings): ordinary orders are LIMIT or MARKET, and the
conditional ones are algo orders (``seed_algo_orders``): four NEW, one TRIGGERING trailing
stop and one TRIGGERED stop, each of the last two linked (``actualOrderId``) to the open
order it placed. Every seeded order has a place number: its times derive from it, and an
ordinary order's ids (an algo order's are given).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

SYMBOLS_BY_PAIR: dict[str, tuple[str, ...]] = {
    "BTCUSD": ("BTCUSD_PERP", "BTCUSD_261225", "BTCUSD_270326"),
    "ETHUSD": ("ETHUSD_PERP", "ETHUSD_261225", "ETHUSD_270326"),
    "SOLUSD": ("SOLUSD_PERP",),
}
"""Contracts the mock lists, by underlying pair (a symbol with no open order is still valid).

Perpetuals plus the current and next quarterly contracts as of the seeded orders' dates.
"""

CONTRACT_SIZE_USD = Decimal(100)
_BASE_TIME = 1_795_478_400_000  # 2026-11-24T00:00:00Z

_FIRST_ORDER_ID = 1_917_641
_TRIGGER_DELAY_MS = 3_600_000

# (place, symbol, type, origType, side, positionSide, price, stopPrice, origQty, executedQty,
#  timeInForce); an origType that is not the type: the order an algo order of that place placed.
_ROWS: tuple[tuple[int, str, str, str, str, str, str, str, str, str, str], ...] = (
    (0, "BTCUSD_PERP", "LIMIT", "LIMIT", "BUY", "BOTH", "86250.5", "0", "12", "0", "GTC"),
    (1, "BTCUSD_PERP", "LIMIT", "LIMIT", "SELL", "BOTH", "91000.0", "0", "5", "2", "GTX"),
    (2, "BTCUSD_PERP", "LIMIT", "STOP", "SELL", "LONG", "84000.0", "84100.0", "3", "0", "GTC"),
    (3, "BTCUSD_PERP", "MARKET", "TRAILING_STOP_MARKET", "SELL", "LONG", "0", "87560.0", "4",
     "0", "GTC"),
    (6, "ETHUSD_PERP", "LIMIT", "LIMIT", "BUY", "LONG", "2950.25", "0", "40", "10", "GTC"),
    (9, "ETHUSD_261225", "LIMIT", "LIMIT", "SELL", "SHORT", "3120.10", "0", "25", "0", "IOC"),
    (10, "SOLUSD_PERP", "MARKET", "MARKET", "BUY", "BOTH", "0", "0", "30", "0", "GTC"),
    (11, "SOLUSD_PERP", "LIMIT", "LIMIT", "SELL", "BOTH", "142.385", "0", "60", "0", "FOK"),
)  # fmt: skip
# (place, algoId, clientAlgoId, status, symbol, orderType, side, positionSide, price,
#  triggerPrice, quantity); two wear the ids of openapi.yaml's examples, so that a request
# built from the spec names an algo order the mock holds.
_ALGO_ROWS: tuple[tuple[int, int, str, str, str, str, str, str, str, str, str], ...] = (
    (2, 2148602, "mock-0002", "TRIGGERED", "BTCUSD_PERP", "STOP", "SELL", "LONG", "84000.0",
     "84100.0", "3"),
    (3, 2148603, "mock-0003", "TRIGGERING", "BTCUSD_PERP", "TRAILING_STOP_MARKET", "SELL",
     "LONG", "0", "0", "4"),
    (4, 2148627, "MRumok0dkhrP4kCm12AHaB", "NEW", "BTCUSD_261225", "TAKE_PROFIT", "SELL",
     "LONG", "95500.0", "95000.0", "7"),
    (5, 2148719, "Q5xaq5EGKgXXa0fD7fs0Ip", "NEW", "BTCUSD_270326", "STOP_MARKET", "BUY",
     "SHORT", "0", "97000.0", "0"),
    (7, 2148707, "mock-0007", "NEW", "ETHUSD_PERP", "TAKE_PROFIT_MARKET", "BUY", "SHORT", "0",
     "2800.00", "15"),
    (8, 2148708, "mock-0008", "NEW", "ETHUSD_PERP", "TRAILING_STOP_MARKET", "BUY", "SHORT",
     "0", "0", "9"),
)  # fmt: skip
_TRAILING = {"BTCUSD_PERP": ("88000.0", "0.5"), "ETHUSD_PERP": ("2750.00", "1.2")}
"""Activation price and callback rate (percent) of each trailing stop, by symbol."""


def _cum_base(executed: str, price: str) -> str:
    """Filled amount in the base asset: contracts of 100 USD each, divided by the price."""
    if executed == "0":
        return "0"
    return str((Decimal(executed) * CONTRACT_SIZE_USD / Decimal(price)).quantize(Decimal("1e-8")))


def pair_of(symbol: str) -> str:
    return symbol.split("_", 1)[0]


def _time(place: int) -> int:
    return _BASE_TIME + place * 60_000


def _client_id(place: int) -> str:
    return f"mock-{place:04d}"


def _conditional(kind: str) -> bool:
    return kind.startswith(("STOP", "TAKE"))


def seed_orders() -> list[dict[str, Any]]:
    """A fresh list of the mock's open ordinary orders, as JSON objects."""
    orders = []
    for place, symbol, kind, orig, side, position, price, stop, qty, executed, tif in _ROWS:
        placed = orig != kind
        time = _time(place) + _TRIGGER_DELAY_MS if placed else _time(place)
        order: dict[str, Any] = {
            "avgPrice": price if executed != "0" else "0.0",
            "clientOrderId": _client_id(place),
            "cumBase": _cum_base(executed, price),
            "executedQty": executed,
            "orderId": _FIRST_ORDER_ID + place,
            "origQty": qty,
            "origType": orig,
            "price": price,
            "reduceOnly": position == "BOTH" and side == "SELL",
            "side": side,
            "positionSide": position,
            "status": "PARTIALLY_FILLED" if executed != "0" else "NEW",
            "stopPrice": stop,
            "closePosition": False,
            "symbol": symbol,
            "pair": pair_of(symbol),
            "time": time,
            "timeInForce": tif,
            "type": kind,
            "updateTime": time + 500,
            "workingType": "MARK_PRICE" if placed else "CONTRACT_PRICE",
            "priceProtect": placed,
            "priceMatch": "NONE",
            "selfTradePreventionMode": "EXPIRE_MAKER" if orig == "LIMIT" else "NONE",
        }
        if orig == "TRAILING_STOP_MARKET":
            order["activatePrice"], order["priceRate"] = _TRAILING[symbol]
        orders.append(order)
    return orders


def seed_algo_orders() -> list[dict[str, Any]]:
    """A fresh list of the mock's algo orders, as JSON objects; the TRIGGERING and TRIGGERED
    ones name the order they placed, which ``seed_orders`` holds."""
    algo_orders = []
    for row in _ALGO_ROWS:
        place, algo_id, client_algo_id, status, symbol, kind, side, position = row[:8]
        price, trigger, qty = row[8:]
        placed = status != "NEW"
        algo_order: dict[str, Any] = {
            "algoId": algo_id,
            "clientAlgoId": client_algo_id,
            "algoType": "CONDITIONAL",
            "orderType": kind,
            "symbol": symbol,
            "side": side,
            "positionSide": position,
            "timeInForce": "GTC",
            "quantity": qty,
            "algoStatus": status,
            "actualOrderId": str(_FIRST_ORDER_ID + place) if placed else "",
            "actualPrice": "0.0",
            "triggerPrice": trigger,
            "price": price,
            "icebergQuantity": None,
            "tpOrderType": "",
            "selfTradePreventionMode": "NONE",
            "workingType": "MARK_PRICE",
            "priceMatch": "NONE",
            "closePosition": kind == "STOP_MARKET",
            "priceProtect": True,
            "reduceOnly": False,
            "createTime": _time(place),
            "updateTime": _time(place) + (_TRIGGER_DELAY_MS if placed else 500),
            "triggerTime": _time(place) + _TRIGGER_DELAY_MS if placed else 0,
            "goodTillDate": 0,
        }
        if placed:
            algo_order["actualType"] = "LIMIT" if kind == "STOP" else "MARKET"
        if kind == "TRAILING_STOP_MARKET":
            algo_order["activatePrice"], algo_order["callbackRate"] = _TRAILING[symbol]
        algo_orders.append(algo_order)
    return algo_orders
