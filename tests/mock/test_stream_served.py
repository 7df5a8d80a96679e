"""The mock's user-data stream over a real WebSocket on loopback (uvicorn): events, pings, a
dead key refused, a dropped connection, and expiry by the served stream's own ticking.

Waits are bounded (``fail_after``) so that a broken server fails the test instead of hanging
it; nothing here depends on how long anything takes."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import anyio
import httpx
import pytest

from binance_coinm.mock import DEMO_API_KEY, MockExchange
from binance_coinm.mock.server import serving
from binance_coinm.spec import SPEC, stream
from binance_coinm.stream.connection import Connection, ConnectionLost, WebSocketsConnector

from .conftest import NOW_MS, FrozenClock

pytestmark = pytest.mark.anyio
GUARD_SECONDS = 10
LIFE_MS = stream().listen_key_validity_minutes * 60_000


@pytest.fixture
def base_url(exchange: MockExchange) -> Iterator[str]:
    with serving(exchange) as url:
        yield url


def listen_key(base_url: str) -> str:
    operation = SPEC.operation(stream().start_operation)
    reply = httpx.request(
        operation.method, base_url + operation.path, headers={SPEC.api_key_header: DEMO_API_KEY}
    )
    key: str = reply.json()["listenKey"]
    return key


def stream_url(base_url: str, key: str) -> str:
    return "ws" + base_url.removeprefix("http") + "/ws/" + key


async def connect(base_url: str, key: str | None = None) -> Connection:
    url = stream_url(base_url, key or listen_key(base_url))
    return await WebSocketsConnector().connect(url, timeout=GUARD_SECONDS)


async def receive(connection: Connection) -> dict[str, Any]:
    with anyio.fail_after(GUARD_SECONDS):
        message: dict[str, Any] = json.loads(await connection.recv())
        return message


def new_order(exchange: MockExchange) -> int:
    return exchange.add_order(
        symbol="BTCUSD_PERP", side="BUY", type="LIMIT", price="90000", orig_qty="3"
    ).order_id


async def test_events_arrive_in_order_over_the_socket(
    exchange: MockExchange, base_url: str
) -> None:
    connection = await connect(base_url)
    one = new_order(exchange)
    exchange.fill(one, "1")
    exchange.cancel(one)
    seen = [(await receive(connection))["o"]["x"] for _ in range(3)]
    await connection.close()
    assert seen == ["NEW", "TRADE", "CANCELED"]


async def test_a_ping_is_answered(base_url: str) -> None:
    connection = await connect(base_url)
    with anyio.fail_after(GUARD_SECONDS):
        await connection.ping()
    await connection.close()


async def test_a_dead_key_is_refused(base_url: str) -> None:
    with pytest.raises(ConnectionLost):
        await connect(base_url, "x" * 64)


async def test_a_path_other_than_the_stream_s_is_refused(base_url: str) -> None:
    with pytest.raises(ConnectionLost):
        await WebSocketsConnector().connect(
            "ws" + base_url.removeprefix("http") + "/other/" + listen_key(base_url),
            timeout=GUARD_SECONDS,
        )


async def test_a_dropped_connection_is_lost(exchange: MockExchange, base_url: str) -> None:
    connection = await connect(base_url)
    with anyio.fail_after(GUARD_SECONDS):
        await connection.ping()  # the server holds the connection now
    exchange.stream_faults.drop()
    with anyio.fail_after(GUARD_SECONDS), pytest.raises(ConnectionLost):
        await connection.recv()


async def test_the_served_stream_expires_the_key_by_itself(
    exchange: MockExchange, clock: FrozenClock, base_url: str
) -> None:
    key = listen_key(base_url)
    connection = await connect(base_url, key)
    clock.now_ms += LIFE_MS  # no request, no change: the served stream's tick sees it
    notice = await receive(connection)
    await connection.close()
    assert notice == {"e": "listenKeyExpired", "E": NOW_MS + LIFE_MS, "listenKey": key}


def test_the_command_line_prints_the_stream_url() -> None:
    command = [sys.executable, "-m", "binance_coinm.mock", "--port", "0"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as server:
        try:
            assert server.stdout is not None
            banner = [server.stdout.readline().strip() for _ in range(4)]
        finally:
            server.terminate()
    base_url = banner[0].rpartition(" ")[2]
    assert banner[3].endswith(stream_url(base_url, "<listenKey>"))


async def test_the_plugin_s_server_streams(
    binance_mock_exchange: MockExchange, binance_mock_server: str
) -> None:
    connection = await connect(binance_mock_server)
    one = new_order(binance_mock_exchange)
    event = await receive(connection)
    await connection.close()
    assert (event["e"], event["o"]["i"]) == ("ORDER_TRADE_UPDATE", one)
