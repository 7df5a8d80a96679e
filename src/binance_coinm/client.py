"""The one obvious way to build a signed client: key, secret and where to send requests."""

from __future__ import annotations

import os
from typing import Any

import httpx
from binance_coinm_rest.client import AuthenticatedClient

from .signing import BinanceAuth, HmacSigner

PRODUCTION_URL = "https://dapi.binance.com"
TESTNET_URL = "https://testnet.binancefuture.com"


def signed_client(
    api_key: str | None = None,
    api_secret: str | None = None,
    *,
    base_url: str = PRODUCTION_URL,
    recv_window: int | None = None,
    timeout: float | httpx.Timeout = 10.0,
    httpx_args: dict[str, Any] | None = None,
) -> AuthenticatedClient:
    """An AuthenticatedClient whose requests are signed with HMAC-SHA256.

    ``api_key`` and ``api_secret`` default to ``BINANCE_API_KEY`` / ``BINANCE_API_SECRET``;
    a missing one raises ConfigurationError here, before anything is sent. ``httpx_args``
    reach httpx.Client / httpx.AsyncClient (``transport``, ``event_hooks``, ...).
    """
    key = os.environ.get("BINANCE_API_KEY", "") if api_key is None else api_key
    secret = os.environ.get("BINANCE_API_SECRET", "") if api_secret is None else api_secret
    signer = HmacSigner(secret)
    auth = BinanceAuth(key, signer, host=httpx.URL(base_url).host, recv_window=recv_window)
    return AuthenticatedClient(
        base_url=base_url,
        timeout=timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout),
        auth=auth,
        httpx_args=httpx_args or {},
    )
