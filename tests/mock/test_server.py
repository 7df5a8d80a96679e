"""The mock exchange over a real loopback socket, and as an ASGI app."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import httpx
import pytest

from binance_coinm import current_all_open_orders, errors, signed_client
from binance_coinm.mock import DEMO_API_KEY, DEMO_API_SECRET, Fault, MockExchange
from binance_coinm.mock.server import require_loopback, serving


def test_our_client_reads_orders_over_a_socket() -> None:
    with (
        serving(MockExchange()) as url,
        signed_client(DEMO_API_KEY, DEMO_API_SECRET, base_url=url) as client,
    ):
        response = current_all_open_orders.sync_detailed(client=client, pair="ETHUSD")
    assert {order.symbol for order in response.parsed} == {"ETHUSD_PERP", "ETHUSD_261225"}
    assert response.used_weight_1m == 40


def test_dropped_connection_over_a_socket_is_a_connection_error() -> None:
    exchange = MockExchange()
    exchange.faults.add(Fault.DROPPED_CONNECTION)
    with (
        serving(exchange) as url,
        signed_client(DEMO_API_KEY, DEMO_API_SECRET, base_url=url, max_retries=0) as client,
        pytest.raises(errors.APIConnectionError),
    ):
        current_all_open_orders.sync(client=client)


@pytest.mark.anyio
async def test_asgi_app_serves_httpx_asgi_transport() -> None:
    exchange = MockExchange()
    client = signed_client(
        DEMO_API_KEY,
        DEMO_API_SECRET,
        httpx_args={"transport": httpx.ASGITransport(app=exchange.app)},
    )
    async with client:
        orders = await current_all_open_orders.asyncio(client=client, symbol="SOLUSD_PERP")
    assert [order.price for order in orders] == [Decimal("0"), Decimal("142.385")]


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "example.com"])  # noqa: S104 - refused
def test_server_refuses_to_listen_beyond_loopback(host: str) -> None:
    with pytest.raises(ValueError, match="loopback only"):
        require_loopback(host)


def test_command_line_refuses_a_public_host() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "binance_coinm.mock", "--host", "0.0.0.0"],  # noqa: S104 - refused
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    assert "loopback only" in result.stderr
