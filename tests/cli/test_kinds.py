"""Both kinds of open order: ordinary ones from the order book, conditional ones from the Algo
Service; read together by default, or one kind with ``--kind``."""

from __future__ import annotations

import csv
import json
import re

import pytest

from binance_coinm.cli.format.table import table_lines
from binance_coinm.cli.views.every_order import EVERY_ORDER, merged
from binance_coinm_rest.api.trade import current_all_algo_open_orders, current_all_open_orders

from .canned import ALGO_ORDERS, ALGO_ORDERS_PATH, ORDERS, ORDERS_PATH
from .conftest import CannedExchange, OnTerminal, Run

HEADER = (
    "kind", "symbol", "id", "clientId", "side", "positionSide", "type", "status", "price",
    "quantity", "executedQty", "trigger", "timeInForce", "reduceOnly", "placedBy", "time (UTC)",
)  # fmt: skip


def rows(run: Run, url: str, *args: str) -> list[dict[str, str]]:
    """The table of every order, each row by its header's names."""
    result = run("open-orders", *args, "--base-url", url)
    assert (result.returncode, result.stderr) == (0, "")
    header, *lines = result.stdout.splitlines()
    assert header.split() == [*HEADER[:-1], "time", "(UTC)"]
    found = []
    for line in lines:
        *cells, date, time = line.split()
        found.append(dict(zip(HEADER, [*cells, f"{date} {time}"], strict=True)))
    return found


def test_every_kind_is_read_by_default_once_from_each_service(
    run: Run, holding: CannedExchange
) -> None:
    assert run("open-orders", "--base-url", holding.url).returncode == 0
    assert sorted(holding.paths()) == sorted([ORDERS_PATH, ALGO_ORDERS_PATH])


@pytest.mark.parametrize(("kind", "path"), [("orders", ORDERS_PATH), ("algo", ALGO_ORDERS_PATH)])
def test_one_kind_is_read_from_its_own_service_alone(
    run: Run, holding: CannedExchange, kind: str, path: str
) -> None:
    assert run("open-orders", "--kind", kind, "--base-url", holding.url).returncode == 0
    assert holding.paths() == [path]


def test_table_has_a_row_per_order_of_either_kind_ordinary_ones_first(
    run: Run, holding: CannedExchange
) -> None:
    found = [(row["kind"], row["id"]) for row in rows(run, holding.url)]
    assert found == [("order", str(o["orderId"])) for o in ORDERS] + [
        ("algo", str(a["algoId"])) for a in ALGO_ORDERS
    ]


def test_merged_columns_read_an_algo_orders_own_fields(run: Run, holding: CannedExchange) -> None:
    stop = next(row for row in rows(run, holding.url) if row["id"] == "2148628")
    assert stop == {
        "kind": "algo", "symbol": "BTCUSD_261225", "id": "2148628", "clientId": "algo-0001",
        "side": "SELL", "positionSide": "BOTH", "type": "STOP_MARKET", "status": "NEW",
        "price": "-", "quantity": "3", "executedQty": "-", "trigger": "84000.0",
        "timeInForce": "GTC", "reduceOnly": "false", "placedBy": "-",
        "time (UTC)": "2026-11-24 00:03:00",
    }  # fmt: skip


def test_merged_columns_read_an_ordinary_orders_own_fields(
    run: Run, holding: CannedExchange
) -> None:
    limit = next(row for row in rows(run, holding.url) if row["id"] == "1917642")
    assert limit == {
        "kind": "order", "symbol": "BTCUSD_PERP", "id": "1917642", "clientId": "order-0001",
        "side": "SELL", "positionSide": "BOTH", "type": "LIMIT", "status": "PARTIALLY_FILLED",
        "price": "91000.0", "quantity": "5", "executedQty": "2", "trigger": "-",
        "timeInForce": "GTX", "reduceOnly": "true", "placedBy": "-",
        "time (UTC)": "2026-11-24 00:01:00",
    }  # fmt: skip


def test_placed_by_names_the_algo_order_that_placed_an_ordinary_one(
    run: Run, holding: CannedExchange
) -> None:
    placed = {
        row["id"]: row["placedBy"] for row in rows(run, holding.url) if row["kind"] == "order"
    }
    assert placed == {"1917641": "-", "1917642": "-", "1917647": "2148630", "1917652": "-"}


def test_symbol_is_sent_to_both_services(run: Run, holding: CannedExchange) -> None:
    assert run("open-orders", "--symbol", "btcusd_perp", "--base-url", holding.url).returncode == 0
    assert [query["symbol"] for _, query in holding.requests] == [["BTCUSD_PERP"]] * 2


def test_pair_is_not_sent_to_the_algo_service_whose_orders_are_kept_by_pair(
    run: Run, holding: CannedExchange
) -> None:
    found = rows(run, holding.url, "--pair", "ethusd")
    queries = dict(holding.requests)
    assert (queries[ORDERS_PATH]["pair"], "pair" in queries[ALGO_ORDERS_PATH]) == (
        ["ETHUSD"],
        False,
    )
    assert [row["id"] for row in found if row["kind"] == "algo"] == ["2148630", "2148631"]


def test_algo_kind_with_a_pair_keeps_the_pairs_algo_orders(
    run: Run, holding: CannedExchange
) -> None:
    result = run(
        "open-orders", "--kind", "algo", "--pair", "BTCUSD", "--json", "--base-url", holding.url
    )
    assert [a["algoId"] for a in json.loads(result.stdout)] == [2148627, 2148628]
    [(_, query)] = holding.requests
    assert "pair" not in query


def test_json_of_every_kind_is_binances_objects_under_orders_and_algo_orders(
    run: Run, holding: CannedExchange
) -> None:
    result = run("open-orders", "--json", "--base-url", holding.url)
    assert result.returncode == 0
    assert json.loads(result.stdout) == {"orders": ORDERS, "algoOrders": ALGO_ORDERS}


def test_json_keeps_every_digit_binance_sent(run: Run, holding: CannedExchange) -> None:
    result = run("open-orders", "--json", "--base-url", holding.url)
    assert '"triggerPrice": "2800.00"' in result.stdout
    assert '"price": "91000.0"' in result.stdout


def test_json_of_one_kind_is_a_list(run: Run, holding: CannedExchange) -> None:
    result = run("open-orders", "--kind", "algo", "--json", "--base-url", holding.url)
    assert json.loads(result.stdout) == ALGO_ORDERS


def test_algo_kind_table_uses_binances_field_names(run: Run, holding: CannedExchange) -> None:
    result = run("open-orders", "--kind", "algo", "--base-url", holding.url)
    header = result.stdout.splitlines()[0].split()
    assert header[:7] == [
        "symbol",
        "algoId",
        "clientAlgoId",
        "side",
        "positionSide",
        "orderType",
        "algoStatus",
    ]


def test_csv_header_holds_both_kinds_field_names_with_kind_and_placed_by(
    run: Run, holding: CannedExchange
) -> None:
    result = run("open-orders", "--format", "csv", "--base-url", holding.url)
    header = result.stdout.splitlines()[0].split(",")
    assert (header[0], header[-1]) == ("kind", "placedBy")
    assert {"orderId", "clientOrderId", "origQty", "stopPrice", "time"} <= set(header)
    assert {"algoId", "clientAlgoId", "quantity", "triggerPrice", "createTime"} <= set(header)
    assert len(header) == len(set(header))


def test_csv_rows_are_empty_in_the_other_kinds_fields(run: Run, holding: CannedExchange) -> None:
    result = run("open-orders", "--format", "csv", "--base-url", holding.url)
    records = list(csv.DictReader(result.stdout.splitlines()))
    order, algo = records[2], records[len(ORDERS) + 2]
    assert (order["kind"], order["orderId"], order["placedBy"], order["algoId"]) == (
        "order",
        "1917647",
        "2148630",
        "",
    )
    assert (
        algo["kind"],
        algo["algoId"],
        algo["triggerPrice"],
        algo["orderId"],
        algo["origQty"],
    ) == ("algo", "2148630", "2800.00", "", "")


@pytest.mark.parametrize("failing", [ORDERS_PATH, ALGO_ORDERS_PATH])
def test_either_read_failing_prints_nothing_and_exits_1(
    run: Run, holding: CannedExchange, failing: str
) -> None:
    holding.answer({"code": -1100, "msg": "Illegal characters."}, status=400, path=failing)
    result = run("open-orders", "--base-url", holding.url)
    assert (result.returncode, result.stdout) == (1, "")
    assert len(result.stderr.splitlines()) == 1


def test_nothing_open_of_either_kind_is_a_note_and_exit_0(run: Run, canned: CannedExchange) -> None:
    result = run("open-orders", "--json", "--base-url", canned.url)
    assert (result.returncode, result.stderr) == (0, "binance-coinm: no open orders\n")
    assert json.loads(result.stdout) == {"orders": [], "algoOrders": []}


def test_nothing_open_prints_the_header_alone(run: Run, canned: CannedExchange) -> None:
    result = run("open-orders", "--base-url", canned.url)
    assert result.stdout == "  ".join(HEADER) + "\n"


def test_help_states_each_kinds_weight_from_the_spec(run: Run) -> None:
    orders, algo = (
        current_all_open_orders.ENDPOINT.operation,
        current_all_algo_open_orders.ENDPOINT.operation,
    )
    help_text = run("open-orders", "--help").stdout
    rows = re.findall(r"^  (--symbol|--pair) [SP] +(\d+) +(\d+) +(\d+)$", help_text, re.M)
    by_scope = {scope: list(weights) for scope, *weights in rows}
    one, every = orders.weight(["symbol"]), orders.weight([])
    one_algo, every_algo = algo.weight(["symbol"]), algo.weight([])
    assert by_scope == {
        "--symbol": [str(one + one_algo), str(one), str(one_algo)],
        "--pair": [str(every + every_algo), str(every), str(every_algo)],
    }


def test_narrowing_leaves_columns_out_least_needed_first() -> None:
    records = [merged("order", o, 2148630) for o in ORDERS] + [
        merged("algo", a) for a in ALGO_ORDERS
    ]
    cells = EVERY_ORDER.table_rows(records)
    gone: list[str] = []
    full = [c.key for c in EVERY_ORDER.columns]
    for width in range(len(table_lines(EVERY_ORDER, cells)[1]), 0, -1):
        header = table_lines(EVERY_ORDER, cells, width)[0]
        titles = set(re.split(" {2,}", header))
        shown = {c.key for c in EVERY_ORDER.columns if {c.title, c.short_title} & titles}
        gone += [key for key in full if key not in shown and key not in gone]
    assert gone == [
        "time", "timeInForce", "placedBy", "executedQty", "reduceOnly", "positionSide", "trigger",
    ]  # fmt: skip


def test_narrow_terminal_keeps_kind_symbol_ids_side_type_status_price_and_quantity(
    on_terminal: OnTerminal, holding: CannedExchange
) -> None:
    result = on_terminal("open-orders", "--base-url", holding.url, columns=40)
    header, *lines = (line.split() for line in result.stdout.splitlines())
    assert header == ["kind", "symbol", "id", "clientId", "side", "type", "status", "price", "qty"]
    assert [row[2] for row in lines] == [str(o["orderId"]) for o in ORDERS] + [
        str(a["algoId"]) for a in ALGO_ORDERS
    ]
