"""The transports that reach the network, built from what the user passed, and bounded in time.

httpx's timeouts bound each socket operation, not a whole request: a server that sends a
byte every half second never trips a read timeout. Async calls are bounded by cancelling
them at the call's deadline. Blocking sync calls cannot be cancelled, so the sync transport
is httpx's own with a network backend that shortens every connect, read and write to what
is left of the deadline of the call in progress (a context variable the client's transport
sets): once the deadline passes, the next socket operation times out.
"""

from __future__ import annotations

import time
import urllib.request
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import httpcore
import httpx

from .errors import ConfigurationError

TRANSPORT_OPTIONS = (
    "verify", "cert", "trust_env", "http1", "http2", "limits", "proxy", "local_address",
    "uds", "socket_options",
)  # fmt: skip
"""httpx_args that configure the connection, not the client: they build our transports."""
_deadline: ContextVar[float | None] = ContextVar("binance_coinm_deadline", default=None)


@contextmanager
def deadline(at: float) -> Iterator[None]:
    """Bound the socket operations of this context by ``at`` (a time.monotonic() value)."""
    token = _deadline.set(at)
    try:
        yield
    finally:
        _deadline.reset(token)


def _bounded(timeout: float | None) -> float | None:
    at = _deadline.get()
    if at is None:
        return timeout
    left = max(at - time.monotonic(), 0.0001)
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


class BoundedHTTPTransport(httpx.HTTPTransport):
    """httpx.HTTPTransport whose socket operations end by the deadline of the call in progress."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        pool = self._pool
        pool._network_backend = _BoundedBackend(pool._network_backend)


def environment_proxy(base_url: httpx.URL) -> str | None:
    """The proxy the environment sets for ``base_url`` (HTTPS_PROXY, ALL_PROXY, NO_PROXY...)."""
    proxies = urllib.request.getproxies_environment()
    if urllib.request.proxy_bypass(base_url.host):
        return None
    return proxies.get(base_url.scheme) or proxies.get("all")


def transport_options(httpx_args: dict[str, Any], base_url: httpx.URL) -> dict[str, Any]:
    """Take the connection options out of ``httpx_args``, for the transports to be built with.

    A ``proxy`` (or, with ``trust_env``, the environment's) goes to the transport, not to
    httpx.Client, which would otherwise route around the client's own transport.
    """
    if "mounts" in httpx_args:
        raise ConfigurationError("httpx_args: mounts are not supported; pass a transport")
    options = {name: httpx_args.pop(name) for name in TRANSPORT_OPTIONS if name in httpx_args}
    if options.get("proxy") is None and options.get("trust_env", True):
        proxy = environment_proxy(base_url)
        if proxy:
            options["proxy"] = proxy
    return options


def sync_transport(options: dict[str, Any]) -> httpx.BaseTransport:
    return BoundedHTTPTransport(**options)


def async_transport(options: dict[str, Any]) -> httpx.AsyncBaseTransport:
    return httpx.AsyncHTTPTransport(**options)
