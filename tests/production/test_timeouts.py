"""Timeouts per client and per call, against the mock served on a real socket."""

from __future__ import annotations

import pytest

from binance_coinm import current_all_open_orders, errors, signed_client
from binance_coinm.mock import DEMO_API_KEY, DEMO_API_SECRET, MockExchange
from binance_coinm.mock.server import serving


def test_per_call_timeout_overrides_the_client() -> None:
    exchange = MockExchange()
    exchange.faults.latency = 0.3
    with (
        serving(exchange) as url,
        signed_client(
            DEMO_API_KEY, DEMO_API_SECRET, base_url=url, timeout=5.0, max_retries=0
        ) as client,
    ):
        assert len(current_all_open_orders.sync(client=client, symbol="BTCUSD_PERP")) == 4
        with pytest.raises(errors.APITimeoutError):
            current_all_open_orders.sync(client=client, symbol="BTCUSD_PERP", timeout=0.05)


@pytest.mark.anyio
async def test_client_timeout_applies_to_async_calls() -> None:
    exchange = MockExchange()
    exchange.faults.latency = 0.3
    with serving(exchange) as url:
        client = signed_client(
            DEMO_API_KEY, DEMO_API_SECRET, base_url=url, timeout=0.05, max_retries=0
        )
        async with client:
            with pytest.raises(errors.APITimeoutError):
                await current_all_open_orders.asyncio(client=client)


@pytest.mark.anyio
async def test_per_call_timeout_overrides_the_client_in_async_calls() -> None:
    exchange = MockExchange()
    exchange.faults.latency = 0.3
    with serving(exchange) as url:
        client = signed_client(
            DEMO_API_KEY, DEMO_API_SECRET, base_url=url, timeout=5.0, max_retries=0
        )
        async with client:
            assert (
                len(await current_all_open_orders.asyncio(client=client, symbol="ETHUSD_PERP")) == 1
            )
            with pytest.raises(errors.APITimeoutError):
                await current_all_open_orders.asyncio(client=client, timeout=0.05)
