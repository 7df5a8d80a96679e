"""The one interface every weight budget serves: reserve before sending, learn from answers.

Binance counts request weight per IP per minute of its own clock. A call is charged its
weight before it is sent (``reserve``); what the exchange says it counted
(``X-MBX-USED-WEIGHT-1M``) raises the count and never lowers it (``observe``); weight reserved
for a request that never left is given back (``refund``). ``now`` is the exchange's time in
seconds as the client estimates it, so windows follow the exchange's minute; ``timeout`` is
what is left of the call's deadline, for a budget that asks a shared store.

Each method has an async twin for async calls: a budget kept in process answers them at once,
one kept in a shared store awaits it.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

WINDOW_SECONDS = 60
"""Binance's REQUEST_WEIGHT interval: one minute (a budget's ``window``; tests shorten it)."""


@runtime_checkable
class Budget(Protocol):
    """What a call may spend per minute of the exchange's clock."""

    limit: int
    """The weight allowed per minute."""

    def reserve(self, weight: int, *, now: float, timeout: float) -> float:
        """Charge ``weight`` and return 0, or return the seconds to wait before trying again.

        Raises WeightBudgetExceededError when the budget does not wait (or never could).
        """
        ...

    def observe(self, used: int, *, now: float, timeout: float) -> None:
        """Take the exchange's count for the current minute, when it is higher."""
        ...

    def refund(self, weight: int, *, now: float, timeout: float) -> None:
        """Give back ``weight`` reserved in the current minute for a request that never left."""
        ...

    async def areserve(self, weight: int, *, now: float, timeout: float) -> float:
        """``reserve`` for async calls."""
        ...

    async def aobserve(self, used: int, *, now: float, timeout: float) -> None:
        """``observe`` for async calls."""
        ...

    async def arefund(self, weight: int, *, now: float, timeout: float) -> None:
        """``refund`` for async calls."""
        ...


def window_of(now: float, window: int = WINDOW_SECONDS) -> int:
    """The index of the window ``now`` falls in, counted from the epoch of the exchange's clock."""
    return int(now // window)


def next_window_in(now: float, window: int = WINDOW_SECONDS) -> float:
    """Seconds from ``now`` to the start of the exchange's next window (its next minute)."""
    return (now // window + 1) * window - now


def per_window(window: int) -> str:
    """How a limit's interval reads in a message: "per minute", or "per 2 s" for a short one."""
    return "per minute" if window == WINDOW_SECONDS else f"per {window} s"
