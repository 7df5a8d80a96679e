"""An httpx transport that answers from a MockExchange in-process, for sync and async clients.

httpx.ASGITransport serves async clients only; this one serves both, without an event loop
for sync calls, and fails the way a socket would: a dropped-connection fault raises the
error httpx raises for one, and latency longer than the request's read timeout (httpx puts
its timeouts in the request's ``timeout`` extension; a signed client shortens them to what
is left of the call's deadline) waits that timeout and raises httpx.ReadTimeout.

Every request comes from ``client_ip`` (loopback's by default), the address the exchange
counts request weight by: two transports with two addresses are two callers.
"""

from __future__ import annotations

import ipaddress
import time

import anyio
import httpx

from binance_coinm.errors import ArgumentTypeError, ConfigurationError

from .reply import DEFAULT_CLIENT_IP, Answerer, Reply


def _read_timeout(request: httpx.Request) -> float | None:
    timeout: float | None = request.extensions.get("timeout", {}).get("read")
    return timeout


def checked_ip(value: object) -> str:
    """``value`` if it is an IPv4 or IPv6 address as text."""
    if not isinstance(value, str):
        raise ArgumentTypeError(f"client_ip must be an IP address as a str, got {value!r:.60}")
    try:
        ipaddress.ip_address(value)
    except ValueError:
        raise ConfigurationError(f"client_ip must be an IP address, got {value!r:.60}") from None
    return value


class MockExchangeTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    def __init__(self, exchange: Answerer, *, client_ip: str = DEFAULT_CLIENT_IP) -> None:
        self.exchange = exchange
        self.client_ip = checked_ip(client_ip)

    def _reply(self, request: httpx.Request) -> Reply:
        headers = {name.lower(): value for name, value in request.headers.items()}
        return self.exchange.answer(
            request.method,
            request.url.path,
            request.url.query,
            headers,
            request.content,
            client_ip=self.client_ip,
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
