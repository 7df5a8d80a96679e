"""An httpx transport that answers from a MockExchange in-process, for sync and async clients.

httpx.ASGITransport serves async clients only; this one serves both, without an event loop
for sync calls, and fails the way a socket would: a dropped-connection fault raises the
error httpx raises for one, and latency longer than the request's read timeout (httpx puts
its timeouts in the request's ``timeout`` extension; a signed client shortens them to what
is left of the call's deadline) waits that timeout and raises httpx.ReadTimeout.
"""

from __future__ import annotations

import time

import anyio
import httpx

from .reply import Answerer, Reply


def _read_timeout(request: httpx.Request) -> float | None:
    timeout: float | None = request.extensions.get("timeout", {}).get("read")
    return timeout


class MockExchangeTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    def __init__(self, exchange: Answerer) -> None:
        self.exchange = exchange

    def _reply(self, request: httpx.Request) -> Reply:
        headers = {name.lower(): value for name, value in request.headers.items()}
        return self.exchange.answer(
            request.method, request.url.path, request.url.query, headers, request.content
        )

    @staticmethod
    def _wait(request: httpx.Request, reply: Reply) -> tuple[float, bool]:
        """How long to wait before answering, and whether the read times out by then."""
        timeout = _read_timeout(request)
        if timeout is not None and reply.delay > timeout:
            return timeout, True
        return reply.delay, False

    @staticmethod
    def _response(request: httpx.Request, reply: Reply, timed_out: bool) -> httpx.Response:
        if timed_out:
            raise httpx.ReadTimeout("timed out", request=request)
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
        wait, timed_out = self._wait(request, reply)
        if wait:
            time.sleep(wait)
        return self._response(request, reply, timed_out)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        reply = self._reply(request)
        wait, timed_out = self._wait(request, reply)
        if wait:
            await anyio.sleep(wait)
        return self._response(request, reply, timed_out)
