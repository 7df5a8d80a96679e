"""Ways the mock exchange can be told to misbehave, for tests of the client's resilience.

``latency`` and ``clock_skew_ms`` hold until changed; the faults in the queue each spoil the
next request once, in order (``faults.add(Fault.SERVER_ERROR, times=2)``).
"""

from __future__ import annotations

import enum
import threading
from collections import deque


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


class Faults:
    """The misbehaviour currently asked of the exchange."""

    def __init__(self) -> None:
        self.latency = 0.0
        self.clock_skew_ms = 0
        self._queue: deque[Fault] = deque()
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        queued = [fault.value for fault in self._queue]
        return (
            f"Faults(latency={self.latency}, clock_skew_ms={self.clock_skew_ms}, queued={queued})"
        )

    def add(self, fault: Fault, *, times: int = 1) -> None:
        with self._lock:
            self._queue.extend([fault] * times)

    @property
    def pending(self) -> int:
        """How many queued faults are still to spoil a request."""
        return len(self._queue)

    def take(self) -> Fault | None:
        """The fault that spoils this request, if any."""
        with self._lock:
            return self._queue.popleft() if self._queue else None
