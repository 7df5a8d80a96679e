"""``--format csv``: a header row of Binance's field names, then Binance's own text."""

from __future__ import annotations

import csv

from binance_coinm.mock.orders import seed_orders

from .conftest import CannedExchange, Run

FIELDS = (
    "symbol", "orderId", "clientOrderId", "side", "positionSide", "type", "status", "price",
    "origQty", "executedQty", "stopPrice", "timeInForce", "reduceOnly", "time",
)  # fmt: skip


def records(stdout: str) -> list[dict[str, str]]:
    return list(csv.DictReader(stdout.splitlines(), strict=True))


def test_csv_starts_with_a_header_row_of_binances_field_names(run: Run, mock_url: str) -> None:
    result = run("open-orders", "--format", "csv", "--base-url", mock_url)
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == ",".join(FIELDS)
    assert len(result.stdout.splitlines()) == 1 + len(seed_orders())


def test_csv_cells_are_binances_text_without_placeholders(run: Run, mock_url: str) -> None:
    result = run("open-orders", "--format", "csv", "--pair", "ETHUSD", "--base-url", mock_url)
    by_id = {row["orderId"]: row for row in records(result.stdout)}
    sent = {str(o["orderId"]): o for o in seed_orders() if o["pair"] == "ETHUSD"}
    assert by_id.keys() == sent.keys()
    for order_id, row in by_id.items():
        order = sent[order_id]
        assert row["price"] == order["price"]  # "3120.10" as sent; "0", never "-"
        assert row["stopPrice"] == order["stopPrice"]
        assert row["time"] == str(order["time"])  # milliseconds, as sent
        assert row["reduceOnly"] == ("true" if order["reduceOnly"] else "false")
    assert "-" not in {cell for row in by_id.values() for cell in row.values()}


def test_csv_quotes_as_rfc_4180(run: Run, canned: CannedExchange) -> None:
    canned.answer([{**seed_orders()[0], "clientOrderId": 'a,"b'}])
    result = run("open-orders", "--format", "csv", "--base-url", canned.url)
    assert ',"a,""b",' in result.stdout.splitlines()[1]
    assert records(result.stdout)[0]["clientOrderId"] == 'a,"b'


def test_csv_with_no_open_orders_is_the_header_alone(run: Run, mock_url: str) -> None:
    args = ("--format", "csv", "--symbol", "ETHUSD_270326", "--base-url", mock_url)
    result = run("open-orders", *args)
    assert (result.returncode, result.stdout) == (0, ",".join(FIELDS) + "\n")
    assert result.stderr == "binance-coinm: no open orders\n"


def test_open_order_as_csv_is_a_header_and_one_row(run: Run, canned: CannedExchange) -> None:
    canned.answer(seed_orders()[0])
    args = ("--symbol", "BTCUSD_PERP", "--order-id", "1917641", "--format", "csv")
    result = run("open-order", *args, "--base-url", canned.url)
    assert [row["clientOrderId"] for row in records(result.stdout)] == ["mock-0000"]


def test_unknown_format_is_a_usage_error(run: Run, canned: CannedExchange) -> None:
    result = run("open-orders", "--format", "xml", "--base-url", canned.url)
    assert result.returncode == 2
    assert result.stderr.startswith("binance-coinm: error: argument --format: invalid choice")
    assert canned.requests == []


def test_json_flag_is_short_for_format_json(run: Run, mock_url: str) -> None:
    args = ("open-orders", "--symbol", "SOLUSD_PERP", "--base-url", mock_url)
    assert run(*args, "--json").stdout == run(*args, "--format", "json").stdout


def test_the_last_of_json_and_format_wins(run: Run, mock_url: str) -> None:
    result = run("--format", "csv", "open-orders", "--json", "--base-url", mock_url)
    assert result.returncode == 0
    assert result.stdout.startswith("[")
