"""Symbols and pairs are read in any case, then checked by the spec's pattern."""

from __future__ import annotations

import pytest

from .canned import ORDERS
from .conftest import CannedExchange, Run


def test_symbol_in_lower_case_is_sent_in_upper_case(run: Run, canned: CannedExchange) -> None:
    args = ("--kind", "orders", "--symbol", "btcusd_perp", "--base-url", canned.url)
    assert run("open-orders", *args).returncode == 0
    [(_, query)] = canned.requests
    assert query["symbol"] == ["BTCUSD_PERP"]


def test_pair_in_mixed_case_is_sent_in_upper_case(run: Run, canned: CannedExchange) -> None:
    args = ("--kind", "orders", "--pair", "BtcUsd", "--base-url", canned.url)
    assert run("open-orders", *args).returncode == 0
    [(_, query)] = canned.requests
    assert query["pair"] == ["BTCUSD"]


def test_open_order_symbol_in_lower_case_is_sent_in_upper_case(
    run: Run, canned: CannedExchange
) -> None:
    canned.answer(ORDERS[0])
    args = ("--symbol", "btcusd_perp", "--order-id", "1917641", "--base-url", canned.url)
    assert run("open-order", *args).returncode == 0
    [(_, query)] = canned.requests
    assert query["symbol"] == ["BTCUSD_PERP"]


@pytest.mark.parametrize(("option", "value"), [("--symbol", "btc-usd"), ("--pair", "btc usd")])
def test_value_still_wrong_once_upper_cased_is_a_usage_error_naming_the_option(
    run: Run, canned: CannedExchange, option: str, value: str
) -> None:
    result = run("open-orders", option, value, "--base-url", canned.url)
    assert result.returncode == 2
    assert result.stderr.startswith(f"binance-coinm: error: argument {option}: must be a str")
    assert len(result.stderr.splitlines()) == 1
    assert canned.requests == []


@pytest.mark.parametrize("value", ["\ufb00", "b\u0131tusd"], ids=["ff ligature", "dotless i"])
def test_letters_outside_ascii_do_not_become_ascii_ones(
    run: Run, canned: CannedExchange, value: str
) -> None:
    """The ff ligature upper-cased is ``"FF"``, a dotless i is ``"I"``: neither may pass."""
    result = run("open-orders", "--symbol", value, "--base-url", canned.url)
    assert result.returncode == 2
    assert canned.requests == []


def test_client_order_id_keeps_its_case(run: Run, canned: CannedExchange) -> None:
    canned.answer(ORDERS[0])
    args = ("--symbol", "BTCUSD_PERP", "--client-order-id", "myOrder-1", "--base-url", canned.url)
    assert run("open-order", *args).returncode == 0
    [(_, query)] = canned.requests
    assert query["origClientOrderId"] == ["myOrder-1"]
