"""What changed in the account: one record per change, as a user-data stream would report it.

Every change to the mock's orders, whether a test made it (``add_order``) or the exchange did
(``fill``), is one ``OrderChange`` handed to the account's subscribers in the order the
changes were made. Its ``kind`` is named after the execution type of Binance's
``ORDER_TRADE_UPDATE`` event where one exists, so that a stream can send it as it is.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from attrs import define

from binance_coinm.models import Order

from .order_fields import as_order


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
    """When the exchange made the change, by its clock (an event's ``E``)."""
    fill: Fill | None = None

    @property
    def order_id(self) -> int:
        order_id: int = self.fields["orderId"]
        return order_id

    @property
    def order(self) -> Order:
        """The order after the change, as the client reads it."""
        return as_order(self.fields)


Subscriber = Callable[[OrderChange], None]
