"""The one obvious way to build a signed client: credentials, where to send, and policies."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal, TypedDict

import httpx

from ..auth.hook import BinanceAuth
from ..auth.secrets import Secret
from ..auth.signers import HmacSigner, Signer, load_private_key_signer
from ..budget.base import Budget
from ..budget.local import DEFAULT_WEIGHT_LIMIT
from ..calls.retries import RetryPolicy
from ..clock import ServerClock
from ..errors import ArgumentTypeError
from .base import AuthenticatedClient, Client
from .options import (
    DEFAULT_DEADLINE,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_TIMEOUT,
    PRODUCTION_URL,
    checked_base_url,
)


class SignedClientOptions(TypedDict, total=False):
    """``signed_client``'s options beside the credentials, for what builds a client on it."""

    private_key_path: str | Path | None
    private_key_passphrase: str | None
    base_url: str
    recv_window: int | None
    timeout: float | httpx.Timeout
    deadline: float
    max_retries: int
    retry: RetryPolicy | None
    weight_limit: int | None
    on_weight_exceeded: Literal["wait", "raise"]
    budget: Budget | None
    max_response_bytes: int
    httpx_args: dict[str, Any] | None


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
    budget: Budget | None = None,
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    httpx_args: dict[str, Any] | None = None,
) -> AuthenticatedClient:
    """An AuthenticatedClient whose calls are signed, budgeted, retried and bounded in time.

    Credentials default to ``BINANCE_API_KEY`` and ``BINANCE_API_SECRET``; with
    ``private_key_path`` (or ``BINANCE_PRIVATE_KEY_PATH``) calls are signed with that RSA or
    Ed25519 PEM key instead of HMAC. ``timeout`` bounds each connect/read/write of an attempt,
    ``deadline`` the whole call (attempts, backoff, budget waits, clock resync, reading the
    body). ``weight_limit=None`` turns the client-side weight budget off; ``budget`` shares
    one among processes (``RedisBudget``). ``httpx_args``: connection options (``verify``,
    ``cert``, ``proxy``, ``limits``, ``http2``, ...), a ``transport`` (the mock exchange's),
    ``headers``, ``follow_redirects``. Anything wrong raises ConfigurationError here, before
    anything is sent.
    """
    # First, so that from here on no frame of a traceback holds a credential in clear.
    key, secret = Secret.of(api_key), Secret.of(api_secret)
    passphrase = Secret.of(private_key_passphrase)
    del api_key, api_secret, private_key_passphrase
    url = checked_base_url(base_url)
    auth = BinanceAuth(
        Secret(os.environ.get("BINANCE_API_KEY", "")) if key is None else key,
        _signer(secret, private_key_path, passphrase),
        base_url=url,
        recv_window=recv_window,
        clock=ServerClock(),
    )
    return AuthenticatedClient(
        str(url),
        auth=auth,
        timeout=timeout,
        deadline=deadline,
        max_retries=max_retries,
        retry=retry,
        weight_limit=weight_limit,
        on_weight_exceeded=on_weight_exceeded,
        budget=budget,
        max_response_bytes=max_response_bytes,
        httpx_args=httpx_args,
    )


def _checked_client(client: object) -> Client:
    if not isinstance(client, Client):
        raise ArgumentTypeError(f"client must be a Client, got {type(client).__name__}")
    return client


def sync_clock(client: Client) -> int:
    """Measure the offset to the exchange's clock now, so the first signed call is on time.

    Returns the offset in milliseconds (server minus local).
    """
    return _checked_client(client).sync_clock()


async def async_sync_clock(client: Client) -> int:
    """``sync_clock`` for async code."""
    return await _checked_client(client).async_sync_clock()
