"""The request-weight budget of one process (the default): a count per minute, in memory.

It stays right when other clients share the IP only as far as the exchange tells: each
answer's ``X-MBX-USED-WEIGHT-1M`` raises the count when it is higher. A lower count is not
taken: it was counted before calls still in flight reached the exchange. To share one count
among processes and machines as they spend, use a shared budget (``RedisBudget``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Literal

from .. import _checks
from ..errors import WeightBudgetExceededError
from ..spec import SPEC
from .base import WINDOW_SECONDS, next_window_in, per_window, window_of

DEFAULT_WEIGHT_LIMIT = SPEC.request_weight_per_minute
"""The REQUEST_WEIGHT limit per minute (the spec's ``x-binance-rate-limits``)."""
ON_EXCEED = ("wait", "raise")


def refuse_too_heavy(weight: int, limit: int, window: int = WINDOW_SECONDS) -> None:
    """A call heavier than the whole limit can never be sent: no wait would make room."""
    if weight > limit:
        raise WeightBudgetExceededError(
            f"a call of weight {weight} can never fit a budget of {limit} {per_window(window)}",
            retry_after=None,
        )


def exceeded(
    weight: int, limit: int, wait: float, window: int = WINDOW_SECONDS
) -> WeightBudgetExceededError:
    return WeightBudgetExceededError(
        f"a call of weight {weight} would exceed the budget of {limit} {per_window(window)}",
        retry_after=wait,
    )


class WeightBudget:
    """At most ``limit`` weight per minute; past it, wait for the next minute or raise.

    ``window`` is the interval in seconds (Binance's is a minute; tests shorten it). ``clock``
    gives the exchange's time in seconds for calls that do not pass ``now`` (standalone use; a
    client always passes its estimate of the exchange's time).
    """

    def __init__(
        self,
        limit: int = DEFAULT_WEIGHT_LIMIT,
        *,
        on_exceed: Literal["wait", "raise"] = "wait",
        window: int = WINDOW_SECONDS,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self.limit = _checks.integer(limit, "weight_limit", minimum=1)
        self.on_exceed = _checks.one_of(on_exceed, "on_weight_exceeded", ON_EXCEED)
        self.window = _checks.integer(window, "window", minimum=1)
        self._clock = clock or time.time
        self._lock = threading.Lock()
        self._window: int | None = None
        self._charged = 0
        """Reserved in this window by this process, less refunds (and at least ``_seen``
        at each reservation: others' weight counts too)."""
        self._seen = 0
        """The highest count the exchange reported for this window."""

    def __repr__(self) -> str:
        try:
            return (
                f"WeightBudget(limit={self.limit}, used={self.used}, on_exceed={self.on_exceed!r})"
            )
        except AttributeError:  # __init__ refused an argument: the object is half-built
            return "WeightBudget(<incomplete>)"

    def _roll(self, now: float) -> None:
        window = window_of(now, self.window)
        if window != self._window:
            self._window, self._charged, self._seen = window, 0, 0

    def _now(self, now: float | None) -> float:
        return self._clock() if now is None else now

    @property
    def used(self) -> int:
        """Weight used in the current minute, as far as this process knows."""
        with self._lock:
            self._roll(self._clock())
            return max(self._charged, self._seen)

    def reserve(self, weight: int, *, now: float | None = None, timeout: float = 0.0) -> float:
        """Charge ``weight`` and return 0, or return the seconds to wait before trying again.

        Raises WeightBudgetExceededError instead of waiting when ``on_exceed`` is "raise", and
        always for a call heavier than the whole limit.
        """
        refuse_too_heavy(weight, self.limit, self.window)
        now = self._now(now)
        with self._lock:
            self._roll(now)
            used = max(self._charged, self._seen)
            if used + weight <= self.limit:
                self._charged = used + weight
                return 0.0
        wait = next_window_in(now, self.window)
        if self.on_exceed == "raise":
            raise exceeded(weight, self.limit, wait, self.window)
        return wait

    def observe(self, used: int, *, now: float | None = None, timeout: float = 0.0) -> None:
        """Take the exchange's count for the current minute, when it is above the budget's own."""
        with self._lock:
            self._roll(self._now(now))
            self._seen = max(self._seen, used)

    def refund(self, weight: int, *, now: float | None = None, timeout: float = 0.0) -> None:
        """Give back ``weight`` reserved this minute for a request that never left."""
        with self._lock:
            self._roll(self._now(now))
            self._charged = max(self._charged - weight, 0)

    async def areserve(self, weight: int, *, now: float, timeout: float) -> float:
        return self.reserve(weight, now=now, timeout=timeout)

    async def aobserve(self, used: int, *, now: float, timeout: float) -> None:
        self.observe(used, now=now, timeout=timeout)

    async def arefund(self, weight: int, *, now: float, timeout: float) -> None:
        self.refund(weight, now=now, timeout=timeout)
