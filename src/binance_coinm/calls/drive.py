"""The two drivers of the policy: one with blocking calls, one with awaits.

Each runs a plan (``Policy.plan``), doing what it yields: send through the client's
transport, sleep, ask the budget. The async driver cancels a send at the call's deadline;
the sync one cannot cancel a blocking call, so its transport bounds every socket operation
by the deadline instead (``network.bounded_sync``). An async call cancelled before its
request left gives its weight back.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Generator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import TypeVar

import httpx

from ..budget.base import Budget
from ..clock import ServerClock
from .network.base import AsyncTransport, SyncTransport
from .policy import Action, Observe, Outcome, Refund, Reserve, Send, Sleep

T = TypeVar("T")
REFUND_SECONDS = 1.0
"""How long a cancelled call may take to give its weight back (to a shared budget)."""


def _left(by: float) -> float:
    return max(by - time.monotonic(), 0.0)


def run(
    plan: Generator[Action, Outcome, T],
    transport: SyncTransport,
    budget: Budget | None,
    clock: ServerClock,
    limit: int,
) -> T:
    """Drive ``plan`` with blocking calls."""
    outcome: Outcome = None
    try:
        while True:
            action = plan.send(outcome)
            outcome = None
            if type(action) is Send:
                try:
                    outcome = transport.send(action.outgoing, action.by, limit)
                except httpx.TransportError as exc:
                    outcome = exc
            elif type(action) is Sleep:
                time.sleep(action.seconds)
            else:
                assert budget is not None
                if type(action) is Reserve:
                    outcome = budget.reserve(
                        action.weight, now=clock.now(), timeout=_left(action.by)
                    )
                elif type(action) is Observe:
                    budget.observe(action.used, now=clock.now(), timeout=_left(action.by))
                elif type(action) is Refund:
                    budget.refund(action.weight, now=clock.now(), timeout=_left(action.by))
    except StopIteration as stop:
        result: T = stop.value
        return result


async def arun(
    plan: Generator[Action, Outcome, T],
    transport: AsyncTransport,
    budget: Budget | None,
    clock: ServerClock,
    limit: int,
) -> T:
    """Drive ``plan`` with awaits; each send is cancelled at the call's deadline."""
    outcome: Outcome = None
    try:
        while True:
            action = plan.send(outcome)
            outcome = None
            if type(action) is Send:
                outcome = await _send(transport, action, budget, clock, limit)
            elif type(action) is Sleep:
                import anyio  # here, not at the top: a sync program never imports it

                await anyio.sleep(action.seconds)
            else:
                assert budget is not None
                if type(action) is Reserve:
                    outcome = await budget.areserve(
                        action.weight, now=clock.now(), timeout=_left(action.by)
                    )
                elif type(action) is Observe:
                    await budget.aobserve(action.used, now=clock.now(), timeout=_left(action.by))
                elif type(action) is Refund:
                    await budget.arefund(action.weight, now=clock.now(), timeout=_left(action.by))
    except StopIteration as stop:
        result: T = stop.value
        return result


def _deadline(by: float) -> AbstractAsyncContextManager[object]:
    """A scope cancelled at ``by``, for a transport that does not end by the deadline on its
    own: asyncio's when asyncio runs (cheaper than anyio's), anyio's on any other loop."""
    import asyncio  # here, not at the top: a sync program never imports it

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _anyio_deadline(by)
    return asyncio.timeout(max(by - time.monotonic(), 0.0))


@asynccontextmanager
async def _anyio_deadline(by: float) -> AsyncIterator[None]:
    import anyio

    with anyio.fail_after(_left(by)):
        yield


async def _send(
    transport: AsyncTransport, action: Send, budget: Budget | None, clock: ServerClock, limit: int
) -> Outcome:
    import anyio

    outgoing = action.outgoing
    try:
        if transport.bounds_deadline:
            return await transport.send(outgoing, action.by, limit)
        async with _deadline(action.by):
            return await transport.send(outgoing, action.by, limit)
    except TimeoutError:
        # Cut short by the deadline: before the request left, it is a connect timeout (the
        # exchange never counted it); after, a read timeout.
        kind = httpx.ReadTimeout if outgoing.sent else httpx.ConnectTimeout
        return kind("the call's deadline passed")
    except httpx.TransportError as exc:
        return exc
    except anyio.get_cancelled_exc_class():
        if budget is not None and action.weight and not outgoing.sent:
            with anyio.CancelScope(shield=True):
                await budget.arefund(action.weight, now=clock.now(), timeout=REFUND_SECONDS)
        raise
