"""The live view converges: hypothesis drives random order changes (placed, partly filled,
filled, cancelled, expired, amended; algo orders placed, triggered, cancelled) and stream
faults (a dropped connection, duplicated, delayed and reordered events, a connection gone
silent, expired listenKeys) against the mock exchange, in-process. At every quiet point (the
faults' held events sent, the stream's clock moved past every back-off and ping), the view is
in sync and equals what the mock's REST endpoints answer, field by field.

The view runs on an event loop of its own thread (anyio's blocking portal); every change to
the exchange is made on that loop too, so that the exchange is only ever touched by one
thread. Changes and faults run between quiet points, so that events are lost for good (a
drop while orders change, a silent connection) and only a resync can put the view right.
The exchange's clock is the machine's (signed requests stay fresh) plus the stream's fake
clock plus one millisecond per change, so that two changes of one order never share a
millisecond (Binance's events carry no sequence number: see stream/live.py).
"""

from __future__ import annotations

import asyncio
import math
import time
from decimal import Decimal
from typing import Any

import anyio
from anyio.from_thread import BlockingPortal, start_blocking_portal
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, precondition, rule

from binance_coinm import LiveOpenOrders, all_open_orders, signed_client
from binance_coinm.mock import DEMO_API_KEY, DEMO_API_SECRET, MockConfig, MockExchange
from binance_coinm.models import Order
from binance_coinm.stream.live import live_algo_order, live_order

from .fakes import FakeClock

SYMBOLS = st.sampled_from(["BTCUSD_PERP", "ETHUSD_PERP"])
SIDES = st.sampled_from(["BUY", "SELL"])
PRICES = st.integers(min_value=1_000, max_value=99_999).map(lambda n: f"{n}.5")
QUANTITIES = st.integers(min_value=1, max_value=50)
SETTLE_TURNS = 10_000
QUIET_STEPS = 4
"""Moves of the stream's clock at a quiet point, each past the longest wait (a pong's 30 s,
the back-off's 30 s, a ping's 60 s): a silent connection is found dead and replaced."""
STEP_SECONDS = 61.0


def _waiting(task: asyncio.Task[Any]) -> bool:
    waiter = task._fut_waiter  # type: ignore[attr-defined]  # what anyio's own wait reads
    return waiter is not None and not waiter.done()


async def settled() -> None:
    """Return once every other task waits: anyio's ``wait_all_tasks_blocked`` without the
    0.1 s nap it takes each time a task is still running (a turn of the loop is enough)."""
    this = asyncio.current_task()
    for _ in range(SETTLE_TURNS):
        await asyncio.sleep(0)
        if all(task is this or _waiting(task) for task in asyncio.all_tasks()):
            return
    await anyio.wait_all_tasks_blocked()


class Clocks(FakeClock):
    """The stream's clock (seconds from 0) and the exchange's (ms), moving together."""

    def __init__(self) -> None:
        super().__init__()
        self.changes = 0

    def __call__(self) -> int:
        return time.time_ns() // 1_000_000 + round(self.time * 1000) + self.changes

    async def settle(self) -> None:
        await settled()


class LiveViewMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.clocks = Clocks()
        self.exchange = MockExchange(clock=self.clocks, config=MockConfig(weight_limit=1_000_000))
        self.client = signed_client(
            DEMO_API_KEY, DEMO_API_SECRET, weight_limit=None,
            httpx_args={"transport": self.exchange.transport()},
        )  # fmt: skip
        self.view = LiveOpenOrders(
            self.client, url="ws://mock/ws", connector=self.exchange.stream_connector(),
            clock=self.clocks,
        )  # fmt: skip
        self._portal_context = start_blocking_portal()
        self.portal: BlockingPortal = self._portal_context.__enter__()
        self._view_context = self.portal.wrap_async_context_manager(self.view)
        self._view_context.__enter__()

    def teardown(self) -> None:
        """Every run ends on a quiet point; the view and its loop are closed whatever it found."""
        try:
            self.quiet_point()
        finally:
            try:
                self._view_context.__exit__(None, None, None)
                self.portal.call(self.client.aclose)
            finally:
                self._portal_context.__exit__(None, None, None)

    # Changes, each made on the view's loop, a millisecond after the one before.

    def _change(self, how: Any, *args: Any, **fields: Any) -> Any:
        self.clocks.changes += 1
        return self.portal.call(lambda: how(*args, **fields))

    @rule(symbol=SYMBOLS, side=SIDES, price=PRICES, quantity=QUANTITIES)
    def place(self, symbol: str, side: str, price: str, quantity: int) -> None:
        self._change(
            self.exchange.add_order, symbol=symbol, side=side, type="LIMIT", orig_qty=quantity,
            price=price,
        )  # fmt: skip

    def _fillable(self) -> list[Order]:
        """Open orders with a quantity left (a close-position order has none to fill)."""
        return [order for order in self.exchange.orders if order.orig_qty > order.executed_qty]

    @precondition(lambda self: self._fillable())
    @rule(data=st.data(), whole=st.booleans())
    def fill(self, data: st.DataObject, whole: bool) -> None:
        order = data.draw(st.sampled_from(self._fillable()))
        left = order.orig_qty - order.executed_qty
        partly = st.integers(1, math.ceil(left) - 1).map(Decimal)
        quantity = left if whole or left <= 1 else data.draw(partly)
        price = None if order.price else data.draw(PRICES)  # a market order fills at a price
        self._change(self.exchange.fill, order.order_id, quantity, price=price)

    @precondition(lambda self: self.exchange.orders)
    @rule(data=st.data(), expire=st.booleans())
    def cancel(self, data: st.DataObject, expire: bool) -> None:
        order = data.draw(st.sampled_from(self.exchange.orders))
        self._change(self.exchange.expire if expire else self.exchange.cancel, order.order_id)

    @precondition(lambda self: self.exchange.orders)
    @rule(data=st.data(), price=PRICES)
    def amend(self, data: st.DataObject, price: str) -> None:
        order = data.draw(st.sampled_from(self.exchange.orders))
        self._change(self.exchange.change_order, order.order_id, price=price)

    @rule(symbol=SYMBOLS, side=SIDES, trigger=PRICES, quantity=QUANTITIES)
    def place_algo(self, symbol: str, side: str, trigger: str, quantity: int) -> None:
        self._change(
            self.exchange.add_algo_order, symbol=symbol, side=side, order_type="STOP_MARKET",
            quantity=quantity, trigger_price=trigger,
        )  # fmt: skip

    @precondition(lambda self: self.exchange.algo_orders)
    @rule(data=st.data(), hold=st.booleans())
    def trigger(self, data: st.DataObject, hold: bool) -> None:
        """A NEW algo order triggers (or stops at TRIGGERING); a TRIGGERING one finishes."""
        algo = data.draw(st.sampled_from(self.exchange.algo_orders))
        hold = hold and algo.algo_status.value == "NEW"
        self._change(self.exchange.trigger, algo.algo_id, hold=hold)

    @precondition(lambda self: any(a.algo_status.value == "NEW" for a in self.exchange.algo_orders))
    @rule(data=st.data())
    def cancel_algo(self, data: st.DataObject) -> None:
        new = [a for a in self.exchange.algo_orders if a.algo_status.value == "NEW"]
        algo = data.draw(st.sampled_from(new))
        self._change(self.exchange.cancel_algo_order, algo.algo_id)

    # Faults of the stream.

    @rule()
    def drop(self) -> None:
        self.portal.call(self.exchange.stream_faults.drop)

    @rule(times=st.integers(1, 3))
    def duplicate(self, times: int) -> None:
        self.portal.call(self.exchange.stream_faults.duplicate, times)

    @rule(delay_ms=st.sampled_from([0, 5, 250]))
    def delay(self, delay_ms: int) -> None:
        def set_delay() -> None:
            self.exchange.stream_faults.delay_ms = delay_ms

        self.portal.call(set_delay)

    @rule(window=st.integers(1, 4))
    def reorder(self, window: int) -> None:
        self.portal.call(self.exchange.stream_faults.reorder, window)

    @rule()
    def silence(self) -> None:
        self.portal.call(self.exchange.stream_faults.silence)

    @rule()
    def expire_listen_keys(self) -> None:
        self.portal.call(self.exchange.stream_faults.expire_listen_keys)

    # The property.

    async def _quiet(self) -> None:
        """Send every held event, then move the stream's clock past every wait."""
        faults = self.exchange.stream_faults
        faults.flush()
        self.clocks.changes += faults.delay_ms + 1
        self.exchange.streams.tick()
        for _ in range(QUIET_STEPS):
            await self.clocks.advance(STEP_SECONDS)

    async def _rest(self) -> tuple[dict[int, Any], dict[int, Any]]:
        found = await all_open_orders.asyncio(client=self.client)
        return (
            {order.order_id: live_order(order) for order in found.orders},
            {algo.algo_id: live_algo_order(algo) for algo in found.algo_orders},
        )

    @rule()
    def quiet_point(self) -> None:
        """The property: once quiet, the view is in sync and equals REST, field by field."""
        self.portal.call(self._quiet)
        orders, algo_orders = self.portal.call(self._rest)
        assert self.view.in_sync
        assert dict(self.view.orders) == orders
        assert dict(self.view.algo_orders) == algo_orders


LiveViewMachine.TestCase.settings = settings(
    max_examples=30,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_the_live_view_converges_under_every_fault = LiveViewMachine.TestCase
