"""When a shared store is given up on for a while, and the one warning an outage is worth.

A store that fails is not asked again on every call: calls go on without it, and one call
probes it after a short back-off. The first failure of an outage logs one WARNING (logger
``binance_coinm``); failures while it lasts log nothing more; the first answer after it logs
one INFO line and ends it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from .._logging import logger

PROBE_AFTER_SECONDS = 1.0
"""How long calls go without the store after it failed, before one of them asks it again."""


class NoTimeLeft(Exception):
    """The call's deadline ran out before the store could answer: no sign of an outage."""


class Outage:
    """Whether ``store`` (a description fit for logs) may be asked now.

    ``may_ask`` gives a ticket to hand back with ``answered``: an answer to a question asked
    before the current outage began (and slow to come) does not end it; only a later one,
    the probe's, does.
    """

    def __init__(
        self, store: str, *, probe_after: float, clock: Callable[[], float], fallback: str
    ) -> None:
        self._store = store
        self._fallback = fallback
        self._probe_after = probe_after
        self._clock = clock
        self._lock = threading.Lock()
        self._probe_at: float | None = None
        """None while the store answers; else when the next probe may go."""
        self._outages = 0

    def may_ask(self) -> int | None:
        """A ticket while the store answers; during an outage, one for a single caller once
        the back-off has passed (the probe), None for every other."""
        if self._probe_at is None:
            return self._outages
        with self._lock:
            if self._probe_at is not None:
                now = self._clock()
                if now < self._probe_at:
                    return None
                self._probe_at = now + self._probe_after  # the others wait for this probe
            return self._outages

    def failed(self, reason: str) -> None:
        """The store did not answer: start an outage (and warn), or go on with this one."""
        with self._lock:
            starts = self._probe_at is None
            self._probe_at = self._clock() + self._probe_after
            self._outages += starts
        if starts:
            logger.warning("%s is unreachable (%s): %s", self._store, reason, self._fallback)

    def answered(self, ticket: int) -> None:
        """The store answered the question asked with ``ticket``: the outage, if any, is over
        unless it began after that question."""
        if self._probe_at is None:
            return
        with self._lock:
            ended = self._probe_at is not None and ticket == self._outages
            if ended:
                self._probe_at = None
        if ended:
            logger.info("%s answers again: calls share it again", self._store)
