"""The default async transport: aiohttp, failing the way httpx's transports fail.

aiohttp directly, not under httpx's models: an async call then costs less than a sync one,
and many in flight through one client go several times faster than on httpx's own async
stack (measured in `make bench`). Each aiohttp error becomes the httpx error the sync
transport raises for the same fault, with a text that names the fault and never the request
(aiohttp's own texts and ``request_info`` carry the signed URL and the API key header).
aiohttp's silent second attempt on a dropped connection is off, so that ``max_retries``
counts every request sent (and charged by the exchange); its decompression is off too, so
that bodies are inflated within the size limit (``bodies``). Each request is bounded by the
call's deadline with aiohttp's own total timeout, which costs half of a cancel scope around
it (measured in `make bench`).
"""

from __future__ import annotations

import asyncio
import ssl
import time
from contextvars import ContextVar
from typing import Any

import aiohttp
import httpx
from yarl import URL

from ..._logging import redacted_urls
from ...errors import ConfigurationError
from .. import bodies
from ..call import Answer
from .base import Outgoing

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


def transport_error(exc: aiohttp.ClientError) -> httpx.TransportError:
    """The httpx error for one of aiohttp's, its text cut of any URL's query and credentials."""
    kind = next(error for fault, error in _ERRORS if isinstance(exc, fault))
    text = exc.message if isinstance(exc, aiohttp.ClientResponseError) else str(exc)
    return kind(f"{type(exc).__name__}: {redacted_urls(text)}")


_sending: ContextVar[Outgoing | None] = ContextVar("binance_coinm_sending", default=None)
"""The request this task is sending: its connector marks it sent once it has a connection
(the request is written at once after that, with nothing awaited between)."""
MIN_SECONDS = 0.0001


class _Marking:
    async def connect(self, *args: Any, **kwargs: Any) -> Any:
        connection = await super().connect(*args, **kwargs)  # type: ignore[misc]
        outgoing = _sending.get()
        if outgoing is not None:
            outgoing.sent = True
        return connection


class _TCPConnector(_Marking, aiohttp.TCPConnector):
    """aiohttp's TCP connector that says when a request got its connection."""


class _UnixConnector(_Marking, aiohttp.UnixConnector):
    """aiohttp's Unix-socket connector that says when a request got its connection."""


class AiohttpAsync:
    """An aiohttp session per event loop, made at the first call on that loop.

    It bounds each request by the call's deadline itself (``bounds_deadline``).

    A session belongs to the loop it was made in; a client used from one loop after another
    (``anyio.run`` once per call, say) gets a session of each new loop's own. Two loops open
    at once (threads each running one) are refused: build one client per loop.
    """

    def __init__(
        self,
        *,
        verify: ssl.SSLContext,
        limits: httpx.Limits | None = None,
        proxy: httpx.Proxy | None = None,
        local_address: str | None = None,
        uds: str | None = None,
        trust_env: bool = True,
        http1: bool = True,
        http2: bool = False,
        socket_options: object = None,
    ) -> None:
        # The environment's proxy is already in ``proxy``; aiohttp speaks HTTP/1.1 only, and
        # http2 or socket_options set are refused before this is built (options.py).
        del trust_env, http1, http2, socket_options
        limits = limits or httpx.Limits(max_connections=100, max_keepalive_connections=20)
        self._connector_options: dict[str, Any] = {
            "limit": limits.max_connections or 0,
            "keepalive_timeout": limits.keepalive_expiry,
        }
        self._uds = uds
        self._ssl = verify
        self._local_address = local_address
        self._proxy: dict[str, Any] = {}
        if proxy is not None:
            self._proxy = {
                "proxy": str(proxy.url),
                "proxy_headers": dict(proxy.headers) or None,
                "proxy_auth": aiohttp.BasicAuth(*proxy.auth) if proxy.auth else None,
            }
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    bounds_deadline = True

    def _connector(self) -> aiohttp.BaseConnector:
        if self._uds is not None:
            return _UnixConnector(path=self._uds, **self._connector_options)
        return _TCPConnector(
            ssl=self._ssl,
            local_addr=(self._local_address, 0) if self._local_address else None,
            **self._connector_options,
        )

    async def _session_for(self, loop: asyncio.AbstractEventLoop) -> aiohttp.ClientSession:
        if self._loop is not None and not self._loop.is_closed():
            raise ConfigurationError(
                "this client's async calls run on another event loop, still open: "
                "use one client per event loop"
            )
        if self._session is not None:
            await self._session.close()  # its loop is closed: this only marks it closed
        session = aiohttp.ClientSession(
            connector=self._connector(),
            auto_decompress=False,
            skip_auto_headers=("User-Agent", "Accept-Encoding"),
        )
        # aiohttp resends an idempotent request once when a kept-alive connection drops;
        # the client's retry policy is the one that decides (and counts) every attempt.
        session._retry_connection = False
        self._session, self._loop = session, loop
        return session

    @staticmethod
    def _timeout(timeout: dict[str, float | None], ends: float) -> aiohttp.ClientTimeout:
        return aiohttp.ClientTimeout(
            total=max(ends - time.monotonic(), MIN_SECONDS),
            sock_connect=timeout.get("connect"),
            sock_read=timeout.get("read"),
            connect=timeout.get("pool"),
        )

    async def send(self, outgoing: Outgoing, ends: float, limit: int) -> Answer:
        loop = asyncio.get_running_loop()
        session = self._session
        if session is None or loop is not self._loop:
            session = await self._session_for(loop)
        error = None
        token = _sending.set(outgoing)
        try:
            response = await session._request(
                outgoing.method,
                URL(outgoing.url, encoded=True),  # built encoded and signed: parsed, not encoded
                headers=outgoing.headers,
                allow_redirects=False,
                timeout=self._timeout(outgoing.timeout, ends),
                **self._proxy,
            )
            try:
                return await _read(response, limit)
            finally:
                response.release()
        except aiohttp.ClientError as exc:
            error = transport_error(exc)
        finally:
            _sending.reset(token)
        raise error

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()

    def close_now(self) -> None:
        """Close the connections without awaiting: from a sync ``close()``."""
        session, self._session = self._session, None
        if session is not None and session.connector is not None:
            session.connector._close()  # aiohttp closes each transport at once here
            session._connector = None


async def _read(response: aiohttp.ClientResponse, limit: int) -> Answer:
    headers = httpx.Headers(response.raw_headers)
    try:
        if bodies.is_plain(headers):
            length = bodies.declared_length(headers)
            if length is not None:
                if length > limit:
                    raise bodies.BodyTooLarge
                return Answer(response.status, headers, await response.read())
        reader = bodies.Reader(headers, limit)
        async for raw in response.content.iter_any():
            reader.feed(raw)
        content = reader.finish()
    except (bodies.BodyTooLarge, bodies.UnreadableEncoding) as exc:
        error = bodies.refused(response.status, headers, limit, exc)
    else:
        if not bodies.is_plain(headers):
            headers = httpx.Headers(
                [(k, v) for k, v in headers.raw if k.lower() not in bodies.ENCODING_HEADERS]
            )
        return Answer(response.status, headers, content)
    raise error
