"""The signers: what turns ``totalParams`` into the ``signature`` parameter (HMAC, RSA, Ed25519).

Secrets and keys are held so that no repr, log line or traceback shows them: a signer's repr
says ``<redacted>``, and every function that receives a secret wraps it in a Secret first.
A private key is read from a regular file of bounded size only: a FIFO would block and
``/dev/zero`` would never end.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from urllib.parse import quote

from ..errors import ConfigurationError
from .secrets import Secret

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

MAX_KEY_FILE_BYTES = 64 * 1024
"""The largest private-key file read: a PEM RSA 8192 key is about 6.5 KB."""


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

    pem = read_key_file(path)
    failure = None
    try:
        key = serialization.load_pem_private_key(
            pem, password=passphrase.utf8("the key's passphrase") if passphrase else None
        )
    except (ValueError, TypeError) as exc:
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


def read_key_file(path: str | Path) -> bytes:
    """The bytes of the key file at ``path``: a regular file of at most MAX_KEY_FILE_BYTES."""
    shown = repr(str(path))
    failure = None
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
        raise ConfigurationError(
            f"cannot load the private key from {shown}: {type(exc).__name__}: {exc}"
        ) from None
    chunks: list[bytes] = []
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            failure = "not a regular file"
        else:
            size = 0
            while size <= MAX_KEY_FILE_BYTES and (chunk := os.read(fd, MAX_KEY_FILE_BYTES)):
                chunks.append(chunk)
                size += len(chunk)
            if size > MAX_KEY_FILE_BYTES:
                failure = f"larger than {MAX_KEY_FILE_BYTES} bytes, which no PEM key is"
    except OSError as exc:
        failure = f"{type(exc).__name__}: {exc}"
    finally:
        os.close(fd)
    if failure is not None:
        raise ConfigurationError(f"cannot load the private key from {shown}: {failure}")
    return b"".join(chunks)
