"""``binance-coinm open-orders --kind orders``: the order book's orders, as the table people
read and the JSON scripts read (both kinds together: ``test_kinds.py``)."""

from __future__ import annotations

import json

import pytest

from .canned import ORDERS, ORDERS_PATH, order
from .conftest import CannedExchange, Run

HEADER = (
    "symbol", "orderId", "clientOrderId", "side", "positionSide", "type", "status", "price",
    "origQty", "executedQty", "stopPrice", "timeInForce", "reduceOnly", "time (UTC)",
)  # fmt: skip


def table(run: Run, url: str, *args: str) -> list[list[str]]:
    result = run("open-orders", "--kind", "orders", *args, "--base-url", url)
    assert (result.returncode, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[0].replace("time (UTC)", "time_(UTC)").split() == [
        name.replace(" ", "_") for name in HEADER
    ]
    return [line.split() for line in lines[1:]]


def cell(row: list[str], name: str) -> str:
    """A cell of a split row: ``time (UTC)`` is two words, date and time, at the end."""
    if name == "time (UTC)":
        return " ".join(row[len(HEADER) - 1 :])
    return row[HEADER.index(name)]


def test_table_has_a_header_and_one_row_per_order(run: Run, holding: CannedExchange) -> None:
    rows = table(run, holding.url)
    assert [cell(row, "orderId") for row in rows] == [str(o["orderId"]) for o in ORDERS]


def test_table_shows_decimals_exactly_as_binance_sent_them(
    run: Run, canned: CannedExchange
) -> None:
    canned.answer([order(price="3120.10", stopPrice="2800.00")], path=ORDERS_PATH)
    [row] = table(run, canned.url)
    assert (cell(row, "price"), cell(row, "stopPrice")) == ("3120.10", "2800.00")


def test_numbers_are_right_aligned_under_their_header(run: Run, holding: CannedExchange) -> None:
    lines = run("open-orders", "--kind", "orders", "--base-url", holding.url).stdout.splitlines()
    for column in ("orderId", "price", "origQty", "executedQty", "stopPrice"):
        end = lines[0].index(column) + len(column)
        assert all(line[end - 1] != " " and line[end] == " " for line in lines), column


def test_time_is_shown_in_utc_whatever_the_local_zone(
    run: Run, holding: CannedExchange, env: dict[str, str]
) -> None:
    env["TZ"] = "Asia/Tokyo"
    rows = table(run, holding.url)
    assert cell(rows[0], "time (UTC)") == "2026-11-24 00:00:00"


def test_client_order_id_and_reduce_only_are_shown(run: Run, holding: CannedExchange) -> None:
    rows = table(run, holding.url)
    assert [(cell(row, "clientOrderId"), cell(row, "reduceOnly")) for row in rows[:2]] == [
        ("order-0000", "false"),
        ("order-0001", "true"),
    ]


def test_market_order_price_is_a_dash_not_zero(run: Run, holding: CannedExchange) -> None:
    rows = table(run, holding.url)
    market = next(row for row in rows if cell(row, "type") == "MARKET")
    assert cell(market, "price") == "-"


def test_order_without_trigger_shows_a_dash_as_stop_price(
    run: Run, holding: CannedExchange
) -> None:
    rows = table(run, holding.url)
    assert (cell(rows[3], "price"), cell(rows[3], "stopPrice")) == ("142.385", "-")


def test_json_is_binances_orders_unchanged(run: Run, holding: CannedExchange) -> None:
    result = run("open-orders", "--kind", "orders", "--json", "--base-url", holding.url)
    assert result.returncode == 0
    assert json.loads(result.stdout) == ORDERS


def test_no_open_orders_prints_the_header_alone_and_a_note_on_stderr(
    run: Run, canned: CannedExchange
) -> None:
    result = run("open-orders", "--kind", "orders", "--base-url", canned.url)
    assert result.returncode == 0
    assert result.stdout == "  ".join(HEADER) + "\n"
    assert result.stderr == "binance-coinm: no open orders\n"


def test_no_open_orders_as_json_is_an_empty_list(run: Run, canned: CannedExchange) -> None:
    result = run("open-orders", "--kind", "orders", "--json", "--base-url", canned.url)
    assert (result.returncode, result.stdout) == (0, "[]\n")


@pytest.mark.parametrize("ms", [10**15, 2**63 - 1])
def test_time_past_what_datetime_can_show_is_the_raw_milliseconds(
    run: Run, canned: CannedExchange, ms: int
) -> None:
    canned.answer([order(time=ms)])
    rows = table(run, canned.url)
    assert cell(rows[0], "time (UTC)") == str(ms)


def test_control_characters_from_the_exchange_are_escaped(run: Run, canned: CannedExchange) -> None:
    canned.answer([order(clientOrderId="a\x1b[2Jb\nc")])
    result = run("open-orders", "--kind", "orders", "--base-url", canned.url)
    assert result.returncode == 0
    assert "\x1b" not in result.stdout
    assert len(result.stdout.splitlines()) == 2
    assert "a\\x1b[2Jb\\nc" in result.stdout
