"""``binance-coinm watch``: every open order from the user-data stream, redrawn on a terminal,
a JSON line a change to a pipe; on a fake connector and clock, with canned REST answers."""

from __future__ import annotations

import io
import json
import signal
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
import httpx
import pytest

from binance_coinm import signed_client
from binance_coinm.cli.commands.watch import output_width
from binance_coinm.cli.following import CLEAR, follow, warnings_on_stderr
from binance_coinm.cli.parser import parse
from binance_coinm_rest.api.listen_key import start_user_data_stream

from ..stream.fakes import FakeClock, FakeConnector
from .canned import ALGO_ORDERS, ALGO_ORDERS_PATH, ORDERS, ORDERS_PATH, order
from .conftest import CannedExchange, Run, Spawn

LISTEN_KEY_PATH = start_user_data_stream.ENDPOINT.operation.path
STREAM = "wss://stream.test/ws"
FOR = 3600.0
"""How long each test's watch runs on its fake clock."""


def trade_update(order: dict[str, Any], status: str, filled: str, at: int) -> dict[str, Any]:
    """An ORDER_TRADE_UPDATE event about ``order`` (one of the canned ones, or like them)."""
    return {
        "e": "ORDER_TRADE_UPDATE", "E": at, "T": at, "i": "a",
        "o": {"s": order["symbol"], "c": order["clientOrderId"], "S": order["side"],
              "o": order["type"], "f": order["timeInForce"], "q": order["origQty"],
              "p": order["price"], "ap": "0", "sp": order["stopPrice"], "x": "TRADE",
              "X": status, "i": order["orderId"], "l": "0", "z": filled, "L": "0", "ma": "BTC",
              "T": at, "t": 0, "rp": "0", "b": "0", "a": "0", "m": False,
              "R": order["reduceOnly"], "wt": order["workingType"], "ot": order["origType"],
              "ps": order["positionSide"]},
    }  # fmt: skip


class Watch:
    """A running watch: its connector, clock, REST requests, and (once ended) exit status."""

    def __init__(self, snapshots: Iterator[list[dict[str, Any]]]) -> None:
        self.connector, self.clock = FakeConnector(), FakeClock()
        self.requests: list[httpx.Request] = []
        self.status: int | None = None
        self._snapshots = snapshots

    def exchange(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if request.url.path == LISTEN_KEY_PATH:
            return httpx.Response(200, json={"listenKey": "k" * 60})
        if request.url.path == ORDERS_PATH:
            return httpx.Response(200, json=next(self._snapshots))
        return httpx.Response(200, json=ALGO_ORDERS)

    async def settle(self) -> None:
        """Let the watch run until it waits for the stream or the clock."""
        await self.clock.advance(0)


@asynccontextmanager
async def watching(
    width: Callable[[], int | None] = lambda: None,
    snapshots: list[list[dict[str, Any]]] | None = None,
    **options: Any,
) -> AsyncIterator[Watch]:
    """A watch of the canned orders (then each of ``snapshots`` in turn) until the test ends."""
    watch = Watch(iter(snapshots or [ORDERS, ORDERS]))
    transport = httpx.MockTransport(watch.exchange)
    client = signed_client("key", "secret", httpx_args={"transport": transport})

    async def run() -> None:
        watch.status = await follow(
            client, url=STREAM, width=width, connector=watch.connector, clock=watch.clock,
            **{"seconds": FOR, **options},
        )  # fmt: skip

    with anyio.fail_after(30):
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(run)
            await watch.settle()
            yield watch
            await watch.clock.advance(FOR)  # its time is up: it ends as it would


def json_lines(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines()]


@pytest.mark.anyio
async def test_to_a_pipe_every_order_read_is_an_added_line_then_a_resynced_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    async with watching():
        pass
    lines = json_lines(capsys.readouterr().out)
    added = [(line["change"], line["kind"]) for line in lines[:-1]]
    assert added == [("added", "order")] * len(ORDERS) + [("added", "algo")] * len(ALGO_ORDERS)
    assert lines[-1] == {"resynced": "connected", "orders": 4, "algoOrders": 4}


@pytest.mark.anyio
async def test_a_change_line_holds_the_order_with_binances_field_names_and_text(
    capsys: pytest.CaptureFixture[str],
) -> None:
    async with watching() as watch:
        capsys.readouterr()
        watch.connector.last.push(trade_update(ORDERS[0], "PARTIALLY_FILLED", "4.0", at=2**41))
        await watch.settle()
    [line] = json_lines(capsys.readouterr().out)
    assert (line["change"], line["kind"]) == ("updated", "order")
    assert {k: line["order"][k] for k in ("orderId", "status", "executedQty", "price")} == {
        "orderId": 1917641, "status": "PARTIALLY_FILLED", "executedQty": "4.0",
        "price": "86250.5",
    }  # fmt: skip


@pytest.mark.anyio
async def test_an_order_that_fills_is_a_removed_line(capsys: pytest.CaptureFixture[str]) -> None:
    async with watching() as watch:
        capsys.readouterr()
        watch.connector.last.push(trade_update(ORDERS[3], "FILLED", "3", at=2**41))
        await watch.settle()
    [line] = json_lines(capsys.readouterr().out)
    assert (line["change"], line["order"]["orderId"]) == ("removed", 1917652)


@pytest.mark.anyio
async def test_after_a_reconnection_it_reads_every_order_again_and_says_so(
    capsys: pytest.CaptureFixture[str],
) -> None:
    async with watching(snapshots=[ORDERS, ORDERS[1:]]) as watch:
        capsys.readouterr()
        watch.connector.last.drop()
        await watch.clock.advance(60)  # past the back-off before connecting again
    lines = json_lines(capsys.readouterr().out)
    assert lines == [
        {"change": "removed", "kind": "order", "order": lines[0]["order"]},
        {"resynced": "reconnected", "orders": 3, "algoOrders": 4},
    ]
    assert lines[0]["order"]["orderId"] == 1917641


@pytest.mark.anyio
async def test_the_symbol_narrows_every_read(capsys: pytest.CaptureFixture[str]) -> None:
    async with watching(symbol="BTCUSD_PERP") as watch:
        pass
    reads = [r for r in watch.requests if r.url.path in (ORDERS_PATH, ALGO_ORDERS_PATH)]
    assert [r.url.params["symbol"] for r in reads] == ["BTCUSD_PERP", "BTCUSD_PERP"]


@pytest.mark.anyio
async def test_it_ends_when_its_time_is_up_on_its_clock_with_exit_0() -> None:
    async with watching(seconds=60) as watch:
        await watch.clock.advance(59)
        assert watch.status is None
        await watch.clock.advance(1)
        assert watch.status == 0


@pytest.mark.anyio
async def test_on_a_terminal_the_first_read_is_drawn_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    async with watching(width=lambda: 200):
        pass
    out = capsys.readouterr().out
    assert out.count(CLEAR) == 1
    _header, *rows = out.split(CLEAR)[1].splitlines()[1:]
    assert [row.split()[2] for row in rows] == [str(o["orderId"]) for o in ORDERS] + [
        str(a["algoId"]) for a in ALGO_ORDERS
    ]


@pytest.mark.anyio
async def test_on_a_terminal_the_table_is_redrawn_at_each_change(
    capsys: pytest.CaptureFixture[str],
) -> None:
    async with watching(width=lambda: 200) as watch:
        capsys.readouterr()
        watch.connector.last.push(trade_update(ORDERS[3], "FILLED", "3", at=2**41))
        await watch.settle()
    drawn = capsys.readouterr().out
    assert drawn.startswith(CLEAR)
    assert drawn.count(CLEAR) == 1
    assert "1917652" not in drawn
    assert "1917641" in drawn


@pytest.mark.anyio
async def test_on_a_terminal_the_table_fits_the_width(capsys: pytest.CaptureFixture[str]) -> None:
    async with watching(width=lambda: 80):
        pass
    _, table = capsys.readouterr().out.split(CLEAR)
    assert max(len(line) for line in table.splitlines()[1:]) <= 80


@pytest.mark.anyio
async def test_on_a_terminal_the_status_line_says_when_it_resynced(
    capsys: pytest.CaptureFixture[str],
) -> None:
    async with watching(width=lambda: 200) as watch:
        first = capsys.readouterr().out.split(CLEAR)[-1].splitlines()[0]
        watch.connector.last.drop()
        await watch.clock.advance(60)
    again = capsys.readouterr().out.split(CLEAR)[-1].splitlines()[0]
    assert first == "binance-coinm watch: 4 orders, 4 algo orders; in sync (Ctrl-C to stop)"
    assert again == (
        "binance-coinm watch: 4 orders, 4 algo orders; resynced 1x, last on reconnected"
        " (Ctrl-C to stop)"
    )


@pytest.mark.anyio
async def test_a_stream_url_that_is_not_a_websocket_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    client = signed_client("key", "secret")
    status = await follow(client, url="https://stream.test/ws", width=lambda: None)
    assert status == 2
    assert capsys.readouterr().err.startswith(
        "binance-coinm: error: argument --stream-url: the stream's url must be a ws://"
    )


def test_another_base_url_needs_a_stream_url(run: Run, canned: CannedExchange) -> None:
    result = run("watch", "--base-url", canned.url)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("binance-coinm: error: argument --stream-url: needed with")
    assert canned.requests == []


@pytest.mark.usefixtures("interruptible")
def test_ctrl_c_ends_it_with_exit_130_and_no_traceback(
    spawn: Spawn, canned: CannedExchange
) -> None:
    canned.answer({"listenKey": "k" * 60}, path=LISTEN_KEY_PATH)
    args = ("--base-url", canned.url, "--stream-url", "ws://127.0.0.1:9/ws")
    with spawn("watch", *args) as process:
        assert canned.arrived.wait(timeout=30)
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=30)
    assert (process.returncode, stdout) == (130, "")
    assert "Traceback" not in stderr


@pytest.mark.anyio
async def test_ctrl_c_ends_a_connected_watch_from_within_with_exit_130() -> None:
    outside: list[int] = []  # where SIGINT lands if the watch does not take it
    previous = signal.signal(signal.SIGINT, lambda number, frame: outside.append(number))
    try:
        async with watching() as watch:
            signal.raise_signal(signal.SIGINT)
            with anyio.move_on_after(5):  # a guard only: the signal is handled at once
                while watch.status is None and not outside:
                    await anyio.sleep(0)
            assert (watch.status, outside) == (130, [])
    finally:
        signal.signal(signal.SIGINT, previous)


def test_csv_is_refused_before_anything_is_sent(run: Run, canned: CannedExchange) -> None:
    args = ("--format", "csv", "--base-url", canned.url, "--stream-url", "ws://127.0.0.1:9/ws")
    result = run("watch", *args)
    assert result.returncode == 2
    assert result.stderr.startswith("binance-coinm: error: argument --format: watch writes")
    assert canned.requests == []


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("options", "table"), [((), True), (("--json",), False)])
def test_on_a_terminal_json_lines_are_written_when_asked_for(
    monkeypatch: pytest.MonkeyPatch, options: tuple[str, ...], table: bool
) -> None:
    monkeypatch.setattr(sys, "stdout", Terminal())
    monkeypatch.setenv("COLUMNS", "120")
    width = output_width(parse(["watch", *options]))
    assert width() == (120 if table else None)


@pytest.mark.anyio
async def test_a_connection_that_fails_is_told_on_stderr_and_the_watch_goes_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with warnings_on_stderr():
        async with watching() as watch:
            capsys.readouterr()
            watch.connector.failing = True
            watch.connector.last.drop()
            await watch.settle()
            assert watch.status is None
    err = capsys.readouterr().err
    assert err.startswith("binance-coinm: user-data stream: connection failed")
    assert "k" * 60 not in err


@pytest.mark.anyio
async def test_json_lines_escape_what_could_drive_a_terminal(
    capsys: pytest.CaptureFixture[str],
) -> None:
    async with watching(snapshots=[[order(clientOrderId="a\u202eb\u2028c\x1b")]]):
        pass
    out = capsys.readouterr().out
    assert [c for c in "\u202e\u2028\x1b" if c in out] == []
    assert json_lines(out)[0]["order"]["clientOrderId"] == "a\u202eb\u2028c\x1b"
