"""The clients that endpoint functions send their calls through.

A client holds what its calls share (where they go, how they are signed, the policies) and
its transports, and sends each call by one path: the policy (``calls.policy``) driven with
blocking calls or with awaits (``calls.drive``). ``signed_client()`` builds an
AuthenticatedClient from credentials; a Client without credentials serves the operations
that need no API key.
"""

from __future__ import annotations

import threading
from types import TracebackType
from typing import Any, Literal, Self

import httpx

from .. import _checks
from .._logging import configure_from_environment
from ..auth.hook import BinanceAuth
from ..auth.origin import origin_of
from ..budget.base import Budget
from ..budget.local import DEFAULT_WEIGHT_LIMIT
from ..calls import drive
from ..calls.call import Call
from ..calls.network import options as network
from ..calls.network.base import AsyncTransport, SyncTransport
from ..calls.network.httpx_adapter import HttpxAsync, HttpxSync
from ..calls.policy import Finished, Policy, Settings
from ..calls.retries import RetryPolicy
from ..clock import ServerClock
from ..errors import BinanceError, ConfigurationError
from . import options
from .options import (
    DEFAULT_DEADLINE,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_TIMEOUT,
    PRODUCTION_URL,
)

CLOSED = "this client is closed: build another"


def bare(exc: BinanceError) -> BinanceError:
    """``exc`` with no traceback and nothing chained: the frames it passed through hold the
    signed request and the API key header."""
    exc.__traceback__ = exc.__context__ = exc.__cause__ = None
    return exc


class Client:
    """Sends calls of the spec's operations that need no API key; sync and async alike.

    Args:
        base_url: The API root (``PRODUCTION_URL``, the default, or ``TESTNET_URL``).
        timeout: Each connect, read, write and pool wait of an attempt, in seconds (or an
            ``httpx.Timeout``).
        deadline: Seconds a whole call may take: attempts, waits and reading the body.
        max_retries: Retries after a failed attempt (see ``RetryPolicy``); or ``retry``.
        weight_limit: The client's weight budget per minute (None: none); or ``budget``, a
            budget shared with other clients and processes (``RedisBudget``).
        on_weight_exceeded: "wait" for the next minute (within the deadline) or "raise".
        max_response_bytes: The largest body read, decompressed.
        httpx_args: Connection options (``verify``, ``proxy``, ``limits``, ...), a
            ``transport`` (the mock exchange's), ``headers``, ``follow_redirects``.

    Close it with ``with``/``async with``, ``close()`` or ``aclose()``; a closed client
    refuses calls with ConfigurationError.
    """

    auth: BinanceAuth | None = None

    def __init__(
        self,
        base_url: str = PRODUCTION_URL,
        *,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        deadline: float = DEFAULT_DEADLINE,
        max_retries: int = 2,
        retry: RetryPolicy | None = None,
        weight_limit: int | None = DEFAULT_WEIGHT_LIMIT,
        on_weight_exceeded: Literal["wait", "raise"] = "wait",
        budget: Budget | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        httpx_args: dict[str, Any] | None = None,
        clock: ServerClock | None = None,
    ) -> None:
        configure_from_environment()
        url = options.checked_base_url(base_url)
        args = options.checked_httpx_args(httpx_args)
        given_sync, given_async = options.checked_transport(args.pop("transport", None))
        given = given_sync is not None or given_async is not None
        self._connection = options.connection_options(args, url, given)
        follow, hops = options.redirects(args)
        self.clock = clock or ServerClock()
        self.settings = Settings(
            base_url=str(url).rstrip("/"),
            origin=origin_of(url),
            auth=self.auth,
            clock=self.clock,
            headers=options.default_headers(args),
            timeout=_checks.timeout(timeout),
            deadline=_checks.seconds(deadline, "deadline"),
            retry=options.checked_retry(retry, max_retries),
            budget=options.checked_budget(budget, weight_limit, on_weight_exceeded),
            max_response_bytes=_checks.integer(max_response_bytes, "max_response_bytes", minimum=1),
            follow_redirects=follow,
            max_redirects=hops,
        )
        self._policy = Policy(self.settings)
        self._given = given
        self._sync: SyncTransport | None = None
        self._async: AsyncTransport | None = None
        if given_sync is not None:
            self._sync = HttpxSync(given_sync)
        elif not given:  # built now, so that options the network refuses fail here
            self._sync = network.sync_transport(self._connection)
        if given_async is not None:
            self._async = HttpxAsync(given_async)
        self._async_lock = threading.Lock()
        self._closed = False

    def __repr__(self) -> str:
        settings = getattr(self, "settings", None)  # None in a client whose __init__ failed
        shown = "<incomplete>" if settings is None else repr(settings.base_url)
        return f"{type(self).__name__}(base_url={shown})"

    @property
    def base_url(self) -> str:
        return self.settings.base_url

    @property
    def budget(self) -> Budget | None:
        """The weight budget the client's calls are charged to."""
        return self.settings.budget

    def _sync_transport(self) -> SyncTransport:
        if self._closed:
            raise ConfigurationError(CLOSED)
        if self._sync is None:
            raise ConfigurationError("the transport given to this client serves async calls only")
        return self._sync

    def _async_transport(self) -> AsyncTransport:
        if self._closed:
            raise ConfigurationError(CLOSED)
        if self._async is None:
            if self._given:
                raise ConfigurationError(
                    "the transport given to this client serves sync calls only"
                )
            with self._async_lock:  # built at the first async call: it imports aiohttp
                if self._async is None:
                    self._async = network.async_transport(self._connection)
        return self._async

    def send(self, call: Call) -> Finished:
        """Send ``call`` (sync): every attempt, wait and resync its policy asks for."""
        settings = self.settings
        return drive.run(
            self._policy.plan(call),
            self._sync_transport(),
            settings.budget,
            self.clock,
            settings.max_response_bytes,
        )

    async def asend(self, call: Call) -> Finished:
        """``send`` for async calls."""
        settings = self.settings
        return await drive.arun(
            self._policy.plan(call),
            self._async_transport(),
            settings.budget,
            self.clock,
            settings.max_response_bytes,
        )

    def sync_clock(self, deadline: float | None = None) -> int:
        """Measure the offset to the exchange's clock now; returns it in ms (server - local)."""
        settings = self.settings
        try:
            return drive.run(
                self._policy.read_clock(deadline),
                self._sync_transport(),
                settings.budget,
                self.clock,
                settings.max_response_bytes,
            )
        except BinanceError as exc:
            error = bare(exc)
        raise error

    async def async_sync_clock(self, deadline: float | None = None) -> int:
        """``sync_clock`` for async code."""
        settings = self.settings
        try:
            return await drive.arun(
                self._policy.read_clock(deadline),
                self._async_transport(),
                settings.budget,
                self.clock,
                settings.max_response_bytes,
            )
        except BinanceError as exc:
            error = bare(exc)
        raise error

    def close(self) -> None:
        """Close the connections, sync and async (those that need awaiting as far as can be
        done without it); further calls are refused."""
        self._closed = True
        if self._sync is not None:
            self._sync.close()
        if self._async is not None:
            self._async.close_now()

    async def aclose(self) -> None:
        """Close the connections, async and sync; further calls are refused."""
        self._closed = True
        if self._async is not None:
            await self._async.aclose()
        if self._sync is not None:
            self._sync.close()

    @property
    def is_closed(self) -> bool:
        return self._closed

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc_value: BaseException | None = None,
        traceback: TracebackType | None = None,
    ) -> None:
        self.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc_value: BaseException | None = None,
        traceback: TracebackType | None = None,
    ) -> None:
        await self.aclose()


class AuthenticatedClient(Client):
    """A Client whose calls carry the API key, and a signature where the operation is signed.

    Endpoints that the spec marks as needing a key accept only this class; build one with
    ``signed_client()``. ``auth`` is the httpx.Auth that signs (usable with httpx itself).
    """

    def __init__(
        self, base_url: str = PRODUCTION_URL, *, auth: BinanceAuth, **policies: Any
    ) -> None:
        if not isinstance(auth, BinanceAuth):
            raise ConfigurationError("auth must be a BinanceAuth (see signed_client())")
        self.auth = auth
        super().__init__(base_url, clock=auth.clock, **policies)
        if origin_of(httpx.URL(self.settings.base_url)) != auth.origin:
            raise ConfigurationError("auth signs for another origin than base_url")
