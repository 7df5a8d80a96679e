"""Request weight: 1 with symbol, 40 without, per minute per IP; then 429, then a 418 ban."""

from __future__ import annotations

import contextlib
import json
from typing import Any

import httpx
import pytest

from binance_coinm import errors
from binance_coinm.mock import (
    DEFAULT_CLIENT_IP,
    DEMO_API_KEY,
    MockConfig,
    MockExchange,
    Rejection,
    Reply,
)
from binance_coinm.mock.weights import WeightLimiter

from .conftest import NOW_MS, FrozenClock, get, signed_query, spec_checked

TIME_URL = "https://dapi.binance.com/dapi/v1/time"


def used(exchange: MockExchange, **params: str) -> int:
    return int(get(exchange, signed_query(params)).headers["X-MBX-USED-WEIGHT-1M"])


def test_symbol_costs_1_and_no_symbol_costs_40(exchange: MockExchange) -> None:
    assert [
        used(exchange, symbol="BTCUSD_PERP"),
        used(exchange),
        used(exchange, pair="BTCUSD"),
    ] == [1, 41, 81]


def test_used_weight_is_sent_on_errors_too(exchange: MockExchange) -> None:
    reply = get(exchange, signed_query({"symbol": "NOPE_PERP"}))
    assert (reply.status, reply.headers["X-MBX-USED-WEIGHT-1M"]) == (400, "1")


def test_rejected_keys_are_charged_too(exchange: MockExchange) -> None:
    reply = get(exchange, signed_query(), api_key="someone-else")
    assert (reply.status, reply.headers["X-MBX-USED-WEIGHT-1M"]) == (401, "40")


def from_ip(exchange: MockExchange, client_ip: str, api_key: str = DEMO_API_KEY) -> Reply:
    headers = {"x-mbx-apikey": api_key}
    return exchange.answer(
        "GET", "/dapi/v1/openOrders", signed_query(), headers, b"", client_ip=client_ip
    )


def test_two_keys_from_one_ip_share_the_count(exchange: MockExchange) -> None:
    exchange.add_key("second-key", "second-secret")
    used(exchange)
    reply = get(exchange, signed_query(secret="second-secret"), api_key="second-key")
    assert reply.headers["X-MBX-USED-WEIGHT-1M"] == "80"


def test_two_ips_are_counted_apart(exchange: MockExchange) -> None:
    from_ip(exchange, "10.0.0.1")
    reply = from_ip(exchange, "10.0.0.2")
    assert reply.headers["X-MBX-USED-WEIGHT-1M"] == "40"


def test_weight_per_key_counts_each_key_apart(spec: dict[str, Any], clock: FrozenClock) -> None:
    exchange = spec_checked(spec, config=MockConfig(weight_per="key"), clock=clock)
    exchange.add_key("second-key", "second-secret")
    used(exchange)
    reply = get(exchange, signed_query(secret="second-secret"), api_key="second-key")
    assert reply.headers["X-MBX-USED-WEIGHT-1M"] == "40"


def test_weight_per_key_ignores_the_ip(spec: dict[str, Any], clock: FrozenClock) -> None:
    exchange = spec_checked(spec, config=MockConfig(weight_per="key"), clock=clock)
    from_ip(exchange, "10.0.0.1")
    assert from_ip(exchange, "10.0.0.2").headers["X-MBX-USED-WEIGHT-1M"] == "80"


def test_in_process_transport_calls_from_loopback_by_default(exchange: MockExchange) -> None:
    with httpx.Client(transport=exchange.transport()) as client:
        client.get(TIME_URL)
    assert exchange.weights.used(DEFAULT_CLIENT_IP, exchange.server_time_ms()) == 1


def test_transports_with_two_addresses_are_two_callers(exchange: MockExchange) -> None:
    with (
        httpx.Client(transport=exchange.transport(client_ip="10.0.0.1")) as first,
        httpx.Client(transport=exchange.transport(client_ip="::2")) as second,
    ):
        first.get(TIME_URL)
        answered = [second.get(TIME_URL).headers["X-MBX-USED-WEIGHT-1M"] for _ in range(2)]
    assert answered == ["1", "2"]


@pytest.mark.anyio
async def test_asgi_caller_is_counted_by_its_address(exchange: MockExchange) -> None:
    transports = [
        httpx.ASGITransport(app=exchange.app, client=(address, 40_000))
        for address in ("10.0.0.1", "10.0.0.2", "10.0.0.1")
    ]
    answered = []
    for transport in transports:
        async with httpx.AsyncClient(transport=transport) as client:
            answered.append((await client.get(TIME_URL)).headers["X-MBX-USED-WEIGHT-1M"])
    assert answered == ["1", "1", "2"]


@pytest.mark.parametrize("address", ["localhost", "10.0.0", "", "10.0.0.1:80"])
def test_transport_address_that_is_no_ip_is_refused(address: str) -> None:
    with pytest.raises(errors.ConfigurationError, match="client_ip must be an IP address"):
        MockExchange().transport(client_ip=address)


def test_transport_address_that_is_no_str_is_an_argument_type_error() -> None:
    with pytest.raises(errors.ArgumentTypeError, match="client_ip"):
        MockExchange().transport(client_ip=("10.0.0.1", 80))  # type: ignore[arg-type]


def test_weight_resets_every_minute(exchange: MockExchange, clock: FrozenClock) -> None:
    used(exchange)
    clock.now_ms = (NOW_MS // 60_000 + 1) * 60_000
    reply = get(exchange, signed_query(timestamp=clock.now_ms))
    assert reply.headers["X-MBX-USED-WEIGHT-1M"] == "40"


def test_past_the_limit_is_429_with_retry_after_to_the_next_minute(
    exchange: MockExchange, clock: FrozenClock
) -> None:
    exchange.weights.limit = 80
    clock.now_ms = NOW_MS + 15_000
    replies = [get(exchange, signed_query(timestamp=clock.now_ms)) for _ in range(3)]
    assert [r.status for r in replies] == [200, 200, 429]
    assert json.loads(replies[2].body)["code"] == -1003
    assert replies[2].headers["Retry-After"] == "45"


def test_keeping_on_after_429_gets_the_key_banned_with_418(exchange: MockExchange) -> None:
    exchange.weights.limit = 40
    statuses = [get(exchange, signed_query()).status for _ in range(6)]
    assert statuses == [200, 429, 429, 429, 418, 418]
    banned = get(exchange, signed_query())
    assert (banned.status, banned.headers["Retry-After"]) == (418, "120")


def test_ban_ends_after_its_duration(exchange: MockExchange, clock: FrozenClock) -> None:
    exchange.weights.limit = 40
    for _ in range(5):
        get(exchange, signed_query())
    clock.now_ms = NOW_MS + 120_000
    assert get(exchange, signed_query(timestamp=clock.now_ms)).status == 200


def test_config_sets_the_limit_and_the_ban(spec: dict[str, Any], clock: FrozenClock) -> None:
    config = MockConfig(weight_limit=1, ban_after=0, ban_seconds=600)
    exchange = spec_checked(spec, config=config, clock=clock)
    replies = [get(exchange, signed_query({"symbol": "BTCUSD_PERP"})) for _ in range(2)]
    assert [r.status for r in replies] == [200, 418]
    assert replies[1].headers["Retry-After"] == "600"


def test_a_short_window_resets_the_weight_and_sets_retry_after_at_its_own_end(
    spec: dict[str, Any], clock: FrozenClock
) -> None:
    exchange = spec_checked(spec, config=MockConfig(weight_limit=40, weight_window=2), clock=clock)
    clock.now_ms = NOW_MS + 500
    replies = [get(exchange, signed_query(timestamp=clock.now_ms)) for _ in range(2)]
    assert [(r.status, r.headers.get("Retry-After")) for r in replies] == [(200, None), (429, "2")]
    clock.now_ms = NOW_MS + 2_000
    assert get(exchange, signed_query(timestamp=clock.now_ms)).status == 200


def test_default_limit_is_coin_m_2400_per_minute() -> None:
    assert MockExchange().weights.limit == 2400


def test_429_says_the_limit_in_binance_words(exchange: MockExchange) -> None:
    exchange.weights.limit = 40
    get(exchange, signed_query())
    assert json.loads(get(exchange, signed_query()).body) == {
        "code": -1003,
        "msg": "Too many requests; current limit is 40 requests per minute. "
        "Please use the websocket for live updates to avoid polling the API.",
    }


def test_418_says_until_when_in_binance_words(spec: dict[str, Any], clock: FrozenClock) -> None:
    config = MockConfig(weight_limit=1, ban_after=0, ban_seconds=600)
    exchange = spec_checked(spec, config=config, clock=clock)
    get(exchange, signed_query({"symbol": "BTCUSD_PERP"}))
    banned = get(exchange, signed_query({"symbol": "BTCUSD_PERP"}))
    assert (banned.status, json.loads(banned.body)) == (
        418,
        {
            "code": -1003,
            "msg": f"Way too many requests; IP banned until {NOW_MS + 600_000}. "
            "Please use the websocket for live updates to avoid bans.",
        },
    )


def test_unsigned_operation_is_charged_to_the_ip_whatever_key_is_sent(
    exchange: MockExchange,
) -> None:
    get(exchange, b"", path="/dapi/v1/time", api_key="anyone")
    reply = get(exchange, b"", path="/dapi/v1/time", api_key="someone-else")
    assert reply.headers["X-MBX-USED-WEIGHT-1M"] == "2"


def test_per_key_unsigned_operation_is_charged_to_whatever_key_is_sent(
    spec: dict[str, Any], clock: FrozenClock
) -> None:
    exchange = spec_checked(spec, config=MockConfig(weight_per="key"), clock=clock)
    get(exchange, b"", path="/dapi/v1/time", api_key="anyone")
    get(exchange, b"", path="/dapi/v1/time", api_key="someone-else")
    reply = get(exchange, b"", path="/dapi/v1/time", api_key="anyone")
    assert reply.headers["X-MBX-USED-WEIGHT-1M"] == "2"


@pytest.mark.parametrize(
    ("option", "value"),
    [("weight_limit", 0), ("ban_after", -1), ("ban_seconds", 0), ("weight_per", "account")],
)
def test_config_out_of_range_is_a_configuration_error(option: str, value: object) -> None:
    with pytest.raises(errors.ConfigurationError, match=option):
        MockConfig(**{option: value})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("option", "value"), [("weight_limit", "2400"), ("ban_after", True), ("ban_seconds", 1.5)]
)
def test_config_count_of_another_type_is_an_argument_type_error(option: str, value: object) -> None:
    with pytest.raises(errors.ArgumentTypeError, match=option):
        MockConfig(**{option: value})  # type: ignore[arg-type]


def test_limiter_keeps_at_most_max_clients_of_100k_distinct_keys() -> None:
    limiter = WeightLimiter(limit=1, ban_after=0, max_clients=1_000)
    for number in range(100_000):
        for _ in range(2):  # the second is over the limit and banned: every map is filled
            with contextlib.suppress(Rejection):
                limiter.charge(f"key-{number}", 1, NOW_MS)
    assert limiter.tracked() <= 3 * 1_000


def test_limiter_forgets_the_counts_of_a_past_minute() -> None:
    limiter = WeightLimiter()
    for number in range(1_000):
        limiter.charge(f"key-{number}", 1, NOW_MS)
    limiter.charge("next-minute", 1, NOW_MS + 60_000)
    assert limiter.tracked() == 1


def test_limiter_forgets_a_ban_once_it_ended(spec: dict[str, Any], clock: FrozenClock) -> None:
    exchange = spec_checked(spec, config=MockConfig(weight_limit=1, ban_after=0), clock=clock)
    for _ in range(2):
        get(exchange, signed_query({"symbol": "BTCUSD_PERP"}))
    clock.now_ms += 120_000
    get(exchange, b"", path="/dapi/v1/time", api_key=None)
    assert exchange.weights.tracked() == 1


def test_exchange_flooded_with_unknown_keys_stays_bounded(
    spec: dict[str, Any], clock: FrozenClock
) -> None:
    exchange = spec_checked(
        spec,
        config=MockConfig(weight_per="key"),
        weights=WeightLimiter(max_clients=100),
        clock=clock,
    )
    for number in range(2_000):
        get(exchange, b"", path="/dapi/v1/time", api_key=f"made-up-{number}")
    assert exchange.weights.tracked() <= 100


def test_the_client_seen_least_recently_is_forgotten_first() -> None:
    limiter = WeightLimiter(max_clients=2)
    limiter.charge("first", 1, NOW_MS)
    limiter.charge("second", 1, NOW_MS)
    limiter.charge("first", 1, NOW_MS)
    limiter.charge("third", 1, NOW_MS)
    assert [limiter.used(c, NOW_MS) for c in ("first", "second", "third")] == [2, 0, 1]
