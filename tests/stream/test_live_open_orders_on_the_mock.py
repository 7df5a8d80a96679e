"""LiveOpenOrders against the mock exchange, in-process: after a scripted session (orders
placed, partly filled, filled, cancelled, amended; events duplicated; a connection dropped
and a fill missed while away) the live view equals what REST says.

The exchange and the stream share one clock: the machine's time (so that signed requests
are fresh) plus what the test moves it by (the reconnection's back-off)."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
import pytest

from binance_coinm import LiveOpenOrders, signed_client
from binance_coinm.mock import DEMO_API_KEY, DEMO_API_SECRET, MockExchange
from binance_coinm.stream.live import LiveOrder, live_order

from .fakes import FakeClock

pytestmark = pytest.mark.anyio
GUARD_SECONDS = 10


class SharedClock(FakeClock):
    """The stream's clock (seconds from 0) and the exchange's (ms: wall time plus those)."""

    def __call__(self) -> int:
        return time.time_ns() // 1_000_000 + round(self.time * 1000)


@asynccontextmanager
async def live_on(exchange: MockExchange, clock: SharedClock) -> AsyncIterator[LiveOpenOrders]:
    client = signed_client(
        DEMO_API_KEY, DEMO_API_SECRET, httpx_args={"transport": exchange.transport()}
    )
    connector = exchange.stream_connector()
    async with (
        client,
        LiveOpenOrders(client, url="ws://mock/ws", connector=connector, clock=clock) as live,
    ):
        with anyio.fail_after(GUARD_SECONDS):
            await live.wait_in_sync()
        yield live


async def settled() -> None:
    """Once every task waits: each event sent so far has been applied."""
    await anyio.wait_all_tasks_blocked()


def rest_view(exchange: MockExchange) -> dict[int, LiveOrder]:
    return {order.order_id: live_order(order) for order in exchange.orders}


def place(exchange: MockExchange, **fields: Any) -> int:
    defaults = {"side": "BUY", "price": "90000"}
    order = exchange.add_order(
        symbol="BTCUSD_PERP", type="LIMIT", orig_qty="10", **{**defaults, **fields}
    )
    return order.order_id


async def test_the_live_view_equals_rest_after_a_session() -> None:
    clock = SharedClock()
    exchange = MockExchange(clock=clock)
    async with live_on(exchange, clock) as live:
        placed, filled, cancelled = place(exchange), place(exchange), place(exchange)
        exchange.fill(placed, "3", price="89950.5")
        exchange.fill(filled)
        exchange.cancel(cancelled)
        exchange.stream_faults.duplicate(times=3)
        exchange.change_order(placed, price="89900")
        exchange.fill(placed, "2")
        exchange.cancel(exchange.orders[0].order_id)
        await settled()
        in_sync_before = dict(live.orders) == rest_view(exchange)

        exchange.stream_faults.drop()
        await settled()
        exchange.fill(placed, "1")  # missed: no connection is open
        away = place(exchange, side="SELL", price="95000")
        await clock.advance(1)  # the back-off: the stream reconnects and reads REST again
        with anyio.fail_after(GUARD_SECONDS):
            await live.wait_in_sync()

        exchange.fill(away, "4")
        exchange.stream_faults.duplicate()
        exchange.fill(placed, "1")
        await settled()
        assert (in_sync_before, live.resyncs) == (True, 2)
        assert dict(live.orders) == rest_view(exchange)
