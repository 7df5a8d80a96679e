"""The transports that reach the network, built from what the user passed, and bounded in time.

httpx's timeouts bound each socket operation, not a whole request: a server that sends a
byte every half second never trips a read timeout. Async calls are bounded by cancelling
them at the call's deadline. Blocking sync calls cannot be cancelled, so the sync transport
is httpx's own with a network backend that shortens every connect, read and write to what
is left of the deadline of the call in progress (``_bounded_network``; the deadline is a
context variable the client's transport sets): once it passes, the next socket operation
times out. The transports' libraries are imported when the first one is built, not with
the package.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

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


def environment_proxy(base_url: httpx.URL) -> str | None:
    """The proxy the environment sets for ``base_url`` (HTTPS_PROXY, ALL_PROXY, NO_PROXY...)."""
    import urllib.request  # here: it costs a third of the package's import time

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


def deadline_left() -> float | None:
    """Seconds left before the deadline of the call in progress, if one is."""
    at = _deadline.get()
    return None if at is None else at - time.monotonic()


def sync_transport(options: dict[str, Any]) -> httpx.BaseTransport:
    from ._bounded_network import BoundedHTTPTransport

    return BoundedHTTPTransport(**options)


def async_transport(options: dict[str, Any]) -> httpx.AsyncBaseTransport:
    """httpx-aiohttp's transport: with it an async call costs about what a sync one does, and
    many in flight through one client go several times faster than on httpx's own async stack
    (measured in `make bench`). aiohttp is imported here, at the first async call."""
    from httpx_aiohttp import AiohttpTransport

    proxy = options.get("proxy")
    if isinstance(proxy, str | httpx.URL):
        options = {**options, "proxy": httpx.Proxy(proxy)}
    return AiohttpTransport(**options)
