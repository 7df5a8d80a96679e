"""The mock's stream over a real WebSocket: ``/ws/<listenKey>`` of the ASGI app.

The path is asyncapi.yaml's (``url-template``). A key that is not alive is refused before
the handshake completes (the server answers 403, as Binance refuses a bad key). An open
connection is sent each event as a text frame; what the client sends is read only to
notice it left (Binance's stream takes no messages; pings and pongs are the server's
protocol layer's). The served stream ticks every ``TICK_SECONDS`` of real time, so that
expiries, 24-hour cuts and delayed events happen without a request to make them due.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

import anyio

from binance_coinm.spec import stream
from binance_coinm.stream.connection import ConnectionLost

from .connection import MockConnection
from .hub import StreamHub

TICK_SECONDS = 1.0
NORMAL_CLOSURE = 1000
POLICY_VIOLATION = 1008
"""The close code of a refused handshake (servers answer it with HTTP 403)."""

Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


def stream_path_prefix() -> str:
    """The path before the listenKey: ``/ws/`` (asyncapi.yaml's url-template)."""
    path = urlsplit(stream().url_template.replace("{host}", "host")).path
    return path.removesuffix("{listenKey}")


def stream_base_url(base_url: str) -> str:
    """The stream's base URL of a mock served at ``base_url`` (http://...): ``ws://.../ws``,
    what a client's ``url`` (or the command line's ``--stream-url``) takes."""
    return "ws" + base_url.removeprefix("http") + stream_path_prefix().rstrip("/")


def stream_url(base_url: str) -> str:
    """The stream URL of a mock served at ``base_url``, with ``<listenKey>`` where the key
    goes."""
    return f"{stream_base_url(base_url)}/<listenKey>"


async def serve_websocket(hub: StreamHub, path: str, receive: Receive, send: Send) -> None:
    """One WebSocket connection on ``path``, until either side ends it."""
    if (await receive())["type"] != "websocket.connect":
        return
    prefix = stream_path_prefix()
    connection = hub.open(path.removeprefix(prefix)) if path.startswith(prefix) else None
    if connection is None:
        await send({"type": "websocket.close", "code": POLICY_VIOLATION})
        return
    await send({"type": "websocket.accept"})
    try:
        async with anyio.create_task_group() as both:
            both.start_soon(_until_client_leaves, receive, both.cancel_scope)
            await _forward(hub, connection, send)
            both.cancel_scope.cancel()
    finally:
        await connection.close()


async def _until_client_leaves(receive: Receive, scope: anyio.CancelScope) -> None:
    while (await receive())["type"] != "websocket.disconnect":
        pass
    scope.cancel()


async def _forward(hub: StreamHub, connection: MockConnection, send: Send) -> None:
    while True:
        message: str | None = None
        try:
            with anyio.move_on_after(TICK_SECONDS):
                message = await connection.recv()
        except ConnectionLost:
            await send({"type": "websocket.close", "code": NORMAL_CLOSURE})
            return
        if message is None:
            hub.tick()
        else:
            await send({"type": "websocket.send", "text": message})
