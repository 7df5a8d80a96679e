"""Error answers become the typed error the spec's table names, whatever the body holds."""

from __future__ import annotations

import pickle

import httpx
import pytest

from binance_coinm import current_all_open_orders, errors, signed_client
from binance_coinm.spec import SPEC


def answer(status: int, body: bytes, headers: dict[str, str] | None = None) -> errors.BinanceError:
    transport = httpx.MockTransport(
        lambda request: httpx.Response(status, content=body, headers=headers or {})
    )
    client = signed_client("key", "secret", max_retries=0, httpx_args={"transport": transport})
    with client, pytest.raises(errors.BinanceError) as caught:
        current_all_open_orders.sync(client=client)
    return caught.value


def test_a_code_without_a_message_keeps_the_code() -> None:
    error = answer(400, b'{"code": -1121}')
    assert isinstance(error, errors.InvalidRequestError)
    assert (error.code, error.msg) == (-1121, "")
    assert str(error) == "Binance error -1121 (HTTP 400)"


def test_a_timestamp_code_without_a_message_is_a_timestamp_error() -> None:
    assert isinstance(answer(400, b'{"code": -1021}'), errors.TimestampError)


@pytest.mark.parametrize("code", [b'"-1022"', b"true", b"-1022.0", b"null", b"[-1022]"])
def test_a_code_that_is_not_a_json_integer_is_no_code(code: bytes) -> None:
    error = answer(400, b'{"code": ' + code + b', "msg": "x"}')
    assert isinstance(error, errors.InvalidRequestError)
    assert error.code is None


def test_a_message_that_is_not_a_string_keeps_the_code() -> None:
    error = answer(400, b'{"code": -1022, "msg": 5}')
    assert isinstance(error, errors.AuthenticationError)
    assert error.code == -1022


@pytest.mark.parametrize(
    "body",
    [b"[" * 50_000 + b"]" * 50_000, b'{"code": -1121, "msg": "\xff"}', b"\xff\xfe", b""],
    ids=["deep", "invalid UTF-8 in a string", "not UTF-8", "empty"],
)
@pytest.mark.parametrize("status", [400, 500])
def test_a_hostile_error_body_is_still_a_typed_status_error(body: bytes, status: int) -> None:
    error = answer(status, body)
    assert isinstance(error, errors.APIStatusError)
    assert (error.status_code, error.code) == (status, None)


def test_a_used_weight_header_of_thousands_of_digits_is_not_read() -> None:
    error = answer(400, b'{"code": -1121, "msg": "x"}', {"X-MBX-USED-WEIGHT-1M": "9" * 5000})
    assert isinstance(error, errors.APIStatusError)
    assert error.used_weight_1m is None


@pytest.mark.parametrize(
    ("name", "error_class"),
    [
        ("INVALID_TIMESTAMP", errors.TimestampError),
        ("INVALID_SIGNATURE", errors.AuthenticationError),
        ("UNAUTHORIZED", errors.AuthenticationError),
        ("BAD_API_KEY_FMT", errors.AuthenticationError),
        ("REJECTED_MBX_KEY", errors.AuthenticationError),
        ("NO_SUCH_ORDER", errors.OrderNotFoundError),
        ("UNEXPECTED_RESP", errors.ExecutionStatusUnknownError),
        ("TIMEOUT", errors.ExecutionStatusUnknownError),
        ("BAD_SYMBOL", errors.InvalidRequestError),
        ("DISCONNECTED", errors.ServerError),
    ],
)
def test_each_code_raises_the_class_the_spec_names(
    name: str, error_class: type[errors.APIStatusError]
) -> None:
    code = SPEC.error_codes[name]
    message = code.messages["default"]
    body = f'{{"code": {code.code}, "msg": "{message.text}"}}'.encode()
    error = answer(message.status, body)
    assert type(error) is error_class
    assert (error.code, error.msg) == (code.code, message.text)


def test_every_class_named_in_the_spec_exists() -> None:
    named = {c.error_class for c in SPEC.error_codes.values() if c.error_class}
    named |= {name for _, name in SPEC.messages.values()} | set(SPEC.status_classes.values())
    assert named <= set(errors.__all__)


def test_an_unknown_execution_status_503_is_told_apart_from_a_failed_one() -> None:
    unknown, _ = SPEC.messages["execution-status-unknown"]
    failed, _ = SPEC.messages["service-unavailable"]
    assert isinstance(
        answer(503, f'{{"code": -1000, "msg": "{unknown.text}"}}'.encode()),
        errors.ExecutionStatusUnknownError,
    )
    error = answer(503, f'{{"code": -1001, "msg": "{failed.text}"}}'.encode())
    assert type(error) is errors.ServerError


@pytest.mark.parametrize("status", [302, 199])
def test_a_status_outside_the_table_is_a_plain_status_error(status: int) -> None:
    assert type(answer(status, b"")) is errors.APIStatusError


@pytest.mark.parametrize(
    ("status", "body"),
    [(400, b'{"code": -2013, "msg": "Order does not exist."}'), (429, b"{}"), (200, b"[1]")],
    ids=["status error", "rate limit", "decode error"],
)
def test_an_error_crosses_a_process_boundary_as_it_is(status: int, body: bytes) -> None:
    transport = httpx.MockTransport(
        lambda request: httpx.Response(status, content=body, headers={"Retry-After": "7"})
    )
    client = signed_client("key", "secret", max_retries=0, httpx_args={"transport": transport})
    with client, pytest.raises(errors.APIResponseError) as caught:
        current_all_open_orders.sync(client=client)
    error = caught.value
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    assert (type(copy), str(copy)) == (type(error), str(error))
    assert {k: v for k, v in vars(copy).items() if k != "headers"} == {
        k: v for k, v in vars(error).items() if k != "headers"
    }
    assert list(copy.headers.multi_items()) == list(error.headers.multi_items())
