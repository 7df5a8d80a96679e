"""Binance's official SDK and python-binance, signing their own way, are served by the mock.

This proves the mock is shaped like Binance rather than like our client: other clients'
requests are accepted, and their parsers read what it returns.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any, cast

import pytest
from binance.client import Client as PythonBinanceClient
from binance.exceptions import BinanceAPIException
from binance_common.configuration import ConfigurationRestAPI
from binance_common.errors import BadRequestError
from binance_sdk_derivatives_trading_coin_futures import DerivativesTradingCoinFutures

from binance_coinm.mock import DEMO_API_KEY, DEMO_API_SECRET, MockExchange, seed_orders
from binance_coinm.mock.server import serving


@pytest.fixture(scope="module")
def exchange_url() -> Iterator[str]:
    with serving(MockExchange()) as url:
        yield url


def sdk_orders(url: str, *, symbol: str | None = None, pair: str | None = None) -> list[Any]:
    """The SDK's typed orders (its response model is a list at run time)."""
    response = official_sdk(url).rest_api.current_all_open_orders(symbol=symbol, pair=pair)
    return cast(list[Any], response.data())


def official_sdk(url: str, secret: str = DEMO_API_SECRET) -> DerivativesTradingCoinFutures:
    config = ConfigurationRestAPI(api_key=DEMO_API_KEY, api_secret=secret, base_path=url, retries=0)
    return DerivativesTradingCoinFutures(config_rest_api=config)


@pytest.fixture
def python_binance(exchange_url: str) -> Iterator[Callable[[str], PythonBinanceClient]]:
    """python-binance clients for the mock; each sets up an event loop we close afterwards."""
    made: list[PythonBinanceClient] = []

    def factory(secret: str = DEMO_API_SECRET) -> PythonBinanceClient:
        client = PythonBinanceClient(DEMO_API_KEY, secret, ping=False)
        client.FUTURES_COIN_URL = f"{exchange_url}/dapi"
        made.append(client)
        return client

    yield factory
    for client in made:
        client.close_connection()
        client.loop.close()
    asyncio.set_event_loop(None)


def test_official_sdk_reads_open_orders_of_a_symbol(exchange_url: str) -> None:
    orders = sdk_orders(exchange_url, symbol="BTCUSD_PERP")
    assert {order.symbol for order in orders} == {"BTCUSD_PERP"}
    # The order a triggered trailing stop placed: a MARKET whose origType is the trailing stop.
    trailing = [order for order in orders if order.orig_type == "TRAILING_STOP_MARKET"]
    assert [(order.activate_price, order.price_rate) for order in trailing] == [("88000.0", "0.5")]


def test_official_sdk_reads_open_orders_of_a_pair(exchange_url: str) -> None:
    orders = sdk_orders(exchange_url, pair="ETHUSD")
    assert {order.pair for order in orders} == {"ETHUSD"}


def test_official_sdk_with_a_wrong_secret_is_refused(exchange_url: str) -> None:
    with pytest.raises(BadRequestError, match="-1022"):
        official_sdk(exchange_url, "wrong").rest_api.current_all_open_orders(symbol="BTCUSD_PERP")


def test_official_sdk_reads_one_seeded_order(exchange_url: str) -> None:
    seeded = seed_orders()[6]
    response = official_sdk(exchange_url).rest_api.query_current_open_order(
        symbol=seeded["symbol"], order_id=seeded["orderId"]
    )
    order = response.data()
    assert (order.order_id, order.client_order_id, order.price, order.type) == (
        seeded["orderId"],
        seeded["clientOrderId"],
        seeded["price"],
        seeded["type"],
    )


def test_official_sdk_gets_2013_for_an_order_that_is_not_open(exchange_url: str) -> None:
    sdk = official_sdk(exchange_url).rest_api
    with pytest.raises(BadRequestError) as caught:
        sdk.query_current_open_order(symbol="BTCUSD_PERP", orig_client_order_id="never-placed")
    assert caught.value.status_code == -2013


def test_python_binance_reads_open_orders(
    python_binance: Callable[..., PythonBinanceClient],
) -> None:
    orders = python_binance().futures_coin_get_open_orders(symbol="ETHUSD_PERP")
    assert [order["price"] for order in orders] == ["2950.25"]


def test_python_binance_with_a_wrong_secret_is_refused(
    python_binance: Callable[..., PythonBinanceClient],
) -> None:
    with pytest.raises(BinanceAPIException) as caught:
        python_binance("wrong").futures_coin_get_open_orders()
    assert caught.value.code == -1022
