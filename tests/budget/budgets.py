"""A RedisBudget's operations as the client's two drivers make them: blocking, or awaited (each
on an event loop of its own, as ``anyio.run`` per call gives)."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import TypeVar

import anyio

from binance_coinm import RedisBudget

NOW = 1_764_028_815.0
"""The exchange's time in the tests: 15 s into one of its minutes."""
TIMEOUT = 5.0
T = TypeVar("T")


class Calls:
    """reserve, observe and refund on a budget, sync or async."""

    def __init__(self, mode: str) -> None:
        self.mode = mode

    def _run(
        self,
        sync: Callable[..., T],
        asynchronous: Callable[..., Awaitable[T]],
        amount: int,
        now: float,
        timeout: float,
    ) -> T:
        if self.mode == "sync":
            return sync(amount, now=now, timeout=timeout)
        return anyio.run(functools.partial(asynchronous, amount, now=now, timeout=timeout))

    def reserve(
        self, budget: RedisBudget, weight: int, now: float = NOW, timeout: float = TIMEOUT
    ) -> float:
        return self._run(budget.reserve, budget.areserve, weight, now, timeout)

    def observe(
        self, budget: RedisBudget, used: int, now: float = NOW, timeout: float = TIMEOUT
    ) -> None:
        self._run(budget.observe, budget.aobserve, used, now, timeout)

    def refund(
        self, budget: RedisBudget, weight: int, now: float = NOW, timeout: float = TIMEOUT
    ) -> None:
        self._run(budget.refund, budget.arefund, weight, now, timeout)
