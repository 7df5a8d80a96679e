"""httpx-aiohttp's transport, failing the way httpx's own transports fail.

httpx-aiohttp lets some of aiohttp's errors through as they are (a malformed status line or
header raises aiohttp's ClientResponseError, whose text and ``request_info`` carry the signed
URL and the API key header), and reads every refused or reset connection as a connect
timeout. Here each aiohttp error becomes the httpx error the sync transport raises for the
same fault, with a text that names the fault and never the request. aiohttp's own silent
second attempt on a dropped connection is off, so that ``max_retries`` counts every request
that is sent (and charged by the exchange).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import httpx
from httpx_aiohttp import AiohttpTransport

from ._logging import redacted_urls
from .errors import ConfigurationError

_ERRORS: tuple[tuple[type[BaseException], type[httpx.TransportError]], ...] = (
    (aiohttp.ConnectionTimeoutError, httpx.ConnectTimeout),
    (aiohttp.ServerTimeoutError, httpx.ReadTimeout),
    (aiohttp.ClientProxyConnectionError, httpx.ProxyError),
    (aiohttp.ClientHttpProxyError, httpx.ProxyError),
    (aiohttp.ClientConnectorError, httpx.ConnectError),
    (aiohttp.InvalidURL, httpx.UnsupportedProtocol),
    (aiohttp.ClientPayloadError, httpx.ReadError),
    (aiohttp.ServerDisconnectedError, httpx.RemoteProtocolError),
    (aiohttp.ClientResponseError, httpx.RemoteProtocolError),
    (aiohttp.ClientOSError, httpx.ReadError),
    (aiohttp.ClientError, httpx.NetworkError),
)
"""aiohttp's errors, most specific first, and the httpx error that stands for each."""
FAILURES = (httpx.TransportError, aiohttp.ClientError)


def transport_error(exc: BaseException, request: httpx.Request) -> httpx.TransportError:
    """The httpx error for ``exc`` (aiohttp's, or httpx-aiohttp's reading of one)."""
    cause = exc.__cause__ if isinstance(exc, httpx.TransportError) else exc
    if isinstance(exc, httpx.TransportError) and not isinstance(cause, aiohttp.ClientError):
        return exc
    assert cause is not None
    kind = next(error for fault, error in _ERRORS if isinstance(cause, fault))
    text = cause.message if isinstance(cause, aiohttp.ClientResponseError) else str(cause)
    return kind(f"{type(cause).__name__}: {redacted_urls(text)}", request=request)


class _Body(httpx.AsyncByteStream):
    def __init__(self, stream: httpx.AsyncByteStream, request: httpx.Request) -> None:
        self._stream = stream
        self._request = request

    async def __aiter__(self) -> AsyncIterator[bytes]:
        error = None
        try:
            async for chunk in self._stream:
                yield chunk
        except FAILURES as exc:
            error = transport_error(exc, self._request)
        if error is not None:
            raise error

    async def aclose(self) -> None:
        error = None
        try:
            await self._stream.aclose()
        except FAILURES as exc:
            error = transport_error(exc, self._request)
        if error is not None:
            raise error


class AiohttpNetwork(AiohttpTransport):
    """The async transport that reaches the network (see the module's docstring).

    An aiohttp session belongs to the event loop it was made in; a client used from another
    loop (``anyio.run`` once per call, say) gets a session of that loop's own.
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._loop: asyncio.AbstractEventLoop | None = None

    async def _move_to(self, loop: asyncio.AbstractEventLoop) -> None:
        if self._loop is not None and not self._loop.is_closed():
            raise ConfigurationError(
                "this client's async calls run on another event loop, still open: "
                "use one client per event loop"
            )
        if isinstance(self.client, aiohttp.ClientSession):
            await self.client.close()  # its loop is closed: this only marks it closed
        self._loop, self.client = loop, None

    def get_client(self) -> aiohttp.ClientSession:
        session = super().get_client()
        # aiohttp resends an idempotent request once when a kept-alive connection drops;
        # the client's retry policy is the one that decides (and counts) every attempt.
        session._retry_connection = False
        return session

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        loop = asyncio.get_running_loop()
        if loop is not self._loop:
            await self._move_to(loop)
        error = None
        try:
            response = await super().handle_async_request(request)
        except FAILURES as exc:
            error = transport_error(exc, request)
        if error is not None:
            raise error
        assert isinstance(response.stream, httpx.AsyncByteStream)
        response.stream = _Body(response.stream, request)
        return response
