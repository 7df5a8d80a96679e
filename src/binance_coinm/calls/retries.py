"""When a failed attempt is sent again, and after how long.

Retried: 429 and 418 after ``Retry-After`` (when it is at most ``max_retry_after``), and for
GET, connection errors, timeouts (a body cut short or stalled included), 408 and 5xx, after
an exponential backoff with jitter:
``min(initial_delay * 2.0**attempt, max_delay) * (1 - jitter * random())``; delays of 0 retry at
once (tests against a mock exchange need not wait). Other 4xx are never
retried (a clock error gets one retry after a clock resync, outside this policy), nor is a 418
without a usable ``Retry-After``: knocking on a ban lengthens it. Every wait comes out of the
call's deadline, and a wait that does not fit in it is not taken.
"""

from __future__ import annotations

import random

import httpx
import msgspec

from .. import _checks
from .._headers import retry_after_seconds
from ..errors import ConfigurationError

RETRYABLE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
RATE_LIMIT_STATUSES = frozenset({418, 429})
MAX_DOUBLINGS = 64
"""Past this many doublings any delay is far above ``max_delay``: stop there, before the
float overflows (``max_retries`` has no upper bound)."""


class RetryPolicy(msgspec.Struct, frozen=True, kw_only=True):
    """Bounded retries; ``max_retries=0`` sends every call once, ``initial_delay=0`` retries
    at once (for tests against a mock)."""

    max_retries: int = 2
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0
    jitter: float = 0.25

    def __post_init__(self) -> None:
        _checks.integer(self.max_retries, "max_retries", minimum=0)
        for name in ("initial_delay", "max_delay"):
            _checks.seconds(getattr(self, name), name, zero=True)
        _checks.seconds(self.max_retry_after, "max_retry_after")
        if not (type(self.jitter) in (int, float) and 0 <= self.jitter < 1):
            raise ConfigurationError(f"jitter must be a fraction in [0, 1), got {self.jitter!r}")

    def backoff(self, attempt: int) -> float:
        doubled = self.initial_delay * 2.0 ** min(attempt, MAX_DOUBLINGS)
        base = min(doubled, self.max_delay)
        return base * (1 - self.jitter * random.random())  # noqa: S311 - jitter, not crypto

    def delay_after_response(
        self, method: str, status: int, headers: httpx.Headers, attempt: int, retries: int
    ) -> float | None:
        """Seconds to wait before attempt ``attempt + 1``, or None to give up with this answer."""
        if attempt >= retries:
            return None
        if status in RATE_LIMIT_STATUSES:
            retry_after = retry_after_seconds(headers)
            if retry_after is None:
                return self.backoff(attempt) if status == 429 else None
            return float(retry_after) if retry_after <= self.max_retry_after else None
        if (status >= 500 or status == 408) and method in RETRYABLE_METHODS:
            return self.backoff(attempt)
        return None

    def delay_after_error(self, method: str, attempt: int, retries: int) -> float | None:
        """Seconds to wait after a transport error, or None to raise it."""
        if attempt >= retries or method not in RETRYABLE_METHODS:
            return None
        return self.backoff(attempt)
