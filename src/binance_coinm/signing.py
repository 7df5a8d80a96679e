"""Signing of USER_DATA requests, as an httpx.Auth that the generated client sends through.

Binance signs ``totalParams``: the query string exactly as sent, followed by the body. So the
hook reads the query httpx has already encoded, appends ``recvWindow`` (when set) and
``timestamp``, signs those bytes, and appends ``signature`` last without re-encoding
anything: what is signed is what goes on the wire.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable, Generator

import httpx
from binance_coinm_rest.errors import ConfigurationError

API_KEY_HEADER = "X-MBX-APIKEY"
MAX_RECV_WINDOW_MS = 60_000


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


class HmacSigner:
    """HMAC-SHA256 of a payload with the API secret, as 64 lowercase hex digits."""

    __slots__ = ("_mac",)

    def __init__(self, secret: str) -> None:
        if not secret:
            raise ConfigurationError(
                "API secret is missing: pass api_secret or set BINANCE_API_SECRET"
            )
        self._mac = hmac.new(secret.encode(), digestmod=hashlib.sha256)

    def sign(self, payload: bytes) -> str:
        mac = self._mac.copy()
        mac.update(payload)
        return mac.hexdigest()

    def __repr__(self) -> str:
        return "HmacSigner(secret=<redacted>)"


def _has_param(query: bytes, name: bytes) -> bool:
    return any(part.partition(b"=")[0] == name for part in query.split(b"&"))


def _validated_api_key(api_key: str) -> str:
    if not api_key:
        raise ConfigurationError("API key is missing: pass api_key or set BINANCE_API_KEY")
    if not (api_key.isascii() and api_key.isprintable()) or any(c.isspace() for c in api_key):
        raise ConfigurationError("API key must be printable ASCII without spaces")
    return api_key


class BinanceAuth(httpx.Auth):
    """Adds ``recvWindow``/``timestamp``, the ``signature`` and ``X-MBX-APIKEY`` to each request.

    Only requests to ``host`` are signed; any other host gets an error before anything is
    sent, so the key never leaves for a server it was not meant for.
    """

    requires_request_body = True

    def __init__(
        self,
        api_key: str,
        signer: HmacSigner,
        *,
        host: str,
        recv_window: int | None = None,
        clock: Callable[[], int] = _now_ms,
    ) -> None:
        if recv_window is not None and not 0 < recv_window <= MAX_RECV_WINDOW_MS:
            raise ConfigurationError(
                f"recv_window must be 1..{MAX_RECV_WINDOW_MS} ms, got {recv_window}"
            )
        self._api_key = _validated_api_key(api_key)
        self._signer = signer
        self.host = host
        self.recv_window = recv_window
        self.clock = clock

    def __repr__(self) -> str:
        return (
            f"BinanceAuth(api_key=<redacted>, host={self.host!r}, recv_window={self.recv_window!r})"
        )

    def sign_request(self, request: httpx.Request) -> None:
        """Stamp and sign ``request`` in place (a fresh timestamp each time it is called)."""
        if request.url.host != self.host:
            raise ConfigurationError(
                f"refusing to sign a request to {request.url.host!r}: "
                f"this client is for {self.host!r}"
            )
        query = request.url.query
        extra = []
        if self.recv_window is not None and not _has_param(query, b"recvWindow"):
            extra.append(b"recvWindow=%d" % self.recv_window)
        extra.append(b"timestamp=%d" % self.clock())
        total = b"&".join([query, *extra] if query else extra)
        signature = self._signer.sign(total + request.content)
        request.url = request.url.copy_with(query=total + b"&signature=" + signature.encode())
        request.headers[API_KEY_HEADER] = self._api_key

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        self.sign_request(request)
        yield request
