"""No credential in a traceback's frame locals, as error trackers record them, nor in reprs."""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

import binance_coinm
from binance_coinm import BinanceAuth, HmacSigner, current_all_open_orders, errors, signed_client

KEY = "MY-API-KEY-4711"
SECRET = "MY-API-SECRET-0815"
PASSPHRASE = "MY-PASSPHRASE-2342"


PACKAGE = Path(binance_coinm.__file__).parent


def formatted(error: BaseException) -> str:
    """What an error tracker records of this package: its frames with their locals' reprs,
    and the messages of the error and of whatever it chains (the caller's frames are theirs)."""
    report: traceback.TracebackException | None = traceback.TracebackException.from_exception(
        error, capture_locals=True
    )
    parts: list[str] = []
    while report is not None:
        parts.append("".join(report.format_exception_only()))
        for frame in report.stack:
            if Path(frame.filename).is_relative_to(PACKAGE):
                parts.append(f"{frame.filename}:{frame.name} {frame.locals}")
        report = report.__cause__ or report.__context__
    assert len(parts) > 1, "no frame of the package was recorded"
    return "\n".join(parts)


def assert_no_credentials(text: str) -> None:
    for value in (
        KEY,
        SECRET,
        PASSPHRASE,
        "\ud800".encode("utf-8", "surrogatepass").decode("latin-1"),
    ):
        assert value not in text


def encrypted_key(tmp_path: Path) -> Path:
    path = tmp_path / "key.pem"
    key = ed25519.Ed25519PrivateKey.generate()
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(PASSPHRASE.encode()),
        )
    )
    return path


@pytest.mark.parametrize(
    "options",
    [
        {"base_url": "http://[::1"},
        {"base_url": "https://dapi.binance.com/?x=1"},
        {"recv_window": 0},
        {"timeout": -1},
        {"max_retries": "2"},
        {"weight_limit": 0},
        {"on_weight_exceeded": "bogus"},
        {"httpx_args": {"auth": None}},
    ],
    ids=lambda options: next(iter(options)),
)
def test_a_configuration_error_keeps_key_and_secret_out_of_every_frame(
    options: dict[str, Any],
) -> None:
    with pytest.raises(errors.ConfigurationError) as caught:
        signed_client(KEY, SECRET, private_key_passphrase=PASSPHRASE, **options)
    assert_no_credentials(formatted(caught.value))


def test_a_wrong_passphrase_is_kept_out_of_every_frame(tmp_path: Path) -> None:
    path = encrypted_key(tmp_path)
    with pytest.raises(errors.ConfigurationError) as caught:
        signed_client(KEY, private_key_path=path, private_key_passphrase=PASSPHRASE + "x")
    text = formatted(caught.value)
    assert_no_credentials(text)
    assert PASSPHRASE + "x" not in text


@pytest.mark.parametrize(("key", "secret"), [(KEY, "\ud800"), ("bad key", SECRET), ("", SECRET)])
def test_an_unusable_credential_is_refused_without_showing_either(key: str, secret: str) -> None:
    with pytest.raises(errors.ConfigurationError) as caught:
        signed_client(key, secret)
    text = formatted(caught.value)
    assert_no_credentials(text)
    assert "bad key" not in text
    assert "MY-API-KEY" not in text


def test_an_auth_that_failed_half_way_still_has_a_repr() -> None:
    with pytest.raises(errors.ConfigurationError) as caught:
        BinanceAuth(KEY, HmacSigner(SECRET), base_url="https://dapi.binance.com", recv_window=0)
    text = formatted(caught.value)
    assert "BinanceAuth(api_key=<redacted>" in text
    assert_no_credentials(text)


@pytest.mark.parametrize(
    "failure",
    [httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), httpx.RemoteProtocolError("cut")],
    ids=type,
)
def test_a_transport_error_carries_no_request_and_no_key(failure: httpx.TransportError) -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise failure

    client = signed_client(
        KEY, SECRET, max_retries=0, httpx_args={"transport": httpx.MockTransport(fail)}
    )
    with client, pytest.raises(errors.APIConnectionError) as caught:
        current_all_open_orders.sync(client=client, symbol="BTCUSD_PERP")
    assert (caught.value.__cause__, caught.value.__context__) == (None, None)
    assert_no_credentials(formatted(caught.value))
    assert "signature=" not in formatted(caught.value)


def test_a_status_error_formats_without_the_key() -> None:
    transport = httpx.MockTransport(lambda r: httpx.Response(400, json={"code": -1121, "msg": "x"}))
    client = signed_client(KEY, SECRET, httpx_args={"transport": transport})
    with client, pytest.raises(errors.InvalidRequestError) as caught:
        current_all_open_orders.sync(client=client, symbol="BTCUSD_PERP")
    assert_no_credentials(formatted(caught.value))
