"""The clients raced: each makes the same signed call on a kept-alive connection and proves
it got N orders back (and, for typed ones, an exact price).

A contender is a context manager, given the server's URL, that yields the call and closes its
client on exit: one client per contender, reused for every call. An async contender is an async
context manager, entered on the event loop its calls will run on: one loop per contender.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import http.client
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import (
    AbstractAsyncContextManager,
    AbstractContextManager,
    asynccontextmanager,
    closing,
    contextmanager,
)
from decimal import Decimal
from typing import Any, cast

import httpx
import orjson

# Typed, but installed in .venv-bench only: mypy in the project's .venv does not find it.
from httpx_aiohttp import AiohttpTransport  # type: ignore[import-not-found, unused-ignore]

API_KEY = "bench-api-key"
API_SECRET = "bench-api-secret"
SYMBOL = "BTCUSD_PERP"

Call = Callable[[], int]
AsyncCall = Callable[[], Awaitable[int]]
SyncContender = Callable[[str], AbstractContextManager[Call]]
AsyncContender = Callable[[str], AbstractAsyncContextManager[AsyncCall]]


def signed_path() -> str:
    query = f"symbol={SYMBOL}&timestamp={time.time_ns() // 1_000_000}"
    signature = hmac.new(API_SECRET.encode(), query.encode(), hashlib.sha256).hexdigest()
    return f"/dapi/v1/openOrders?{query}&signature={signature}"


def _typed(orders: list[Any]) -> int:
    assert not orders or isinstance(orders[0].price, Decimal)
    return len(orders)


@contextmanager
def _floor(url: str, loads: Callable[[bytes], Any]) -> Iterator[Call]:
    """Raw httpx.Client, hand-made HMAC, untyped JSON: the least any client must do."""
    with httpx.Client(base_url=url, headers={"X-MBX-APIKEY": API_KEY}) as client:

        def call() -> int:
            response = client.get(signed_path())
            response.raise_for_status()
            return len(loads(response.content))

        yield call


def floor_httpx_json(url: str) -> AbstractContextManager[Call]:
    return _floor(url, json.loads)


def floor_httpx_orjson(url: str) -> AbstractContextManager[Call]:
    return _floor(url, orjson.loads)


@contextmanager
def floor_http_client_orjson(url: str) -> Iterator[Call]:
    """The standard library's http.client on one kept-alive connection, hand-made HMAC, orjson:
    the least a Python client can do (no pool, no timeouts, untyped)."""
    address = httpx.URL(url)
    connection = http.client.HTTPConnection(address.host, address.port)
    headers = {"X-MBX-APIKEY": API_KEY}
    try:

        def call() -> int:
            connection.request("GET", signed_path(), headers=headers)
            response = connection.getresponse()
            body = response.read()
            if response.status != 200:
                raise AssertionError(f"HTTP {response.status}")
            return len(orjson.loads(body))

        yield call
    finally:
        connection.close()


@asynccontextmanager
async def _async_floor(
    url: str, transport: httpx.AsyncBaseTransport | None
) -> AsyncIterator[AsyncCall]:
    """Raw httpx.AsyncClient, hand-made HMAC, json.loads: the async floor."""
    headers = {"X-MBX-APIKEY": API_KEY}
    async with httpx.AsyncClient(base_url=url, headers=headers, transport=transport) as client:

        async def call() -> int:
            response = await client.get(signed_path())
            response.raise_for_status()
            return len(json.loads(response.content))

        yield call


def floor_async_httpx_json(url: str) -> AbstractAsyncContextManager[AsyncCall]:
    return _async_floor(url, None)


def floor_async_aiohttp_transport(url: str) -> AbstractAsyncContextManager[AsyncCall]:
    """The async floor on httpx-aiohttp's transport (what openai-python offers): a reference."""
    return _async_floor(url, AiohttpTransport())


@contextmanager
def ours_sync(url: str) -> Iterator[Call]:
    from binance_coinm import current_all_open_orders, signed_client

    client = signed_client(API_KEY, API_SECRET, base_url=url)
    with client:
        yield lambda: _typed(current_all_open_orders.sync(client=client, symbol=SYMBOL))


@asynccontextmanager
async def ours_asyncio(url: str, **httpx_args: Any) -> AsyncIterator[AsyncCall]:
    from binance_coinm import current_all_open_orders, signed_client

    client = signed_client(API_KEY, API_SECRET, base_url=url, httpx_args=httpx_args)
    async with client:

        async def call() -> int:
            return _typed(await current_all_open_orders.asyncio(client=client, symbol=SYMBOL))

        yield call


def ours_asyncio_aiohttp(url: str) -> AbstractAsyncContextManager[AsyncCall]:
    """Our asyncio() over httpx-aiohttp's transport instead of httpx's own: the alternative."""
    return ours_asyncio(url, transport=AiohttpTransport())


@contextmanager
def official_sdk(url: str) -> Iterator[Call]:
    from binance_common.configuration import ConfigurationRestAPI
    from binance_sdk_derivatives_trading_coin_futures import DerivativesTradingCoinFutures

    config = ConfigurationRestAPI(api_key=API_KEY, api_secret=API_SECRET, base_path=url, retries=0)
    rest = DerivativesTradingCoinFutures(config_rest_api=config).rest_api
    with closing(rest._session):  # its requests.Session: the SDK has no close of its own
        yield lambda: len(cast(list[Any], rest.current_all_open_orders(symbol=SYMBOL).data()))


@contextmanager
def python_binance(url: str) -> Iterator[Call]:
    from binance.client import Client

    client = Client(API_KEY, API_SECRET, ping=False)
    client.FUTURES_COIN_URL = f"{url}/dapi"
    try:
        yield lambda: len(client.futures_coin_get_open_orders(symbol=SYMBOL))
    finally:
        client.close_connection()


@asynccontextmanager
async def python_binance_async(url: str) -> AsyncIterator[AsyncCall]:
    """AsyncClient built directly: AsyncClient.create() would ping and fetch the server time."""
    from binance.async_client import AsyncClient

    client = AsyncClient(API_KEY, API_SECRET, loop=asyncio.get_running_loop())
    client.FUTURES_COIN_URL = f"{url}/dapi"
    try:

        async def call() -> int:
            return len(await client.futures_coin_get_open_orders(symbol=SYMBOL))

        yield call
    finally:
        await client.close_connection()


@contextmanager
def futures_connector(url: str) -> Iterator[Call]:
    from binance.cm_futures import CMFutures

    client = CMFutures(API_KEY, API_SECRET, base_url=url)
    with closing(client.session):
        yield lambda: len(client.get_orders(symbol=SYMBOL))


CCXT_CONFIG = {"apiKey": API_KEY, "secret": API_SECRET, "enableRateLimit": False}


def _pointed_at(exchange: Any, url: str) -> Any:
    """A ccxt binancecoinm whose COIN-M URLs lead to the bench server, and nothing else asked."""
    for name, value in exchange.urls["api"].items():
        if isinstance(value, str) and value.startswith("https://dapi.binance.com"):
            exchange.urls["api"][name] = value.replace("https://dapi.binance.com", url)
    exchange.options["fetchMarkets"] = {"types": ["inverse"]}
    exchange.has["fetchCurrencies"] = False  # it would ask api.binance.com, not the bench server
    return exchange


@contextmanager
def _ccxt(url: str) -> Iterator[Any]:
    import ccxt

    exchange = _pointed_at(ccxt.binancecoinm(CCXT_CONFIG), url)
    with closing(exchange):
        exchange.load_markets()
        yield exchange


@contextmanager
def ccxt_raw(url: str) -> Iterator[Call]:
    with _ccxt(url) as exchange:
        yield lambda: len(exchange.dapiPrivateGetOpenOrders({"symbol": SYMBOL}))


@contextmanager
def ccxt_parsed(url: str) -> Iterator[Call]:
    with _ccxt(url) as exchange:
        yield lambda: len(exchange.fetch_open_orders("BTC/USD:BTC"))


@asynccontextmanager
async def ccxt_async_raw(url: str) -> AsyncIterator[AsyncCall]:
    import ccxt.async_support

    exchange = _pointed_at(ccxt.async_support.binancecoinm(CCXT_CONFIG), url)
    try:
        await exchange.load_markets()

        async def call() -> int:
            return len(await exchange.dapiPrivateGetOpenOrders({"symbol": SYMBOL}))

        yield call
    finally:
        await exchange.close()


FLOOR = "raw httpx + json.loads (floor)"
ORJSON_FLOOR = "raw httpx + orjson (floor)"
STDLIB_FLOOR = "http.client + orjson (floor)"
ASYNC_FLOOR = "raw httpx.AsyncClient + json.loads (async floor)"
AIOHTTP_FLOOR = "raw httpx.AsyncClient + AiohttpTransport (reference floor)"
OURS_SYNC = "binance-coinm sync()"
OURS_ASYNC = "binance-coinm asyncio()"
OURS_ASYNC_AIOHTTP = "binance-coinm asyncio() over AiohttpTransport"
SYNC: dict[str, SyncContender] = {
    FLOOR: floor_httpx_json,
    ORJSON_FLOOR: floor_httpx_orjson,
    STDLIB_FLOOR: floor_http_client_orjson,
    OURS_SYNC: ours_sync,
    "official SDK": official_sdk,
    "python-binance": python_binance,
    "binance-futures-connector": futures_connector,
    "ccxt dapiPrivateGetOpenOrders": ccxt_raw,
    "ccxt fetch_open_orders": ccxt_parsed,
}
ASYNC: dict[str, AsyncContender] = {
    ASYNC_FLOOR: floor_async_httpx_json,
    AIOHTTP_FLOOR: floor_async_aiohttp_transport,
    OURS_ASYNC: ours_asyncio,
    OURS_ASYNC_AIOHTTP: ours_asyncio_aiohttp,
    "python-binance AsyncClient": python_binance_async,
    "ccxt async dapiPrivateGetOpenOrders": ccxt_async_raw,
}
FLOORS_AND_OURS = (
    FLOOR, ORJSON_FLOOR, STDLIB_FLOOR, ASYNC_FLOOR, AIOHTTP_FLOOR, OURS_SYNC, OURS_ASYNC,
)  # fmt: skip
"""Raced on the evolved body: the peers return untyped dicts, so a new field costs them bytes."""
CONCURRENT = (
    ASYNC_FLOOR,
    AIOHTTP_FLOOR,
    OURS_ASYNC,
    OURS_ASYNC_AIOHTTP,
    "python-binance AsyncClient",
    "ccxt async dapiPrivateGetOpenOrders",
)
"""The async contenders measured with 200 calls in flight through one client."""
