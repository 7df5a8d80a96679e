"""The exchange's clock, as the client estimates it: signed requests must carry its time.

Binance rejects a timestamp 1000 ms or more ahead of its clock, or older than recvWindow
(-1021). A local clock that drifts is corrected by the offset measured from the exchange's
time (``checkServerTime``), taken at the middle of the round trip. A server time no real
clock can show (before 2017, after 2099, or a round trip that ends before it began) is not
taken: one bad answer must not poison every later timestamp.
"""

from __future__ import annotations

import time
from collections.abc import Callable

MIN_SERVER_TIME_MS = 1_483_228_800_000
"""2017-01-01T00:00:00Z: before Binance existed."""
MAX_SERVER_TIME_MS = 4_102_444_800_000
"""2100-01-01T00:00:00Z."""


def local_time_ms() -> int:
    return time.time_ns() // 1_000_000


class ServerClock:
    """Local time plus ``offset_ms``, the measured difference to the server's clock."""

    def __init__(self, local: Callable[[], int] | None = None) -> None:
        self._local = local
        self.offset_ms = 0

    def __repr__(self) -> str:
        return f"ServerClock(offset_ms={self.offset_ms})"

    def local_ms(self) -> int:
        return (self._local or local_time_ms)()

    def now_ms(self) -> int:
        """The server's time now, as far as the client can tell."""
        return self.local_ms() + self.offset_ms

    def now(self) -> float:
        """The server's time now, in seconds."""
        return self.now_ms() / 1000

    def observe(self, server_time_ms: int, sent_at_ms: int, received_at_ms: int) -> bool:
        """Correct the offset from one round trip to the exchange's time; False (and the
        offset kept) when the answer is one no real clock can give."""
        if not (
            MIN_SERVER_TIME_MS <= server_time_ms < MAX_SERVER_TIME_MS
            and sent_at_ms <= received_at_ms
        ):
            return False
        self.offset_ms = server_time_ms - (sent_at_ms + received_at_ms) // 2
        return True

    def is_sane(self) -> bool:
        """Whether the time this clock gives is one a real clock can show."""
        return MIN_SERVER_TIME_MS <= self.now_ms() < MAX_SERVER_TIME_MS

    def reset(self) -> None:
        """Back to local time, when the offset has led the exchange to refuse the timestamp."""
        self.offset_ms = 0
