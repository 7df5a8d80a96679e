"""RSA and Ed25519 keys sign the same payload as HMAC: base64, then URL-encoded."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import unquote

import httpx
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, padding, rsa

from binance_coinm import (
    Ed25519Signer,
    RsaSigner,
    current_all_open_orders,
    errors,
    load_private_key_signer,
    signed_client,
)

PAYLOAD = b"symbol=BTCUSD_PERP&timestamp=1499827319559"


def write_pem(
    path: Path, key: rsa.RSAPrivateKey | ed25519.Ed25519PrivateKey, passphrase: str | None
) -> Path:
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase.encode())
        if passphrase
        else serialization.NoEncryption()
    )
    path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)
    )
    return path


@pytest.fixture(scope="module")
def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def ed25519_key() -> ed25519.Ed25519PrivateKey:
    return ed25519.Ed25519PrivateKey.generate()


def test_rsa_signature_is_pkcs1v15_sha256_base64_url_encoded(rsa_key: rsa.RSAPrivateKey) -> None:
    signature = RsaSigner(rsa_key).sign(PAYLOAD)
    assert "+" not in signature
    assert "/" not in signature
    rsa_key.public_key().verify(
        base64.b64decode(unquote(signature)), PAYLOAD, padding.PKCS1v15(), hashes.SHA256()
    )


def test_ed25519_signature_is_base64_url_encoded(ed25519_key: ed25519.Ed25519PrivateKey) -> None:
    signature = Ed25519Signer(ed25519_key).sign(PAYLOAD)
    ed25519_key.public_key().verify(base64.b64decode(unquote(signature)), PAYLOAD)


@pytest.mark.parametrize("passphrase", [None, "correct horse"])
def test_keys_load_from_pem_files_with_or_without_passphrase(
    tmp_path: Path,
    rsa_key: rsa.RSAPrivateKey,
    ed25519_key: ed25519.Ed25519PrivateKey,
    passphrase: str | None,
) -> None:
    rsa_signer = load_private_key_signer(
        write_pem(tmp_path / "rsa.pem", rsa_key, passphrase), passphrase
    )
    ed_signer = load_private_key_signer(
        write_pem(tmp_path / "ed.pem", ed25519_key, passphrase), passphrase
    )
    assert (type(rsa_signer), type(ed_signer)) == (RsaSigner, Ed25519Signer)


def test_wrong_passphrase_is_a_configuration_error_without_the_passphrase(
    tmp_path: Path, rsa_key: rsa.RSAPrivateKey
) -> None:
    path = write_pem(tmp_path / "rsa.pem", rsa_key, "right-phrase")
    with pytest.raises(errors.ConfigurationError) as caught:
        load_private_key_signer(path, "wrong-phrase")
    assert "wrong-phrase" not in str(caught.value)
    assert "right-phrase" not in str(caught.value)


@pytest.mark.parametrize(
    ("written", "given", "told"),
    [
        ("right-phrase", None, "encrypted.*BINANCE_PRIVATE_KEY_PASSPHRASE"),
        ("right-phrase", "wrong-phrase", "(?i)incorrect password"),
        (None, "some-phrase", "not encrypted"),
    ],
    ids=["encrypted, no passphrase", "wrong passphrase", "not encrypted, a passphrase"],
)
def test_a_key_that_does_not_load_says_why(
    tmp_path: Path, rsa_key: rsa.RSAPrivateKey, written: str | None, given: str | None, told: str
) -> None:
    path = write_pem(tmp_path / "rsa.pem", rsa_key, written)
    with pytest.raises(errors.ConfigurationError, match=told):
        load_private_key_signer(path, given)


def test_missing_key_file_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(errors.ConfigurationError, match="cannot load"):
        load_private_key_signer(tmp_path / "absent.pem")


def test_signed_client_uses_private_key_path_from_environment(
    tmp_path: Path, ed25519_key: ed25519.Ed25519PrivateKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(
        "BINANCE_PRIVATE_KEY_PATH", str(write_pem(tmp_path / "ed.pem", ed25519_key, None))
    )
    seen: list[httpx.Request] = []

    def server(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=[])

    client = signed_client("key", httpx_args={"transport": httpx.MockTransport(server)})
    current_all_open_orders.sync(client=client, symbol="BTCUSD_PERP")
    payload, _, signature = seen[0].url.query.rpartition(b"&signature=")
    ed25519_key.public_key().verify(base64.b64decode(unquote(signature.decode())), payload)


def test_explicit_secret_wins_over_private_key_path_in_environment(
    tmp_path: Path, ed25519_key: ed25519.Ed25519PrivateKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(
        "BINANCE_PRIVATE_KEY_PATH", str(write_pem(tmp_path / "ed.pem", ed25519_key, None))
    )
    client = signed_client("key", "secret")
    assert "HmacSigner" in repr(client.auth)


def test_signer_reprs_hide_the_key(
    rsa_key: rsa.RSAPrivateKey, ed25519_key: ed25519.Ed25519PrivateKey
) -> None:
    assert repr(RsaSigner(rsa_key)) == "RsaSigner(private_key=<redacted>)"
    assert repr(Ed25519Signer(ed25519_key)) == "Ed25519Signer(private_key=<redacted>)"


def test_hmac_users_never_import_cryptography() -> None:
    probe = "import sys, binance_coinm; print('cryptography' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"


def loaded_within(seconds: float, path: Path | str) -> BaseException | None:
    """What loading the key at ``path`` raised, in a thread that must end within ``seconds``."""
    outcome: list[BaseException | None] = []

    def load() -> None:
        try:
            load_private_key_signer(path)
        except BaseException as exc:
            outcome.append(exc)
        else:
            outcome.append(None)

    thread = threading.Thread(target=load, daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, f"loading {path} did not end within {seconds} s"
    return outcome[0]


def test_a_fifo_as_key_file_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "key.pem"
    os.mkfifo(fifo)
    error = loaded_within(5, fifo)
    assert isinstance(error, errors.ConfigurationError)
    assert "not a regular file" in str(error)


def test_an_endless_device_as_key_file_is_refused() -> None:
    error = loaded_within(5, "/dev/zero")
    assert isinstance(error, errors.ConfigurationError)
    assert "not a regular file" in str(error)


def test_a_key_file_larger_than_any_key_is_refused_unread(tmp_path: Path) -> None:
    huge = tmp_path / "key.pem"
    with huge.open("wb") as file:
        file.truncate(3 * 1024**3)  # sparse: 3 GiB that take no disk
    error = loaded_within(5, huge)
    assert isinstance(error, errors.ConfigurationError)
    assert "larger than" in str(error)
