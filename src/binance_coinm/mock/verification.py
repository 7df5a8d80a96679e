"""What the exchange checks before it answers a signed request, in Binance's order.

API key (-2014/-2015), then the parameters (-1101 duplicates, -1102 missing or malformed,
-1104 unknown, -1130 invalid recvWindow), then the signature over the raw query string as
received, compared in constant time (-1022), then the timestamp against the server's
clock and recvWindow (-1021).

Where Binance documents no behaviour, the mock picks the nearest documented code:
- an empty segment (``a=1&&b=2``) is not a parameter, as in form decoding;
- ``timestamp`` must be 1 to 19 ASCII digits (-1102 otherwise, as for a malformed value);
  ``recvWindow`` must be one in 1..60000 (-1130), the maximum Binance documents;
- a signature that is not ASCII, or not the last parameter, is simply not valid (-1022).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
from collections.abc import Collection, Mapping
from urllib.parse import unquote_plus

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ed25519, padding, rsa

from . import rejections

API_KEY_HEADER = "x-mbx-apikey"
DEFAULT_RECV_WINDOW_MS = 5000
MAX_RECV_WINDOW_MS = 60_000
MAX_AHEAD_MS = 1000
SIGNING_PARAMETERS = frozenset({"timestamp", "recvWindow", "signature"})
_UNSIGNED_INTEGER = re.compile(r"[0-9]{1,19}")  # ASCII digits, at most int64's 19

PublicKey = rsa.RSAPublicKey | ed25519.Ed25519PublicKey


class KeyRing:
    """The API keys the exchange knows, each with its HMAC secret or its public key."""

    def __init__(self) -> None:
        self._keys: dict[str, str | PublicKey] = {}

    def add(self, api_key: str, secret_or_public_key: str | PublicKey) -> None:
        self._keys[api_key] = secret_or_public_key

    def identify(self, headers: Mapping[str, str]) -> str:
        """The request's API key, if it is well-formed and registered."""
        api_key = headers.get(API_KEY_HEADER, "")
        if not api_key or not api_key.isascii() or not api_key.isprintable() or " " in api_key:
            raise rejections.bad_api_key_format()
        if api_key not in self._keys:
            raise rejections.rejected_api_key()
        return api_key

    def verify(self, api_key: str, payload: bytes, signature: str) -> None:
        if not signature.isascii():
            raise rejections.invalid_signature()
        material = self._keys[api_key]
        if isinstance(material, str):
            expected = hmac.new(material.encode(), payload, hashlib.sha256).hexdigest()
            if not hmac.compare_digest(expected, signature.lower()):
                raise rejections.invalid_signature()
            return
        try:
            raw = base64.b64decode(signature, validate=True)
            if isinstance(material, rsa.RSAPublicKey):
                material.verify(raw, payload, padding.PKCS1v15(), hashes.SHA256())
            else:
                material.verify(raw, payload)
        except (InvalidSignature, binascii.Error, ValueError):
            raise rejections.invalid_signature() from None


def parse_query(raw_query: bytes) -> dict[str, str]:
    """Decoded parameters by name; a name sent twice is refused (-1101)."""
    params: dict[str, str] = {}
    for part in filter(None, raw_query.split(b"&")):
        name, _, value = part.decode("latin-1").partition("=")
        name, value = unquote_plus(name), unquote_plus(value)
        if name in params:
            raise rejections.duplicate_parameter()
        params[name] = value
    return params


def _integer(params: Mapping[str, str], name: str) -> int | None:
    value = params.get(name)
    if value is None:
        return None
    if not _UNSIGNED_INTEGER.fullmatch(value):
        raise rejections.invalid_value(name) if name == "recvWindow" else rejections.mandatory(name)
    return int(value)


def _split_signature(raw_query: bytes) -> tuple[bytes, str]:
    """The signed payload (the raw query before ``&signature=``) and the decoded signature."""
    payload, _, last = raw_query.rpartition(b"&")
    name, _, signature = last.partition(b"=")
    if name != b"signature":
        raise rejections.invalid_signature()  # signature must be the last parameter
    return payload, unquote_plus(signature.decode("latin-1"))


def check_signed_request(
    keys: KeyRing,
    api_key: str,
    raw_query: bytes,
    body: bytes,
    endpoint_parameters: Collection[str],
    server_time_ms: int,
) -> dict[str, str]:
    """The request's parameters, once everything Binance checks has passed."""
    params = parse_query(raw_query)
    if not params.get("signature"):
        raise rejections.mandatory("signature")
    timestamp = _integer(params, "timestamp")
    if timestamp is None:
        raise rejections.mandatory("timestamp")
    unknown = [
        name
        for name in params
        if name not in SIGNING_PARAMETERS and name not in endpoint_parameters
    ]
    if unknown:
        raise rejections.unread_parameters(len(params) - len(unknown), len(params))
    recv_window = _integer(params, "recvWindow")
    if recv_window is None:
        recv_window = DEFAULT_RECV_WINDOW_MS
    if not 0 < recv_window <= MAX_RECV_WINDOW_MS:
        raise rejections.invalid_value("recvWindow")
    payload, signature = _split_signature(raw_query)
    keys.verify(api_key, payload + body, signature)
    if timestamp >= server_time_ms + MAX_AHEAD_MS:
        raise rejections.timestamp_ahead()
    if server_time_ms - timestamp > recv_window:
        raise rejections.timestamp_outside_window()
    return params
