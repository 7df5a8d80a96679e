"""The mock exchange over a real loopback socket, as an ASGI app, and from the command line."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
from decimal import Decimal
from typing import Any

import httpx
import pytest

from binance_coinm import check_server_time, current_all_open_orders, errors, signed_client
from binance_coinm.mock import DEMO_API_KEY, DEMO_API_SECRET, Fault, MockExchange
from binance_coinm.mock.server import (
    MockServerError,
    listening_socket,
    require_loopback,
    serving,
)

from .command_line import assert_one_line_error, run_mock
from .conftest import spec_checked


def test_our_client_reads_orders_over_a_socket(spec: dict[str, Any]) -> None:
    with (
        serving(spec_checked(spec)) as url,
        signed_client(DEMO_API_KEY, DEMO_API_SECRET, base_url=url) as client,
    ):
        response = current_all_open_orders.sync_detailed(client=client, pair="ETHUSD")
    assert {order.symbol for order in response.parsed} == {"ETHUSD_PERP", "ETHUSD_261225"}
    assert response.used_weight_1m == 40


def test_orders_changed_while_serving_are_served(spec: dict[str, Any]) -> None:
    exchange = spec_checked(spec)
    with (
        serving(exchange) as url,
        signed_client(DEMO_API_KEY, DEMO_API_SECRET, base_url=url) as client,
    ):
        added = exchange.add_order(symbol="SOLUSD_PERP", side="BUY", type="LIMIT", orig_qty=2)
        exchange.cancel(exchange.orders[-2].order_id)
        orders = current_all_open_orders.sync(client=client, symbol="SOLUSD_PERP")
    assert [order.order_id for order in orders] == [1_917_651, added.order_id]


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


@pytest.mark.anyio
async def test_connections_accepted_from_the_listening_socket_send_without_delay() -> None:
    """asyncio (uvicorn's loop) turns Nagle's algorithm off on the connections it accepts from
    the mock's socket; with it on, each kept-alive answer waited some 40 ms for an ACK."""
    accepted: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    async def note_nodelay(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connection = writer.get_extra_info("socket")
        accepted.set_result(connection.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
        writer.close()

    sock = listening_socket("127.0.0.1", 0)
    server = await asyncio.start_server(note_nodelay, sock=sock)
    async with server:
        _, writer = await asyncio.open_connection(*sock.getsockname())
        nodelay = await asyncio.wait_for(accepted, timeout=10)
        writer.close()
    assert nodelay != 0


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "example.com"])  # noqa: S104 - refused
def test_server_refuses_to_listen_beyond_loopback(host: str) -> None:
    with pytest.raises(ValueError, match="loopback only"):
        require_loopback(host)


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost"])
def test_server_accepts_loopback_hosts(host: str) -> None:
    require_loopback(host)


def test_a_mock_on_ipv6_loopback_gives_a_url_the_client_takes() -> None:
    with serving(MockExchange(), host="::1") as url:
        assert url.startswith("http://[::1]:")
        client = signed_client(DEMO_API_KEY, DEMO_API_SECRET, base_url=url)
        with client:
            assert check_server_time.sync(client=client).server_time > 0


def test_command_line_help_is_plain_text_with_the_defaults() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "binance_coinm.mock", "--help"],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    assert "``" not in result.stdout
    assert "default 8765" in result.stdout
    assert "default 127.0.0.1" in result.stdout


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


@pytest.mark.parametrize("port", ["99999", "-1", "http"])
def test_command_line_refuses_an_impossible_port_in_one_line(port: str) -> None:
    assert_one_line_error(run_mock("--port", port), "a port is 0 to 65535", returncode=2)


def test_command_line_refuses_a_public_host_in_one_line() -> None:
    result = run_mock("--host", "0.0.0.0")  # noqa: S104 - refused
    assert_one_line_error(result, "loopback only", returncode=2)


def test_command_line_says_when_the_port_is_in_use() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_mock("--port", str(port))
    assert_one_line_error(result, f"cannot listen on 127.0.0.1 port {port}", returncode=1)


def test_command_line_without_uvicorn_says_how_to_install_it() -> None:
    result = run_mock("--port", "0", prelude="import sys\nsys.modules['uvicorn'] = None")
    assert_one_line_error(result, "pip install 'binance-coinm[mock]'", returncode=1)


def test_serving_without_uvicorn_is_a_mock_server_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    with pytest.raises(MockServerError, match="needs uvicorn"), serving(MockExchange()):
        pass
