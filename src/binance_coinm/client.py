"""The one obvious way to build a signed client: credentials, where to send, and policies."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

import httpx

from binance_coinm_rest.client import AuthenticatedClient
from binance_coinm_rest.errors import ConfigurationError

from ._logging import configure_from_environment
from .clock import ServerClock
from .ratelimit import DEFAULT_WEIGHT_LIMIT, WeightBudget
from .retries import RetryPolicy
from .signing import BinanceAuth, HmacSigner, Signer, load_private_key_signer
from .transport import BinanceTransport

PRODUCTION_URL = "https://dapi.binance.com"
TESTNET_URL = "https://testnet.binancefuture.com"


def _signer(
    api_secret: str | None, private_key_path: str | Path | None, passphrase: str | None
) -> Signer:
    if private_key_path is None and api_secret is None:
        private_key_path = os.environ.get("BINANCE_PRIVATE_KEY_PATH")
    if private_key_path:
        phrase = passphrase or os.environ.get("BINANCE_PRIVATE_KEY_PASSPHRASE")
        return load_private_key_signer(private_key_path, phrase)
    return HmacSigner(
        os.environ.get("BINANCE_API_SECRET", "") if api_secret is None else api_secret
    )


def signed_client(
    api_key: str | None = None,
    api_secret: str | None = None,
    *,
    private_key_path: str | Path | None = None,
    private_key_passphrase: str | None = None,
    base_url: str = PRODUCTION_URL,
    recv_window: int | None = None,
    timeout: float | httpx.Timeout = 10.0,
    max_retries: int = 2,
    retry: RetryPolicy | None = None,
    weight_limit: int | None = DEFAULT_WEIGHT_LIMIT,
    on_weight_exceeded: Literal["wait", "raise"] = "wait",
    httpx_args: dict[str, Any] | None = None,
) -> AuthenticatedClient:
    """An AuthenticatedClient whose requests are signed, budgeted and retried.

    Credentials default to ``BINANCE_API_KEY`` and ``BINANCE_API_SECRET``; with
    ``private_key_path`` (or ``BINANCE_PRIVATE_KEY_PATH``) requests are signed with that RSA or
    Ed25519 PEM key instead of HMAC. A missing credential raises ConfigurationError here,
    before anything is sent. ``weight_limit=None`` turns the client-side weight budget off.
    ``httpx_args`` reach httpx.Client / httpx.AsyncClient; a ``transport`` among them (the
    mock exchange's, say) is wrapped, not replaced.
    """
    configure_from_environment()
    key = os.environ.get("BINANCE_API_KEY", "") if api_key is None else api_key
    host = httpx.URL(base_url).host
    if not host:
        raise ConfigurationError(f"base_url needs a scheme and a host, got {base_url!r}")
    auth = BinanceAuth(
        key,
        _signer(api_secret, private_key_path, private_key_passphrase),
        host=host,
        recv_window=recv_window,
        clock=ServerClock(),
    )
    args = dict(httpx_args or {})
    budget = (
        None if weight_limit is None else WeightBudget(weight_limit, on_exceed=on_weight_exceeded)
    )
    args["transport"] = BinanceTransport(
        auth,
        retry=retry or RetryPolicy(max_retries=max_retries),
        budget=budget,
        transport=args.get("transport"),
    )
    return AuthenticatedClient(
        base_url=base_url,
        timeout=timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout),
        auth=auth,
        httpx_args=args,
    )


def _auth_of(client: AuthenticatedClient) -> BinanceAuth:
    if not isinstance(client.auth, BinanceAuth):
        raise ConfigurationError("this client was not built by signed_client()")
    return client.auth


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
