"""``binance-coinm open-order``: one order, by the exchange's id or by the client's."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from binance_coinm.mock.orders import seed_orders

from .conftest import CannedExchange, Run

ORDER = seed_orders()[0]


@pytest.fixture
def one_order(canned: CannedExchange) -> CannedExchange:
    canned.answer(ORDER)
    return canned


def test_order_is_asked_for_by_symbol_and_order_id(run: Run, one_order: CannedExchange) -> None:
    args = ("--symbol", "BTCUSD_PERP", "--order-id", "1917641", "--base-url", one_order.url)
    assert run("open-order", *args).returncode == 0
    [(path, query)] = one_order.requests
    assert path == "/dapi/v1/openOrder"
    assert (query["symbol"], query["orderId"]) == (["BTCUSD_PERP"], ["1917641"])
    assert "origClientOrderId" not in query


def test_order_is_asked_for_by_client_order_id(run: Run, one_order: CannedExchange) -> None:
    args = ("--symbol", "BTCUSD_PERP", "--client-order-id", "mock-0000")
    assert run("open-order", *args, "--base-url", one_order.url).returncode == 0
    [(_, query)] = one_order.requests
    assert query["origClientOrderId"] == ["mock-0000"]
    assert "orderId" not in query


def test_order_is_printed_as_a_one_row_table(run: Run, one_order: CannedExchange) -> None:
    args = ("--symbol", "BTCUSD_PERP", "--order-id", "1917641", "--base-url", one_order.url)
    result = run("open-order", *args)
    header, row = result.stdout.splitlines()
    assert header.split()[:3] == ["symbol", "orderId", "clientOrderId"]
    assert row.split()[:3] == ["BTCUSD_PERP", "1917641", "mock-0000"]


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
        ("--symbol", "BTCUSD_PERP", "--order-id", "1", "--client-order-id", "mock-0000"),
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
    canned.status = 200
    canned.body = json.dumps({**ORDER, "ratio": 1.250, "big": 1e2, "flag": False}).encode()
    canned.body = canned.body.replace(b"1.25", b"1.250")
    args = ("--symbol", "BTCUSD_PERP", "--order-id", "1917641", "--json")
    result = run("open-order", *args, "--base-url", canned.url)
    printed = json.loads(result.stdout, parse_float=Decimal)
    assert (printed["ratio"], printed["big"], printed["flag"]) == (
        Decimal("1.250"),
        Decimal("100.0"),
        False,
    )
