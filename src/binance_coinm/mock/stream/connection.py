"""One connection to the mock's stream: the client's ``Connection``, fed by the stream hub.

The hub puts messages in (under its lock, from any thread); the reader takes them out in its
event loop. A connection ends three ways: ``cut`` (Binance's 24-hour limit, a closed
listenKey: what was sent is still read, then the connection is lost), ``drop`` (a network
failure: what was not read is lost with it) or the client's ``close``.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable

import anyio

from binance_coinm.stream.connection import ConnectionLost

from .doorbell import Doorbell


class MockConnection:
    """One open (or ended) connection of a listenKey."""

    def __init__(
        self,
        listen_key: str,
        opened_ms: int,
        cut_at_ms: int,
        lock: threading.RLock,
        on_ping: Callable[[], None],
        on_close: Callable[[MockConnection], None],
    ) -> None:
        self.listen_key = listen_key
        self.opened_ms = opened_ms
        self.cut_at_ms = cut_at_ms
        """When the exchange's clock ends it (24 hours after it opened)."""
        self.silent = False
        """No events and, in-process, no pongs: a connection that hangs (``silence()``)."""
        self.expired = False
        """Its listenKey expired: it was told so, and gets nothing more."""
        self._lock = lock
        self._on_ping = on_ping
        self._on_close = on_close
        self._queue: deque[str] = deque()
        self._ended: str | None = None
        self._bell = Doorbell()

    def __repr__(self) -> str:
        state = self._ended or ("silent" if self.silent else "open")
        return f"MockConnection(opened_ms={self.opened_ms}, {state})"

    @property
    def open(self) -> bool:
        return self._ended is None

    @property
    def receiving(self) -> bool:
        """Whether an event sent now reaches it."""
        return self._ended is None and not self.silent and not self.expired

    # The hub's side, under its lock.

    def put(self, message: str) -> None:
        self._queue.append(message)
        self._bell.ring()

    def cut(self, reason: str) -> None:
        """End it: what was sent is still read, then ConnectionLost."""
        self._ended = reason
        self._bell.ring()

    def drop(self) -> None:
        """End it now: what was not read is lost."""
        self._queue.clear()
        self.cut("dropped")

    # The client's side: the ``binance_coinm.stream.Connection`` protocol.

    async def recv(self) -> str:
        while True:
            with self._lock:
                if self._queue:
                    return self._queue.popleft()
                if self._ended is not None:
                    raise ConnectionLost(f"the mock's stream ended the connection ({self._ended})")
                waiter = self._bell.arm()
            await waiter

    async def ping(self) -> None:
        self._on_ping()
        while True:
            with self._lock:
                if self._ended is not None:
                    raise ConnectionLost(f"the mock's stream ended the connection ({self._ended})")
                if not self.silent:
                    return
                waiter = self._bell.arm()
            await waiter

    async def close(self) -> None:
        with self._lock:
            if self._ended is None:
                self._ended = "closed by the client"
                self._bell.ring()
        self._on_close(self)
        await anyio.lowlevel.checkpoint()
