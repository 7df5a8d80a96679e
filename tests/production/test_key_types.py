"""RSA and Ed25519 keys from PEM files: the mock verifies them with the registered public keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

from binance_coinm import errors

from .conftest import ClientFactory, Fetch, RecordingExchange

PrivateKey = rsa.RSAPrivateKey | ed25519.Ed25519PrivateKey


def pem(tmp_path: Path, key: PrivateKey, passphrase: str) -> Path:
    path = tmp_path / "key.pem"
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(passphrase.encode()),
        )
    )
    return path


@pytest.fixture(params=["rsa", "ed25519"])
def key(request: pytest.FixtureRequest) -> PrivateKey:
    if request.param == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return ed25519.Ed25519PrivateKey.generate()


def test_private_key_signed_calls_are_accepted(
    tmp_path: Path,
    key: PrivateKey,
    exchange: RecordingExchange,
    make_client: ClientFactory,
    fetch: Fetch,
) -> None:
    exchange.add_key("asymmetric-key", key.public_key())
    client = make_client(
        api_key="asymmetric-key",
        private_key_path=pem(tmp_path, key, "pass phrase"),
        private_key_passphrase="pass phrase",
    )
    assert len(fetch(client=client, pair="BTCUSD")) == 4


def test_a_different_private_key_is_refused(
    tmp_path: Path,
    key: PrivateKey,
    exchange: RecordingExchange,
    make_client: ClientFactory,
    fetch: Fetch,
) -> None:
    exchange.add_key("asymmetric-key", ed25519.Ed25519PrivateKey.generate().public_key())
    client = make_client(
        api_key="asymmetric-key",
        private_key_path=pem(tmp_path, key, "phrase"),
        private_key_passphrase="phrase",
    )
    with pytest.raises(errors.AuthenticationError, match="-1022"):
        fetch(client=client)
