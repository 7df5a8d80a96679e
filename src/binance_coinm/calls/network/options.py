"""The connection options among ``httpx_args``, and the default transports built from them.

Sync calls go through httpx's own transport, bounded by the call's deadline
(``bounded_sync``); async calls through aiohttp (``aiohttp_async``), imported at the first
async call, not with the package. Both are built from the same options, checked when the
client is built: what httpx, httpcore or aiohttp would refuse fails there, not at a call.
"""

from __future__ import annotations

import importlib.util
import ssl
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from ..._logging import redacted_urls
from ...errors import ArgumentTypeError, ConfigurationError

if TYPE_CHECKING:
    from .aiohttp_async import AiohttpAsync
    from .bounded_sync import BoundedSync

_OPTION_TYPES: dict[str, tuple[type, ...]] = {
    "verify": (bool, str, ssl.SSLContext),
    "cert": (str, tuple),
    "trust_env": (bool,),
    "http1": (bool,),
    "http2": (bool,),
    "limits": (httpx.Limits,),
    "proxy": (str, httpx.URL, httpx.Proxy),
    "local_address": (str,),
    "uds": (str,),
    "socket_options": (list, tuple),
}
"""httpx_args that configure the connection, not the client (they build our transports), and
the types httpx documents for them (None also means "not given")."""
TRANSPORT_OPTIONS = tuple(_OPTION_TYPES)
T = TypeVar("T")


def environment_proxy(base_url: httpx.URL) -> str | None:
    """The proxy the environment sets for ``base_url`` (HTTPS_PROXY, ALL_PROXY, NO_PROXY...)."""
    import urllib.request  # here: it costs a third of the package's import time

    proxies = urllib.request.getproxies_environment()
    if urllib.request.proxy_bypass(base_url.host):
        return None
    proxy = proxies.get(base_url.scheme) or proxies.get("all")
    # "proxyhost:3128" is an http:// proxy, as httpx, requests and curl read it.
    return f"http://{proxy}" if proxy and "://" not in proxy else proxy


def transport_options(httpx_args: dict[str, Any], base_url: httpx.URL) -> dict[str, Any]:
    """Take the connection options out of ``httpx_args``, for the transports to be built with.

    A ``proxy`` (or, with ``trust_env``, the environment's) goes to the transport, not to
    httpx.Client, which would otherwise route around the client's own transport. The TLS
    settings become one SSLContext, built now and shared by the sync and async transports.
    """
    if "mounts" in httpx_args:
        raise ConfigurationError("httpx_args: mounts are not supported; pass a transport")
    options = {name: httpx_args.pop(name) for name in TRANSPORT_OPTIONS if name in httpx_args}
    for name, value in list(options.items()):
        if value is None:
            del options[name]
        elif not isinstance(value, _OPTION_TYPES[name]):
            expected = " or ".join(kind.__name__ for kind in _OPTION_TYPES[name])
            raise ArgumentTypeError(
                f"httpx_args: {name} must be {expected}, got {type(value).__name__}"
            )
    if options.get("http2") and importlib.util.find_spec("h2") is None:
        raise ConfigurationError("httpx_args: http2=True needs the h2 package (httpx[http2])")
    if options.get("proxy") is None and options.get("trust_env", True):
        proxy = environment_proxy(base_url)
        if proxy:
            options["proxy"] = proxy
    if options.get("proxy") is not None:
        options["proxy"] = built(httpx.Proxy, options["proxy"])
    options["verify"] = built(
        httpx.create_ssl_context,
        verify=options.get("verify", True),
        cert=options.pop("cert", None),
        trust_env=options.get("trust_env", True),
    )
    return options


def built(build: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``build(*args, **kwargs)``; what httpx, httpcore or aiohttp refuse in it is raised as a
    ConfigurationError with nothing of the refusal attached (its text may hold a URL)."""
    try:
        return build(*args, **kwargs)
    except ConfigurationError:
        raise
    except Exception as exc:  # each library refuses bad options with its own exceptions
        error = ConfigurationError(f"httpx_args: {type(exc).__name__}: {redacted_urls(str(exc))}")
    raise error  # outside the except block: the refusal is not its context


def sync_transport(options: dict[str, Any]) -> BoundedSync:
    from .bounded_sync import BoundedSync

    return built(BoundedSync, **options)


ASYNC_UNSUPPORTED = ("http2", "socket_options")
"""Connection options aiohttp has no word for: an async call with them is refused, not
quietly made without them."""


def check_async_options(options: dict[str, Any]) -> None:
    """Refuse, when the client is built, options the default async transport cannot honour."""
    unsupported = [name for name in ASYNC_UNSUPPORTED if options.get(name)]
    if unsupported:
        raise ConfigurationError(
            f"httpx_args: {', '.join(unsupported)} cannot apply to async calls on the default "
            "transport (aiohttp); for async calls pass "
            "httpx_args={'transport': httpx.AsyncHTTPTransport(...)} configured as you need"
        )


def async_transport(options: dict[str, Any]) -> AiohttpAsync:
    """aiohttp's transport, imported here, at the first async call."""
    check_async_options(options)
    from .aiohttp_async import AiohttpAsync

    return built(AiohttpAsync, **options)
