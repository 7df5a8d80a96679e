"""The one obvious way to build a signed client: credentials, where to send, and policies."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal, cast

import httpx

from . import _checks, _network
from ._logging import configure_from_environment, redacted_urls
from ._secrets import Secret
from ._spec import SPEC
from .clients import AuthenticatedClient
from .clock import ServerClock
from .errors import ArgumentTypeError, ConfigurationError
from .ratelimit import DEFAULT_WEIGHT_LIMIT, ON_EXCEED, WeightBudget
from .retries import RetryPolicy
from .signing import BinanceAuth, HmacSigner, Signer, load_private_key_signer
from .transport import DEFAULT_DEADLINE, DEFAULT_MAX_RESPONSE_BYTES, BinanceTransport

PRODUCTION_URL = SPEC.servers["Production"]
TESTNET_URL = SPEC.servers["Testnet"]
DEFAULT_TIMEOUT = 5.0
"""Seconds each connect, read, write and pool wait of an attempt may take (httpx's timeouts)."""
MAX_PORT = 65535
RESERVED_HTTPX_ARGS = {
    "auth": "signing is the client's own",
    "base_url": "pass base_url to signed_client",
    "timeout": "pass timeout to signed_client",
}


def _signer(
    api_secret: Secret | None, private_key_path: str | Path | None, passphrase: Secret | None
) -> Signer:
    if private_key_path is None and api_secret is None:
        private_key_path = os.environ.get("BINANCE_PRIVATE_KEY_PATH")
    if private_key_path is not None and not isinstance(private_key_path, str | Path):
        raise ArgumentTypeError("private_key_path must be a str or a Path")
    if private_key_path:
        return load_private_key_signer(
            private_key_path,
            passphrase or Secret.of(os.environ.get("BINANCE_PRIVATE_KEY_PASSPHRASE")),
        )
    return HmacSigner(
        Secret(os.environ.get("BINANCE_API_SECRET", "")) if api_secret is None else api_secret
    )


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


def _checked_httpx_args(httpx_args: object) -> dict[str, Any]:
    if httpx_args is None:
        return {}
    if not isinstance(httpx_args, dict):
        raise ArgumentTypeError("httpx_args must be a dict of httpx.Client arguments")
    for name, why in RESERVED_HTTPX_ARGS.items():
        if name in httpx_args:
            raise ConfigurationError(f"httpx_args: {name} is not accepted ({why})")
    return dict(httpx_args)


def signed_client(
    api_key: str | None = None,
    api_secret: str | None = None,
    *,
    private_key_path: str | Path | None = None,
    private_key_passphrase: str | None = None,
    base_url: str = PRODUCTION_URL,
    recv_window: int | None = None,
    timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
    deadline: float = DEFAULT_DEADLINE,
    max_retries: int = 2,
    retry: RetryPolicy | None = None,
    weight_limit: int | None = DEFAULT_WEIGHT_LIMIT,
    on_weight_exceeded: Literal["wait", "raise"] = "wait",
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    httpx_args: dict[str, Any] | None = None,
) -> AuthenticatedClient:
    """An AuthenticatedClient whose requests are signed, budgeted, retried and bounded in time.

    Credentials default to ``BINANCE_API_KEY`` and ``BINANCE_API_SECRET``; with
    ``private_key_path`` (or ``BINANCE_PRIVATE_KEY_PATH``) requests are signed with that RSA or
    Ed25519 PEM key instead of HMAC. ``timeout`` bounds each connect/read/write of an attempt,
    ``deadline`` the whole call (attempts, backoff, budget waits, clock resync).
    ``weight_limit=None`` turns the client-side weight budget off. ``httpx_args`` reach
    httpx.Client / httpx.AsyncClient; connection options among them (``verify``, ``cert``,
    ``proxy``, ``limits``, ``http2``, ...) build the client's transports, and a ``transport``
    (the mock exchange's, say) is wrapped, not replaced. Anything wrong raises
    ConfigurationError here, before anything is sent.
    """
    # First, so that from here on no frame of a traceback holds a credential in clear.
    key, secret = Secret.of(api_key), Secret.of(api_secret)
    passphrase = Secret.of(private_key_passphrase)
    del api_key, api_secret, private_key_passphrase
    configure_from_environment()
    url = checked_base_url(base_url)
    args = _checked_httpx_args(httpx_args)
    given = args.pop("transport", None)
    if given is not None and not isinstance(given, httpx.BaseTransport | httpx.AsyncBaseTransport):
        raise ArgumentTypeError("httpx_args: transport must be an httpx transport")
    options = _connection_options(args, url, given)
    attempt_timeout = _checks.timeout(timeout)
    if retry is not None and not isinstance(retry, RetryPolicy):
        raise ArgumentTypeError(f"retry must be a RetryPolicy, got {type(retry).__name__}")
    policy = retry if retry is not None else RetryPolicy(max_retries=max_retries)
    _checks.one_of(on_weight_exceeded, "on_weight_exceeded", ON_EXCEED)
    clock = ServerClock()
    auth = BinanceAuth(
        Secret(os.environ.get("BINANCE_API_KEY", "")) if key is None else key,
        _signer(secret, private_key_path, passphrase),
        base_url=url,
        recv_window=recv_window,
        clock=clock,
    )
    budget = (
        None
        if weight_limit is None
        else WeightBudget(
            weight_limit, on_exceed=on_weight_exceeded, clock=lambda: clock.now_ms() / 1000
        )
    )
    args["transport"] = BinanceTransport(
        auth,
        retry=policy,
        budget=budget,
        transport=given,
        transport_options=options,
        deadline=_checks.seconds(deadline, "deadline"),
        max_response_bytes=_checks.integer(max_response_bytes, "max_response_bytes", minimum=1),
    )
    client = AuthenticatedClient(
        base_url=str(url), timeout=attempt_timeout, auth=auth, httpx_args=args
    )
    # Built and tried now, so that arguments httpx refuses fail here, not at a call.
    _network.built(lambda: client.get_httpx_client().build_request("GET", "/"))
    _network.built(lambda: client.get_async_httpx_client().build_request("GET", "/"))
    return client


def _connection_options(
    args: dict[str, Any], url: httpx.URL, given: object
) -> dict[str, Any] | None:
    """Take out of ``args`` the options the client's network transports are built with (None
    when the user gave a transport, which is used as it is).

    httpx.Client itself never reads the environment's proxies: they would mount transports
    that route around the client's own.
    """
    options = None
    if given is None:
        options = _network.transport_options(args, url)
    else:
        explicit = [n for n in _network.TRANSPORT_OPTIONS if n in args and n != "trust_env"]
        if explicit:
            raise ConfigurationError(
                f"httpx_args: {', '.join(explicit)} configure the transports the client "
                "builds; with a transport given, configure that transport"
            )
        args.pop("trust_env", None)
    args["trust_env"] = False
    return options


def _auth_of(client: AuthenticatedClient) -> BinanceAuth:
    if not isinstance(getattr(client, "auth", None), BinanceAuth):
        raise ConfigurationError("this client was not built by signed_client()")
    return cast(BinanceAuth, client.auth)


def sync_clock(client: AuthenticatedClient) -> int:
    """Measure the offset to the exchange's clock now, so the first signed call is on time.

    Returns the offset in milliseconds (server minus local).
    """
    clock = _auth_of(client).clock
    clock.sync(client)
    return clock.offset_ms


async def async_sync_clock(client: AuthenticatedClient) -> int:
    """``sync_clock`` for async code."""
    clock = _auth_of(client).clock
    await clock.async_sync(client)
    return clock.offset_ms
