"""The default connector, against a real WebSocket server on loopback."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
import pytest
from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.datastructures import Headers
from websockets.http11 import Request, Response

from binance_coinm.stream.connection import ConnectionLost, WebSocketsConnector

pytestmark = pytest.mark.anyio


@asynccontextmanager
async def server(**options: Any) -> AsyncIterator[tuple[Server, list[Request]]]:
    requests: list[Request] = []

    def note(connection: ServerConnection, request: Request) -> Response | None:
        requests.append(request)
        redirect = options.get("redirect")
        if redirect is not None:
            return Response(302, "Found", Headers({"Location": redirect}))
        return None

    async def handler(connection: ServerConnection) -> None:
        for message in options.get("messages", []):
            await connection.send(message)
        await connection.wait_closed()

    async with serve(handler, "127.0.0.1", 0, process_request=note) as running:
        yield running, requests


def url_of(running: Server, key: str = "k" * 60) -> str:
    port = next(iter(running.sockets)).getsockname()[1]
    return f"ws://127.0.0.1:{port}/ws/{key}"


async def test_it_receives_the_servers_messages_and_its_pongs() -> None:
    async with server(messages=['{"e":"A"}', '{"e":"B"}']) as (running, _):
        connection = await WebSocketsConnector().connect(url_of(running), timeout=5)
        assert [await connection.recv(), await connection.recv()] == ['{"e":"A"}', '{"e":"B"}']
        with anyio.fail_after(5):
            await connection.ping()
        await connection.close()


async def test_it_sends_no_api_key_and_no_user_agent() -> None:
    async with server() as (running, requests):
        connection = await WebSocketsConnector().connect(url_of(running), timeout=5)
        await connection.close()
    headers = {name.lower() for name, _ in requests[0].headers.raw_items()}
    assert "x-mbx-apikey" not in headers
    assert "user-agent" not in headers


async def test_a_redirect_is_not_followed_and_the_key_is_not_shown() -> None:
    async with server() as (elsewhere, reached), server(redirect=url_of(elsewhere)) as (running, _):
        with pytest.raises(ConnectionLost, match="redirect") as caught:
            await WebSocketsConnector().connect(url_of(running, "SECRETKEY" * 6), timeout=5)
    assert reached == []
    assert "SECRETKEY" not in str(caught.value)


async def test_a_refused_connection_is_a_lost_one_that_does_not_show_the_key() -> None:
    with pytest.raises(ConnectionLost) as caught:
        await WebSocketsConnector().connect("ws://127.0.0.1:9/ws/" + "SECRETKEY" * 6, timeout=5)
    assert "SECRETKEY" not in str(caught.value)


async def test_a_connection_closed_by_the_server_is_lost() -> None:
    async with server() as (running, _):
        connection = await WebSocketsConnector().connect(url_of(running), timeout=5)
        running.close()
        with pytest.raises(ConnectionLost):
            await connection.recv()
