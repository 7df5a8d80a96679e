"""What a client is built from, checked once, when it is built: nothing is sent before every
option passed.

``httpx_args`` are read here, each for what it means on the client's one path: connection
options build its transports, ``transport`` replaces them (the mock exchange's, say),
``headers`` go with every request, ``follow_redirects``/``max_redirects`` are the policy's.
What only httpx.Client itself could do (event hooks, cookies, default query params, mounts)
is refused with a ConfigurationError that says what to do instead.
"""

from __future__ import annotations

from typing import Any, Literal

import httpx

from .. import _checks
from .._logging import redacted_urls
from ..auth.hook import API_KEY_HEADER
from ..budget.base import Budget
from ..budget.local import DEFAULT_WEIGHT_LIMIT, ON_EXCEED, WeightBudget
from ..calls import bodies
from ..calls.network import options as network
from ..calls.retries import RetryPolicy
from ..errors import ArgumentTypeError, ConfigurationError
from ..spec import SPEC

PRODUCTION_URL = SPEC.servers["Production"]
TESTNET_URL = SPEC.servers["Testnet"]
DEFAULT_TIMEOUT = 5.0
"""Seconds each connect, read, write and pool wait of an attempt may take (httpx's timeouts)."""
DEFAULT_DEADLINE = 15.0
"""Seconds one call may take in all: with the default 5 s attempts, a dead exchange gets
three tries and the call still ends in about 15 s."""
DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024
"""The largest body read, decompressed: some 60,000 orders, far above any real account."""
DEFAULT_MAX_REDIRECTS = 20
MAX_PORT = 65535
REFUSED_HTTPX_ARGS = {
    "auth": "signing is the client's own",
    "base_url": "pass base_url to the client",
    "timeout": "pass timeout to the client",
    "mounts": "pass a transport",
    "event_hooks": (
        "log with BINANCE_COINM_LOG=info or the 'binance_coinm' logger, or pass a transport "
        "that wraps the network"
    ),
    "cookies": "Binance's API uses none",
    "params": "pass parameters to the endpoint function, which signs them",
}
"""httpx.Client arguments that have no place on the client's path, and what to do instead."""
PATH_ARGS = ("transport", "headers", "follow_redirects", "max_redirects")


def checked_base_url(base_url: object) -> httpx.URL:
    if not isinstance(base_url, str | httpx.URL):
        raise ArgumentTypeError(f"base_url must be a str, got {type(base_url).__name__}")
    # An "@" may stand after credentials in any of the forms URL parsers disagree on: such a
    # URL, and what a parser says of it, is not repeated (the query is cut out of any other).
    hidden = "@" in str(base_url)
    shown = "(not shown: it holds an @, as credentials would)" if hidden else (
        redacted_urls(repr(str(base_url)))
    )  # fmt: skip
    problem = None
    try:
        url = httpx.URL(base_url)
        host, port = url.host, url.port  # reading the host decodes IDNA, which can fail too
    except (httpx.InvalidURL, ValueError) as exc:  # UnicodeError and idna's errors included
        told = hidden or isinstance(exc, UnicodeError)
        problem = type(exc).__name__ if told else redacted_urls(str(exc))
    if problem is not None:
        raise ConfigurationError(f"base_url is not a URL ({problem}): {shown}")
    if url.scheme not in ("http", "https") or not host:
        raise ConfigurationError(f"base_url needs an http(s) scheme and a host, got {shown}")
    if port is not None and not 0 < port <= MAX_PORT:
        raise ConfigurationError(f"base_url has no valid port, got {shown}")
    if url.query or url.fragment or url.userinfo:
        raise ConfigurationError(
            f"base_url must have no query, fragment or credentials, got {shown}"
        )
    return url


def checked_httpx_args(httpx_args: object) -> dict[str, Any]:
    if httpx_args is None:
        return {}
    if not isinstance(httpx_args, dict):
        raise ArgumentTypeError("httpx_args must be a dict of httpx.Client arguments")
    for name, instead in REFUSED_HTTPX_ARGS.items():
        if name in httpx_args:
            raise ConfigurationError(f"httpx_args: {name} is not accepted ({instead})")
    unknown = sorted(set(httpx_args) - {*PATH_ARGS, *network.TRANSPORT_OPTIONS})
    if unknown:
        raise ConfigurationError(f"httpx_args: unknown argument {', '.join(map(repr, unknown))}")
    return dict(httpx_args)


def checked_headers(headers: object) -> tuple[tuple[str, str], ...]:
    """The user's headers, sent with every request: ASCII text, never the API key's."""
    if headers is None:
        return ()
    parsed = network.built(httpx.Headers, headers)
    try:
        pairs = tuple((name, value) for name, value in parsed.multi_items())
        for name, value in pairs:
            (name + value).encode("ascii")
    except UnicodeEncodeError:
        raise ConfigurationError("httpx_args: headers must be ASCII") from None
    if any(name.lower() == API_KEY_HEADER.lower() for name, _ in pairs):
        raise ConfigurationError(f"httpx_args: headers: {API_KEY_HEADER} is the client's own")
    return pairs


def checked_transport(
    transport: object,
) -> tuple[httpx.BaseTransport | None, httpx.AsyncBaseTransport | None]:
    if transport is None:
        return None, None
    if not isinstance(transport, httpx.BaseTransport | httpx.AsyncBaseTransport):
        raise ArgumentTypeError("httpx_args: transport must be an httpx transport")
    sync = transport if isinstance(transport, httpx.BaseTransport) else None
    return sync, transport if isinstance(transport, httpx.AsyncBaseTransport) else None


def connection_options(args: dict[str, Any], url: httpx.URL, given: bool) -> dict[str, Any]:
    """The options the client's own transports are built with ({} beside a transport given,
    which is used as it is)."""
    if not given:
        return network.transport_options(args, url)
    explicit = [n for n in network.TRANSPORT_OPTIONS if n in args and n != "trust_env"]
    if explicit:
        raise ConfigurationError(
            f"httpx_args: {', '.join(explicit)} configure the transports the client "
            "builds; with a transport given, configure that transport"
        )
    return {}


def checked_budget(
    budget: object, weight_limit: int | None, on_weight_exceeded: Literal["wait", "raise"]
) -> Budget | None:
    _checks.one_of(on_weight_exceeded, "on_weight_exceeded", ON_EXCEED)
    if budget is None:
        if weight_limit is None:
            return None
        return WeightBudget(weight_limit, on_exceed=on_weight_exceeded)
    if not isinstance(budget, Budget):
        raise ArgumentTypeError(
            f"budget must be a budget (WeightBudget, RedisBudget), got {type(budget).__name__}"
        )
    if weight_limit != DEFAULT_WEIGHT_LIMIT or on_weight_exceeded != "wait":
        raise ConfigurationError(
            "pass weight_limit and on_weight_exceeded to the budget, not beside it"
        )
    return budget


def checked_retry(retry: object, max_retries: int) -> RetryPolicy:
    if retry is None:
        return RetryPolicy(max_retries=max_retries)
    if not isinstance(retry, RetryPolicy):
        raise ArgumentTypeError(f"retry must be a RetryPolicy, got {type(retry).__name__}")
    return retry


def default_headers(args: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    return (*checked_headers(args.get("headers")), ("Accept-Encoding", bodies.ACCEPT_ENCODING))


def redirects(args: dict[str, Any]) -> tuple[bool, int]:
    follow = args.get("follow_redirects", False)
    if type(follow) is not bool:
        raise ArgumentTypeError("httpx_args: follow_redirects must be a bool")
    hops = args.get("max_redirects", DEFAULT_MAX_REDIRECTS)
    return follow, _checks.integer(hops, "httpx_args: max_redirects", minimum=0)
