"""The client objects: every operation of the spec as a method, as openai-python's users know.

``BinanceCoinM`` (sync) and ``AsyncBinanceCoinM`` hold a signed client and give each tag of
the spec as a resource (``coinm.trade.current_all_open_orders(...)``), the raw-response
variant one attribute away (``coinm.with_raw_response.trade...``), and the reads built on
several operations: ``open_orders()`` (both services at once) and, async,
``live_open_orders()`` (kept true by the user-data stream). The methods are generated
from the spec (``binance_coinm_rest.client``); they call the same functions, by the same path.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any, Self, Unpack

import httpx

from binance_coinm_rest.client import (
    AsyncResources,
    AsyncResourcesWithRawResponse,
    Resources,
    ResourcesWithRawResponse,
)

from . import all_open_orders
from .all_open_orders import AllOpenOrders
from .client.base import AuthenticatedClient
from .client.signed import SignedClientOptions, signed_client
from .errors import ArgumentTypeError, ConfigurationError
from .stream.live import LiveOpenOrders


def _client_of(
    api_key: str | None,
    api_secret: str | None,
    client: AuthenticatedClient | None,
    options: SignedClientOptions,
) -> AuthenticatedClient:
    if client is None:
        return signed_client(api_key, api_secret, **options)
    if not isinstance(client, AuthenticatedClient):
        raise ArgumentTypeError(
            f"client must be an AuthenticatedClient, got {type(client).__name__}"
        )
    if api_key is not None or api_secret is not None or options:
        raise ConfigurationError("give a client, or credentials and options: not both")
    return client


class BinanceCoinM(Resources):
    """A COIN-M client object: ``coinm.trade.current_all_open_orders(symbol=...)``.

    Built from credentials and ``signed_client``'s options (credentials default to
    ``BINANCE_API_KEY`` / ``BINANCE_API_SECRET``), or around a ``client`` already built.
    Close it with ``with`` or ``close()``.
    """

    def __init__(
        self,
        api_key: str | None = None,
        api_secret: str | None = None,
        *,
        client: AuthenticatedClient | None = None,
        **options: Unpack[SignedClientOptions],
    ) -> None:
        self.client = _client_of(api_key, api_secret, client, options)
        super().__init__(self.client)
        self.with_raw_response = ResourcesWithRawResponse(self.client)
        """The same methods, each returning the whole Response (status, headers, parsed)."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.client!r})"

    def open_orders(
        self,
        *,
        symbol: str | None = None,
        pair: str | None = None,
        recv_window: int | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        deadline: float | None = None,
    ) -> AllOpenOrders:
        """Every open order, ordinary and conditional (see ``all_open_orders.sync``)."""
        return all_open_orders.sync(
            client=self.client, symbol=symbol, pair=pair, recv_window=recv_window,
            timeout=timeout, max_retries=max_retries, deadline=deadline,
        )  # fmt: skip

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc_value: BaseException | None = None,
        traceback: TracebackType | None = None,
    ) -> None:
        self.close()


class AsyncBinanceCoinM(AsyncResources):
    """``BinanceCoinM`` for async code: every method awaited; ``async with`` or ``aclose()``."""

    def __init__(
        self,
        api_key: str | None = None,
        api_secret: str | None = None,
        *,
        client: AuthenticatedClient | None = None,
        **options: Unpack[SignedClientOptions],
    ) -> None:
        self.client = _client_of(api_key, api_secret, client, options)
        super().__init__(self.client)
        self.with_raw_response = AsyncResourcesWithRawResponse(self.client)
        """The same methods, each returning the whole Response (status, headers, parsed)."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.client!r})"

    async def open_orders(
        self,
        *,
        symbol: str | None = None,
        pair: str | None = None,
        recv_window: int | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        deadline: float | None = None,
    ) -> AllOpenOrders:
        """Every open order, both reads in flight at once (see ``all_open_orders.asyncio``)."""
        return await all_open_orders.asyncio(
            client=self.client, symbol=symbol, pair=pair, recv_window=recv_window,
            timeout=timeout, max_retries=max_retries, deadline=deadline,
        )  # fmt: skip

    def live_open_orders(
        self, *, symbol: str | None = None, pair: str | None = None, **options: Any
    ) -> LiveOpenOrders:
        """Every open order, kept true by the user-data stream: ``async with`` it (see
        ``LiveOpenOrders``; ``options`` go to it and its ``UserDataStream``)."""
        return LiveOpenOrders(self.client, symbol=symbol, pair=pair, **options)

    async def aclose(self) -> None:
        await self.client.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc_value: BaseException | None = None,
        traceback: TracebackType | None = None,
    ) -> None:
        await self.aclose()
