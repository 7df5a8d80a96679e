"""The mock's stream in-process: the client's ``Connector``, with no socket and no network.

``LiveOpenOrders(client, url="ws://mock/ws", connector=exchange.stream_connector())`` reads
the mock's events as it would read Binance's. Only the URL's last path segment counts: it is
the listenKey, as in ``wss://<host>/ws/<listenKey>``; a key that is not alive is refused
(ConnectionLost), as Binance refuses the connection.
"""

from __future__ import annotations

import anyio

from binance_coinm.stream.connection import Connection, ConnectionLost

from .hub import StreamHub


class MockStreamConnector:
    """Opens connections on a StreamHub."""

    def __init__(self, hub: StreamHub) -> None:
        self._hub = hub

    def __repr__(self) -> str:
        return f"MockStreamConnector({self._hub!r})"

    async def connect(self, url: str, *, timeout: float) -> Connection:
        await anyio.lowlevel.checkpoint()
        connection = self._hub.open(url.rpartition("/")[2])
        if connection is None:
            raise ConnectionLost("the mock's stream refused the connection: no such listenKey")
        return connection
