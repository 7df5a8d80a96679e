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

    def answer(self, method: str, path: str, raw_query: bytes, headers: Any, body: bytes) -> Reply:
        reply = super().answer(method, path, raw_query, headers, body)
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

    def answer(self, method: str, path: str, raw_query: bytes, headers: Any, body: bytes) -> Reply:
        if path != "/dapi/v1/time":
            return super().answer(method, path, raw_query, headers, body)
        local = self.clock
        assert isinstance(local, ControlledClock)
        local.now_ms += 200
        reply = super().answer(method, path, raw_query, headers, body)
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
