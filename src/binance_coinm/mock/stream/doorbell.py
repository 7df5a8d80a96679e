"""How a message reaches a task waiting for it, whichever thread sends it.

The account changes in the thread of whoever changes it (a test, a request of the served
mock), while a connection is read in an event loop, perhaps another thread's (uvicorn's).
A waiter arms the bell in its own loop; ringing hands the wake-up to that loop with
``call_soon_threadsafe``, which never blocks the thread that rings (it may hold the
account's lock). asyncio only: the loop the mock's server runs, and the tests' backend.
"""

from __future__ import annotations

import asyncio
import contextlib


def _settle(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_result(None)


class Doorbell:
    """Wakes every task waiting on it; arm under the same lock as the state rings are for."""

    def __init__(self) -> None:
        self._waiters: list[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = []

    def arm(self) -> asyncio.Future[None]:
        """A future the next ``ring`` settles; await it after releasing the lock."""
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[None] = loop.create_future()
        self._waiters.append((loop, waiter))
        return waiter

    def ring(self) -> None:
        waiters, self._waiters = self._waiters, []
        try:
            here = asyncio.get_running_loop()
        except RuntimeError:
            here = None
        for loop, waiter in waiters:
            if loop is here:  # at once: a test that waits for every task to block sees it
                _settle(waiter)
                continue
            with contextlib.suppress(RuntimeError):  # its loop is closed: nobody waits
                loop.call_soon_threadsafe(_settle, waiter)
