"""``--format csv``: a header row of Binance's field names, then Binance's own text."""

from __future__ import annotations

import csv

from .canned import ORDERS, order
from .conftest import CannedExchange, Run

FIELDS = (
    "symbol", "orderId", "clientOrderId", "side", "positionSide", "type", "status", "price",
    "origQty", "executedQty", "stopPrice", "timeInForce", "reduceOnly", "time",
)  # fmt: skip


def records(stdout: str) -> list[dict[str, str]]:
    return list(csv.DictReader(stdout.splitlines(), strict=True))


ORDERS_AS_CSV = ("open-orders", "--kind", "orders", "--format", "csv")


def test_csv_starts_with_a_header_row_of_binances_field_names(
    run: Run, holding: CannedExchange
) -> None:
    result = run(*ORDERS_AS_CSV, "--base-url", holding.url)
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == ",".join(FIELDS)
    assert len(result.stdout.splitlines()) == 1 + len(ORDERS)


def test_csv_cells_are_binances_text_without_placeholders(
    run: Run, holding: CannedExchange
) -> None:
    result = run(*ORDERS_AS_CSV, "--base-url", holding.url)
    by_id = {row["orderId"]: row for row in records(result.stdout)}
    sent = {str(o["orderId"]): o for o in ORDERS}
    assert by_id.keys() == sent.keys()
    for order_id, row in by_id.items():
        sent_order = sent[order_id]
        assert row["price"] == sent_order["price"]  # "91000.0" as sent; "0", never "-"
        assert row["stopPrice"] == sent_order["stopPrice"]
        assert row["time"] == str(sent_order["time"])  # milliseconds, as sent
        assert row["reduceOnly"] == ("true" if sent_order["reduceOnly"] else "false")
    assert "-" not in {cell for row in by_id.values() for cell in row.values()}


def test_csv_quotes_as_rfc_4180(run: Run, canned: CannedExchange) -> None:
    canned.answer([order(clientOrderId='a,"b')])
    result = run(*ORDERS_AS_CSV, "--base-url", canned.url)
    assert ',"a,""b",' in result.stdout.splitlines()[1]
    assert records(result.stdout)[0]["clientOrderId"] == 'a,"b'


def test_csv_with_no_open_orders_is_the_header_alone(run: Run, canned: CannedExchange) -> None:
    result = run(*ORDERS_AS_CSV, "--base-url", canned.url)
    assert (result.returncode, result.stdout) == (0, ",".join(FIELDS) + "\n")
    assert result.stderr == "binance-coinm: no open orders\n"


def test_open_order_as_csv_is_a_header_and_one_row(run: Run, canned: CannedExchange) -> None:
    canned.answer(ORDERS[0])
    args = ("--symbol", "BTCUSD_PERP", "--order-id", "1917641", "--format", "csv")
    result = run("open-order", *args, "--base-url", canned.url)
    assert [row["clientOrderId"] for row in records(result.stdout)] == ["order-0000"]


def test_unknown_format_is_a_usage_error(run: Run, canned: CannedExchange) -> None:
    result = run("open-orders", "--format", "xml", "--base-url", canned.url)
    assert result.returncode == 2
    assert result.stderr.startswith("binance-coinm: error: argument --format: invalid choice")
    assert canned.requests == []


def test_json_flag_is_short_for_format_json(run: Run, holding: CannedExchange) -> None:
    args = ("open-orders", "--base-url", holding.url)
    assert run(*args, "--json").stdout == run(*args, "--format", "json").stdout


def test_the_last_of_json_and_format_wins(run: Run, canned: CannedExchange) -> None:
    result = run("--format", "csv", "open-orders", "--json", "--base-url", canned.url)
    assert result.returncode == 0
    assert result.stdout.startswith("{")
