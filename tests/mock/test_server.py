"""The mock exchange over a real loopback socket, as an ASGI app, and from the command line."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from typing import Any

import httpx
import pytest

from binance_coinm import check_server_time, current_all_open_orders, errors, signed_client
from binance_coinm.mock import DEMO_API_KEY, DEMO_API_SECRET, Fault
from binance_coinm.mock.server import require_loopback, serving

from .conftest import spec_checked


def test_our_client_reads_orders_over_a_socket(spec: dict[str, Any]) -> None:
    with (
        serving(spec_checked(spec)) as url,
        signed_client(DEMO_API_KEY, DEMO_API_SECRET, base_url=url) as client,
    ):
        response = current_all_open_orders.sync_detailed(client=client, pair="ETHUSD")
    assert {order.symbol for order in response.parsed} == {"ETHUSD_PERP", "ETHUSD_261225"}
    assert response.used_weight_1m == 40


def test_refusal_over_a_socket_is_an_authentication_error(spec: dict[str, Any]) -> None:
    with (
        serving(spec_checked(spec)) as url,
        signed_client(DEMO_API_KEY, "wrong-secret", base_url=url) as client,
        pytest.raises(errors.AuthenticationError) as caught,
    ):
        current_all_open_orders.sync(client=client, symbol="BTCUSD_PERP")
    assert (caught.value.status_code, caught.value.code) == (400, -1022)


def test_dropped_connection_over_a_socket_is_a_connection_error(spec: dict[str, Any]) -> None:
    exchange = spec_checked(spec)
    exchange.faults.add(Fault.DROPPED_CONNECTION)
    with (
        serving(exchange) as url,
        signed_client(DEMO_API_KEY, DEMO_API_SECRET, base_url=url, max_retries=0) as client,
        pytest.raises(errors.APIConnectionError),
    ):
        current_all_open_orders.sync(client=client)


@pytest.mark.anyio
async def test_asgi_app_serves_httpx_asgi_transport(spec: dict[str, Any]) -> None:
    exchange = spec_checked(spec)
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


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost"])
def test_server_accepts_loopback_hosts(host: str) -> None:
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


def test_command_line_prints_its_url_and_demo_key_then_serves() -> None:
    command = [sys.executable, "-m", "binance_coinm.mock", "--port", "0"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as server:
        try:
            assert server.stdout is not None
            banner = [server.stdout.readline().strip() for _ in range(3)]
            url = banner[0].rpartition(" ")[2]
            assert url.startswith("http://127.0.0.1:")
            assert banner[1:] == [
                f"BINANCE_API_KEY={DEMO_API_KEY}",
                f"BINANCE_API_SECRET={DEMO_API_SECRET}",
            ]
            with signed_client(DEMO_API_KEY, DEMO_API_SECRET, base_url=url) as client:
                assert check_server_time.sync(client=client) is not None
                assert current_all_open_orders.sync(client=client, symbol="BTCUSD_PERP")
        finally:
            server.terminate()
    assert server.returncode == 0
