"""``watch``: every open order, kept true by the user-data stream, shown as it changes.

``LiveOpenOrders`` reads the orders of both services, then applies each event; after any
gap in the stream it reads them again (a resync). What the command writes depends on where:

- on a terminal, the table of every order, redrawn at each change (a snapshot's changes
  are drawn once, at the resync that ends them), under a line that says how many orders
  there are and when the view was last read again, and why;
- to a pipe or a file, one JSON object a line (JSON Lines), as each notice comes:
  ``{"change": "added"|"updated"|"removed", "kind": "order"|"algo", "order": {...}}`` with
  Binance's field names; ``{"resynced": reason, "orders": n, "algoOrders": m}`` after each
  snapshot (the first one's reason is "connected"); ``{"dropped": n, "orders": [...],
  "algoOrders": [...]}`` when this reader fell behind and lost ``n`` changes: the whole
  view follows, to start again from.

It runs until Ctrl-C (exit status 130: the user stopped it, as for any other command), the
reader of its output leaves (0), or ``seconds`` have passed on its clock (0). Each of them
ends it from within: the live view closes its stream and tasks before the command exits.
"""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import anyio

from .._logging import logger
from ..client.base import AuthenticatedClient
from ..errors import ConfigurationError
from ..stream.clock import Clock, SystemClock
from ..stream.connection import Connector
from ..stream.live import Change, LiveOpenOrders, Notice, Resynced
from .format.json import json_line
from .format.table import table_lines
from .output import PROG, emit, usage_error
from .views.every_order import LIVE_ORDERS
from .views.live import binance_fields, kind_of, live_record

WATCH = f"{PROG} watch"
CLEAR = "\x1b[H\x1b[2J"
"""Cursor home, then erase the screen: each drawing replaces the one before."""


class Lines:
    """What a pipe gets: one JSON line a notice."""

    def show(self, notice: Notice, live: LiveOpenOrders) -> list[str]:
        if isinstance(notice, Change):
            return [
                json_line(
                    {
                        "change": notice.kind,
                        "kind": kind_of(notice.order),
                        "order": binance_fields(notice.order),
                    }
                )
            ]
        if isinstance(notice, Resynced):
            counts = {"orders": len(live.orders), "algoOrders": len(live.algo_orders)}
            return [json_line({"resynced": notice.reason, **counts})]
        every = {
            "orders": [binance_fields(order) for order in live.orders.values()],
            "algoOrders": [binance_fields(order) for order in live.algo_orders.values()],
        }
        return [json_line({"dropped": notice.count, **every})]


class Screen:
    """What a terminal gets: the whole table, drawn again at each change."""

    def __init__(self, width: Callable[[], int | None]) -> None:
        self._width = width
        self._resyncs: list[str] = []

    def show(self, notice: Notice, live: LiveOpenOrders) -> list[str]:
        if isinstance(notice, Change) and notice.event is None:
            return []  # a snapshot's change: the Resynced that ends the snapshot draws them
        if isinstance(notice, Resynced):
            self._resyncs.append(notice.reason)
        records: list[dict[str, Any]] = [live_record(order) for order in live.orders.values()]
        records += [live_record(order) for order in live.algo_orders.values()]
        table = table_lines(LIVE_ORDERS, LIVE_ORDERS.table_rows(records), self._width())
        return [CLEAR + self._status(live), *table]

    def _status(self, live: LiveOpenOrders) -> str:
        counts = f"{len(live.orders)} orders, {len(live.algo_orders)} algo orders"
        again = self._resyncs[1:]
        state = f"resynced {len(again)}x, last on {again[-1]}" if again else "in sync"
        return f"{WATCH}: {counts}; {state} (Ctrl-C to stop)"


@contextmanager
def warnings_on_stderr() -> Iterator[None]:
    """The stream's warnings (a connection lost, a read that failed) on stderr, a line each,
    while in the block: the watch goes on, but its user should know why it may lag."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter(f"{PROG}: %(message)s"))
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


async def follow(
    client: AuthenticatedClient,
    *,
    url: str,
    symbol: str | None = None,
    pair: str | None = None,
    seconds: float | None = None,
    width: Callable[[], int | None],
    connector: Connector | None = None,
    clock: Clock | None = None,
) -> int:
    """Show every open order as it changes, until stopped; the exit status. ``width``: the
    terminal's now, or None when stdout is no terminal."""
    clock = clock or SystemClock()
    try:
        live = LiveOpenOrders(
            client, symbol=symbol, pair=pair, url=url, connector=connector, clock=clock
        )
    except ConfigurationError as error:
        return usage_error(f"argument --stream-url: {error}", WATCH)
    shown = Lines() if width() is None else Screen(width)
    status = [0]
    async with live, anyio.create_task_group() as tasks:
        tasks.start_soon(_end_on_ctrl_c, tasks.cancel_scope, status)
        if seconds is not None:
            tasks.start_soon(_end_after, clock, seconds, tasks.cancel_scope)
        async for notice in live.changes():
            ended = emit(shown.show(notice, live))
            if ended is not None:
                status[0] = ended
                break
        tasks.cancel_scope.cancel()
    return status[0]


async def _end_after(clock: Clock, seconds: float, scope: anyio.CancelScope) -> None:
    await clock.sleep(seconds)
    scope.cancel()


async def _end_on_ctrl_c(scope: anyio.CancelScope, status: list[int]) -> None:
    """Ctrl-C ends the watch as its time running out would, with status 130."""
    with anyio.open_signal_receiver(signal.SIGINT) as signals:
        async for _ in signals:
            status[0] = 130
            scope.cancel()
