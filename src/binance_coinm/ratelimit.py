"""A client-side request-weight budget, so a busy client backs off before Binance bans it.

Binance counts request weight per IP per minute of its own clock and answers 429, then 418
(a ban), past its limit. The budget charges each call the weight the spec gives its
operation before sending, keeps its minutes on the exchange's clock (the client's estimate
of it), and takes the exchange's own count from ``X-MBX-USED-WEIGHT-1M`` after each answer
when it is higher, so it stays right even when other clients share the IP. A lower count is
not taken: it was counted before calls still in flight reached the exchange.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Literal

from . import _checks
from ._spec import SPEC
from .errors import WeightBudgetExceededError

DEFAULT_WEIGHT_LIMIT = SPEC.request_weight_per_minute
"""COIN-M's REQUEST_WEIGHT limit per minute (the spec's ``x-binance-rate-limits``)."""
ON_EXCEED = ("wait", "raise")


class WeightBudget:
    """At most ``limit`` weight per minute; past it, wait for the next minute or raise.

    ``clock`` returns the exchange's time in seconds (the local clock when not given).
    """

    def __init__(
        self,
        limit: int = DEFAULT_WEIGHT_LIMIT,
        *,
        on_exceed: Literal["wait", "raise"] = "wait",
        clock: Callable[[], float] | None = None,
    ) -> None:
        self.limit = _checks.integer(limit, "weight_limit", minimum=1)
        self.on_exceed = _checks.one_of(on_exceed, "on_weight_exceeded", ON_EXCEED)
        self._clock = clock or time.time
        self._lock = threading.Lock()
        self._minute: int | None = None
        self._used = 0

    def __repr__(self) -> str:
        try:
            return (
                f"WeightBudget(limit={self.limit}, used={self.used}, on_exceed={self.on_exceed!r})"
            )
        except AttributeError:  # __init__ refused an argument: the object is half-built
            return "WeightBudget(<incomplete>)"

    def _roll(self) -> float:
        now = self._clock()
        minute = int(now // 60)
        if minute != self._minute:
            self._minute, self._used = minute, 0
        return now

    @property
    def used(self) -> int:
        """Weight used in the current minute, as far as the client knows."""
        with self._lock:
            self._roll()
            return self._used

    def reserve(self, weight: int) -> float:
        """Charge ``weight`` and return 0, or return the seconds to wait before trying again.

        Raises WeightBudgetExceededError instead of waiting when ``on_exceed`` is "raise", and
        always for a call heavier than the whole limit, which no wait would make room for.
        """
        if weight > self.limit:
            raise WeightBudgetExceededError(
                f"a call of weight {weight} can never fit a budget of {self.limit} per minute",
                retry_after=None,
            )
        with self._lock:
            now = self._roll()
            if self._used + weight <= self.limit:
                self._used += weight
                return 0.0
            wait = (now // 60 + 1) * 60 - now
        if self.on_exceed == "raise":
            raise WeightBudgetExceededError(
                f"a call of weight {weight} would exceed the budget of {self.limit} per minute",
                retry_after=wait,
            )
        return wait

    def observe(self, used_weight: int | None) -> None:
        """Take the exchange's count for the current minute, when it is above the budget's own."""
        if used_weight is None:
            return
        with self._lock:
            self._roll()
            self._used = max(self._used, used_weight)
