"""The clients raced: each makes the same signed call on a kept-alive connection and proves
it got N orders back (and, for typed ones, an exact price)."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any, cast

import httpx
import orjson

API_KEY = "bench-api-key"
API_SECRET = "bench-api-secret"
SYMBOL = "BTCUSD_PERP"

Call = Callable[[], int]


def signed_path() -> str:
    query = f"symbol={SYMBOL}&timestamp={time.time_ns() // 1_000_000}"
    signature = hmac.new(API_SECRET.encode(), query.encode(), hashlib.sha256).hexdigest()
    return f"/dapi/v1/openOrders?{query}&signature={signature}"


def _typed(orders: list[Any]) -> int:
    assert not orders or isinstance(orders[0].price, Decimal)
    return len(orders)


def _floor(url: str, loads: Callable[[bytes], Any]) -> Call:
    """Raw httpx.Client, hand-made HMAC, untyped JSON: the least any client must do."""
    client = httpx.Client(base_url=url, headers={"X-MBX-APIKEY": API_KEY})

    def call() -> int:
        response = client.get(signed_path())
        response.raise_for_status()
        return len(loads(response.content))

    return call


def floor_httpx_json(url: str) -> Call:
    return _floor(url, json.loads)


def floor_httpx_orjson(url: str) -> Call:
    return _floor(url, orjson.loads)


def floor_async_httpx_json(url: str) -> Call:
    client = httpx.AsyncClient(base_url=url, headers={"X-MBX-APIKEY": API_KEY})
    loop = asyncio.new_event_loop()

    async def get() -> int:
        response = await client.get(signed_path())
        response.raise_for_status()
        return len(json.loads(response.content))

    return lambda: loop.run_until_complete(get())


def ours_sync(url: str) -> Call:
    from binance_coinm import current_all_open_orders, signed_client

    client = signed_client(API_KEY, API_SECRET, base_url=url)
    return lambda: _typed(current_all_open_orders.sync(client=client, symbol=SYMBOL))


def ours_asyncio(url: str) -> Call:
    from binance_coinm import current_all_open_orders, signed_client

    client = signed_client(API_KEY, API_SECRET, base_url=url)
    loop = asyncio.new_event_loop()
    return lambda: _typed(
        loop.run_until_complete(current_all_open_orders.asyncio(client=client, symbol=SYMBOL))
    )


def official_sdk(url: str) -> Call:
    from binance_common.configuration import ConfigurationRestAPI
    from binance_sdk_derivatives_trading_coin_futures import DerivativesTradingCoinFutures

    config = ConfigurationRestAPI(api_key=API_KEY, api_secret=API_SECRET, base_path=url, retries=0)
    rest = DerivativesTradingCoinFutures(config_rest_api=config).rest_api
    return lambda: len(cast(list[Any], rest.current_all_open_orders(symbol=SYMBOL).data()))


def python_binance(url: str) -> Call:
    from binance.client import Client

    client = Client(API_KEY, API_SECRET, ping=False)
    client.FUTURES_COIN_URL = f"{url}/dapi"
    return lambda: len(client.futures_coin_get_open_orders(symbol=SYMBOL))


def futures_connector(url: str) -> Call:
    from binance.cm_futures import CMFutures

    client = CMFutures(API_KEY, API_SECRET, base_url=url)
    return lambda: len(client.get_orders(symbol=SYMBOL))


def _ccxt(url: str) -> Any:
    import ccxt

    exchange = ccxt.binancecoinm(
        {"apiKey": API_KEY, "secret": API_SECRET, "enableRateLimit": False}
    )
    for name, value in exchange.urls["api"].items():
        if isinstance(value, str) and value.startswith("https://dapi.binance.com"):
            exchange.urls["api"][name] = value.replace("https://dapi.binance.com", url)
    exchange.options["fetchMarkets"] = {"types": ["inverse"]}
    exchange.has["fetchCurrencies"] = False  # it would ask api.binance.com, not the bench server
    exchange.load_markets()
    return exchange


def ccxt_raw(url: str) -> Call:
    exchange = _ccxt(url)
    return lambda: len(exchange.dapiPrivateGetOpenOrders({"symbol": SYMBOL}))


def ccxt_parsed(url: str) -> Call:
    exchange = _ccxt(url)
    return lambda: len(exchange.fetch_open_orders("BTC/USD:BTC"))


CONTENDERS: dict[str, Callable[[str], Call]] = {
    "raw httpx + json.loads (floor)": floor_httpx_json,
    "raw httpx + orjson (floor)": floor_httpx_orjson,
    "raw httpx.AsyncClient + json.loads (async floor)": floor_async_httpx_json,
    "binance-coinm sync()": ours_sync,
    "binance-coinm asyncio()": ours_asyncio,
    "official SDK": official_sdk,
    "python-binance": python_binance,
    "binance-futures-connector": futures_connector,
    "ccxt dapiPrivateGetOpenOrders": ccxt_raw,
    "ccxt fetch_open_orders": ccxt_parsed,
}
FLOOR = "raw httpx + json.loads (floor)"
