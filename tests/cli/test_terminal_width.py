"""On a terminal the table fits its width; to a pipe or a file it is the full table."""

from __future__ import annotations

from .canned import ALGO_ORDERS, ORDERS
from .conftest import CannedExchange, OnTerminal, Run

FULL_HEADER = (
    "symbol", "orderId", "clientOrderId", "side", "positionSide", "type", "status", "price",
    "origQty", "executedQty", "stopPrice", "timeInForce", "reduceOnly", "time", "(UTC)",
)  # fmt: skip
ESSENTIAL = ("symbol", "orderId", "clientId", "side", "type", "status", "price", "qty")
"""What a trader must see on any terminal: the order, which one it is, and its terms."""
ORDERS_ONLY = ("open-orders", "--kind", "orders")


def test_table_on_an_80_column_terminal_fits_it(
    on_terminal: OnTerminal, holding: CannedExchange
) -> None:
    result = on_terminal("open-orders", "--base-url", holding.url, columns=80)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 1 + len(ORDERS) + len(ALGO_ORDERS)
    assert max(len(line) for line in lines) <= 80


def test_fitted_table_keeps_symbol_ids_side_type_status_price_and_quantity(
    on_terminal: OnTerminal, holding: CannedExchange
) -> None:
    result = on_terminal(*ORDERS_ONLY, "--base-url", holding.url, columns=80)
    header, *rows = (line.split() for line in result.stdout.splitlines())
    assert [name for name in ESSENTIAL if name not in header] == []
    by_id = {row[header.index("orderId")]: row for row in rows}
    for order in ORDERS:
        row = by_id[str(order["orderId"])]
        assert row[header.index("symbol")] == order["symbol"]
        assert row[header.index("clientId")] == order["clientOrderId"]
        assert row[header.index("side")] == order["side"]


def test_columns_environment_variable_sets_the_width(
    on_terminal: OnTerminal, holding: CannedExchange, env: dict[str, str]
) -> None:
    env["COLUMNS"] = "100"
    result = on_terminal(*ORDERS_ONLY, "--base-url", holding.url, columns=250)
    widest = max(len(line) for line in result.stdout.splitlines())
    assert 80 < widest <= 100


def test_table_on_a_wide_terminal_is_the_full_table(
    on_terminal: OnTerminal, holding: CannedExchange
) -> None:
    result = on_terminal(*ORDERS_ONLY, "--base-url", holding.url, columns=250)
    assert tuple(result.stdout.splitlines()[0].split()) == FULL_HEADER


def test_table_to_a_pipe_is_the_full_table_whatever_columns_says(
    run: Run, holding: CannedExchange, env: dict[str, str]
) -> None:
    env["COLUMNS"] = "80"
    result = run(*ORDERS_ONLY, "--base-url", holding.url)
    assert tuple(result.stdout.splitlines()[0].split()) == FULL_HEADER


def test_long_type_and_status_names_are_abbreviated_on_a_narrow_terminal(
    on_terminal: OnTerminal, holding: CannedExchange
) -> None:
    result = on_terminal("open-orders", "--base-url", holding.url, columns=80)
    words = set(result.stdout.split())
    assert {"STOP_MKT", "TP", "TP_MKT", "TRAILING", "PARTIAL", "TRIGGER"} <= words
    assert {"STOP_MARKET", "TAKE_PROFIT_MARKET", "PARTIALLY_FILLED", "TRIGGERING"}.isdisjoint(words)


def test_terminal_too_narrow_for_the_essential_columns_still_shows_them(
    on_terminal: OnTerminal, holding: CannedExchange
) -> None:
    result = on_terminal(*ORDERS_ONLY, "--base-url", holding.url, columns=40)
    header, *rows = (line.split() for line in result.stdout.splitlines())
    assert tuple(header) == ESSENTIAL
    assert [row[1] for row in rows] == [str(order["orderId"]) for order in ORDERS]
    assert {row[2] for row in rows} == {"order-0…"}  # the client's id cut; the exchange's whole
