"""The user-data stream as one async iterator that never stops by itself.

``UserDataStream`` takes a listenKey (``startUserDataStream``: the account's active key, or a
new one), opens ``wss://<host>/ws/<listenKey>`` and yields every event, in order. Around it:
- the key is kept alive every ``keepalive_interval`` (30 minutes by default, half its life)
  and a new one taken on -1125 or ``listenKeyExpired``;
- a connection that fails, is closed, or answers no ping within ``pong_timeout`` is opened
  again after a capped, jittered back-off, with no limit unless ``max_reconnects`` is set;
- a connection is replaced before Binance's 24-hour cut;
- events wait in a buffer of ``buffer_size``: a consumer that falls that far behind never
  slows the connection; the buffer is emptied and the consumer told so.
Every time events may have been missed (the first connection included) the stream yields a
``Gap``: what was built from earlier events must be read again from REST (``LiveOpenOrders``
does). The listenKey is the stream's credential: it is in no repr, message or log line. It
is not closed on exit: Binance gives every stream of an API key the same active key, so
closing it would end the other streams of the account; unused, it expires in 60 minutes.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Callable, Coroutine
from types import TracebackType
from typing import Any, Literal, Self

import anyio
import httpx
import msgspec
from anyio.abc import TaskGroup

from binance_coinm_rest.api.listen_key import (
    keepalive_user_data_stream,
    start_user_data_stream,
)

from .. import _checks
from .._logging import logger
from ..auth.origin import origin_of
from ..client.base import AuthenticatedClient
from ..client.options import PRODUCTION_URL, TESTNET_URL
from ..errors import APIConnectionError, BinanceError, ConfigurationError, StreamGaveUpError
from ..spec import stream
from .clock import Clock, SystemClock, TimedOut, within
from .connection import Connection, ConnectionLost, Connector, WebSocketsConnector
from .events import Event, RawEvent, event_of

SECONDS_PER_MINUTE = 60
SECONDS_PER_HOUR = 3600
ROTATION_MARGIN = 15 * SECONDS_PER_MINUTE
"""How long before Binance's 24-hour cut a connection is replaced by a fresh one."""
GapReason = Literal["connected", "reconnected", "new listenKey", "overflow"]


class Gap(msgspec.Struct, frozen=True):
    """Events may have been missed before this point: rebuild from REST what depends on them.

    ``reason``: "connected" (the first connection), "reconnected", "new listenKey" (the old
    one expired), "overflow" (the consumer fell ``buffer_size`` events behind; ``dropped``
    events were discarded).
    """

    reason: GapReason
    dropped: int = 0


Item = Event | Gap
"""What the stream yields: an event (a model, or a RawEvent) or a Gap."""


class Backoff(msgspec.Struct, frozen=True, kw_only=True):
    """Waits between reconnections: ``min(initial * 2**n, maximum) * (1 - jitter * random())``."""

    initial: float = 0.5
    maximum: float = 30.0
    jitter: float = 0.25

    def __post_init__(self) -> None:
        _checks.seconds(self.initial, "backoff initial")
        _checks.seconds(self.maximum, "backoff maximum")
        if not (type(self.jitter) in (int, float) and 0 <= self.jitter < 1):
            raise ConfigurationError(f"jitter must be a fraction in [0, 1), got {self.jitter!r}")

    def delay(self, failures: int) -> float:
        base = min(self.initial * 2.0 ** min(failures - 1, 64), self.maximum)
        return base * (1 - self.jitter * random.random())  # noqa: S311 - jitter, not crypto


def default_stream_url(client: AuthenticatedClient) -> str | None:
    """The stream host of the REST origin the client is for, when it is Binance's."""
    hosts = stream().hosts
    origin = client.auth.origin if client.auth else None
    for rest, server in ((PRODUCTION_URL, "production"), (TESTNET_URL, "testnet")):
        if origin == origin_of(httpx.URL(rest)):
            return (
                stream().url_template.replace("{host}", hosts[server]).removesuffix("/{listenKey}")
            )
    return None


class UserDataStream:
    """The account's user-data stream (see the module's docstring): ``async with`` it, then
    ``async for item in stream``.

    Args:
        client: The signed client the listenKey calls go through (its budget, retries and
            deadline apply to them).
        url: The stream's base URL, ``wss://host/ws``; by default Binance's for the client's
            REST origin (production or testnet); required for any other (the mock's).
        connector: How connections are opened (default: the ``websockets`` library).
    """

    def __init__(
        self,
        client: AuthenticatedClient,
        *,
        url: str | None = None,
        connector: Connector | None = None,
        clock: Clock | None = None,
        buffer_size: int = 10_000,
        keepalive_interval: float | None = None,
        ping_interval: float = 60.0,
        pong_timeout: float = 30.0,
        open_timeout: float = 10.0,
        connection_lifetime: float | None = None,
        backoff: Backoff | None = None,
        max_reconnects: int | None = None,
    ) -> None:
        if not isinstance(client, AuthenticatedClient):
            raise ConfigurationError("the stream needs a signed client (see signed_client())")
        facts = stream()
        base = url if url is not None else default_stream_url(client)
        if base is None:
            raise ConfigurationError(
                f"pass the stream's url: the client is for {client.base_url}, not Binance's"
            )
        if not isinstance(base, str) or not base.startswith(("wss://", "ws://")):
            raise ConfigurationError("the stream's url must be a ws:// or wss:// URL")
        self._client = client
        self._base = base.rstrip("/")
        self._connector = connector or WebSocketsConnector()
        self.clock: Clock = clock or SystemClock()
        """What the stream waits on (keepalives, pings, back-off); a test's own clock."""
        self.buffer_size = _checks.integer(buffer_size, "buffer_size", minimum=1)
        self.keepalive_interval = _checks.seconds(
            keepalive_interval or facts.keepalive_interval_minutes * SECONDS_PER_MINUTE,
            "keepalive_interval",
        )
        self.ping_interval = _checks.seconds(ping_interval, "ping_interval")
        self.pong_timeout = _checks.seconds(pong_timeout, "pong_timeout")
        self.open_timeout = _checks.seconds(open_timeout, "open_timeout")
        lifetime = facts.connection_lifetime_hours * SECONDS_PER_HOUR - ROTATION_MARGIN
        self.connection_lifetime = _checks.seconds(
            connection_lifetime or lifetime, "connection_lifetime"
        )
        self.backoff = backoff or Backoff()
        self.max_reconnects = (
            None
            if max_reconnects is None
            else _checks.integer(max_reconnects, "max_reconnects", minimum=0)
        )
        self._items: deque[Item] = deque()
        self._ready = anyio.Event()
        self._failure: BinanceError | None = None
        self._tasks: TaskGroup | None = None
        self._key: str | None = None
        self.connected = False
        """Whether a connection is open now."""

    def __repr__(self) -> str:
        return f"UserDataStream(url={self._base!r}, connected={self.connected})"

    # The consumer's side.

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> Item:
        while not self._items:
            if self._failure is not None:
                raise self._failure
            self._ready = anyio.Event()
            await self._ready.wait()
        return self._items.popleft()

    def _put(self, item: Item) -> None:
        items = self._items
        if len(items) >= self.buffer_size:
            dropped = sum(1 for each in items if not isinstance(each, Gap))
            items.clear()
            logger.warning("user-data stream: the consumer fell behind; %d events dropped", dropped)
            items.append(Gap("overflow", dropped))
        items.append(item)
        self._ready.set()

    async def __aenter__(self) -> Self:
        self._tasks = anyio.create_task_group()
        await self._tasks.__aenter__()
        self._tasks.start_soon(self._supervise)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        assert self._tasks is not None
        self._tasks.cancel_scope.cancel()
        await self._tasks.__aexit__(exc_type, exc_value, traceback)

    # The connection's side.

    def _fail(self, error: BinanceError) -> None:
        self._failure = error
        self._ready.set()

    async def _supervise(self) -> None:
        reason: GapReason = "connected"
        failures = 0
        while True:
            connection = None
            try:
                self._key = (await start_user_data_stream.asyncio(client=self._client)).listen_key
                connection = await self._connector.connect(
                    f"{self._base}/{self._key}", timeout=self.open_timeout
                )
            except (BinanceError, ConnectionLost) as exc:
                failures += 1
                if not await self._wait_to_retry(failures, exc):
                    return
                reason = "reconnected"
                continue
            failures = 0
            self.connected = True
            self._put(Gap(reason))
            try:
                ended = await self._serve(connection)
            finally:
                self.connected = False
                with anyio.CancelScope(shield=True), anyio.move_on_after(1):
                    await _quietly(connection.close())
            logger.info("user-data stream: %s", ended)
            if ended == "lost":
                failures += 1
                if not await self._wait_to_retry(failures, None):
                    return
            reason = "new listenKey" if ended == "expired" else "reconnected"

    async def _wait_to_retry(self, failures: int, error: BaseException | None) -> bool:
        """Sleep the back-off before attempt ``failures + 1``; False once the user's limit on
        reconnections is passed (the stream then raises on the consumer's side)."""
        if self.max_reconnects is not None and failures > self.max_reconnects:
            cause = f": {error}" if error is not None else ""
            self._fail(
                StreamGaveUpError(
                    f"the user-data stream gave up after {failures} failed connections{cause}"
                )
            )
            return False
        delay = self.backoff.delay(failures)
        logger.warning(
            "user-data stream: connection failed (%s); again in %.1f s",
            type(error).__name__ if error is not None else "lost",
            delay,
        )
        await self.clock.sleep(delay)
        return True

    async def _serve(self, connection: Connection) -> str:
        """Read, keep the key alive, ping and rotate until one of them says the connection is
        done: "lost", "expired" (the key) or "rotated"."""
        ended: list[str] = []

        async with anyio.create_task_group() as duties:

            def duty(work: Callable[[], Coroutine[Any, Any, str]]) -> None:
                async def run() -> None:
                    ended.append(await work())
                    duties.cancel_scope.cancel()

                duties.start_soon(run)

            duty(lambda: self._read(connection))
            duty(self._keep_alive)
            duty(lambda: self._ping(connection))
            duty(self._rotate)
        return ended[0]

    async def _read(self, connection: Connection) -> str:
        expiry = stream().expiry_event
        while True:
            try:
                message = await connection.recv()
            except ConnectionLost:
                return "lost"
            event = event_of(message)
            self._put(event)
            if _event_type(event) == expiry:
                return "expired"

    async def _keep_alive(self) -> str:
        not_found = stream().not_found_code
        while True:
            await self.clock.sleep(self.keepalive_interval)
            try:
                await keepalive_user_data_stream.asyncio(client=self._client)
            except BinanceError as exc:
                if getattr(exc, "code", None) == not_found:
                    return "expired"
                logger.warning("user-data stream: keepalive failed (%s); next in time", exc)

    async def _ping(self, connection: Connection) -> str:
        while True:
            await self.clock.sleep(self.ping_interval)
            try:
                await within(self.clock, self.pong_timeout, connection.ping())
            except (TimedOut, ConnectionLost):
                return "lost"

    async def _rotate(self) -> str:
        await self.clock.sleep(self.connection_lifetime)
        return "rotated"


def _event_type(event: Event) -> str | None:
    if isinstance(event, RawEvent):
        return event.event_type
    kind = getattr(event, "event_type", None)
    return kind if isinstance(kind, str) else None


async def _quietly(work: Coroutine[Any, Any, None]) -> None:
    try:
        await work
    except (ConnectionLost, OSError, APIConnectionError):
        pass
    except Exception as exc:  # a connector's close must not mask why the connection ended
        logger.debug("user-data stream: closing the connection failed: %r", exc)


__all__ = ["Backoff", "Gap", "Item", "UserDataStream"]
