"""Signing of USER_DATA requests, as an httpx.Auth that the generated client sends through.

Binance signs ``totalParams``: the query string exactly as sent, followed by the body. So the
hook reads the query httpx has already encoded, appends ``recvWindow`` (when set) and
``timestamp``, signs those bytes, and appends ``signature`` last without re-encoding
anything: what is signed is what goes on the wire.

Keys, secrets and passphrases are held as Secrets from the first line of every function that
receives one, so no repr, log line or traceback shows them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol
from urllib.parse import quote

import httpx

from . import _checks
from ._extensions import UNSIGNED_QUERY
from ._secrets import Secret
from ._spec import SPEC
from .clock import ServerClock
from .errors import ConfigurationError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

API_KEY_HEADER = SPEC.api_key_header
DEFAULT_PORTS = {"http": 80, "https": 443}


class Origin(NamedTuple):
    """Where a request goes, as the same-origin rule compares it."""

    scheme: str
    host: str
    port: int | None

    @property
    def label(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}"


def origin_of(url: httpx.URL) -> Origin:
    return Origin(url.scheme, url.host, url.port or DEFAULT_PORTS.get(url.scheme))


class Signer(Protocol):
    """Turns ``totalParams`` into the value of the ``signature`` parameter, URL-encoded."""

    def sign(self, payload: bytes) -> str: ...


class HmacSigner:
    """HMAC-SHA256 with the API secret, as 64 lowercase hex digits."""

    __slots__ = ("_mac",)

    def __init__(self, secret: str | Secret) -> None:
        secret = Secret.of(secret)  # first: a traceback from here on shows <redacted>
        if not secret:
            raise ConfigurationError(
                "API secret is missing: pass api_secret or set BINANCE_API_SECRET"
            )
        self._mac = hmac.new(secret.utf8("the API secret"), digestmod=hashlib.sha256)

    def sign(self, payload: bytes) -> str:
        mac = self._mac.copy()
        mac.update(payload)
        return mac.hexdigest()

    def __repr__(self) -> str:
        return "HmacSigner(secret=<redacted>)"


class RsaSigner:
    """RSASSA-PKCS1-v1_5 over SHA-256, base64 then URL-encoded (it contains ``+ / =``)."""

    __slots__ = ("_hash", "_key", "_padding")

    def __init__(self, private_key: rsa.RSAPrivateKey) -> None:
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import padding

        self._key = private_key
        self._padding = padding.PKCS1v15()
        self._hash = hashes.SHA256()

    def sign(self, payload: bytes) -> str:
        signature = self._key.sign(payload, self._padding, self._hash)
        return quote(base64.b64encode(signature).decode(), safe="")

    def __repr__(self) -> str:
        return "RsaSigner(private_key=<redacted>)"


class Ed25519Signer:
    """Ed25519, base64 then URL-encoded."""

    __slots__ = ("_key",)

    def __init__(self, private_key: ed25519.Ed25519PrivateKey) -> None:
        self._key = private_key

    def sign(self, payload: bytes) -> str:
        return quote(base64.b64encode(self._key.sign(payload)).decode(), safe="")

    def __repr__(self) -> str:
        return "Ed25519Signer(private_key=<redacted>)"


def load_private_key_signer(path: str | Path, passphrase: str | Secret | None = None) -> Signer:
    """An RsaSigner or Ed25519Signer for the PEM private key at ``path``.

    ``cryptography`` is imported here, not with the package: HMAC users never pay for it.
    """
    passphrase = Secret.of(passphrase)
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

    failure = None
    try:
        key = serialization.load_pem_private_key(
            Path(path).read_bytes(),
            password=passphrase.utf8("the key's passphrase") if passphrase else None,
        )
    except (OSError, ValueError, TypeError) as exc:
        # cryptography says which of "encrypted, no passphrase", "wrong passphrase", "not
        # encrypted" and "not a key" it is; none of its texts holds key material.
        failure = f"{type(exc).__name__}: {exc}"
        if not passphrase and isinstance(exc, TypeError):
            failure += " (pass private_key_passphrase or set BINANCE_PRIVATE_KEY_PASSPHRASE)"
    if failure is not None:
        raise ConfigurationError(f"cannot load the private key from {str(path)!r}: {failure}")
    if isinstance(key, rsa.RSAPrivateKey):
        return RsaSigner(key)
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return Ed25519Signer(key)
    raise ConfigurationError(f"unsupported key type {type(key).__name__}: use RSA or Ed25519")


def _has_param(query: bytes, name: bytes) -> bool:
    return any(part.partition(b"=")[0] == name for part in query.split(b"&"))


def _checked_api_key(api_key: Secret) -> Secret:
    if not api_key:
        raise ConfigurationError("API key is missing: pass api_key or set BINANCE_API_KEY")
    if not api_key.is_header_token():
        raise ConfigurationError("API key must be printable ASCII without spaces")
    return api_key


class BinanceAuth(httpx.Auth):
    """Adds ``recvWindow``/``timestamp``, the ``signature`` and ``X-MBX-APIKEY`` to each request.

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
            parameter = SPEC.recv_window
            _checks.query_value(parameter, recv_window, "recv_window")
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
        """Stamp and sign ``request`` in place, with a fresh timestamp each time it is called."""
        if origin_of(request.url) != self.origin:
            raise ConfigurationError(
                f"refusing to sign a request to {origin_of(request.url).label}: "
                f"this client is for {self.origin.label}"
            )
        query = request.extensions.setdefault(UNSIGNED_QUERY, request.url.query)
        request.url = request.url.copy_with(query=self.signed_query(query, request.content))
        request.headers[API_KEY_HEADER] = self._api_key.reveal()

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        self.sign_request(request)
        yield request
