"""The mock exchange as an ASGI application, for uvicorn or httpx.ASGITransport: its HTTP
requests, and the WebSocket of its user-data stream (``stream.served``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import anyio
import httpx

from .reply import Answerer
from .stream.hub import StreamHub
from .stream.served import serve_websocket

UNKNOWN_CLIENT = ""
"""The caller's address when the server gives none (ASGI's ``client`` is optional): such
callers share one weight count."""

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class ConnectionDropped(httpx.RemoteProtocolError):
    """Raised after a partial response so that the server closes the connection mid-answer.

    A server turns it into a closed socket; httpx.ASGITransport re-raises it as it is, so
    in-process clients see the httpx error a real disconnection gives them.
    """


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def asgi_app(exchange: Answerer, streams: StreamHub | None = None) -> ASGIApp:
    """An ASGI app that answers every HTTP request through ``exchange``, and serves the
    user-data stream of ``streams`` (if given) to WebSocket clients."""

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket" and streams is not None:
            await serve_websocket(streams, scope["path"], receive, send)
            return
        if scope["type"] != "http":
            return
        body = await _read_body(receive)
        headers = {
            name.decode("latin-1").lower(): value.decode("latin-1")
            for name, value in scope["headers"]
        }
        client = scope.get("client")
        reply = exchange.answer(
            scope["method"],
            scope["path"],
            scope["query_string"],
            headers,
            body,
            client_ip=str(client[0]) if client else UNKNOWN_CLIENT,
        )
        if reply.delay:
            await anyio.sleep(reply.delay)
        raw_headers = [(k.lower().encode(), v.encode()) for k, v in reply.headers.items()]
        raw_headers.append((b"content-length", str(len(reply.body)).encode()))
        await send({"type": "http.response.start", "status": reply.status, "headers": raw_headers})
        if reply.dropped:
            await send(
                {
                    "type": "http.response.body",
                    "body": reply.body[: len(reply.body) // 2],
                    "more_body": True,
                }
            )
            raise ConnectionDropped("the mock exchange dropped the connection, as asked")
        await send({"type": "http.response.body", "body": reply.body})

    return app
