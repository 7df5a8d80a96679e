"""The user-data stream's connection: kept alive, renewed, reconnected, rotated, bounded.

Time is a clock the test moves (keepalive every 30 minutes, rotation near 24 hours, back-off)
and connections are the test's own, fed, dropped or silenced on demand; the listenKey calls
go through a signed client to an exchange the test scripts.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import anyio
import httpx
import pytest

from binance_coinm import (
    PRODUCTION_URL,
    TESTNET_URL,
    Gap,
    RawEvent,
    UserDataStream,
    errors,
    signed_client,
)
from binance_coinm.models import ListenKeyExpiredEvent, OrderTradeUpdateEvent
from binance_coinm.spec import stream
from binance_coinm.stream.user_data import Backoff

from .fakes import FakeClock, FakeConnector

pytestmark = pytest.mark.anyio
KEY_PATH = "/dapi/v1/listenKey"
MINUTE = 60.0
ORDER_UPDATE = {
    "e": "ORDER_TRADE_UPDATE", "E": 1, "T": 1, "i": "SfsR",
    "o": {"s": "BTCUSD_PERP", "c": "x", "S": "BUY", "o": "LIMIT", "f": "GTC", "q": "1",
          "p": "9000", "ap": "0", "sp": "0", "x": "NEW", "X": "NEW", "i": 7, "l": "0",
          "z": "0", "L": "0", "ma": "BTC", "T": 1, "t": 0, "rp": "0", "b": "0", "a": "0",
          "m": False, "R": False, "wt": "CONTRACT_PRICE", "ot": "LIMIT", "ps": "BOTH"},
}  # fmt: skip


class Exchange:
    """Answers the listenKey calls: a new key per POST unless told otherwise, -1125 on PUT
    while ``gone``."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.keys = iter(f"key{n:03d}" + "a" * 56 for n in range(1000))
        self.key = next(self.keys)
        self.gone = False

    def __call__(self, request: httpx.Request) -> httpx.Response:
        assert request.url.path == KEY_PATH
        self.calls.append(request.method)
        if request.method == "POST":
            if self.gone:
                self.key, self.gone = next(self.keys), False
            return httpx.Response(200, json={"listenKey": self.key})
        if request.method == "PUT" and self.gone:
            return httpx.Response(
                400, json={"code": -1125, "msg": "This listenKey does not exist."}
            )
        return httpx.Response(200, json={"listenKey": self.key})


@pytest.fixture
def exchange() -> Exchange:
    return Exchange()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def connector() -> FakeConnector:
    return FakeConnector()


Open = Callable[..., Any]


@pytest.fixture
def opened(exchange: Exchange, clock: FakeClock, connector: FakeConnector) -> Open:
    @asynccontextmanager
    async def open_stream(**options: Any) -> AsyncIterator[UserDataStream]:
        client = signed_client(
            "key", "secret", max_retries=0, httpx_args={"transport": httpx.MockTransport(exchange)}
        )
        options = {"url": "wss://stream.test/ws", "connector": connector, "clock": clock, **options}
        async with client, UserDataStream(client, **options) as user_data:
            yield user_data

    return open_stream


async def next_item(user_data: UserDataStream) -> Any:
    with anyio.fail_after(5):
        return await user_data.__anext__()


async def test_the_first_item_says_the_stream_is_connected_then_events_come_in_order(
    opened: Open, connector: FakeConnector, exchange: Exchange
) -> None:
    async with opened() as user_data:
        assert await next_item(user_data) == Gap("connected")
        connector.last.push(ORDER_UPDATE)
        connector.last.push({**ORDER_UPDATE, "E": 2})
        first, second = await next_item(user_data), await next_item(user_data)
    assert isinstance(first, OrderTradeUpdateEvent)
    assert isinstance(second, OrderTradeUpdateEvent)
    assert (first.event_time, second.event_time) == (1, 2)
    assert connector.last.url == f"wss://stream.test/ws/{exchange.key}"


async def test_an_event_type_the_spec_does_not_know_is_delivered_raw(
    opened: Open, connector: FakeConnector
) -> None:
    async with opened() as user_data:
        await next_item(user_data)
        connector.last.push({"e": "GRID_UPDATE", "E": 3})
        event = await next_item(user_data)
    assert isinstance(event, RawEvent)
    assert (event.event_type, event.problem) == ("GRID_UPDATE", None)


async def test_the_key_is_kept_alive_every_thirty_minutes(
    opened: Open, clock: FakeClock, exchange: Exchange
) -> None:
    async with opened() as user_data:
        await next_item(user_data)
        await clock.advance(29 * MINUTE)
        assert exchange.calls == ["POST"]
        await clock.advance(1 * MINUTE)
        assert exchange.calls == ["POST", "PUT"]
        await clock.advance(30 * MINUTE)
    assert exchange.calls == ["POST", "PUT", "PUT"]


async def test_a_key_gone_on_keepalive_is_replaced_and_the_stream_reconnects(
    opened: Open, clock: FakeClock, exchange: Exchange, connector: FakeConnector
) -> None:
    async with opened() as user_data:
        await next_item(user_data)
        old = exchange.key
        exchange.gone = True
        await clock.advance(30 * MINUTE)
        assert await next_item(user_data) == Gap("new listenKey")
    assert exchange.key != old
    assert connector.last.url.endswith(exchange.key)
    assert connector.connections[0].closed


async def test_a_listen_key_expired_event_leads_to_a_new_key(
    opened: Open, connector: FakeConnector, exchange: Exchange
) -> None:
    async with opened() as user_data:
        await next_item(user_data)
        exchange.gone = True
        connector.last.push({"e": stream().expiry_event, "E": 9, "listenKey": exchange.key})
        assert isinstance(await next_item(user_data), ListenKeyExpiredEvent)
        assert await next_item(user_data) == Gap("new listenKey")
    assert len(connector.connections) == 2


async def test_a_dropped_connection_is_opened_again_after_a_backoff(
    opened: Open, clock: FakeClock, connector: FakeConnector
) -> None:
    async with opened(backoff=Backoff(initial=2.0, jitter=0.0)) as user_data:
        await next_item(user_data)
        connector.last.drop()
        await clock.advance(1.9)
        assert len(connector.connections) == 1
        await clock.advance(0.1)
        assert await next_item(user_data) == Gap("reconnected")
    assert len(connector.connections) == 2


async def test_failing_reconnections_back_off_up_to_the_cap_and_never_give_up_by_default(
    opened: Open, clock: FakeClock, connector: FakeConnector
) -> None:
    async with opened(backoff=Backoff(initial=1.0, maximum=8.0, jitter=0.0)) as user_data:
        await next_item(user_data)
        connector.failing = True
        connector.last.drop()
        for _ in range(8):
            await clock.advance(8.0)
        connector.failing = False
        await clock.advance(8.0)
        assert await next_item(user_data) == Gap("reconnected")
    backoffs = [s for s in clock.slept if s <= 8.0 and s not in (60.0, 30.0)]
    assert backoffs[:5] == [1.0, 2.0, 4.0, 8.0, 8.0]


async def test_the_stream_gives_up_only_past_the_limit_the_user_set(
    opened: Open, clock: FakeClock, connector: FakeConnector
) -> None:
    async with opened(max_reconnects=2, backoff=Backoff(initial=1.0, jitter=0.0)) as user_data:
        await next_item(user_data)
        connector.failing = True
        connector.last.drop()
        for _ in range(3):
            await clock.advance(10.0)
        with pytest.raises(errors.StreamGaveUpError, match="3 failed connections"):
            await next_item(user_data)


async def test_a_connection_that_answers_no_ping_is_replaced(
    opened: Open, clock: FakeClock, connector: FakeConnector
) -> None:
    async with opened(ping_interval=60.0, pong_timeout=30.0) as user_data:
        await next_item(user_data)
        connector.last.silent = True
        await clock.advance(60.0)
        await clock.advance(29.0)
        assert len(connector.connections) == 1
        await clock.advance(1.0)
        await clock.advance(1.0)  # the back-off
        assert await next_item(user_data) == Gap("reconnected")
    assert len(connector.connections) == 2


async def test_a_connection_is_replaced_before_the_exchange_cuts_it_at_24_hours(
    opened: Open, clock: FakeClock, connector: FakeConnector
) -> None:
    async with opened(ping_interval=24 * 3600.0) as user_data:
        await next_item(user_data)
        await clock.advance(23.5 * 3600)
        assert len(connector.connections) == 1
        await clock.advance(0.25 * 3600)
        assert await next_item(user_data) == Gap("reconnected")
    assert len(connector.connections) == 2


async def test_a_consumer_that_falls_behind_gets_a_gap_not_unbounded_memory(
    opened: Open, connector: FakeConnector
) -> None:
    async with opened(buffer_size=3) as user_data:
        assert await next_item(user_data) == Gap("connected")
        for n in range(5):
            connector.last.push({**ORDER_UPDATE, "E": n})
        await anyio.wait_all_tasks_blocked()
        assert len(user_data._items) <= 3
        assert await next_item(user_data) == Gap("overflow", dropped=3)
        rest = [await next_item(user_data) for _ in range(2)]
    assert [event.event_time for event in rest] == [3, 4]


async def test_the_listen_key_is_in_no_repr_or_log_line(
    opened: Open,
    clock: FakeClock,
    connector: FakeConnector,
    exchange: Exchange,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    async with opened(backoff=Backoff(initial=1.0)) as user_data:
        await next_item(user_data)
        connector.last.drop()
        await clock.advance(1.0)
        assert await next_item(user_data) == Gap("reconnected")
        shown = repr(user_data)
    assert exchange.key not in shown + caplog.text


@pytest.mark.parametrize(
    ("base_url", "host"),
    [(PRODUCTION_URL, "dstream.binance.com"), (TESTNET_URL, "dstream.binancefuture.com")],
)
async def test_binances_rest_origins_have_their_stream_hosts(base_url: str, host: str) -> None:
    client = signed_client("key", "secret", base_url=base_url)
    assert repr(UserDataStream(client)) == f"UserDataStream(url='wss://{host}/ws', connected=False)"


async def test_another_rest_origin_needs_its_stream_url_given() -> None:
    client = signed_client("key", "secret", base_url="http://127.0.0.1:9")
    with pytest.raises(errors.ConfigurationError, match="url"):
        UserDataStream(client)


def test_backoff_doubles_up_to_its_cap() -> None:
    backoff = Backoff(initial=0.5, maximum=4.0, jitter=0.0)
    assert [backoff.delay(n) for n in range(1, 7)] == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0]
