"""The open orders a fresh mock exchange holds: every order type, side and position side.

Deterministic, so tests and the demo can rely on them; shaped exactly as Binance returns
them (decimals as strings, ``activatePrice``/``priceRate`` only on trailing stops).
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

# (symbol, type, side, positionSide, price, stopPrice, origQty, executedQty, timeInForce)
_ROWS: tuple[tuple[str, str, str, str, str, str, str, str, str], ...] = (
    ("BTCUSD_PERP", "LIMIT", "BUY", "BOTH", "86250.5", "0", "12", "0", "GTC"),
    ("BTCUSD_PERP", "LIMIT", "SELL", "BOTH", "91000.0", "0", "5", "2", "GTX"),
    ("BTCUSD_PERP", "STOP", "SELL", "LONG", "84000.0", "84100.0", "3", "0", "GTC"),
    ("BTCUSD_PERP", "TRAILING_STOP_MARKET", "SELL", "LONG", "0", "0", "4", "0", "GTC"),
    ("BTCUSD_261225", "TAKE_PROFIT", "SELL", "LONG", "95500.0", "95000.0", "7", "0", "GTC"),
    ("BTCUSD_270326", "STOP_MARKET", "BUY", "SHORT", "0", "97000.0", "1", "0", "GTC"),
    ("ETHUSD_PERP", "LIMIT", "BUY", "LONG", "2950.25", "0", "40", "10", "GTC"),
    ("ETHUSD_PERP", "TAKE_PROFIT_MARKET", "BUY", "SHORT", "0", "2800.00", "15", "0", "GTC"),
    ("ETHUSD_PERP", "TRAILING_STOP_MARKET", "BUY", "SHORT", "0", "0", "9", "0", "GTC"),
    ("ETHUSD_261225", "LIMIT", "SELL", "SHORT", "3120.10", "0", "25", "0", "IOC"),
    ("SOLUSD_PERP", "MARKET", "BUY", "BOTH", "0", "0", "30", "0", "GTC"),
    ("SOLUSD_PERP", "LIMIT", "SELL", "BOTH", "142.385", "0", "60", "0", "FOK"),
)
_TRAILING = {"BTCUSD_PERP": ("88000.0", "0.5"), "ETHUSD_PERP": ("2750.00", "1.2")}


def _cum_base(executed: str, price: str) -> str:
    """Filled amount in the base asset: contracts of 100 USD each, divided by the price."""
    if executed == "0":
        return "0"
    return str((Decimal(executed) * CONTRACT_SIZE_USD / Decimal(price)).quantize(Decimal("1e-8")))


def pair_of(symbol: str) -> str:
    return symbol.split("_", 1)[0]


def seed_orders() -> list[dict[str, Any]]:
    """A fresh list of the mock's open orders, as JSON objects."""
    orders = []
    for index, (symbol, kind, side, position, price, stop, qty, executed, tif) in enumerate(_ROWS):
        order: dict[str, Any] = {
            "avgPrice": price if executed != "0" else "0.0",
            "clientOrderId": f"mock-{index:04d}",
            "cumBase": _cum_base(executed, price),
            "executedQty": executed,
            "orderId": 1_917_641 + index,
            "origQty": qty,
            "origType": kind,
            "price": price,
            "reduceOnly": position == "BOTH" and side == "SELL",
            "side": side,
            "positionSide": position,
            "status": "PARTIALLY_FILLED" if executed != "0" else "NEW",
            "stopPrice": stop,
            "closePosition": kind == "STOP_MARKET",
            "symbol": symbol,
            "pair": pair_of(symbol),
            "time": _BASE_TIME + index * 60_000,
            "timeInForce": tif,
            "type": kind,
            "updateTime": _BASE_TIME + index * 60_000 + 500,
            "workingType": "MARK_PRICE" if kind.startswith(("STOP", "TAKE")) else "CONTRACT_PRICE",
            "priceProtect": kind.startswith(("STOP", "TAKE")),
            "priceMatch": "NONE",
            "selfTradePreventionMode": "EXPIRE_MAKER" if kind == "LIMIT" else "NONE",
        }
        if kind == "TRAILING_STOP_MARKET":
            order["activatePrice"], order["priceRate"] = _TRAILING[symbol]
        orders.append(order)
    return orders
