"""``binance-coinm open-orders``: the table people read and the JSON scripts read."""

from __future__ import annotations

import json
from typing import Any

import pytest

from binance_coinm.mock.orders import seed_orders

from .conftest import CannedExchange, Run

HEADER = (
    "symbol", "orderId", "clientOrderId", "side", "positionSide", "type", "status", "price",
    "origQty", "executedQty", "stopPrice", "timeInForce", "reduceOnly", "time (UTC)",
)  # fmt: skip


def table(run: Run, url: str, *args: str) -> list[list[str]]:
    result = run("open-orders", *args, "--base-url", url)
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


def orders_of(symbol: str) -> list[dict[str, Any]]:
    return [order for order in seed_orders() if order["symbol"] == symbol]


def test_table_has_a_header_and_one_row_per_order(run: Run, mock_url: str) -> None:
    rows = table(run, mock_url, "--symbol", "SOLUSD_PERP")
    assert [cell(row, "orderId") for row in rows] == [
        str(order["orderId"]) for order in orders_of("SOLUSD_PERP")
    ]


def test_table_shows_decimals_exactly_as_binance_sent_them(run: Run, mock_url: str) -> None:
    rows = table(run, mock_url, "--pair", "ETHUSD")
    assert "3120.10" in [cell(row, "price") for row in rows]
    assert "2800.00" in [cell(row, "stopPrice") for row in rows]


def test_numbers_are_right_aligned_under_their_header(run: Run, mock_url: str) -> None:
    lines = run("open-orders", "--base-url", mock_url).stdout.splitlines()
    for column in ("orderId", "price", "origQty", "executedQty", "stopPrice"):
        end = lines[0].index(column) + len(column)
        assert all(line[end - 1] != " " and line[end] == " " for line in lines), column


def test_time_is_shown_in_utc_whatever_the_local_zone(
    run: Run, mock_url: str, env: dict[str, str]
) -> None:
    env["TZ"] = "Asia/Tokyo"
    rows = table(run, mock_url, "--symbol", "SOLUSD_PERP")
    assert [cell(row, "time (UTC)") for row in rows] == [
        "2026-11-24 00:10:00",
        "2026-11-24 00:11:00",
    ]


def test_client_order_id_and_reduce_only_are_shown(run: Run, mock_url: str) -> None:
    rows = table(run, mock_url, "--symbol", "SOLUSD_PERP")
    assert [(cell(row, "clientOrderId"), cell(row, "reduceOnly")) for row in rows] == [
        ("mock-0010", "false"),
        ("mock-0011", "true"),
    ]


def test_market_order_price_is_a_dash_not_zero(run: Run, mock_url: str) -> None:
    rows = table(run, mock_url, "--symbol", "SOLUSD_PERP")
    market = next(row for row in rows if cell(row, "type") == "MARKET")
    assert cell(market, "price") == "-"


def test_order_without_trigger_shows_a_dash_as_stop_price(run: Run, mock_url: str) -> None:
    rows = table(run, mock_url, "--symbol", "SOLUSD_PERP")
    limit = next(row for row in rows if cell(row, "type") == "LIMIT")
    assert (cell(limit, "price"), cell(limit, "stopPrice")) == ("142.385", "-")


def test_json_is_binances_orders_unchanged(run: Run, mock_url: str) -> None:
    result = run("open-orders", "--pair", "ETHUSD", "--json", "--base-url", mock_url)
    assert result.returncode == 0
    assert json.loads(result.stdout) == [o for o in seed_orders() if o["pair"] == "ETHUSD"]


def test_no_open_orders_prints_the_header_alone_and_a_note_on_stderr(
    run: Run, mock_url: str
) -> None:
    result = run("open-orders", "--symbol", "ETHUSD_270326", "--base-url", mock_url)
    assert result.returncode == 0
    assert result.stdout == "  ".join(HEADER) + "\n"
    assert result.stderr == "binance-coinm: no open orders\n"


def test_no_open_orders_as_json_is_an_empty_list(run: Run, mock_url: str) -> None:
    result = run("open-orders", "--symbol", "ETHUSD_270326", "--json", "--base-url", mock_url)
    assert (result.returncode, result.stdout) == (0, "[]\n")


@pytest.mark.parametrize("ms", [10**15, 2**63 - 1])
def test_time_past_what_datetime_can_show_is_the_raw_milliseconds(
    run: Run, canned: CannedExchange, ms: int
) -> None:
    canned.answer([{**seed_orders()[0], "time": ms}])
    rows = table(run, canned.url)
    assert cell(rows[0], "time (UTC)") == str(ms)


def test_control_characters_from_the_exchange_are_escaped(run: Run, canned: CannedExchange) -> None:
    canned.answer([{**seed_orders()[0], "clientOrderId": "a\x1b[2Jb\nc"}])
    result = run("open-orders", "--base-url", canned.url)
    assert result.returncode == 0
    assert "\x1b" not in result.stdout
    assert len(result.stdout.splitlines()) == 2
    assert "a\\x1b[2Jb\\nc" in result.stdout
