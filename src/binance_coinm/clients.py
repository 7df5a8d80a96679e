"""The clients that endpoint functions send their requests through (openapi-python-client's shape).

Build one with ``signed_client()``, which wires signing, retries, the deadline and the weight
budget in; these classes are what it returns and what the endpoint functions accept.

An endpoint call goes straight to the client's own transport (the BinanceTransport that
``signed_client`` gives it), signed here, unless the httpx configuration asks for what only
httpx.Client does (event hooks, redirects, cookies, default query params): then it goes
through httpx.Client. Either way the same transport applies the same policy; the straight
way skips httpx.Client's per-request machinery, which costs more than the rest of a small
call (measured in `make bench`).
"""

from __future__ import annotations

import ssl
from types import TracebackType
from typing import Any, Self

import httpx

from ._extensions import UNSIGNED_QUERY
from .errors import ConfigurationError
from .signing import BinanceAuth
from .transport import BinanceTransport

CLOSED = "this client is closed: build another with signed_client()"


class Client:
    """Keeps one httpx.Client and one httpx.AsyncClient per API client, created on first use.

    Keeping them means every call reuses the open connections (keep-alive); close them with
    ``with client:`` / ``async with client:`` or ``close()`` / ``aclose()``.

    Args:
        base_url: The API root, e.g. ``https://dapi.binance.com``.
        headers: Headers sent with every request.
        timeout: httpx timeout of every request; httpx's default (5 s) when None.
        verify_ssl: Whether to verify TLS certificates (or an ssl.SSLContext / CA bundle path).
        follow_redirects: Whether to follow redirects.
        httpx_args: Further keyword arguments for httpx.Client / httpx.AsyncClient, such as
            ``transport`` or ``event_hooks``.
    """

    def __init__(
        self,
        base_url: str,
        *,
        headers: dict[str, str] | None = None,
        timeout: httpx.Timeout | None = None,
        verify_ssl: str | bool | ssl.SSLContext = True,
        follow_redirects: bool = False,
        httpx_args: dict[str, Any] | None = None,
    ) -> None:
        self._base_url = base_url
        self._headers = dict(headers or {})
        self._timeout = timeout
        self._verify_ssl = verify_ssl
        self._follow_redirects = follow_redirects
        self._httpx_args = dict(httpx_args or {})
        self._client: httpx.Client | None = None
        self._async_client: httpx.AsyncClient | None = None
        self._straight = True

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._base_url!r})"

    def _settings(self) -> dict[str, Any]:
        return {
            "base_url": self._base_url,
            "headers": self._headers,
            "timeout": self._timeout,
            "verify_ssl": self._verify_ssl,
            "follow_redirects": self._follow_redirects,
            "httpx_args": self._httpx_args,
        }

    @property
    def base_url(self) -> str:
        return self._base_url

    def with_headers(self, headers: dict[str, str]) -> Self:
        """A new client like this one, with more headers."""
        return type(self)(**{**self._settings(), "headers": {**self._headers, **headers}})

    def with_timeout(self, timeout: httpx.Timeout) -> Self:
        """A new client like this one, with another timeout."""
        return type(self)(**{**self._settings(), "timeout": timeout})

    def _httpx_kwargs(self) -> dict[str, Any]:
        return {
            "base_url": self._base_url,
            "headers": self._headers,
            "timeout": self._timeout if self._timeout is not None else httpx.Timeout(5.0),
            "verify": self._verify_ssl,
            "follow_redirects": self._follow_redirects,
            **self._httpx_args,
        }

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Use this httpx.Client; it replaces every other setting of this object."""
        self._client = client
        self._straight = False
        return self

    def _straight_transport(
        self, client: httpx.Client | httpx.AsyncClient
    ) -> BinanceTransport | None:
        transport = self._httpx_args.get("transport")
        if (
            not self._straight
            or not isinstance(transport, BinanceTransport)
            or not isinstance(getattr(self, "auth", transport.auth), BinanceAuth)
            or client.follow_redirects
            or any(client.event_hooks.values())
            or client.cookies
            or client.params
        ):
            return None
        return transport

    def _request(
        self, client: httpx.Client | httpx.AsyncClient, call: dict[str, Any]
    ) -> httpx.Request:
        """The request httpx.Client would build for ``call``, signed on the way: one URL parse."""
        timeout = call.get("timeout", client.timeout)
        extensions = {**call.get("extensions", {}), "timeout": timeout.as_dict()}
        url, headers = self._base_url.rstrip("/") + call["url"], client.headers
        auth = getattr(self, "auth", None)
        if isinstance(auth, BinanceAuth) and call.get("auth", auth) is not None:
            path, _, query = url.partition("?")
            extensions[UNSIGNED_QUERY] = query.encode()
            url = f"{path}?{auth.signed_query(query.encode()).decode()}"
            headers = headers.copy()
            headers.__setitem__(*auth.api_key_header)
        return httpx.Request(call["method"], url, headers=headers, extensions=extensions)

    def send(self, call: dict[str, Any]) -> httpx.Response:
        """Send one endpoint call: ``call`` holds httpx ``request()`` arguments (method, url...)."""
        client = self.get_httpx_client()
        if client.is_closed:
            raise ConfigurationError(CLOSED)
        transport = self._straight_transport(client)
        if transport is None:
            return client.request(**call)
        response = transport.handle_request(self._request(client, call))
        return response

    async def asend(self, call: dict[str, Any]) -> httpx.Response:
        """``send`` for async calls."""
        client = self.get_async_httpx_client()
        if client.is_closed:
            raise ConfigurationError(CLOSED)
        transport = self._straight_transport(client)
        if transport is None:
            return await client.request(**call)
        return await transport.handle_async_request(self._request(client, call))

    def get_httpx_client(self) -> httpx.Client:
        """The httpx.Client, created on first use."""
        if self._client is None:
            self._client = httpx.Client(**self._httpx_kwargs())
        return self._client

    def close(self) -> None:
        """Close the httpx.Client's connections."""
        if self._client is not None:
            self._client.close()

    def __enter__(self) -> Self:
        self.get_httpx_client().__enter__()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc_value: BaseException | None = None,
        traceback: TracebackType | None = None,
    ) -> None:
        self.get_httpx_client().__exit__(exc_type, exc_value, traceback)

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Use this httpx.AsyncClient; it replaces every other setting of this object."""
        self._async_client = async_client
        self._straight = False
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """The httpx.AsyncClient, created on first use."""
        if self._async_client is None:
            self._async_client = httpx.AsyncClient(**self._httpx_kwargs())
        return self._async_client

    async def aclose(self) -> None:
        """Close the httpx.AsyncClient's connections."""
        if self._async_client is not None:
            await self._async_client.aclose()

    async def __aenter__(self) -> Self:
        await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc_value: BaseException | None = None,
        traceback: TracebackType | None = None,
    ) -> None:
        await self.get_async_httpx_client().__aexit__(exc_type, exc_value, traceback)


class AuthenticatedClient(Client):
    """A Client whose every request passes through ``auth``, an httpx.Auth that signs it.

    Endpoints that the spec marks as secured accept only this class.
    """

    def __init__(
        self,
        base_url: str,
        *,
        auth: httpx.Auth,
        headers: dict[str, str] | None = None,
        timeout: httpx.Timeout | None = None,
        verify_ssl: str | bool | ssl.SSLContext = True,
        follow_redirects: bool = False,
        httpx_args: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(
            base_url,
            headers=headers,
            timeout=timeout,
            verify_ssl=verify_ssl,
            follow_redirects=follow_redirects,
            httpx_args=httpx_args,
        )
        self.auth = auth

    def _settings(self) -> dict[str, Any]:
        return {**super()._settings(), "auth": self.auth}

    def _httpx_kwargs(self) -> dict[str, Any]:
        return {**super()._httpx_kwargs(), "auth": self.auth}
