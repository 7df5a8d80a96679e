"""The mock's user-data stream in-process: every account change becomes its event, in order,
on every open connection of every live listenKey; keys expire and connections are cut on the
exchange's clock; the faults; and the client's UserDataStream reads it all."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import pytest
import yaml

from binance_coinm import Gap, RawEvent, UserDataStream, errors, signed_client
from binance_coinm.mock import (
    DEMO_API_KEY,
    DEMO_API_SECRET,
    AlgoChange,
    AlgoChangeKind,
    MockExchange,
)
from binance_coinm.mock.stream import MockConnection
from binance_coinm.models import (
    AlgoUpdateEvent,
    ListenKeyExpiredEvent,
    OrderTradeUpdateEvent,
)
from binance_coinm.spec import SPEC, stream
from binance_coinm.stream.connection import ConnectionLost
from binance_coinm.stream.events import event_of

from ..stream.fakes import FakeClock
from .conftest import NOW_MS, spec_checked

pytestmark = pytest.mark.anyio
URL = "ws://mock/ws"
MINUTE_MS = 60_000
HOUR_MS = 60 * MINUTE_MS
LIFE_MS = stream().listen_key_validity_minutes * MINUTE_MS
ASYNCAPI = Path(__file__).resolve().parents[2] / "asyncapi.yaml"
ALGO = SPEC.operations["currentAllAlgoOpenOrders"].example[0]


class SharedClock(FakeClock):
    """One time for the exchange (ms, ``clock()``) and the stream client (s, ``now()``)."""

    @property
    def now_ms(self) -> int:
        return NOW_MS + round(self.time * 1000)

    @now_ms.setter
    def now_ms(self, value: int) -> None:
        self.time = (value - NOW_MS) / 1000

    def __call__(self) -> int:
        return self.now_ms


@pytest.fixture
def clock() -> SharedClock:
    return SharedClock()


@pytest.fixture
def exchange(clock: SharedClock, spec: dict[str, Any]) -> MockExchange:
    return spec_checked(spec, clock=clock)


def start(exchange: MockExchange, api_key: str = DEMO_API_KEY) -> str:
    operation = SPEC.operation(stream().start_operation)
    headers = {SPEC.api_key_header.lower(): api_key}
    reply = exchange.answer(operation.method, operation.path, b"", headers, b"")
    key: str = json.loads(reply.body)["listenKey"]
    return key


def close(exchange: MockExchange) -> int:
    operation = SPEC.operation(stream().close_operation)
    headers = {SPEC.api_key_header.lower(): DEMO_API_KEY}
    return exchange.answer(operation.method, operation.path, b"", headers, b"").status


async def connect(exchange: MockExchange, api_key: str = DEMO_API_KEY) -> MockConnection:
    connection = await exchange.stream_connector().connect(
        f"{URL}/{start(exchange, api_key)}", timeout=1
    )
    assert isinstance(connection, MockConnection)
    return connection


async def pending(connection: MockConnection) -> list[str]:
    """What the connection was sent and has not read, read without waiting (up to its end,
    if it ended)."""
    messages: list[str] = []
    while True:
        with anyio.CancelScope() as scope:
            scope.cancel()
            try:
                messages.append(await connection.recv())
            except ConnectionLost:
                return messages
            continue
        return messages


async def is_lost(connection: MockConnection) -> bool:
    """Whether the connection ended, once what it was sent is read."""
    await pending(connection)
    with anyio.CancelScope() as scope:
        scope.cancel()
        try:
            await connection.recv()
        except ConnectionLost:
            return True
    return False


async def events(connection: MockConnection) -> list[dict[str, Any]]:
    return [json.loads(message) for message in await pending(connection)]


async def kinds(connection: MockConnection) -> list[tuple[str, int]]:
    return [(event["o"]["x"], event["o"]["i"]) for event in await events(connection)]


def new_order(exchange: MockExchange, **fields: Any) -> int:
    order = exchange.add_order(
        symbol="BTCUSD_PERP", side="BUY", type="LIMIT", price="90000", orig_qty="10", **fields
    )
    return order.order_id


# Every change, its event.


async def test_every_change_becomes_its_event_in_order(exchange: MockExchange) -> None:
    connection = await connect(exchange)
    one, two, three = new_order(exchange), new_order(exchange), new_order(exchange)
    exchange.change_order(one, price="91000")
    exchange.fill(one, "4")
    exchange.fill(one)
    exchange.cancel(two)
    exchange.expire(three)
    assert await kinds(connection) == [
        ("NEW", one), ("NEW", two), ("NEW", three), ("AMENDMENT", one), ("TRADE", one),
        ("TRADE", one), ("CANCELED", two), ("EXPIRED", three),
    ]  # fmt: skip


async def test_a_removed_order_sends_nothing(exchange: MockExchange) -> None:
    one = new_order(exchange)
    connection = await connect(exchange)
    exchange.remove_order(one)
    assert await pending(connection) == []


def every_kind_of_change(exchange: MockExchange) -> None:
    """One change of each kind, on every seeded order too (every type, side, position side)."""
    for order in exchange.orders:
        exchange.change_order(order.order_id, client_order_id=f"changed-{order.order_id}")
    one, two, three = new_order(exchange), new_order(exchange), new_order(exchange)
    exchange.fill(one, "1")
    exchange.fill(one, price="89999.5")
    exchange.cancel(two)
    exchange.expire(three)


async def test_every_event_is_read_as_its_model(exchange: MockExchange) -> None:
    connection = await connect(exchange)
    every_kind_of_change(exchange)
    exchange.streams.faults.expire_listen_keys()
    read = [event_of(message) for message in await pending(connection)]
    assert [type(event) for event in read] == [OrderTradeUpdateEvent] * (len(read) - 1) + [
        ListenKeyExpiredEvent
    ]
    assert not any(isinstance(event, RawEvent) for event in read)


def required(schema: str) -> list[str]:
    document = yaml.safe_load(ASYNCAPI.read_text(encoding="utf-8"))
    keys: list[str] = document["components"]["schemas"][schema]["required"]
    return keys


async def test_every_event_has_every_required_wire_key(exchange: MockExchange) -> None:
    connection = await connect(exchange)
    every_kind_of_change(exchange)
    sent = await events(connection)
    event_keys, order_keys = required("OrderTradeUpdateEvent"), required("OrderTradeUpdateOrder")
    assert [k for event in sent for k in event_keys if k not in event] == []
    assert [k for event in sent for k in order_keys if k not in event["o"]] == []


async def test_the_event_says_what_rest_says(exchange: MockExchange) -> None:
    one = new_order(exchange)
    connection = await connect(exchange)
    exchange.fill(one, "3", price="89000")
    (event,) = await events(connection)
    rest = exchange.order(one).to_dict()
    o = event["o"]
    assert (o["X"], o["z"], o["ap"], o["q"], o["p"], o["c"], o["s"], o["ot"]) == (
        rest["status"], rest["executedQty"], rest["avgPrice"], rest["origQty"],
        rest["price"], rest["clientOrderId"], rest["symbol"], rest["origType"],
    )  # fmt: skip


async def test_transaction_times_are_the_rest_update_time_and_e_the_change_s_time(
    exchange: MockExchange, clock: SharedClock
) -> None:
    one = new_order(exchange)
    connection = await connect(exchange)
    clock.now_ms += 5
    exchange.change_order(one, update_time=NOW_MS + 2)
    (event,) = await events(connection)
    update_time = exchange.order(one).update_time
    assert (event["E"], event["T"], event["o"]["T"]) == (NOW_MS + 5, update_time, update_time)
    assert update_time == NOW_MS + 2


async def test_a_fill_sends_its_quantity_price_and_a_trade_id(exchange: MockExchange) -> None:
    one = new_order(exchange)
    connection = await connect(exchange)
    exchange.fill(one, "4", price="89000.5")
    exchange.fill(one, "6")
    exchange.cancel(new_order(exchange))
    fills = [(e["o"]["l"], e["o"]["L"], e["o"]["z"], e["o"]["t"]) for e in await events(connection)]
    assert fills == [
        ("4", "89000.5", "4", 1), ("6", "90000", "10", 2), ("0", "0", "0", 0), ("0", "0", "0", 0)
    ]  # fmt: skip


async def test_what_the_mock_does_not_model_is_binance_s_zero(exchange: MockExchange) -> None:
    one = new_order(exchange)
    connection = await connect(exchange)
    exchange.fill(one, "1")
    (event,) = await events(connection)
    o = event["o"]
    assert (o["rp"], o["b"], o["a"], o["m"], o["ma"], "N" in o, "n" in o) == (
        "0", "0", "0", False, "BTC", False, False
    )  # fmt: skip


# Algo order changes (records built here, to set every field the event carries).


async def test_an_algo_change_becomes_an_algo_update(exchange: MockExchange) -> None:
    connection = await connect(exchange)
    fields = {**ALGO, "algoStatus": "TRIGGERED", "updateTime": NOW_MS - 3}
    exchange.streams.publish(AlgoChange(AlgoChangeKind.TRIGGERED, fields, NOW_MS))
    (message,) = await pending(connection)
    event = event_of(message)
    assert isinstance(event, AlgoUpdateEvent)
    o = event.algo_order
    assert (event.event_time, event.transaction_time, o.algo_id, o.algo_status.value) == (
        NOW_MS, NOW_MS - 3, ALGO["algoId"], "TRIGGERED"
    )  # fmt: skip
    assert [k for k in required("AlgoUpdateOrder") if k not in json.loads(message)["o"]] == []


async def test_a_triggered_algo_update_links_the_order_it_placed(exchange: MockExchange) -> None:
    connection = await connect(exchange)
    fields = {
        **ALGO, "algoStatus": "TRIGGERED", "actualOrderId": "77", "actualType": "LIMIT",
        "actualQty": "1", "actualPrice": "104990.5", "triggerTime": NOW_MS - 1,
    }  # fmt: skip
    exchange.streams.publish(AlgoChange(AlgoChangeKind.TRIGGERED, fields, NOW_MS))
    (event,) = await events(connection)
    o = event["o"]
    assert (o["ai"], o["act"], o["aq"], o["ap"], o["tt"]) == (
        "77", "LIMIT", "1", "104990.5", NOW_MS - 1
    )  # fmt: skip


async def test_a_removed_algo_order_sends_nothing(exchange: MockExchange) -> None:
    connection = await connect(exchange)
    exchange.streams.publish(AlgoChange(AlgoChangeKind.REMOVED, ALGO, NOW_MS))
    assert await pending(connection) == []


# Who receives.


async def test_every_connection_of_every_live_key_gets_every_event(
    exchange: MockExchange,
) -> None:
    exchange.add_key("second", "secret")
    connections = [
        await connect(exchange), await connect(exchange), await connect(exchange, "second")
    ]  # fmt: skip
    new_order(exchange)
    exchange.fill(new_order(exchange), "1")
    received = [await pending(connection) for connection in connections]
    assert len(received[0]) == 3
    assert received == [received[0]] * 3


async def test_an_event_with_no_connection_open_is_lost(exchange: MockExchange) -> None:
    new_order(exchange)
    connection = await connect(exchange)
    assert await pending(connection) == []


async def test_a_dead_key_is_refused(exchange: MockExchange) -> None:
    with pytest.raises(ConnectionLost) as refused:
        await exchange.stream_connector().connect(f"{URL}/{'x' * 64}", timeout=1)
    assert "x" * 64 not in str(refused.value)


async def test_a_client_that_closes_leaves_the_connections(exchange: MockExchange) -> None:
    connection = await connect(exchange)
    await connection.close()
    assert (exchange.streams.connections, await is_lost(connection)) == ((), True)


# Expiry, close and the 24-hour cut.


async def test_an_expired_key_sends_listen_key_expired_then_nothing(
    exchange: MockExchange, clock: SharedClock
) -> None:
    connection = await connect(exchange)
    key = exchange.streams.keys[0]
    clock.now_ms += LIFE_MS + 10
    new_order(exchange)
    new_order(exchange)
    assert await events(connection) == [
        {"e": "listenKeyExpired", "E": NOW_MS + LIFE_MS, "listenKey": key}
    ]


async def test_a_key_expires_at_its_time_before_a_later_change(
    exchange: MockExchange, clock: SharedClock
) -> None:
    connection = await connect(exchange)
    clock.now_ms += LIFE_MS - 1
    new_order(exchange)
    clock.now_ms += 1
    new_order(exchange)
    assert [event["e"] for event in await events(connection)] == [
        "ORDER_TRADE_UPDATE", "listenKeyExpired"
    ]  # fmt: skip


async def test_expire_ends_one_key_now(exchange: MockExchange) -> None:
    connection = await connect(exchange)
    key = exchange.streams.keys[0]
    assert (exchange.streams.expire(key), exchange.streams.expire(key)) == (True, False)
    assert [event["e"] for event in await events(connection)] == ["listenKeyExpired"]


async def test_closing_the_key_ends_its_connections(exchange: MockExchange) -> None:
    connection = await connect(exchange)
    new_order(exchange)
    assert close(exchange) == 200
    assert (len(await pending(connection)), await is_lost(connection)) == (1, True)


async def test_a_connection_is_cut_at_24_hours(exchange: MockExchange, clock: SharedClock) -> None:
    connection = await connect(exchange)
    for _ in range(47):  # the key kept alive every 30 minutes, as a client does
        clock.now_ms += 30 * MINUTE_MS
        start(exchange)
    clock.now_ms += 30 * MINUTE_MS - 1
    exchange.streams.tick()
    assert exchange.streams.connections == (connection,)
    clock.now_ms += 1
    exchange.streams.tick()
    assert (len(exchange.streams.connections), await is_lost(connection)) == (0, True)


# Faults.


async def test_drop_ends_every_connection_and_loses_what_was_unread(
    exchange: MockExchange,
) -> None:
    connection = await connect(exchange)
    new_order(exchange)
    exchange.stream_faults.drop()
    assert (await is_lost(connection), exchange.streams.connections) == (True, ())


async def test_after_a_drop_a_new_connection_gets_the_events(exchange: MockExchange) -> None:
    await connect(exchange)
    exchange.stream_faults.drop()
    connection = await connect(exchange)
    one = new_order(exchange)
    assert await kinds(connection) == [("NEW", one)]


async def test_duplicate_sends_the_next_events_twice(exchange: MockExchange) -> None:
    connection = await connect(exchange)
    exchange.stream_faults.duplicate(times=2)
    one, two, three = new_order(exchange), new_order(exchange), new_order(exchange)
    sent = await pending(connection)
    assert [json.loads(m)["o"]["i"] for m in sent] == [one, one, two, two, three]
    assert sent[0] == sent[1]


async def test_delay_holds_events_on_the_exchange_s_clock(
    exchange: MockExchange, clock: SharedClock
) -> None:
    connection = await connect(exchange)
    exchange.stream_faults.delay_ms = 500
    one = new_order(exchange)
    clock.now_ms += 499
    exchange.streams.tick()
    held = await pending(connection)
    clock.now_ms += 1
    exchange.streams.tick()
    assert (held, await kinds(connection)) == ([], [("NEW", one)])


async def test_a_shorter_delay_never_lets_an_event_overtake(
    exchange: MockExchange, clock: SharedClock
) -> None:
    connection = await connect(exchange)
    exchange.stream_faults.delay_ms = 500
    one = new_order(exchange)
    exchange.stream_faults.delay_ms = 0
    two = new_order(exchange)
    clock.now_ms += 500
    exchange.streams.tick()
    assert await kinds(connection) == [("NEW", one), ("NEW", two)]


async def test_reorder_sends_each_window_newest_first(exchange: MockExchange) -> None:
    connection = await connect(exchange)
    exchange.stream_faults.reorder(3)
    ids = [new_order(exchange) for _ in range(4)]
    assert [i for _, i in await kinds(connection)] == [ids[2], ids[1], ids[0]]
    exchange.stream_faults.flush()
    assert [i for _, i in await kinds(connection)] == [ids[3]]


async def test_silence_stops_events_and_pongs(exchange: MockExchange) -> None:
    connection = await connect(exchange)
    exchange.stream_faults.silence()
    new_order(exchange)
    answered = []
    async with anyio.create_task_group() as tasks:

        async def ping() -> None:
            await connection.ping()
            answered.append(True)

        tasks.start_soon(ping)
        await anyio.wait_all_tasks_blocked()
        tasks.cancel_scope.cancel()
    assert (answered, await pending(connection)) == ([], [])


async def test_a_connection_opened_after_silence_is_heard(exchange: MockExchange) -> None:
    await connect(exchange)
    exchange.stream_faults.silence()
    connection = await connect(exchange)
    await connection.ping()
    one = new_order(exchange)
    assert await kinds(connection) == [("NEW", one)]


async def test_expire_listen_keys_ends_every_key(exchange: MockExchange) -> None:
    exchange.add_key("second", "secret")
    connections = [await connect(exchange), await connect(exchange, "second")]
    exchange.stream_faults.expire_listen_keys()
    notices = [[event["e"] for event in await events(c)] for c in connections]
    assert (notices, exchange.streams.keys) == ([["listenKeyExpired"]] * 2, ())


def refusals() -> Iterator[tuple[str, Any, type[Exception]]]:
    yield "duplicate", 0, errors.ConfigurationError
    yield "duplicate", 1.0, errors.ArgumentTypeError
    yield "delay_ms", -1, errors.ConfigurationError
    yield "delay_ms", 0.5, errors.ArgumentTypeError
    yield "reorder", 0, errors.ConfigurationError
    yield "reorder", "2", errors.ArgumentTypeError


@pytest.mark.parametrize(("setting", "value", "error"), list(refusals()))
def test_bad_fault_values_are_refused_when_set(
    exchange: MockExchange, setting: str, value: Any, error: type[Exception]
) -> None:
    faults = exchange.stream_faults

    def set_it() -> None:
        if setting == "delay_ms":
            faults.delay_ms = value
        else:
            getattr(faults, setting)(value)

    with pytest.raises(error):
        set_it()


# The client reads it.


async def test_user_data_stream_reads_the_mock(exchange: MockExchange, clock: SharedClock) -> None:
    client = signed_client(
        DEMO_API_KEY, DEMO_API_SECRET, httpx_args={"transport": exchange.transport()}
    )
    connector = exchange.stream_connector()
    async with (
        client,
        UserDataStream(client, url=URL, connector=connector, clock=clock) as user_data,
    ):

        async def next_item() -> Any:
            with anyio.fail_after(5):
                return await user_data.__anext__()

        assert await next_item() == Gap("connected")
        one = new_order(exchange)
        exchange.fill(one, "2")
        first, second = await next_item(), await next_item()
        assert [(e.order.execution_type.value, e.order.order_id) for e in (first, second)] == [
            ("NEW", one), ("TRADE", one)
        ]  # fmt: skip
        for _ in range(4):  # two hours, the key kept alive every 30 minutes: it lives on
            await clock.advance(30 * 60)
        assert exchange.streams.connections != ()
        exchange.stream_faults.expire_listen_keys()
        assert isinstance(await next_item(), ListenKeyExpiredEvent)
        assert await next_item() == Gap("new listenKey")
        exchange.stream_faults.drop()
        await clock.advance(60)
        assert await next_item() == Gap("reconnected")


async def test_the_listen_key_is_in_no_repr(exchange: MockExchange) -> None:
    connection = await connect(exchange)
    key = exchange.streams.keys[0]
    shown = repr(connection) + repr(exchange.stream_connector()) + repr(exchange.streams)
    assert key not in shown
