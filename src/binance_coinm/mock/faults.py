"""Ways the mock exchange can be told to misbehave, for tests of the client's resilience.

``latency`` and ``clock_skew_ms`` hold until changed; the faults in the queue each spoil the
next request once, in order (``faults.add(Fault.SERVER_ERROR, times=2)``). Each is checked
when set, so that a bad value is the test's error at once rather than a broken answer later;
the queue keeps a count per ``add``, so asking for many costs no more memory than for one.
"""

from __future__ import annotations

import enum
import math
import threading
from collections import deque

from attrs import define

from binance_coinm.errors import ArgumentTypeError, ConfigurationError

MAX_LATENCY_SECONDS = 3600.0
"""An hour: longer than any call's deadline, short enough for any sleep to accept."""
MAX_CLOCK_SKEW_MS = 86_400_000
"""A day either way: far past any recvWindow, and the server's time stays a plain epoch."""


class Fault(enum.Enum):
    SERVER_ERROR = "server_error"
    """500 with Binance's -1001 "Internal error" body."""
    SERVICE_UNAVAILABLE = "service_unavailable"
    """503 "Service Unavailable.": the request failed; retry later."""
    UNKNOWN_STATUS = "unknown_status"
    """503 "Unknown error, ...": the request may or may not have been executed."""
    HTML_ERROR_PAGE = "html_error_page"
    """502 with an HTML page, as a proxy in front of the exchange sends."""
    TRUNCATED_JSON = "truncated_json"
    """200 whose JSON body is cut short."""
    DROPPED_CONNECTION = "dropped_connection"
    """The connection closes before a complete response."""


def checked_latency(value: object) -> float:
    """Seconds from 0 to MAX_LATENCY_SECONDS."""
    if type(value) not in (int, float):
        raise ArgumentTypeError(f"latency must be a number of seconds, got {value!r:.60}")
    assert isinstance(value, int | float)
    if not (math.isfinite(value) and 0 <= value <= MAX_LATENCY_SECONDS):
        raise ConfigurationError(
            f"latency must be 0 to {MAX_LATENCY_SECONDS:g} seconds, got {value!r:.60}"
        )
    return float(value)


def checked_clock_skew_ms(value: object) -> int:
    """Milliseconds, at most MAX_CLOCK_SKEW_MS either way."""
    if type(value) is not int:
        raise ArgumentTypeError(f"clock_skew_ms must be an int, got {value!r:.60}")
    if abs(value) > MAX_CLOCK_SKEW_MS:
        raise ConfigurationError(
            f"clock_skew_ms must be within ±{MAX_CLOCK_SKEW_MS} (a day), got {value}"
        )
    return value


@define
class _Run:
    """One fault queued for the next ``count`` requests."""

    fault: Fault
    count: int


class Faults:
    """The misbehaviour currently asked of the exchange."""

    def __init__(self) -> None:
        self._latency = 0.0
        self._clock_skew_ms = 0
        self._queue: deque[_Run] = deque()
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        with self._lock:
            queued = [f"{run.fault.value}x{run.count}" for run in self._queue]
        return (
            f"Faults(latency={self.latency}, clock_skew_ms={self.clock_skew_ms}, queued={queued})"
        )

    @property
    def latency(self) -> float:
        """Seconds every answer waits (0 to an hour)."""
        return self._latency

    @latency.setter
    def latency(self, value: float) -> None:
        self._latency = checked_latency(value)

    @property
    def clock_skew_ms(self) -> int:
        """How far the exchange's clock is moved, in ms (a day at most either way)."""
        return self._clock_skew_ms

    @clock_skew_ms.setter
    def clock_skew_ms(self, value: int) -> None:
        self._clock_skew_ms = checked_clock_skew_ms(value)

    def add(self, fault: Fault, *, times: int = 1) -> None:
        """Spoil the next ``times`` requests (after those already queued) with ``fault``."""
        if not isinstance(fault, Fault):
            raise ArgumentTypeError(f"fault must be a Fault, got {fault!r:.60}")
        if type(times) is not int:
            raise ArgumentTypeError(f"times must be an int, got {times!r:.60}")
        if times < 1:
            raise ConfigurationError(f"times must be at least 1, got {times}")
        with self._lock:
            self._queue.append(_Run(fault, times))

    @property
    def pending(self) -> int:
        """How many queued faults are still to spoil a request."""
        with self._lock:
            return sum(run.count for run in self._queue)

    def take(self) -> Fault | None:
        """The fault that spoils this request, if any."""
        with self._lock:
            if not self._queue:
                return None
            run = self._queue[0]
            run.count -= 1
            if run.count == 0:
                self._queue.popleft()
            return run.fault
