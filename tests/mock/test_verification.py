"""The mock checks keys, parameters, signatures and timestamps as Binance does."""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import quote

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ed25519, padding, rsa

from binance_coinm.mock import DEMO_API_KEY, DEMO_API_SECRET, MockExchange

from .conftest import NOW_MS, FrozenClock, get, sign, signed_query, spec_checked


def error(reply_body: bytes) -> tuple[int, str]:
    body = json.loads(reply_body)
    return body["code"], body["msg"]


def with_signature(query: bytes, signature: str) -> bytes:
    return query + b"&signature=" + quote(signature, safe="").encode()


def test_signed_request_gets_every_open_order(exchange: MockExchange) -> None:
    reply = get(exchange, signed_query())
    assert reply.status == 200
    assert len(json.loads(reply.body)) == len(exchange.orders)


def test_missing_api_key_is_2014(exchange: MockExchange) -> None:
    reply = get(exchange, signed_query(), api_key=None)
    assert (reply.status, error(reply.body)) == (401, (-2014, "API-key format invalid."))


def test_unknown_api_key_is_2015(exchange: MockExchange) -> None:
    reply = get(exchange, signed_query(), api_key="someone-else")
    assert (reply.status, error(reply.body)) == (
        401,
        (-2015, "Invalid API-key, IP, or permissions for action."),
    )


def test_api_key_is_checked_before_the_parameters(exchange: MockExchange) -> None:
    assert error(get(exchange, b"", api_key="someone-else").body)[0] == -2015


def test_wrong_secret_is_1022(exchange: MockExchange) -> None:
    reply = get(exchange, signed_query(secret="not-the-secret"))
    assert (reply.status, error(reply.body)) == (
        400,
        (-1022, "Signature for this request is not valid."),
    )


def test_query_changed_after_signing_is_1022(exchange: MockExchange) -> None:
    query = signed_query({"symbol": "BTCUSD_PERP"}).replace(b"BTCUSD_PERP", b"ETHUSD_PERP")
    assert error(get(exchange, query).body)[0] == -1022


def test_signature_must_be_the_last_parameter(exchange: MockExchange) -> None:
    query = signed_query() + b"&symbol=BTCUSD_PERP"
    assert error(get(exchange, query).body)[0] == -1022


def test_hmac_signature_is_case_insensitive(exchange: MockExchange) -> None:
    query, _, signature = signed_query().partition(b"&signature=")
    assert get(exchange, query + b"&signature=" + signature.upper()).status == 200


def test_non_ascii_signature_is_1022_not_a_crash(exchange: MockExchange) -> None:
    query = b"timestamp=%d&signature=%%C3%%A9" % NOW_MS
    assert error(get(exchange, query).body)[0] == -1022


def test_signature_covers_the_raw_encoded_query(exchange: MockExchange) -> None:
    raw = b"symbol=BTCUSD%%5FPERP&timestamp=%d" % NOW_MS
    reply = get(exchange, sign(raw))
    assert reply.status == 200
    assert {order["symbol"] for order in json.loads(reply.body)} == {"BTCUSD_PERP"}


def test_empty_query_segments_are_not_parameters(exchange: MockExchange) -> None:
    assert get(exchange, sign(b"symbol=BTCUSD_PERP&&timestamp=%d" % NOW_MS)).status == 200


def test_missing_signature_is_1102(exchange: MockExchange) -> None:
    reply = get(exchange, b"timestamp=%d" % NOW_MS)
    assert error(reply.body) == (
        -1102,
        "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.",
    )


@pytest.mark.parametrize(
    "timestamp", [b"", b"soon", b"12.5", b"-1", b"--5", b"%E2%80%8B1", b"1" * 20]
)
def test_missing_or_malformed_timestamp_is_1102(exchange: MockExchange, timestamp: bytes) -> None:
    reply = get(exchange, sign(b"timestamp=" + timestamp))
    assert error(reply.body) == (
        -1102,
        "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.",
    )


def test_timestamp_1000ms_ahead_is_1021(exchange: MockExchange) -> None:
    reply = get(exchange, signed_query(timestamp=NOW_MS + 1000))
    assert (reply.status, error(reply.body)) == (
        400,
        (-1021, "Timestamp for this request was 1000ms ahead of the server's time."),
    )


def test_timestamp_999ms_ahead_is_accepted(exchange: MockExchange) -> None:
    assert get(exchange, signed_query(timestamp=NOW_MS + 999)).status == 200


def test_timestamp_exactly_recv_window_old_is_accepted(exchange: MockExchange) -> None:
    assert get(exchange, signed_query(timestamp=NOW_MS - 5000)).status == 200


def test_timestamp_older_than_default_recv_window_is_1021(exchange: MockExchange) -> None:
    reply = get(exchange, signed_query(timestamp=NOW_MS - 5001))
    assert error(reply.body) == (-1021, "Timestamp for this request is outside of the recvWindow.")


def test_larger_recv_window_accepts_older_timestamps(exchange: MockExchange) -> None:
    query = signed_query({"recvWindow": 60000}, timestamp=NOW_MS - 59_000)
    assert get(exchange, query).status == 200


@pytest.mark.parametrize("recv_window", ["60001", "0", "-5", "--5", "abc", "5000.5", ""])
def test_invalid_recv_window_is_1130(exchange: MockExchange, recv_window: str) -> None:
    reply = get(exchange, signed_query({"recvWindow": recv_window}))
    assert error(reply.body) == (-1130, "Data sent for parameter 'recvWindow' is not valid.")


def test_unknown_parameter_is_1104(exchange: MockExchange) -> None:
    assert error(get(exchange, signed_query({"side": "BUY"})).body) == (
        -1104,
        "Not all sent parameters were read; read '2' parameter(s) but was sent '3'.",
    )


def test_duplicate_parameter_is_1101(exchange: MockExchange) -> None:
    query = b"symbol=BTCUSD_PERP&symbol=ETHUSD_PERP&timestamp=%d" % NOW_MS
    assert error(get(exchange, sign(query)).body) == (
        -1101,
        "Duplicate values for a parameter detected.",
    )


def test_bad_signature_is_reported_before_a_stale_timestamp(exchange: MockExchange) -> None:
    reply = get(exchange, signed_query(timestamp=NOW_MS - 60_000, secret="not-the-secret"))
    assert error(reply.body)[0] == -1022


def test_rsa_key_is_verified_with_its_public_key(exchange: MockExchange) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    exchange.add_key("rsa-key", key.public_key())
    query = b"timestamp=%d" % NOW_MS
    signature = base64.b64encode(key.sign(query, padding.PKCS1v15(), hashes.SHA256())).decode()
    assert get(exchange, with_signature(query, signature), api_key="rsa-key").status == 200
    forged = get(exchange, with_signature(query, signature[::-1]), api_key="rsa-key")
    assert error(forged.body)[0] == -1022


def test_ed25519_key_is_verified_with_its_public_key(exchange: MockExchange) -> None:
    key = ed25519.Ed25519PrivateKey.generate()
    exchange.add_key("ed-key", key.public_key())
    query = b"timestamp=%d" % NOW_MS
    signature = base64.b64encode(key.sign(query)).decode()
    assert get(exchange, with_signature(query, signature), api_key="ed-key").status == 200
    other = base64.b64encode(key.sign(query + b"x")).decode()
    assert error(get(exchange, with_signature(query, other), api_key="ed-key").body)[0] == -1022


def test_demo_key_is_registered() -> None:
    exchange = MockExchange()
    query = signed_query(timestamp=exchange.server_time_ms())
    assert get(exchange, query, api_key=DEMO_API_KEY).status == 200


@pytest.fixture
def time_checked_exchange(spec: dict[str, Any], clock: FrozenClock) -> MockExchange:
    """A spec-checked exchange: every answer, GET /dapi/v1/time's 400 included, is declared."""
    return spec_checked(spec, clock=clock)


def test_unknown_parameter_of_an_unsigned_operation_is_1104(
    time_checked_exchange: MockExchange,
) -> None:
    exchange = time_checked_exchange
    reply = get(exchange, b"symbol=BTCUSD_PERP", path="/dapi/v1/time", api_key=None)
    assert error(reply.body) == (
        -1104,
        "Not all sent parameters were read; read '0' parameter(s) but was sent '1'.",
    )


def test_signed_parameters_on_an_unsigned_operation_are_unread(
    time_checked_exchange: MockExchange,
) -> None:
    reply = get(time_checked_exchange, signed_query(), path="/dapi/v1/time", api_key=None)
    assert error(reply.body)[0] == -1104


@pytest.mark.parametrize(
    ("name", "value"), [("symbol", ""), ("pair", "btcusd"), ("pair", "BTC_USD")]
)
def test_malformed_optional_parameter_is_1130(
    exchange: MockExchange, name: str, value: str
) -> None:
    reply = get(exchange, signed_query({name: value}))
    assert error(reply.body) == (-1130, f"Data sent for parameter '{name}' is not valid.")


def test_missing_parameter_is_reported_before_an_unknown_one(exchange: MockExchange) -> None:
    reply = get(exchange, sign(b"side=BUY"))
    assert error(reply.body)[1] == (
        "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed."
    )


def test_unknown_parameter_is_reported_before_a_malformed_optional_one(
    exchange: MockExchange,
) -> None:
    assert error(get(exchange, signed_query({"recvWindow": 0, "side": "BUY"})).body)[0] == -1104


def test_exchange_repr_holds_no_secret_and_not_the_spec() -> None:
    exchange = MockExchange()
    exchange.add_key("another-key", "another-secret")
    shown = repr(exchange)
    assert "KeyRing(2 keys)" in shown
    hidden = ("another-secret", DEMO_API_SECRET, "operation_id", "serverTime")
    assert [part for part in hidden if part in shown] == []
