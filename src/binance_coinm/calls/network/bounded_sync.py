"""The default sync transport: httpx's own, with every socket operation bounded by the call's
deadline.

httpx's timeouts bound each socket operation, not a whole request: a server that sends a
byte every half second never trips a read timeout. Blocking calls cannot be cancelled, so
the network backend under httpx shortens every connect, read and write to what is left of
the deadline of the call in progress: once it passes, the next socket operation times out.
httpcore calls the backend with no word of the request, so the deadline reaches it through
a context variable that ``BoundedSync.send`` sets, in this module only.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from contextvars import ContextVar
from typing import Any

import httpcore
import httpx

from ..call import Answer
from .base import Outgoing
from .httpx_adapter import HttpxSync

_ends: ContextVar[float | None] = ContextVar("binance_coinm_ends", default=None)


def _bounded(timeout: float | None) -> float | None:
    ends = _ends.get()
    if ends is None:
        return timeout
    left = max(ends - time.monotonic(), 0.0001)
    return left if timeout is None else min(timeout, left)


class _BoundedStream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _bounded(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _bounded(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        return _BoundedStream(
            self._stream.start_tls(ssl_context, server_hostname, _bounded(timeout))
        )

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _BoundedBackend(httpcore.NetworkBackend):
    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self._backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._backend.connect_tcp(
            host, port, _bounded(timeout), local_address, socket_options
        )
        return _BoundedStream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        stream = self._backend.connect_unix_socket(path, _bounded(timeout), socket_options)
        return _BoundedStream(stream)

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


class BoundedSync(HttpxSync):
    """httpx.HTTPTransport whose socket operations end by the deadline of the call it sends."""

    def __init__(self, **options: Any) -> None:
        transport = httpx.HTTPTransport(**options)
        pool = transport._pool
        pool._network_backend = _BoundedBackend(pool._network_backend)
        super().__init__(transport)

    def send(self, outgoing: Outgoing, ends: float, limit: int) -> Answer:
        token = _ends.set(ends)
        try:
            return super().send(outgoing, ends, limit)
        finally:
            _ends.reset(token)
