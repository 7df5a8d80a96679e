"""Signing as an httpx.Auth: the public way to sign a request, and what every call uses.

Binance signs ``totalParams``: the query string exactly as sent, followed by the body. So the
hook takes the query as it will go on the wire, appends ``recvWindow`` (when set) and
``timestamp``, signs those bytes, and appends ``signature`` last without re-encoding
anything: what is signed is what is sent.
"""

from __future__ import annotations

from collections.abc import Generator

import httpx

from .. import _checks
from ..clock import ServerClock
from ..errors import ConfigurationError
from ..spec import SPEC
from .origin import Origin, origin_of, require_origin
from .secrets import Secret
from .signers import Signer

API_KEY_HEADER = SPEC.api_key_header


def _has_param(query: bytes, name: bytes) -> bool:
    return any(part.partition(b"=")[0] == name for part in query.split(b"&"))


_STAMPS = (b"timestamp", b"signature")


def _unsigned(query: bytes) -> bytes:
    """``query`` without the timestamp and signature an earlier signing added."""
    return b"&".join(
        part for part in query.split(b"&") if part and part.partition(b"=")[0] not in _STAMPS
    )


def _checked_api_key(api_key: Secret) -> Secret:
    if not api_key:
        raise ConfigurationError(
            "API key is missing: pass api_key or set BINANCE_API_KEY (and BINANCE_API_SECRET)"
        )
    if not api_key.is_header_token():
        raise ConfigurationError("API key must be printable ASCII without spaces")
    return api_key


class BinanceAuth(httpx.Auth):
    """Adds ``recvWindow``/``timestamp``, the ``signature`` and ``X-MBX-APIKEY`` to a request.

    Only requests to the origin of ``base_url`` (scheme, host and port) are signed; any other
    gets an error before anything is sent, so the key never leaves for a server it was not
    meant for. Timestamps come from ``clock`` (local time corrected by the server's).
    """

    requires_request_body = True
    # Class-level values, so that repr() works on an instance whose __init__ failed.
    base_url = httpx.URL()
    origin = Origin("", "", None)
    recv_window: int | None = None
    _signer: Signer | None = None

    def __init__(
        self,
        api_key: str | Secret,
        signer: Signer,
        *,
        base_url: str | httpx.URL,
        recv_window: int | None = None,
        clock: ServerClock | None = None,
    ) -> None:
        api_key = Secret.of(api_key)  # first: a traceback from here on shows <redacted>
        self._api_key = _checked_api_key(api_key)
        self._signer = signer
        self.base_url = httpx.URL(base_url)
        self.origin = origin_of(self.base_url)
        if recv_window is not None:
            _checks.query_value(SPEC.recv_window, recv_window, "recv_window")
        self.recv_window = recv_window
        self.clock = clock or ServerClock()

    def __repr__(self) -> str:
        return (
            f"BinanceAuth(api_key=<redacted>, signer={self._signer!r}, "
            f"origin={self.origin.label!r}, recv_window={self.recv_window!r})"
        )

    def signed_query(self, query: bytes, body: bytes = b"") -> bytes:
        """``query`` with ``recvWindow`` (when set), a fresh ``timestamp`` and the ``signature``."""
        assert self._signer is not None
        extra = []
        if self.recv_window is not None and not _has_param(query, b"recvWindow"):
            extra.append(b"recvWindow=%d" % self.recv_window)
        extra.append(b"timestamp=%d" % self.clock.now_ms())
        total = b"&".join([query, *extra] if query else extra)
        return total + b"&signature=" + self._signer.sign(total + body).encode()

    @property
    def api_key_header(self) -> tuple[str, str]:
        """The header that carries the API key, to the client's origin only."""
        return API_KEY_HEADER, self._api_key.reveal()

    def sign_request(self, request: httpx.Request) -> None:
        """Stamp and sign ``request`` in place, with a fresh timestamp each time it is called
        (a request sent again is signed again, not twice)."""
        require_origin(request.url, self.origin, "sign a request")
        request.url = request.url.copy_with(
            query=self.signed_query(_unsigned(request.url.query), request.content)
        )
        request.headers[API_KEY_HEADER] = self._api_key.reveal()

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        self.sign_request(request)
        yield request
