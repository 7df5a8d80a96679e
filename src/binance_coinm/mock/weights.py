"""Request weight per API key per clock minute, with Binance's 429 and then 418.

The real exchange counts per IP; the mock counts per API key so that tests sharing one
loopback address do not share a budget. Past the limit a request gets 429 with
``Retry-After`` (seconds to the next minute); a key that sends ``ban_after`` more requests
while limited is banned: 418 with ``Retry-After`` until the ban ends.
"""

from __future__ import annotations

import math
import threading

from ..spec import SPEC
from .rejections import Rejection

DEFAULT_LIMIT = SPEC.request_weight_per_minute
DEFAULT_BAN_AFTER = 3
DEFAULT_BAN_SECONDS = 120  # Binance bans for 2 minutes to 3 days
MINUTE_MS = 60_000


class WeightLimiter:
    """Weight used per key in the current minute, and the keys banned for ignoring 429s."""

    def __init__(
        self,
        limit: int = DEFAULT_LIMIT,
        *,
        ban_after: int = DEFAULT_BAN_AFTER,
        ban_seconds: int = DEFAULT_BAN_SECONDS,
    ) -> None:
        self.limit = limit
        self.ban_after = ban_after
        self.ban_seconds = ban_seconds
        self._lock = threading.Lock()
        self._used: dict[str, tuple[int, int]] = {}
        self._violations: dict[str, tuple[int, int]] = {}
        self._banned_until: dict[str, int] = {}

    def used(self, key: str, now_ms: int) -> int:
        minute, used = self._used.get(key, (now_ms // MINUTE_MS, 0))
        return used if minute == now_ms // MINUTE_MS else 0

    def charge(self, key: str, weight: int, now_ms: int) -> int:
        """Count ``weight`` for ``key`` and return the minute's total, or refuse (429/418)."""
        with self._lock:
            minute = now_ms // MINUTE_MS
            banned_until = self._banned_until.get(key, 0)
            if now_ms < banned_until:
                raise self._ban_rejection(banned_until, now_ms, self.used(key, now_ms))
            used = self.used(key, now_ms) + weight
            self._used[key] = (minute, used)
            if used <= self.limit:
                return used
            violation_minute, count = self._violations.get(key, (minute, 0))
            count = count + 1 if violation_minute == minute else 1
            self._violations[key] = (minute, count)
            if count > self.ban_after:
                self._banned_until[key] = now_ms + self.ban_seconds * 1000
                raise self._ban_rejection(self._banned_until[key], now_ms, used)
            retry_after = math.ceil(((minute + 1) * MINUTE_MS - now_ms) / 1000)
            raise Rejection(
                "TOO_MANY_REQUESTS",
                "default",
                self.limit,
                retry_after=retry_after,
                used_weight=used,
            )

    @staticmethod
    def _ban_rejection(banned_until: int, now_ms: int, used: int) -> Rejection:
        return Rejection(
            "TOO_MANY_REQUESTS",
            "banned",
            banned_until,
            retry_after=math.ceil((banned_until - now_ms) / 1000),
            used_weight=used,
        )
