"""One WebSocket connection to the stream, behind a small interface the mock also serves.

The default connector is the ``websockets`` library's asyncio client (see the README for why
this one). It follows no redirect (the stream's origin is the one configured, as the REST
client's is), sends no API key (the listenKey in the path is the stream's only credential),
reads no proxy from the environment, and leaves liveness to the stream's own pings, so that
a test's clock drives them.
"""

from __future__ import annotations

from typing import Protocol

from .._logging import redacted_urls

MAX_MESSAGE_BYTES = 1 << 20
"""The largest event read: Binance's are a few KB; a larger one is a broken connection."""


class ConnectionLost(Exception):
    """The connection ended, failed or could not be opened; the stream reconnects."""


class Connection(Protocol):
    async def recv(self) -> str | bytes:
        """The next message; ConnectionLost when the connection has ended."""
        ...

    async def ping(self) -> None:
        """Return once the server answered a ping; ConnectionLost if the connection ended."""
        ...

    async def close(self) -> None: ...


class Connector(Protocol):
    async def connect(self, url: str, *, timeout: float) -> Connection:
        """An open connection to ``url``; ConnectionLost if it cannot be opened in time."""
        ...


def _hidden(url: str) -> str:
    """``url`` with its last path segment (the listenKey) left out, for messages."""
    return redacted_urls(url.rpartition("/")[0] + "/<listenKey>")


class _WebSocket:
    def __init__(self, socket: object) -> None:
        self._socket = socket

    async def recv(self) -> str | bytes:
        from websockets.exceptions import WebSocketException

        try:
            return await self._socket.recv()  # type: ignore[attr-defined,no-any-return]
        except (WebSocketException, OSError) as exc:
            raise ConnectionLost(type(exc).__name__) from None

    async def ping(self) -> None:
        from websockets.exceptions import WebSocketException

        try:
            pong = await self._socket.ping()  # type: ignore[attr-defined]
            await pong
        except (WebSocketException, OSError) as exc:
            raise ConnectionLost(type(exc).__name__) from None

    async def close(self) -> None:
        await self._socket.close()  # type: ignore[attr-defined]


class WebSocketsConnector:
    """Connections made with the ``websockets`` library (imported at the first connection)."""

    async def connect(self, url: str, *, timeout: float) -> Connection:
        from websockets.asyncio.client import connect
        from websockets.exceptions import InvalidURI, WebSocketException

        class _NoRedirect(connect):
            def process_redirect(self, exc: Exception) -> Exception:
                return ConnectionLost("the stream answered with a redirect, which is not followed")

        try:
            socket = await _NoRedirect(
                url,
                open_timeout=timeout,
                ping_interval=None,
                compression=None,
                proxy=None,
                max_size=MAX_MESSAGE_BYTES,
                user_agent_header=None,
            )
        except ConnectionLost:
            raise
        except InvalidURI:
            raise ConnectionLost(f"not a WebSocket URL: {_hidden(url)}") from None
        except (WebSocketException, OSError, TimeoutError) as exc:
            raise ConnectionLost(f"{type(exc).__name__} opening {_hidden(url)}") from None
        return _WebSocket(socket)
