"""Request weight: 1 with symbol, 40 without, per minute; then 429, then a 418 ban."""

from __future__ import annotations

import json
from typing import Any

from binance_coinm.mock import MockConfig, MockExchange

from .conftest import NOW_MS, FrozenClock, get, signed_query, spec_checked


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


def test_weight_is_counted_per_api_key(exchange: MockExchange) -> None:
    exchange.add_key("second-key", "second-secret")
    used(exchange)
    reply = get(exchange, signed_query(secret="second-secret"), api_key="second-key")
    assert reply.headers["X-MBX-USED-WEIGHT-1M"] == "40"


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


def test_unsigned_operation_is_charged_to_whatever_key_is_sent(exchange: MockExchange) -> None:
    get(exchange, b"", path="/dapi/v1/time", api_key="anyone")
    reply = get(exchange, b"", path="/dapi/v1/time", api_key="anyone")
    assert reply.headers["X-MBX-USED-WEIGHT-1M"] == "2"
