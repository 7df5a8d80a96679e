"""Every open order in one table: ordinary orders and algo orders, a row each.

The two kinds name alike things differently (``orderId``/``algoId``, ``origQty``/
``quantity``, ``stopPrice``/``triggerPrice``...): the table's merged columns read each kind's
own field, and a ``kind`` column says which is which. The CSV keeps Binance's names instead:
one header with both kinds' fields, each row empty in the other kind's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from . import Column, LeaveOut, Narrow, Record, View, dash_if_zero, utc_time
from .algo_order import ALGO_ORDER
from .order import ORDER, ORDER_TYPES

Kind = Literal["order", "algo"]

FIELDS: Mapping[Kind, Mapping[str, str]] = {
    "order": {
        "id": "orderId", "clientId": "clientOrderId", "quantity": "origQty",
        "trigger": "stopPrice",
    },
    "algo": {
        "id": "algoId", "clientId": "clientAlgoId", "type": "orderType", "status": "algoStatus",
        "trigger": "triggerPrice", "time": "createTime", "executedQty": "",
    },
}  # fmt: skip
"""Each merged column's field in each kind, where its name differs ("" where it has none)."""

_STATUSES = {"PARTIALLY_FILLED": "PARTIAL", "TRIGGERING": "TRIGGER"}
KIND = Column("kind")
_FIRST = (
    KIND,
    Column("symbol"),
    Column("id", right=True),
    Column("clientId", shortest=8),
    Column("side"),
    Column("positionSide", short="posSide"),
    Column("type", abbreviations=ORDER_TYPES),
    Column("status", abbreviations=_STATUSES),
    Column("price", right=True, show=dash_if_zero),
    Column("quantity", short="qty", right=True),
    Column("executedQty", short="filled", right=True),
    Column("trigger", right=True, show=dash_if_zero),
)
_NARROWING = (
    Narrow.SHORT_HEADERS,  # labels only: every cell still as it was
    LeaveOut("time"),  # history, not state; and the widest column
    LeaveOut("timeInForce"),  # set when placing, rarely what one acts on
    LeaveOut("placedBy"),  # a link to another row, mostly "-"; the JSON keeps it
    LeaveOut("executedQty"),  # status still says whether a fill has begun
    Narrow.ABBREVIATE,
    LeaveOut("reduceOnly"),  # these qualify the side: lost before what the order is
    LeaveOut("positionSide"),
    LeaveOut("trigger"),  # last: the price that matters for a stop
    Narrow.CUT,  # the client's id cut: kind and id still name the order exactly
)

EVERY_ORDER = View(
    columns=(
        *_FIRST,
        Column("timeInForce", short="tif"),
        Column("reduceOnly", short="reduce"),
        Column("placedBy", right=True),
        Column("time", header="time (UTC)", show=utc_time),
    ),
    narrowing=_NARROWING,
)
"""``open-orders`` (of both kinds): ``placedBy`` is the algo order an ordinary one was
placed by."""

LIVE_ORDERS = View(
    columns=(
        *_FIRST,
        Column("reduceOnly", short="reduce"),
        Column("updateTime", header="updated (UTC)", show=utc_time),
    ),
    narrowing=tuple(
        LeaveOut("updateTime") if step == LeaveOut("time") else step
        for step in _NARROWING
        if step not in (LeaveOut("timeInForce"), LeaveOut("placedBy"))
    ),
)
"""``watch``: what the stream keeps of each order (no time in force, no creation time)."""

EVERY_ORDER_CSV = View(
    columns=(
        KIND,
        *ORDER.columns,
        *(c for c in ALGO_ORDER.columns if c.key not in {o.key for o in ORDER.columns}),
        Column("placedBy"),
    )
)
"""``open-orders --format csv`` (of both kinds): Binance's names, as each kind's own CSV."""


def merged(kind: Kind, raw: Record, placed_by: int | None = None) -> dict[str, Any]:
    """A kind's JSON object as a row of the merged tables."""
    names = FIELDS[kind]
    record: dict[str, Any] = {"kind": kind, "placedBy": placed_by}
    for column in (*EVERY_ORDER.columns, *LIVE_ORDERS.columns):
        name = names.get(column.key, column.key)
        if column is not KIND and column.key != "placedBy":
            record[column.key] = raw.get(name) if name else None
    return record


def with_kind(kind: Kind, raw: Record, placed_by: int | None = None) -> dict[str, Any]:
    """A kind's JSON object as a row of the CSV of both kinds."""
    return {**raw, "kind": kind, "placedBy": placed_by}
