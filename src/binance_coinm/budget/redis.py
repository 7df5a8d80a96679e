"""One request-weight budget per IP, shared by every process and machine behind it, in Redis.

Binance counts weight per IP (since 2026-06-30 one pool for ``/dapi`` and ``/fapi``) and bans
an IP that keeps going after 429s. Processes that each keep their own budget learn what the
others spent only from their next answer's ``X-MBX-USED-WEIGHT-1M``: N of them can spend N
times the limit in the same second. A RedisBudget keeps one count per window of the
exchange's clock in Redis, reserved atomically by a server-side script in one round trip
(a call's second operation, telling the pool the exchange's count, is sent only when that
count is above the one Redis last answered)::

    budget = RedisBudget("redis://127.0.0.1:6379/0", pool="egress-1")
    client = signed_client(key, secret, budget=budget)

Every client, process or machine that sends from the same IP uses the same ``pool`` name (and
the same Redis). The key layout and the script are ``shared_pool``'s: a process in another
language takes part by running the same script on the same keys.

When Redis is unreachable, slow (no answer within ``socket_timeout``) or restarted, calls go
on with a budget of this process's own (same limit and window, and the exchange's last
count), with one WARNING per outage on the ``binance_coinm`` logger; Redis is asked again
after a short back-off, and shared again once it answers. No error of redis-py's reaches the
caller. A Redis operation waits at most ``socket_timeout``, and never past the call's
deadline (``timeout``); one cut short by the deadline is no outage.

redis-py is the ``redis`` extra (``pip install 'binance-coinm[redis]'``); without it, building
a RedisBudget raises ConfigurationError saying so.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from .. import _checks
from .._logging import redacted_urls
from ..auth.secrets import Secret
from ..errors import ArgumentTypeError, ConfigurationError
from .base import WINDOW_SECONDS, next_window_in, window_of
from .local import DEFAULT_WEIGHT_LIMIT, ON_EXCEED, WeightBudget, exceeded, refuse_too_heavy
from .outage import PROBE_AFTER_SECONDS, NoTimeLeft, Outage
from .shared_pool import (
    OBSERVE,
    REFUND,
    RESERVE,
    read_answer,
    reserve_keys,
    script_args,
    window_key,
)

if TYPE_CHECKING:
    from .redis_store import AsyncStore, SyncStore

REDIS_MISSING = "RedisBudget needs redis-py: pip install 'binance-coinm[redis]'"
DEFAULT_SOCKET_TIMEOUT = 0.25
"""Seconds a Redis operation may take: far above a round trip to a Redis on the same host or
network (under a millisecond), far below a call's deadline."""
MAX_REASON_CHARS = 200


def shown_url(url: str) -> str:
    """``url`` as reprs and logs show it: no credentials and no query (which may hold a
    password), whatever characters a password holds."""
    scheme, separator, rest = url.partition("://")
    if not separator:
        return "<not a URL>"
    credentials = "<credentials>@" if "@" in rest else ""
    where = rest.rpartition("@")[2].partition("?")[0].partition("#")[0]
    return f"{scheme}://{credentials}{where}"


def _checked_pool(pool: object) -> str:
    if not isinstance(pool, str):
        raise ArgumentTypeError(f"pool must be a str, got {type(pool).__name__}")
    if not pool or not pool.isprintable() or any(c.isspace() for c in pool):
        raise ConfigurationError(
            f"pool must be a non-empty name of printable characters and no spaces, got {pool!r}"
        )
    return pool


def _stores(url: Secret, socket_timeout: float) -> tuple[SyncStore, AsyncStore]:
    """The sync and async stores for ``url``: checked now, connected at the first call."""
    try:
        from . import redis_store
    except ImportError:
        raise ConfigurationError(REDIS_MISSING) from None
    pool = None
    with contextlib.suppress(ValueError, TypeError):  # refused below: its text may quote the URL
        pool = redis_store.sync_pool(url.reveal(), socket_timeout)
    if pool is None:
        raise ConfigurationError(
            "url must be a redis://, rediss:// or unix:// URL redis-py can read, got "
            + shown_url(url.reveal())
        )
    sync = redis_store.SyncStore(pool, socket_timeout)
    return sync, redis_store.AsyncStore(url.reveal(), socket_timeout)


def _reason(error: Exception) -> str:
    text = redacted_urls(str(error))[:MAX_REASON_CHARS]
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


class RedisBudget:
    """At most ``limit`` weight per window (a minute) for every process using ``pool``.

    ``url`` is redis-py's (``redis://[[user]:password@]host[:port][/db]``, ``rediss://`` for
    TLS, ``unix://``); its credentials never show in reprs, logs or errors. ``on_exceed``:
    "wait" for the next window (the client waits within the call's deadline) or "raise"
    WeightBudgetExceededError. ``window`` is in seconds (Binance's is a minute; tests shorten
    it). ``socket_timeout`` bounds every Redis operation. ``monotonic`` is the local clock of
    the back-off before Redis is asked again (tests pass a fake).
    """

    def __init__(
        self,
        url: str,
        *,
        pool: str,
        limit: int = DEFAULT_WEIGHT_LIMIT,
        on_exceed: Literal["wait", "raise"] = "wait",
        window: int = WINDOW_SECONDS,
        socket_timeout: float = DEFAULT_SOCKET_TIMEOUT,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        if not isinstance(url, str):
            raise ArgumentTypeError(f"url must be a str, got {type(url).__name__}")
        secret = Secret(url)
        del url  # from here on, no frame of a traceback holds the password in clear
        self.pool = _checked_pool(pool)
        self.limit = _checks.integer(limit, "limit", minimum=1)
        self.on_exceed = _checks.one_of(on_exceed, "on_exceed", ON_EXCEED)
        self.window = _checks.integer(window, "window", minimum=1)
        self.socket_timeout = _checks.seconds(socket_timeout, "socket_timeout")
        self.url = shown_url(secret.reveal())
        """Where the pool is kept, as it may be shown: without credentials or query."""
        self._sync, self._async = _stores(secret, self.socket_timeout)
        self._local = WeightBudget(self.limit, on_exceed=on_exceed, window=self.window)
        self._outage = Outage(
            f"the shared weight pool {self.pool!r} at {self.url}",
            probe_after=PROBE_AFTER_SECONDS,
            clock=monotonic,
            fallback="this process counts its weight alone until Redis answers",
        )
        self._last_count = (-1, 0)
        """The window and the pool's count in it, as the last answer of Redis said."""

    def __repr__(self) -> str:
        try:
            return (
                f"RedisBudget(url={self.url!r}, pool={self.pool!r}, limit={self.limit}, "
                f"window={self.window}, on_exceed={self.on_exceed!r})"
            )
        except AttributeError:  # __init__ refused an argument: the object is half-built
            return "RedisBudget(<incomplete>)"

    def _answered(self, answer: object, ticket: int, now: float) -> bool:
        was_granted, count = read_answer(answer)
        self._outage.answered(ticket)
        self._last_count = (window_of(now, self.window), count)
        return was_granted

    def _cannot_raise(self, used: int, now: float) -> bool:
        """Whether the pool's count, as this process last saw it this window, is already at
        least ``used``: the count only grows, so telling it ``used`` would change nothing."""
        window, count = self._last_count
        return window == window_of(now, self.window) and used <= count

    def _failed(self, error: Exception) -> None:
        if not isinstance(error, NoTimeLeft):  # the call's deadline is no sign against Redis
            self._outage.failed(_reason(error))

    def _script_call(self, op: str, amount: int, now: float) -> tuple[list[str], list[str]]:
        """The keys and arguments of one operation on the script."""
        if op == RESERVE:
            keys = reserve_keys(self.pool, self.window, now)
            return keys, script_args(op, amount, self.limit, self.window, now)
        return [window_key(self.pool, self.window, now)], script_args(
            op, amount, 0, self.window, now
        )

    def _ask(self, op: str, amount: int, now: float, timeout: float) -> bool | None:
        """Run the script: whether it granted the operation, or None without an answer."""
        ticket = self._outage.may_ask() if timeout > 0 else None
        if ticket is None:
            return None
        try:
            answer = self._sync.run(*self._script_call(op, amount, now), timeout)
            return self._answered(answer, ticket, now)
        except Exception as error:  # redis-py's errors, and answers of any other shape
            self._failed(error)
            return None

    async def _aask(self, op: str, amount: int, now: float, timeout: float) -> bool | None:
        ticket = self._outage.may_ask() if timeout > 0 else None
        if ticket is None:
            return None
        try:
            answer = await self._async.run(*self._script_call(op, amount, now), timeout)
            return self._answered(answer, ticket, now)
        except Exception as error:  # redis-py's errors, the bounds' TimeoutError, bad answers
            self._failed(error)
            return None

    def _wait_unless_granted(self, was_granted: bool, weight: int, now: float) -> float:
        if was_granted:
            return 0.0
        wait = next_window_in(now, self.window)
        if self.on_exceed == "raise":
            raise exceeded(weight, self.limit, wait, self.window)
        return wait

    def reserve(self, weight: int, *, now: float, timeout: float) -> float:
        """Charge ``weight`` to the pool and return 0, or return the seconds to the next
        window (raise WeightBudgetExceededError when ``on_exceed`` is "raise")."""
        refuse_too_heavy(weight, self.limit, self.window)
        was_granted = self._ask(RESERVE, weight, now, timeout)
        if was_granted is None:
            return self._local.reserve(weight, now=now, timeout=timeout)
        return self._wait_unless_granted(was_granted, weight, now)

    def observe(self, used: int, *, now: float, timeout: float) -> None:
        """Raise the pool's count to the exchange's, when it is higher (Redis is not asked
        when the count its last answer gave this window is already as high)."""
        self._local.observe(used, now=now, timeout=timeout)  # an outage starts from it
        if not self._cannot_raise(used, now):
            self._ask(OBSERVE, used, now, timeout)

    def refund(self, weight: int, *, now: float, timeout: float) -> None:
        """Give back ``weight`` reserved this window for a request that never left."""
        if self._ask(REFUND, weight, now, timeout) is None:
            self._local.refund(weight, now=now, timeout=timeout)

    async def areserve(self, weight: int, *, now: float, timeout: float) -> float:
        refuse_too_heavy(weight, self.limit, self.window)
        was_granted = await self._aask(RESERVE, weight, now, timeout)
        if was_granted is None:
            return self._local.reserve(weight, now=now, timeout=timeout)
        return self._wait_unless_granted(was_granted, weight, now)

    async def aobserve(self, used: int, *, now: float, timeout: float) -> None:
        self._local.observe(used, now=now, timeout=timeout)
        if not self._cannot_raise(used, now):
            await self._aask(OBSERVE, used, now, timeout)

    async def arefund(self, weight: int, *, now: float, timeout: float) -> None:
        if await self._aask(REFUND, weight, now, timeout) is None:
            self._local.refund(weight, now=now, timeout=timeout)

    def close(self) -> None:
        """Close this process's sync connections (a later call opens new ones)."""
        self._sync.close()

    async def aclose(self) -> None:
        """Close the running event loop's connections (``asyncio.run`` closes them by itself
        when it ends the loop)."""
        await self._async.aclose()
