"""Open orders that stay true: a REST snapshot kept current by the user-data stream.

``LiveOpenOrders`` opens the stream first, then reads every open order (both services, as
``all_open_orders``), then applies each event in order. At every ``Gap`` the stream yields
(the first connection, a reconnection, a new listenKey, a consumer that fell behind) it
reads the snapshot again: events are not replayed, so only REST can say what was missed.

Each order keeps the version it was last seen at: for an ordinary order its transaction
time, filled quantity and how far its status has gone (an order only moves forward); for an
algo order its transaction time and status. An event at or below that version is a
duplicate or stale, and is ignored; a snapshot's orders carry the version of their own
``updateTime``. An order that leaves (filled, cancelled, expired, triggered) keeps its
version a while, so that a late copy of an older event cannot bring it back.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from collections.abc import AsyncIterator, Mapping
from contextlib import AsyncExitStack
from decimal import Decimal
from types import MappingProxyType, TracebackType
from typing import Any, Literal, Self

import anyio
import msgspec
from anyio.abc import TaskGroup

from binance_coinm_rest.models import (
    AlgoOrder,
    AlgoStatus,
    AlgoUpdateEvent,
    Order,
    OrderSide,
    OrderStatus,
    OrderTradeUpdateEvent,
    OrderType,
    PositionSide,
)

from .. import _checks
from .._logging import logger
from ..all_open_orders import AllOpenOrders
from ..all_open_orders import asyncio as read_all_open_orders
from ..client.base import AuthenticatedClient
from ..errors import BinanceError
from ..types import Unset
from .events import Event
from .user_data import Gap, UserDataStream

Version = tuple[int, Decimal, int]
"""When an order was last seen, and how far it had gone: (time, filled quantity, status)."""
FINAL = frozenset({"FILLED", "CANCELED", "EXPIRED", "EXPIRED_IN_MATCH"})
"""Ordinary statuses after which an order is no longer open (an unknown one is open)."""
ALGO_FINAL = frozenset({"TRIGGERED", "FINISHED", "CANCELED", "REJECTED", "EXPIRED"})
"""Algo statuses after which a conditional order is no longer listed as open."""
STATUS_RANK = {"NEW": 0, "PARTIALLY_FILLED": 1, "TRIGGERING": 1}
"""How far a status has gone; a final one ranks above every other (an unknown one: 1)."""
SNAPSHOT_RETRY = 1.0
"""Seconds between two tries of a snapshot that failed (the stream goes on meanwhile)."""
REMEMBERED = 100_000
"""How many departed orders keep their version, to refuse their late events."""


def _rank(status: str, final: frozenset[str]) -> int:
    return 2 if status in final else STATUS_RANK.get(status, 1)


class LiveOrder(msgspec.Struct, frozen=True, gc=False):
    """An open ordinary order, as a REST answer or the latest event said it."""

    order_id: int
    client_order_id: str
    symbol: str
    side: OrderSide
    type: OrderType
    status: OrderStatus
    price: Decimal
    orig_qty: Decimal
    executed_qty: Decimal
    avg_price: Decimal
    stop_price: Decimal
    position_side: PositionSide
    reduce_only: bool
    update_time: int


class LiveAlgoOrder(msgspec.Struct, frozen=True, gc=False):
    """An open conditional order of the Algo Service, as a REST answer or an event said it."""

    algo_id: int
    client_algo_id: str
    symbol: str
    side: OrderSide
    order_type: OrderType
    algo_status: AlgoStatus
    quantity: Decimal
    trigger_price: Decimal
    price: Decimal
    position_side: PositionSide
    reduce_only: bool
    update_time: int
    actual_order_id: str
    """The ``orderId`` of the ordinary order it placed once triggered, as Binance writes it;
    "" until then."""


def _placed(actual_order_id: str | Unset) -> str:
    """``actualOrderId``: "" when Binance leaves it out (before the trigger)."""
    return actual_order_id if isinstance(actual_order_id, str) else ""


def live_order(order: Order) -> LiveOrder:
    return LiveOrder(
        order.order_id, order.client_order_id, order.symbol, order.side, order.type,
        order.status, order.price, order.orig_qty, order.executed_qty, order.avg_price,
        order.stop_price, order.position_side, order.reduce_only, order.update_time,
    )  # fmt: skip


def live_algo_order(order: AlgoOrder) -> LiveAlgoOrder:
    return LiveAlgoOrder(
        order.algo_id, order.client_algo_id, order.symbol, order.side, order.order_type,
        order.algo_status, order.quantity, order.trigger_price, order.price,
        order.position_side, order.reduce_only, order.update_time,
        _placed(order.actual_order_id),
    )  # fmt: skip


class Change(msgspec.Struct, frozen=True):
    """One order added to, changed in or removed from the view, and what caused it."""

    kind: Literal["added", "updated", "removed"]
    order: LiveOrder | LiveAlgoOrder
    """The order after the change; for "removed", as its event left it (FILLED, CANCELED,
    TRIGGERED, ...), or as it last was when a snapshot no longer had it."""
    event: Event | None
    """The event that caused it; None when a snapshot did."""


class Resynced(msgspec.Struct, frozen=True):
    """The view was read again from REST after a Gap (its ``reason``); the changes since the
    previous view were reported just before this."""

    reason: str


class ChangesDropped(msgspec.Struct, frozen=True):
    """The changes reader fell ``count`` changes behind; they were dropped (the view itself
    is whole): read ``orders``/``algo_orders`` again."""

    count: int


Notice = Change | Resynced | ChangesDropped


class LiveOpenOrders:
    """Every open order of the account, kept true (see the module's docstring).

    ``async with LiveOpenOrders(client) as live:`` then read ``live.orders`` and
    ``live.algo_orders`` (read-only mappings by id), ``live.in_sync``, or iterate
    ``live.changes()``. Options beside ``client`` go to the UserDataStream (``url`` for a
    REST origin other than Binance's, ``connector``, ``clock``, ...). ``symbol`` or ``pair``
    narrow the snapshots (and the weight they cost); the stream's events of other contracts
    are then left out.
    """

    def __init__(
        self,
        client: AuthenticatedClient,
        *,
        symbol: str | None = None,
        pair: str | None = None,
        changes_buffer: int = 10_000,
        **stream_options: Any,
    ) -> None:
        self._client = client
        self._symbol, self._pair = symbol, pair
        self._stream = UserDataStream(client, **stream_options)
        self._changes_buffer = _checks.integer(changes_buffer, "changes_buffer", minimum=1)
        self._orders: dict[int, LiveOrder] = {}
        self._algo: dict[int, LiveAlgoOrder] = {}
        self._versions: dict[int, Version] = {}
        self._algo_versions: dict[int, Version] = {}
        self._gone: OrderedDict[tuple[bool, int], Version] = OrderedDict()
        self._notices: deque[Notice] = deque()
        self._noticed = anyio.Event()
        self._synced = anyio.Event()
        self._tasks: TaskGroup | None = None
        self._exits = AsyncExitStack()
        self.in_sync = False
        """Whether the view holds every open order: False from a Gap until the snapshot read."""
        self.resyncs = 0
        """How many snapshots were read (the first included)."""
        self.orders: Mapping[int, LiveOrder] = MappingProxyType(self._orders)
        """Open ordinary orders by ``order_id`` (read-only; it changes as events arrive)."""
        self.algo_orders: Mapping[int, LiveAlgoOrder] = MappingProxyType(self._algo)
        """Open conditional orders by ``algo_id`` (read-only; it changes as events arrive)."""

    def __repr__(self) -> str:
        return (
            f"LiveOpenOrders(orders={len(self._orders)}, algo_orders={len(self._algo)}, "
            f"in_sync={self.in_sync})"
        )

    async def __aenter__(self) -> Self:
        async with AsyncExitStack() as stack:
            await stack.enter_async_context(self._stream)
            self._tasks = await stack.enter_async_context(anyio.create_task_group())
            self._tasks.start_soon(self._follow)
            self._exits = stack.pop_all()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop following, then close the stream: each exited even when the other raised (a
        cancellation from outside reaches both)."""
        assert self._tasks is not None
        self._tasks.cancel_scope.cancel()
        await self._exits.__aexit__(exc_type, exc_value, traceback)

    async def wait_in_sync(self) -> None:
        """Return once the view holds every open order (after the first snapshot, or the next
        one after a Gap)."""
        while not self.in_sync:
            await self._synced.wait()

    async def changes(self) -> AsyncIterator[Notice]:
        """Each change to the view as it happens, a Resynced after each snapshot, and a
        ChangesDropped if this reader fell behind. One reader at a time."""
        while True:
            while not self._notices:
                self._noticed = anyio.Event()
                await self._noticed.wait()
            yield self._notices.popleft()

    def _notify(self, notice: Notice) -> None:
        notices = self._notices
        if len(notices) >= self._changes_buffer:
            dropped = sum(1 for each in notices if isinstance(each, Change))
            notices.clear()
            notices.append(ChangesDropped(dropped))
        notices.append(notice)
        self._noticed.set()

    # Following the stream.

    async def _follow(self) -> None:
        async for item in self._stream:
            if isinstance(item, Gap):
                self.in_sync = False
                await self._resync(item.reason)
            else:
                self.apply(item)

    async def _resync(self, reason: str) -> None:
        while True:
            try:
                snapshot = await read_all_open_orders(
                    client=self._client, symbol=self._symbol, pair=self._pair
                )
            except BinanceError as exc:  # the stream goes on; the view waits for REST
                logger.warning("live open orders: the snapshot failed (%s); reading it again", exc)
                await self._stream.clock.sleep(SNAPSHOT_RETRY)
                continue
            break
        self.take_snapshot(snapshot)
        self._notify(Resynced(reason))
        self.resyncs += 1
        self.in_sync = True
        self._synced.set()
        self._synced = anyio.Event()

    def take_snapshot(self, snapshot: AllOpenOrders) -> None:
        """Replace the view with a REST snapshot, reporting the differences as changes."""
        orders = {order.order_id: order for order in snapshot.orders}
        algo = {order.algo_id: order for order in snapshot.algo_orders}
        for order_id in list(self._orders):
            if order_id not in orders:
                self._leave(False, order_id, self._versions[order_id], None)
        for algo_id in list(self._algo):
            if algo_id not in algo:
                self._leave(True, algo_id, self._algo_versions[algo_id], None)
        for order in orders.values():
            version = (order.update_time, order.executed_qty, _rank(order.status.value, FINAL))
            self._arrive(False, order.order_id, version, live_order(order), None)
        for one in algo.values():
            version = (one.update_time, Decimal(0), _rank(one.algo_status.value, ALGO_FINAL))
            self._arrive(True, one.algo_id, version, live_algo_order(one), None)

    def apply(self, event: Event) -> None:
        """Apply one stream event (ignored if it is stale, a duplicate, or not about orders)."""
        if isinstance(event, OrderTradeUpdateEvent):
            o = event.order
            if not self._wanted(o.symbol):
                return
            status = o.order_status.value
            version = (event.transaction_time, o.cumulative_filled_quantity, _rank(status, FINAL))
            order = LiveOrder(
                o.order_id, o.client_order_id, o.symbol, o.side, o.order_type, o.order_status,
                o.original_price, o.original_quantity, o.cumulative_filled_quantity,
                o.average_price, o.stop_price, o.position_side, o.reduce_only,
                event.transaction_time,
            )  # fmt: skip
            if status in FINAL:
                self._leave(False, o.order_id, version, event, order)
            else:
                self._arrive(False, o.order_id, version, order, event)
        elif isinstance(event, AlgoUpdateEvent):
            a = event.algo_order
            if not self._wanted(a.symbol):
                return
            status = a.algo_status.value
            version = (event.transaction_time, Decimal(0), _rank(status, ALGO_FINAL))
            algo = LiveAlgoOrder(
                a.algo_id, a.client_algo_id, a.symbol, a.side, a.order_type, a.algo_status,
                a.quantity, a.trigger_price, a.price, a.position_side, a.reduce_only,
                event.transaction_time, _placed(a.actual_order_id),
            )  # fmt: skip
            if status in ALGO_FINAL:
                self._leave(True, a.algo_id, version, event, algo)
            else:
                self._arrive(True, a.algo_id, version, algo, event)

    def _wanted(self, symbol: str) -> bool:
        if self._symbol is not None:
            return symbol == self._symbol
        return self._pair is None or symbol.partition("_")[0] == self._pair

    def _books(self, algo: bool) -> tuple[dict[int, Any], dict[int, Version]]:
        return (self._algo, self._algo_versions) if algo else (self._orders, self._versions)

    def _arrive(
        self, algo: bool, key: int, version: Version, order: LiveOrder | LiveAlgoOrder,
        event: Event | None,
    ) -> None:  # fmt: skip
        book, versions = self._books(algo)
        known = versions.get(key) or self._gone.get((algo, key))
        if known is not None and version <= known:
            return
        self._gone.pop((algo, key), None)
        kind: Literal["added", "updated"] = "updated" if key in book else "added"
        if kind == "updated" and book[key] == order:
            versions[key] = version
            return
        book[key], versions[key] = order, version
        self._notify(Change(kind, order, event))

    def _leave(
        self, algo: bool, key: int, version: Version, event: Event | None,
        final: LiveOrder | LiveAlgoOrder | None = None,
    ) -> None:  # fmt: skip
        book, versions = self._books(algo)
        known = versions.get(key) or self._gone.get((algo, key))
        if known is not None and event is not None and version <= known:
            return
        gone = book.pop(key, None)
        versions.pop(key, None)
        self._gone[(algo, key)] = version
        self._gone.move_to_end((algo, key))
        if len(self._gone) > REMEMBERED:
            self._gone.popitem(last=False)
        if gone is not None:
            self._notify(Change("removed", final or gone, event))


__all__ = [
    "Change",
    "ChangesDropped",
    "LiveAlgoOrder",
    "LiveOpenOrders",
    "LiveOrder",
    "Resynced",
]
