"""listenKeys: one per API key, 64 letters and digits, alive 60 minutes from its start or
last keepalive on the exchange's clock; -1125 once gone; the API key checked, no signature."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from binance_coinm.mock import DEMO_API_KEY, MockExchange, Reply
from binance_coinm.spec import SPEC, stream
from binance_coinm_rest.api.listen_key import (
    close_user_data_stream,
    keepalive_user_data_stream,
    start_user_data_stream,
)

from .conftest import FrozenClock

START, KEEPALIVE, CLOSE = "startUserDataStream", "keepaliveUserDataStream", "closeUserDataStream"
MINUTE_MS = 60_000
LIFE_MS = stream().listen_key_validity_minutes * MINUTE_MS
KEEPALIVE_MS = stream().keepalive_extends_minutes * MINUTE_MS
NOT_FOUND = stream().not_found_code


def call(exchange: MockExchange, operation_id: str, api_key: str | None = DEMO_API_KEY) -> Reply:
    operation = SPEC.operation(operation_id)
    headers = {} if api_key is None else {SPEC.api_key_header.lower(): api_key}
    return exchange.answer(operation.method, operation.path, b"", headers, b"")


def body(reply: Reply) -> Any:
    return json.loads(reply.body)


def start(exchange: MockExchange, api_key: str = DEMO_API_KEY) -> str:
    reply = call(exchange, START, api_key)
    assert reply.status == 200, reply.body
    key: str = body(reply)["listenKey"]
    return key


def code(reply: Reply) -> int:
    found: int = body(reply)["code"]
    return found


def alive(exchange: MockExchange, key: str) -> bool:
    exchange.streams.tick()
    return key in exchange.streams.keys


def test_a_new_key_is_64_letters_and_digits(exchange: MockExchange) -> None:
    assert re.fullmatch(r"[A-Za-z0-9]{64}", start(exchange))


def test_new_keys_differ(exchange: MockExchange) -> None:
    exchange.add_key("second", "secret")
    assert start(exchange) != start(exchange, "second")


def test_starting_again_answers_the_live_key(exchange: MockExchange) -> None:
    assert start(exchange) == start(exchange)


def test_one_api_key_has_one_listen_key(exchange: MockExchange) -> None:
    for _ in range(5):
        start(exchange)
    assert len(exchange.streams.keys) == 1


def test_each_api_key_has_its_own_listen_key(exchange: MockExchange) -> None:
    exchange.add_key("second", "secret")
    assert len({start(exchange), start(exchange, "second")}) == 2


def test_a_key_lives_60_minutes_from_its_start(exchange: MockExchange, clock: FrozenClock) -> None:
    key = start(exchange)
    clock.now_ms += LIFE_MS - 1
    assert alive(exchange, key)
    clock.now_ms += 1
    assert not alive(exchange, key)


def test_starting_again_extends_the_key_from_now(
    exchange: MockExchange, clock: FrozenClock
) -> None:
    key = start(exchange)
    clock.now_ms += 50 * MINUTE_MS
    start(exchange)
    clock.now_ms += LIFE_MS - 1
    assert alive(exchange, key)
    clock.now_ms += 1
    assert not alive(exchange, key)


def test_keepalive_answers_the_key(exchange: MockExchange) -> None:
    key = start(exchange)
    reply = call(exchange, KEEPALIVE)
    assert (reply.status, body(reply)) == (200, {"listenKey": key})


def test_keepalive_extends_the_key_60_minutes_from_now(
    exchange: MockExchange, clock: FrozenClock
) -> None:
    key = start(exchange)
    clock.now_ms += 30 * MINUTE_MS
    call(exchange, KEEPALIVE)
    clock.now_ms += KEEPALIVE_MS - 1
    assert alive(exchange, key)
    clock.now_ms += 1
    assert not alive(exchange, key)


def test_the_keepalive_extension_is_the_spec_s_60_minutes() -> None:
    assert stream().keepalive_extends_minutes == 60


def test_a_key_whose_time_passed_answers_1125_to_keepalive(
    exchange: MockExchange, clock: FrozenClock
) -> None:
    start(exchange)
    clock.now_ms += LIFE_MS
    reply = call(exchange, KEEPALIVE)
    assert (reply.status, code(reply)) == (400, NOT_FOUND)


def test_after_expiry_start_answers_a_new_key(exchange: MockExchange, clock: FrozenClock) -> None:
    first = start(exchange)
    clock.now_ms += LIFE_MS
    assert start(exchange) != first


@pytest.mark.parametrize("operation_id", [KEEPALIVE, CLOSE])
def test_no_key_answers_1125(exchange: MockExchange, operation_id: str) -> None:
    reply = call(exchange, operation_id)
    assert (reply.status, code(reply)) == (400, NOT_FOUND)


def test_close_answers_an_empty_object_and_ends_the_key(exchange: MockExchange) -> None:
    key = start(exchange)
    reply = call(exchange, CLOSE)
    assert (reply.status, body(reply), alive(exchange, key)) == (200, {}, False)


def test_a_closed_key_answers_1125_to_keepalive(exchange: MockExchange) -> None:
    start(exchange)
    call(exchange, CLOSE)
    assert code(call(exchange, KEEPALIVE)) == NOT_FOUND


def test_closing_one_api_key_s_listen_key_leaves_the_others(exchange: MockExchange) -> None:
    exchange.add_key("second", "secret")
    start(exchange)
    other = start(exchange, "second")
    call(exchange, CLOSE)
    assert exchange.streams.keys == (other,)


@pytest.mark.parametrize("operation_id", [START, KEEPALIVE, CLOSE])
def test_a_missing_api_key_is_2014(exchange: MockExchange, operation_id: str) -> None:
    reply = call(exchange, operation_id, api_key=None)
    assert code(reply) == SPEC.error_code("BAD_API_KEY_FMT")


@pytest.mark.parametrize("operation_id", [START, KEEPALIVE, CLOSE])
def test_an_unknown_api_key_is_2015(exchange: MockExchange, operation_id: str) -> None:
    reply = call(exchange, operation_id, api_key="nobody")
    assert code(reply) == SPEC.error_code("REJECTED_MBX_KEY")


def test_unknown_api_keys_leave_nothing_behind(exchange: MockExchange) -> None:
    for number in range(1000):
        call(exchange, START, api_key=f"unknown{number}")
    assert exchange.streams.keys == ()


def test_keys_that_expired_are_forgotten(exchange: MockExchange, clock: FrozenClock) -> None:
    for number in range(50):
        exchange.add_key(f"key{number}", "secret")
        start(exchange, f"key{number}")
    clock.now_ms += LIFE_MS
    exchange.streams.tick()
    assert exchange.streams.keys == ()


@pytest.mark.parametrize("operation_id", [START, KEEPALIVE, CLOSE])
def test_each_call_weighs_1(exchange: MockExchange, operation_id: str) -> None:
    reply = call(exchange, operation_id)
    assert reply.headers[SPEC.used_weight_header] == "1"


def test_no_timestamp_or_signature_is_needed(exchange: MockExchange) -> None:
    operation = SPEC.operation(START)
    assert (operation.signed, call(exchange, START).status) == (False, 200)


def test_the_generated_client_starts_keeps_alive_and_closes(
    binance_mock_exchange: MockExchange, binance_mock_client: Any
) -> None:
    key = start_user_data_stream.sync(client=binance_mock_client).listen_key
    kept = keepalive_user_data_stream.sync(client=binance_mock_client).listen_key
    close_user_data_stream.sync(client=binance_mock_client)
    assert (kept, binance_mock_exchange.streams.keys) == (key, ())


def test_the_key_is_in_no_repr(exchange: MockExchange) -> None:
    key = start(exchange)
    shown = repr(exchange) + repr(exchange.streams) + repr(exchange.streams.faults)
    assert key not in shown
