"""What changed in the account: one record per change, as a user-data stream would report it.

Every change to the mock's orders, whether a test made it (``add_order``) or the exchange did
(``fill``), is one record handed to the account's subscribers in the order the changes were
made: an ``OrderChange`` for an ordinary order, an ``AlgoChange`` for an algo (conditional)
order. Their kinds are named after the execution type of Binance's ``ORDER_TRADE_UPDATE``
event and the algo status of its ``ALGO_UPDATE`` event, so that a stream can send them as
they are.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from attrs import define

from binance_coinm.models import AlgoOrder, Order

from .order_fields import as_algo_order, as_order


class ChangeKind(enum.Enum):
    NEW = "NEW"
    """An order was added."""
    AMENDMENT = "AMENDMENT"
    """Fields of an order were changed."""
    TRADE = "TRADE"
    """An order was filled, partly or wholly (``fill`` says how much, at what price)."""
    CANCELED = "CANCELED"
    EXPIRED = "EXPIRED"
    REMOVED = "REMOVED"
    """A test took the order away: Binance has no such event (an order never vanishes)."""


class AlgoChangeKind(enum.Enum):
    """What happened to an algo order: its new ``algoStatus``, but for REMOVED."""

    NEW = "NEW"
    """An algo order was added: it waits for its condition."""
    TRIGGERING = "TRIGGERING"
    """Its condition was met: it is placing its order (``actualOrderId``)."""
    TRIGGERED = "TRIGGERED"
    """The order it placed is in the matching engine."""
    FINISHED = "FINISHED"
    """The order it placed was filled, cancelled or expired."""
    CANCELED = "CANCELED"
    EXPIRED = "EXPIRED"
    REMOVED = "REMOVED"
    """A test took the algo order away: Binance has no such event."""


@define(frozen=True)
class Fill:
    """The trade of a TRADE change: ``l`` and ``L`` of an ORDER_TRADE_UPDATE."""

    quantity: Decimal
    price: Decimal


@define(frozen=True)
class OrderChange:
    """One change to one order."""

    kind: ChangeKind
    fields: Mapping[str, Any]
    """The order after the change (before it, for REMOVED) as Binance's JSON; read-only."""
    time_ms: int
    """When the exchange made the change, by its clock (an event's ``E``); a test that gives
    the record's ``updateTime`` (an event's ``T``) backdates the record, not the change."""
    fill: Fill | None = None

    @property
    def order_id(self) -> int:
        order_id: int = self.fields["orderId"]
        return order_id

    @property
    def order(self) -> Order:
        """The order after the change, as the client reads it."""
        return as_order(self.fields)


@define(frozen=True)
class AlgoChange:
    """One change to one algo order."""

    kind: AlgoChangeKind
    fields: Mapping[str, Any]
    """The algo order after the change (before it, for REMOVED) as Binance's REST JSON
    (Query Algo Order's answer); read-only."""
    time_ms: int
    """When the exchange made the change, by its clock (an event's ``E``); a test that gives
    the record's ``updateTime`` (an event's ``T``) backdates the record, not the change."""

    @property
    def algo_id(self) -> int:
        algo_id: int = self.fields["algoId"]
        return algo_id

    @property
    def algo_order(self) -> AlgoOrder:
        """The algo order after the change, as the client reads it."""
        return as_algo_order(self.fields)


Change = OrderChange | AlgoChange
"""A change to the account: to an ordinary order or to an algo order."""
Subscriber = Callable[[Change], None]
