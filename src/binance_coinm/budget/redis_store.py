"""The shared pool's script run on Redis within bounds: redis-py's sync client for sync calls,
redis.asyncio for async ones (one client per event loop).

Imported only when a RedisBudget is built: redis-py is the ``redis`` extra. Each operation
is one round trip (EVALSHA; after a restart's NOSCRIPT, one EVAL that caches the script
again), with no retry of redis-py's own: the budget decides what a failure means.

Two bounds, told apart: waiting for one of the process's MAX_CONNECTIONS slots is the
process's own congestion, bounded by the call's deadline; the command is Redis's part,
bounded by the socket timeout (and what is left of the deadline). Running out of the
deadline raises NoTimeLeft, which is no sign against Redis; anything else is. A sync
command waits at most its bound for the answer, an async one at most its bound in all;
connecting waits at most the socket timeout. A connection whose command failed or was cut
short is dropped, so a late answer is never read as the next one's.

redis-py's pools start afresh in a forked child (they check the pid), and so do the slots
here, so a forked worker opens connections of its own. An async client belongs to the event
loop it was made in: it is closed in that loop when ``asyncio.run`` ends it (a task waits
for that), or by ``aclose()``.
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections.abc import Sequence
from typing import Any, NamedTuple

import anyio
import redis
import redis.asyncio
from redis.asyncio.retry import Retry as AsyncRetry
from redis.backoff import NoBackoff
from redis.exceptions import NoScriptError
from redis.retry import Retry

from .outage import NoTimeLeft
from .shared_pool import SCRIPT, SCRIPT_SHA

try:
    from redis.driver_info import DriverInfo
except ImportError:  # redis-py < 8
    NO_CLIENT_SETINFO: dict[str, Any] = {"lib_name": None, "lib_version": None}
else:
    NO_CLIENT_SETINFO = {"driver_info": DriverInfo(name=None, lib_version=None)}
"""Connecting sends no CLIENT SETINFO: two round trips fewer, none waited on past the bound."""

MAX_CONNECTIONS = 32
"""Commands a process (an event loop, for async calls) has in flight to Redis at once, each on
a connection of its own; more wait their turn, in order (a round trip takes well under a
millisecond). redis-py's own pool would refuse the 101st at once, which is no outage."""


def _options(socket_timeout: float) -> dict[str, Any]:
    return {
        "max_connections": MAX_CONNECTIONS,
        "socket_timeout": socket_timeout,
        "socket_connect_timeout": socket_timeout,
        "health_check_interval": 0,  # no PING before a command: one round trip each
        "protocol": 2,  # no HELLO when connecting
        **NO_CLIENT_SETINFO,
    }


def sync_pool(url: str, socket_timeout: float) -> redis.ConnectionPool:
    """redis-py's pool for ``url``; raises ValueError for a URL it cannot read (nothing is
    sent before the first operation)."""
    return redis.ConnectionPool.from_url(
        url, retry=Retry(NoBackoff(), 0), **_options(socket_timeout)
    )


def _answer(connection: redis.Connection, ends: float, *args: str | int) -> object:
    connection.send_command(*args)  # type: ignore[no-untyped-call]  # untyped in redis-py
    if not connection.can_read(timeout=max(ends - time.monotonic(), 0.0)):
        raise TimeoutError("no answer in time")
    return connection.read_response()


async def _aanswer(client: redis.asyncio.Redis, *args: str | int) -> object:
    return await client.execute_command(*args)  # type: ignore[no-untyped-call]  # untyped


class SyncStore:
    """The script run through one redis-py connection pool, from any thread."""

    def __init__(self, pool: redis.ConnectionPool, socket_timeout: float) -> None:
        self._pool = pool
        self._socket_timeout = socket_timeout
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self._pid = os.getpid()

    def _free_slots(self) -> threading.BoundedSemaphore:
        if self._pid != os.getpid():  # forked: the parent's threads hold none of the child's
            self._slots, self._pid = threading.BoundedSemaphore(MAX_CONNECTIONS), os.getpid()
        return self._slots

    def run(self, keys: Sequence[str], args: Sequence[str], timeout: float) -> object:
        """The script's answer for ``keys`` and ``args``, within ``timeout`` seconds."""
        ends = time.monotonic() + timeout
        slots = self._free_slots()
        if not slots.acquire(timeout=timeout):
            raise NoTimeLeft("no connection to Redis free in time")
        try:
            return self._command(keys, args, ends)
        finally:
            slots.release()

    def _command(self, keys: Sequence[str], args: Sequence[str], ends: float) -> object:
        left = ends - time.monotonic()
        cut_by_deadline = left < self._socket_timeout
        answer_by = time.monotonic() + min(left, self._socket_timeout)
        script: tuple[str | int, ...] = (len(keys), *keys, *args)
        pool = self._pool
        connection = pool.get_connection()
        try:
            try:
                return _answer(connection, answer_by, "EVALSHA", SCRIPT_SHA, *script)
            except NoScriptError:  # Redis restarted, or its scripts were flushed
                return _answer(connection, answer_by, "EVAL", SCRIPT, *script)
        except BaseException as error:
            connection.disconnect()  # type: ignore[no-untyped-call]
            if isinstance(error, TimeoutError) and cut_by_deadline:
                raise NoTimeLeft("the call's deadline passed before Redis answered") from None
            raise
        finally:
            pool.release(connection)

    def close(self) -> None:
        self._pool.disconnect()


class _LoopClient(NamedTuple):
    client: redis.asyncio.Redis
    slots: asyncio.Semaphore
    closer: asyncio.Task[None]


async def _close_with_its_loop(client: redis.asyncio.Redis) -> None:
    """Wait until the loop ends: asyncio.run cancels every task before it closes its loop, so
    the client's connections close in the loop they belong to."""
    try:
        await asyncio.Event().wait()
    finally:
        await client.aclose()


class AsyncStore:
    """The script run through a redis.asyncio client of the running event loop's own."""

    def __init__(self, url: str, socket_timeout: float) -> None:
        self._url = url
        self._socket_timeout = socket_timeout
        self._lock = threading.Lock()
        self._clients: dict[asyncio.AbstractEventLoop, _LoopClient] = {}

    def _client(self) -> _LoopClient:
        loop = asyncio.get_running_loop()
        found = self._clients.get(loop)
        if found is None:
            with self._lock:
                for closed in [old for old in self._clients if old.is_closed()]:
                    del self._clients[closed]
                client = redis.asyncio.Redis.from_url(
                    self._url, retry=AsyncRetry(NoBackoff(), 0), **_options(self._socket_timeout)
                )
                found = self._clients[loop] = _LoopClient(
                    client,
                    asyncio.Semaphore(MAX_CONNECTIONS),
                    loop.create_task(_close_with_its_loop(client)),
                )
        return found

    async def run(self, keys: Sequence[str], args: Sequence[str], timeout: float) -> object:
        """The script's answer for ``keys`` and ``args``, within ``timeout`` seconds."""
        ends = time.monotonic() + timeout
        client, slots, _ = self._client()
        try:
            with anyio.fail_after(timeout):
                await slots.acquire()
        except TimeoutError:
            raise NoTimeLeft("no connection to Redis free in time") from None
        try:
            left = ends - time.monotonic()
            try:
                with anyio.fail_after(min(left, self._socket_timeout)):
                    return await self._command(client, keys, args)
            except TimeoutError:
                if left < self._socket_timeout:
                    raise NoTimeLeft("the call's deadline passed before Redis answered") from None
                raise
        finally:
            slots.release()

    @staticmethod
    async def _command(
        client: redis.asyncio.Redis, keys: Sequence[str], args: Sequence[str]
    ) -> object:
        try:
            return await _aanswer(client, "EVALSHA", SCRIPT_SHA, len(keys), *keys, *args)
        except NoScriptError:
            return await _aanswer(client, "EVAL", SCRIPT, len(keys), *keys, *args)

    async def aclose(self) -> None:
        """Close the running loop's client, if it has one."""
        found = self._clients.pop(asyncio.get_running_loop(), None)
        if found is not None:
            await found.client.aclose()
            found.closer.cancel()
