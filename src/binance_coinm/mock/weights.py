"""Request weight per client per clock minute, with Binance's 429 and then 418.

A client is whatever the exchange counts by: the caller's IP, as Binance does, or its API key
(``MockConfig.weight_per``). Past the limit a request gets 429 with ``Retry-After`` (seconds
to the next minute); a client that sends ``ban_after`` more requests while limited is
banned: 418 with ``Retry-After`` until the ban ends.

Clients choose their keys, so what they can make the limiter remember is bounded: counts of
a past minute are dropped when the minute turns, ended bans with them, and no map holds more
than ``max_clients`` entries. Past that the client seen least recently is forgotten (its
count starts again, its ban ends early): under a flood of made-up keys the mock stays small
rather than exact.

The minute is Binance's window; ``window`` shortens it (in seconds) for tests that must
see several windows pass in a few seconds.
"""

from __future__ import annotations

import math
import threading

from ..spec import SPEC
from .rejections import Rejection

DEFAULT_LIMIT = SPEC.request_weight_per_minute
DEFAULT_BAN_AFTER = 3
DEFAULT_BAN_SECONDS = 120  # Binance bans for 2 minutes to 3 days
DEFAULT_MAX_CLIENTS = 10_000
DEFAULT_WINDOW = 60


def _remember(entries: dict[str, int], client: str, value: int, max_clients: int) -> None:
    """Set ``client``'s entry as the most recent one, forgetting the oldest past the cap."""
    entries.pop(client, None)
    if len(entries) >= max_clients:
        del entries[next(iter(entries))]
    entries[client] = value


class WeightLimiter:
    """Weight used per client in the current minute, and the clients banned for ignoring 429s."""

    def __init__(
        self,
        limit: int = DEFAULT_LIMIT,
        *,
        ban_after: int = DEFAULT_BAN_AFTER,
        ban_seconds: int = DEFAULT_BAN_SECONDS,
        max_clients: int = DEFAULT_MAX_CLIENTS,
        window: int = DEFAULT_WINDOW,
    ) -> None:
        self.limit = limit
        self.window_ms = window * 1000
        self.ban_after = ban_after
        self.ban_seconds = ban_seconds
        self.max_clients = max_clients
        self._lock = threading.Lock()
        self._minute: int | None = None
        self._used: dict[str, int] = {}
        self._violations: dict[str, int] = {}
        """Requests past the limit in the current minute."""
        self._banned_until: dict[str, int] = {}

    def __repr__(self) -> str:
        return (
            f"WeightLimiter(limit={self.limit}, ban_after={self.ban_after}, "
            f"ban_seconds={self.ban_seconds}, tracked={self.tracked()})"
        )

    def tracked(self) -> int:
        """How many entries the limiter holds: counts, violations and bans."""
        with self._lock:
            return len(self._used) + len(self._violations) + len(self._banned_until)

    def used(self, client: str, now_ms: int) -> int:
        """The weight ``client`` used in the minute of ``now_ms``, as far as it is remembered."""
        with self._lock:
            return self._used.get(client, 0) if now_ms // self.window_ms == self._minute else 0

    def _turn_to(self, now_ms: int) -> None:
        """Forget the counts of another minute, and the bans that have ended."""
        minute = now_ms // self.window_ms
        if minute == self._minute:
            return
        self._minute = minute
        self._used.clear()
        self._violations.clear()
        self._banned_until = {c: t for c, t in self._banned_until.items() if t > now_ms}

    def charge(self, client: str, weight: int, now_ms: int) -> int:
        """Count ``weight`` for ``client`` and return the minute's total, or refuse (429/418)."""
        with self._lock:
            self._turn_to(now_ms)
            banned_until = self._banned_until.get(client, 0)
            if now_ms < banned_until:
                raise self._ban_rejection(banned_until, now_ms, self._used.get(client, 0))
            used = self._used.get(client, 0) + weight
            _remember(self._used, client, used, self.max_clients)
            if used <= self.limit:
                return used
            count = self._violations.get(client, 0) + 1
            _remember(self._violations, client, count, self.max_clients)
            if count > self.ban_after:
                banned_until = now_ms + self.ban_seconds * 1000
                _remember(self._banned_until, client, banned_until, self.max_clients)
                raise self._ban_rejection(banned_until, now_ms, used)
            retry_after = math.ceil(
                ((now_ms // self.window_ms + 1) * self.window_ms - now_ms) / 1000
            )
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
