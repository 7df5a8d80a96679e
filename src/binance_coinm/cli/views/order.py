"""How an ``Order`` is shown: ``open-orders`` and ``open-order``.

On a narrow terminal a trader must still see what each order is and which one it is:
symbol, ids, side, type, status, price and quantity are never left out.
"""

from __future__ import annotations

from . import Column, LeaveOut, Narrow, View, dash_if_zero, utc_time

ORDER_TYPES = {
    "STOP_MARKET": "STOP_MKT",
    "TAKE_PROFIT": "TP",
    "TAKE_PROFIT_MARKET": "TP_MKT",
    "TRAILING_STOP_MARKET": "TRAILING",
}
"""Abbreviations of the order types longer than ``MARKET``, none the name of another."""

ORDER = View(
    columns=(
        Column("symbol"),
        Column("orderId", right=True),
        Column("clientOrderId", short="clientId", shortest=8),
        Column("side"),
        Column("positionSide", short="posSide"),
        Column("type", abbreviations=ORDER_TYPES),
        Column("status", abbreviations={"PARTIALLY_FILLED": "PARTIAL"}),
        Column("price", right=True, show=dash_if_zero),
        Column("origQty", short="qty", right=True),
        Column("executedQty", short="filled", right=True),
        Column("stopPrice", short="stop", right=True, show=dash_if_zero),
        Column("timeInForce", short="tif"),
        Column("reduceOnly", short="reduce"),
        Column("time", header="time (UTC)", show=utc_time),
    ),
    narrowing=(
        Narrow.SHORT_HEADERS,  # labels only: every cell still as it was
        LeaveOut("time"),  # when it was placed is history, not state; and the widest column
        LeaveOut("timeInForce"),  # set when placing, rarely what one acts on
        LeaveOut("executedQty"),  # status still says whether a fill has begun
        Narrow.ABBREVIATE,  # nothing lost, but a reader has to know TP_MKT (--help lists them)
        LeaveOut("reduceOnly"),  # these qualify the side: lost before what the order is
        LeaveOut("positionSide"),
        LeaveOut("stopPrice"),  # last: the trigger is the price that matters for a stop
        Narrow.CUT,  # the client's id cut: the exchange's id still names the order exactly
    ),
)
