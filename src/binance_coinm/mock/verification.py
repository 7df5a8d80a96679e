"""What the exchange checks of a signed request besides its parameters: key, signature, time.

In Binance's order: the API key (-2014 malformed or missing, -2015 unknown), then (after the
parameters, see ``parameters``) the signature over the raw query string as received,
compared in constant time (-1022), then the timestamp against the server's clock and
``recvWindow`` (-1021).

Where Binance documents no behaviour, the mock picks the nearest documented code:
- a signature that is not ASCII, not valid base64, or not the last parameter is simply not
  valid (-1022): the exchange can only tell a signature it cannot verify;
- a key that is empty, not printable ASCII or holds a space is malformed (-2014).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from urllib.parse import unquote_plus

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ed25519, padding, rsa

from .rejections import Rejection

TIMESTAMP = "timestamp"
SIGNATURE = "signature"
"""Binance's signing parameters: the signature must be the last one."""
MAX_AHEAD_MS = 1000
"""A timestamp this far ahead of the server's clock, or more, is refused."""

PublicKey = rsa.RSAPublicKey | ed25519.Ed25519PublicKey


class KeyRing:
    """The API keys the exchange knows, each with its HMAC secret or its public key."""

    def __init__(self) -> None:
        self._keys: dict[str, str | PublicKey] = {}

    def __repr__(self) -> str:
        return f"KeyRing({len(self._keys)} keys)"

    def add(self, api_key: str, secret_or_public_key: str | PublicKey) -> None:
        self._keys[api_key] = secret_or_public_key

    def identify(self, api_key: str) -> str:
        """``api_key`` (the header's value), if it is well-formed and registered."""
        if not api_key or not api_key.isascii() or not api_key.isprintable() or " " in api_key:
            raise Rejection("BAD_API_KEY_FMT")
        if api_key not in self._keys:
            raise Rejection("REJECTED_MBX_KEY")
        return api_key

    def verify(self, api_key: str, raw_query: bytes, body: bytes) -> None:
        """Check the signature ending ``raw_query`` against ``api_key``'s secret or public key."""
        payload, signature = _split_signature(raw_query)
        payload += body
        if not signature.isascii():
            raise Rejection("INVALID_SIGNATURE")
        material = self._keys[api_key]
        if isinstance(material, str):
            expected = hmac.new(material.encode(), payload, hashlib.sha256).hexdigest()
            if not hmac.compare_digest(expected, signature.lower()):
                raise Rejection("INVALID_SIGNATURE")
            return
        try:
            raw = base64.b64decode(signature, validate=True)
            if isinstance(material, rsa.RSAPublicKey):
                material.verify(raw, payload, padding.PKCS1v15(), hashes.SHA256())
            else:
                material.verify(raw, payload)
        except (InvalidSignature, binascii.Error, ValueError):
            raise Rejection("INVALID_SIGNATURE") from None


def _split_signature(raw_query: bytes) -> tuple[bytes, str]:
    """The signed payload (the raw query before ``&signature=``) and the decoded signature."""
    payload, _, last = raw_query.rpartition(b"&")
    name, _, signature = last.partition(b"=")
    if name != SIGNATURE.encode():
        raise Rejection("INVALID_SIGNATURE")
    return payload, unquote_plus(signature.decode("latin-1"))


def check_timestamp(timestamp: int, recv_window: int, server_time_ms: int) -> None:
    """Refuse a timestamp ahead of the server's clock, or older than the receive window."""
    if timestamp >= server_time_ms + MAX_AHEAD_MS:
        raise Rejection("INVALID_TIMESTAMP", "ahead")
    if server_time_ms - timestamp > recv_window:
        raise Rejection("INVALID_TIMESTAMP")
