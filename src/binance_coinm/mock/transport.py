"""An httpx transport that answers from a MockExchange in-process, for sync and async clients.

httpx.ASGITransport serves async clients only; this one serves both, without an event loop
for sync calls, and turns a dropped-connection fault into the error httpx raises for one.
"""

from __future__ import annotations

import time

import anyio
import httpx

from .reply import Answerer, Reply


class MockExchangeTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    def __init__(self, exchange: Answerer) -> None:
        self.exchange = exchange

    def _reply(self, request: httpx.Request) -> Reply:
        headers = {name.lower(): value for name, value in request.headers.items()}
        return self.exchange.answer(
            request.method, request.url.path, request.url.query, headers, request.content
        )

    @staticmethod
    def _response(request: httpx.Request, reply: Reply) -> httpx.Response:
        if reply.dropped:
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a complete response.", request=request
            )
        return httpx.Response(
            reply.status, headers=reply.headers, content=reply.body, request=request
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        reply = self._reply(request)
        if reply.delay:
            time.sleep(reply.delay)
        return self._response(request, reply)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        reply = self._reply(request)
        if reply.delay:
            await anyio.sleep(reply.delay)
        return self._response(request, reply)
