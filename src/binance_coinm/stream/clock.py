"""Time as the stream sees it, so that keepalive, renewal, rotation and back-off can be
driven by a test's clock instead of by waiting."""

from __future__ import annotations

import time
from collections.abc import Awaitable
from typing import Protocol, TypeVar

import anyio

T = TypeVar("T")


class Clock(Protocol):
    def now(self) -> float:
        """Seconds on a monotonic clock."""
        ...

    async def sleep(self, seconds: float) -> None:
        """Return once ``seconds`` have passed on this clock."""
        ...


class SystemClock:
    """The machine's monotonic clock."""

    def now(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await anyio.sleep(seconds)


class TimedOut(Exception):
    """What ``within`` raises when the clock ran out first."""


async def within(clock: Clock, seconds: float, work: Awaitable[T]) -> T:
    """``await work``, or TimedOut once ``seconds`` have passed on ``clock``."""
    result: list[T] = []

    async def run_work(scope: anyio.CancelScope) -> None:
        result.append(await work)
        scope.cancel()

    async def run_clock(scope: anyio.CancelScope) -> None:
        await clock.sleep(seconds)
        scope.cancel()

    async with anyio.create_task_group() as race:
        race.start_soon(run_work, race.cancel_scope)
        race.start_soon(run_clock, race.cancel_scope)
    if not result:
        raise TimedOut
    return result[0]
