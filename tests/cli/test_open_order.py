"""``binance-coinm open-order``: one order, by the exchange's id or by the client's."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from .canned import ALGO_ORDER_PATH, ALGO_ORDERS, ORDER_PATH, ORDERS
from .conftest import CannedExchange, Run

ORDER = ORDERS[0]


@pytest.fixture
def one_order(canned: CannedExchange) -> CannedExchange:
    canned.answer(ORDER)
    return canned


def test_order_is_asked_for_by_symbol_and_order_id(run: Run, one_order: CannedExchange) -> None:
    args = ("--symbol", "BTCUSD_PERP", "--order-id", "1917641", "--base-url", one_order.url)
    assert run("open-order", *args).returncode == 0
    [(path, query)] = one_order.requests
    assert path == ORDER_PATH
    assert (query["symbol"], query["orderId"]) == (["BTCUSD_PERP"], ["1917641"])
    assert "origClientOrderId" not in query


def test_order_is_asked_for_by_client_order_id(run: Run, one_order: CannedExchange) -> None:
    args = ("--symbol", "BTCUSD_PERP", "--client-order-id", "order-0000")
    assert run("open-order", *args, "--base-url", one_order.url).returncode == 0
    [(_, query)] = one_order.requests
    assert query["origClientOrderId"] == ["order-0000"]
    assert "orderId" not in query


def test_order_is_printed_as_a_one_row_table(run: Run, one_order: CannedExchange) -> None:
    args = ("--symbol", "BTCUSD_PERP", "--order-id", "1917641", "--base-url", one_order.url)
    result = run("open-order", *args)
    header, row = result.stdout.splitlines()
    assert header.split()[:3] == ["symbol", "orderId", "clientOrderId"]
    assert row.split()[:3] == ["BTCUSD_PERP", "1917641", "order-0000"]


def test_order_as_json_is_binances_object(run: Run, one_order: CannedExchange) -> None:
    args = ("--symbol", "BTCUSD_PERP", "--order-id", "1917641", "--json")
    result = run("open-order", *args, "--base-url", one_order.url)
    assert json.loads(result.stdout) == ORDER


def test_order_that_does_not_exist_is_an_error(run: Run, canned: CannedExchange) -> None:
    canned.answer({"code": -2013, "msg": "Order does not exist."}, status=400)
    args = ("--symbol", "BTCUSD_PERP", "--order-id", "1", "--base-url", canned.url)
    result = run("open-order", *args)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "binance-coinm: error: Binance error -2013 (HTTP 400): Order does not exist.\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ("--symbol", "BTCUSD_PERP", "--order-id", "1", "--client-order-id", "order-0000"),
        ("--symbol", "BTCUSD_PERP"),
        ("--order-id", "1"),
        ("--symbol", "BTCUSD_PERP", "--order-id", "one"),
    ],
    ids=["both ids", "no id", "no symbol", "id not a number"],
)
def test_order_needs_a_symbol_and_exactly_one_id(
    run: Run, canned: CannedExchange, args: tuple[str, ...]
) -> None:
    result = run("open-order", *args, "--base-url", canned.url)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert canned.requests == []


def test_unknown_fields_keep_their_json_type_in_json_output(
    run: Run, canned: CannedExchange
) -> None:
    body = json.dumps({**ORDER, "ratio": 1.250, "big": 1e2, "flag": False}).encode()
    canned.answer_bytes(body.replace(b"1.25", b"1.250"))
    args = ("--symbol", "BTCUSD_PERP", "--order-id", "1917641", "--json")
    result = run("open-order", *args, "--base-url", canned.url)
    printed = json.loads(result.stdout, parse_float=Decimal)
    assert (printed["ratio"], printed["big"], printed["flag"]) == (
        Decimal("1.250"),
        Decimal("100.0"),
        False,
    )


ALGO = ALGO_ORDERS[0]


@pytest.fixture
def one_algo_order(canned: CannedExchange) -> CannedExchange:
    canned.answer(ALGO, path=ALGO_ORDER_PATH)
    return canned


def test_algo_order_is_asked_for_by_algo_id_alone(run: Run, one_algo_order: CannedExchange) -> None:
    assert (
        run("open-order", "--algo-id", "2148627", "--base-url", one_algo_order.url).returncode == 0
    )
    [(path, query)] = one_algo_order.requests
    assert (path, query["algoId"]) == (ALGO_ORDER_PATH, ["2148627"])
    assert {"symbol", "clientAlgoId"}.isdisjoint(query)


def test_algo_order_is_asked_for_by_client_algo_id(
    run: Run, one_algo_order: CannedExchange
) -> None:
    args = ("--client-algo-id", "algo-0000", "--base-url", one_algo_order.url)
    assert run("open-order", *args).returncode == 0
    [(_, query)] = one_algo_order.requests
    assert query["clientAlgoId"] == ["algo-0000"]
    assert "algoId" not in query


def test_algo_order_is_a_one_row_table_of_binances_field_names(
    run: Run, one_algo_order: CannedExchange
) -> None:
    result = run("open-order", "--algo-id", "2148627", "--base-url", one_algo_order.url)
    header, row = result.stdout.splitlines()
    cells = dict(zip(header.split(), row.split(), strict=False))
    assert (cells["algoId"], cells["clientAlgoId"], cells["orderType"], cells["triggerPrice"]) == (
        "2148627",
        "algo-0000",
        "TAKE_PROFIT",
        "105000.0",
    )


@pytest.mark.parametrize(
    ("actual", "shown"), [("", "-"), ("1917647", "1917647")], ids=["untriggered", "triggered"]
)
def test_actual_order_id_is_a_dash_until_the_algo_order_triggers(
    run: Run, canned: CannedExchange, actual: str, shown: str
) -> None:
    canned.answer({**ALGO, "actualOrderId": actual}, path=ALGO_ORDER_PATH)
    result = run("open-order", "--algo-id", "2148627", "--base-url", canned.url)
    header, row = result.stdout.splitlines()
    column = header.split().index("actualOrderId")
    assert row.split()[column] == shown


def test_algo_order_as_json_is_binances_object(run: Run, one_algo_order: CannedExchange) -> None:
    result = run("open-order", "--algo-id", "2148627", "--json", "--base-url", one_algo_order.url)
    assert json.loads(result.stdout) == ALGO


@pytest.mark.parametrize(
    ("args", "told"),
    [
        (("--algo-id", "1", "--symbol", "BTCUSD_PERP"), "argument --symbol: not allowed with"),
        (("--client-algo-id", "a", "--symbol", "BTCUSD_PERP"), "argument --symbol: not allowed"),
        (("--order-id", "1"), "argument --symbol: required with argument --order-id"),
        (("--client-order-id", "a"), "argument --symbol: required with"),
        (("--algo-id", "1", "--order-id", "1"), "argument --order-id: not allowed with"),
        (("--algo-id", "1", "--client-algo-id", "a"), "argument --client-algo-id: not"),
        (("--algo-id", "one"), "argument --algo-id: must be an integer"),
    ],
    ids=["algo id and symbol", "client algo id and symbol", "order id without symbol",
         "client order id without symbol", "order and algo ids", "both algo ids", "not a number"],
)  # fmt: skip
def test_exactly_one_id_and_a_symbol_only_for_an_ordinary_order(
    run: Run, canned: CannedExchange, args: tuple[str, ...], told: str
) -> None:
    result = run("open-order", *args, "--base-url", canned.url)
    assert result.returncode == 2
    assert result.stderr.startswith(f"binance-coinm: error: {told}")
    assert result.stderr.endswith("(see 'binance-coinm open-order --help')\n")
    assert canned.requests == []
