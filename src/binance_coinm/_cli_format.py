"""How the ``binance-coinm`` command prints orders: an aligned table for people, JSON for scripts.

Cells are Binance's own text (``Order.to_dict()``), so decimals keep the digits it sent.
Binance sends ``"0"`` for a price that does not apply (the price of a market-style order, the
trigger of an order without one); the table shows ``-`` there, JSON keeps the ``"0"``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import msgspec

from binance_coinm.models import Order

COLUMNS = (
    "symbol", "orderId", "clientOrderId", "side", "positionSide", "type", "status", "price",
    "origQty", "executedQty", "stopPrice", "timeInForce", "reduceOnly", "time (UTC)",
)  # fmt: skip
RIGHT_ALIGNED = frozenset({"orderId", "price", "origQty", "executedQty", "stopPrice"})
NOT_APPLICABLE = "-"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def printable(text: str) -> str:
    """``text`` with control characters escaped: the exchange's text must not drive a terminal."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def utc_time(ms: int) -> str:
    """Milliseconds since the epoch as UTC, or the raw number past what datetime can show."""
    try:
        return (_EPOCH + timedelta(milliseconds=ms)).strftime("%Y-%m-%d %H:%M:%S")
    except OverflowError:
        return str(ms)


def _cells(order: Order) -> list[str]:
    raw = order.to_dict()
    raw["reduceOnly"] = "true" if order.reduce_only else "false"
    raw["time (UTC)"] = utc_time(order.time)
    if order.price == 0:
        raw["price"] = NOT_APPLICABLE
    if order.stop_price == 0:
        raw["stopPrice"] = NOT_APPLICABLE
    return [printable(str(raw[column])) for column in COLUMNS]


def table_lines(orders: Sequence[Order]) -> list[str]:
    """The orders under a header row; the header alone when there are none."""
    rows = [list(COLUMNS), *(_cells(order) for order in orders)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    return [
        "  ".join(
            cell.rjust(width) if column in RIGHT_ALIGNED else cell.ljust(width)
            for column, cell, width in zip(COLUMNS, row, widths, strict=True)
        ).rstrip()
        for row in rows
    ]


_JSON = msgspec.json.Encoder(decimal_format="number")
"""Unknown fields' numbers are Decimals in to_dict() (the spec's decimals are strings there):
written as numbers, as received."""


def json_lines(value: Order | Sequence[Order]) -> list[str]:
    """Binance's JSON, indented: a list for many orders, an object for one."""
    data = value.to_dict() if isinstance(value, Order) else [order.to_dict() for order in value]
    # Split on "\n" alone: str.splitlines() would also split at a U+2028 inside a string.
    return msgspec.json.format(_JSON.encode(data), indent=2).decode().split("\n")
