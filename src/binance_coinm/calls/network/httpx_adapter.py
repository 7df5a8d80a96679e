"""Any httpx transport as the client's transport: the one a user gives (the mock exchange's,
``httpx.MockTransport``, ``httpx.AsyncHTTPTransport``), and httpx's own under the default
sync one."""

from __future__ import annotations

import httpx

from .. import bodies
from ..call import Answer
from .base import Outgoing


def request_of(outgoing: Outgoing) -> httpx.Request:
    """The httpx.Request for one attempt; its timeouts ride in the ``timeout`` extension, where
    httpx's transports read them."""
    return httpx.Request(
        outgoing.method,
        outgoing.url,
        headers=outgoing.headers,
        extensions={"timeout": outgoing.timeout},
    )


class HttpxSync:
    """A sync httpx transport, with every body read whole here."""

    def __init__(self, transport: httpx.BaseTransport) -> None:
        self.transport = transport

    def send(self, outgoing: Outgoing, ends: float, limit: int) -> Answer:
        outgoing.sent = True  # an httpx transport does not tell when a request has left
        response = self.transport.handle_request(request_of(outgoing))
        return bodies.read(response, limit)

    def close(self) -> None:
        self.transport.close()


class HttpxAsync:
    """An async httpx transport, with every body read whole here."""

    bounds_deadline = False

    def __init__(self, transport: httpx.AsyncBaseTransport) -> None:
        self.transport = transport

    async def send(self, outgoing: Outgoing, ends: float, limit: int) -> Answer:
        outgoing.sent = True  # an httpx transport does not tell when a request has left
        response = await self.transport.handle_async_request(request_of(outgoing))
        return await bodies.aread(response, limit)

    async def aclose(self) -> None:
        await self.transport.aclose()

    def close_now(self) -> None:
        """An async httpx transport closes only by awaiting: ``aclose()`` does it."""
