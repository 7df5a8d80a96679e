"""How an ``AlgoOrder`` is shown: ``open-orders --kind algo`` and ``open-order --algo-id``.

Binance's own field names, as ``order.py`` uses for an ordinary order. On a narrow terminal
the same things stay as for an ordinary order: what the order is and which one it is.
"""

from __future__ import annotations

from . import Column, LeaveOut, Narrow, View, dash_if_empty, dash_if_zero, utc_time
from .order import ORDER_TYPES

WORKING_TYPES = {"CONTRACT_PRICE": "CONTRACT", "MARK_PRICE": "MARK"}
"""The price a trigger watches, without the ``_PRICE`` every value ends in."""

ALGO_ORDER = View(
    columns=(
        Column("symbol"),
        Column("algoId", right=True),
        Column("clientAlgoId", short="clientId", shortest=8),
        Column("side"),
        Column("positionSide", short="posSide"),
        Column("orderType", short="type", abbreviations=ORDER_TYPES),
        Column("algoStatus", short="status"),
        Column("price", right=True, show=dash_if_zero),
        Column("quantity", short="qty", right=True),
        Column("triggerPrice", short="trigger", right=True, show=dash_if_zero),
        Column("workingType", short="working", abbreviations=WORKING_TYPES),
        Column("timeInForce", short="tif"),
        Column("reduceOnly", short="reduce"),
        Column("actualOrderId", short="placed", right=True, show=dash_if_empty),
        Column("createTime", header="createTime (UTC)", short="created (UTC)", show=utc_time),
    ),
    narrowing=(
        Narrow.SHORT_HEADERS,
        LeaveOut("createTime"),  # history, not state; and the widest column
        LeaveOut("timeInForce"),
        LeaveOut("actualOrderId"),  # "-" until it triggers, and then it leaves this list
        Narrow.ABBREVIATE,
        LeaveOut("workingType"),  # qualifies the trigger: lost before the trigger itself
        LeaveOut("reduceOnly"),
        LeaveOut("positionSide"),
        LeaveOut("triggerPrice"),  # last, as an ordinary order's stopPrice
        Narrow.CUT,
    ),
)
