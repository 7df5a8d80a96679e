"""The client follows the exchange's clock: resync and one retry on -1021, or sync up front."""

from __future__ import annotations

import json
from typing import Any

import anyio
import pytest

from binance_coinm import (
    async_sync_clock,
    current_all_open_orders,
    errors,
    signed_client,
    sync_clock,
)
from binance_coinm.calls.policy import MALFORMED_TIMESTAMP
from binance_coinm.mock import DEMO_API_KEY, DEMO_API_SECRET, Reply

from .conftest import ClientFactory, ControlledClock, Fetch, RecordingExchange

SKEWS = [pytest.param(-7000, id="client-ahead"), pytest.param(7000, id="client-behind")]


@pytest.mark.parametrize("skew_ms", SKEWS)
def test_minus_1021_resyncs_the_clock_and_retries_once(
    exchange: RecordingExchange, make_client: ClientFactory, fetch: Fetch, skew_ms: int
) -> None:
    exchange.faults.clock_skew_ms = skew_ms
    client = make_client()
    assert len(fetch(client=client, symbol="BTCUSD_PERP")) == 4
    assert exchange.paths() == ["/dapi/v1/openOrders", "/dapi/v1/time", "/dapi/v1/openOrders"]
    fetch(client=client, symbol="BTCUSD_PERP")
    assert exchange.paths()[3:] == ["/dapi/v1/openOrders"]


@pytest.mark.parametrize("skew_ms", SKEWS)
def test_sync_clock_up_front_avoids_the_rejection(
    exchange: RecordingExchange, make_client: ClientFactory, skew_ms: int
) -> None:
    exchange.faults.clock_skew_ms = skew_ms
    client = make_client()
    assert sync_clock(client) == skew_ms
    assert anyio.run(async_sync_clock, client) == skew_ms


class LyingTimeExchange(RecordingExchange):
    """Reports a server time a minute off its own clock: a resync cannot help."""

    def answer(
        self, method: str, path: str, raw_query: bytes, headers: Any, body: bytes, **sender: str
    ) -> Reply:
        reply = super().answer(method, path, raw_query, headers, body, **sender)
        if path == "/dapi/v1/time":
            return Reply(
                reply.status,
                reply.headers,
                json.dumps({"serverTime": self.server_time_ms() + 60_000}).encode(),
            )
        return reply


def test_a_clock_that_stays_wrong_is_a_timestamp_error_after_one_resync(
    clock: ControlledClock,
) -> None:
    exchange = LyingTimeExchange(clock=clock)
    exchange.requests = []
    exchange.faults.clock_skew_ms = 7000
    client = signed_client(
        DEMO_API_KEY, DEMO_API_SECRET, httpx_args={"transport": exchange.transport()}
    )
    with client, pytest.raises(errors.TimestampError) as caught:
        current_all_open_orders.sync(client=client, symbol="BTCUSD_PERP")
    assert caught.value.code == -1021
    assert exchange.paths() == ["/dapi/v1/openOrders", "/dapi/v1/time", "/dapi/v1/openOrders"]


class SlowTimeExchange(RecordingExchange):
    """Answers /dapi/v1/time 400 ms after the request left, reading its clock half-way."""

    def answer(
        self, method: str, path: str, raw_query: bytes, headers: Any, body: bytes, **sender: str
    ) -> Reply:
        if path != "/dapi/v1/time":
            return super().answer(method, path, raw_query, headers, body, **sender)
        local = self.clock
        assert isinstance(local, ControlledClock)
        local.now_ms += 200
        reply = super().answer(method, path, raw_query, headers, body, **sender)
        local.now_ms += 200
        return reply


@pytest.mark.parametrize("skew_ms", SKEWS)
def test_the_offset_is_taken_at_the_middle_of_the_round_trip(
    clock: ControlledClock, skew_ms: int
) -> None:
    exchange = SlowTimeExchange(clock=clock)
    exchange.requests = []
    exchange.faults.clock_skew_ms = skew_ms
    client = signed_client(
        DEMO_API_KEY, DEMO_API_SECRET, httpx_args={"transport": exchange.transport()}
    )
    with client:
        assert sync_clock(client) == skew_ms
        assert anyio.run(async_sync_clock, client) == skew_ms


class PoisoningTimeExchange(RecordingExchange):
    """Answers /dapi/v1/time with a server time no clock can show (int64's largest)."""

    def answer(
        self, method: str, path: str, raw_query: bytes, headers: Any, body: bytes, **sender: str
    ) -> Reply:
        reply = super().answer(method, path, raw_query, headers, body, **sender)
        if path == "/dapi/v1/time":
            return Reply(reply.status, reply.headers, b'{"serverTime": 9223372036854775807}')
        return reply


def test_a_server_time_no_clock_can_show_is_not_taken(clock: ControlledClock, fetch: Fetch) -> None:
    exchange = PoisoningTimeExchange(clock=clock)
    exchange.requests = []
    exchange.faults.clock_skew_ms = 7000
    client = signed_client(
        DEMO_API_KEY, DEMO_API_SECRET, httpx_args={"transport": exchange.transport()}
    )
    with client:
        with pytest.raises(errors.TimestampError):
            fetch(client=client, symbol="BTCUSD_PERP")
        assert client.clock.offset_ms == 0
        exchange.faults.clock_skew_ms = 0
        assert len(fetch(client=client, symbol="BTCUSD_PERP")) == 4


def test_sync_clock_refuses_a_server_time_no_clock_can_show(clock: ControlledClock) -> None:
    exchange = PoisoningTimeExchange(clock=clock)
    exchange.requests = []
    client = signed_client(
        DEMO_API_KEY, DEMO_API_SECRET, httpx_args={"transport": exchange.transport()}
    )
    with client, pytest.raises(errors.ResponseDecodeError, match="serverTime"):
        sync_clock(client)
    assert client.clock.offset_ms == 0


def test_a_malformed_timestamp_answer_leads_back_to_a_sane_clock(
    exchange: RecordingExchange, make_client: ClientFactory, fetch: Fetch
) -> None:
    client = make_client()
    client.clock.offset_ms = 10**17  # a clock gone wrong: every timestamp is centuries ahead

    malformed = Reply(
        400,
        {"Content-Type": "application/json"},
        json.dumps({"code": -1102, "msg": MALFORMED_TIMESTAMP}).encode(),
    )
    refused_once = [malformed]

    class RefusingTimestamp(RecordingExchange):
        def answer(
            self, method: str, path: str, raw_query: bytes, headers: Any, body: bytes, **sender: str
        ) -> Reply:
            reply = super().answer(method, path, raw_query, headers, body, **sender)
            return refused_once.pop() if refused_once and path != "/dapi/v1/time" else reply

    exchange.__class__ = RefusingTimestamp
    assert len(fetch(client=client, symbol="BTCUSD_PERP")) == 4
    assert exchange.paths() == ["/dapi/v1/openOrders", "/dapi/v1/time", "/dapi/v1/openOrders"]
    assert abs(client.clock.offset_ms) < 1000
