"""The binance-coinm command: a table or JSON on success, one line and exit 1 on error."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from binance_coinm.cli import main
from binance_coinm.mock import DEMO_API_KEY, DEMO_API_SECRET, MockExchange
from binance_coinm.mock.server import serving


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with serving(MockExchange()) as base_url:
        yield base_url


@pytest.fixture(autouse=True)
def demo_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BINANCE_API_KEY", DEMO_API_KEY)
    monkeypatch.setenv("BINANCE_API_SECRET", DEMO_API_SECRET)


def test_table_lists_orders_with_exact_prices(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["open-orders", "--symbol", "SOLUSD_PERP", "--base-url", url]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["symbol", "orderId", "side"]
    assert len(lines) == 3
    assert "142.385" in lines[2]


def test_json_output_keeps_decimal_strings(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["open-orders", "--pair", "ETHUSD", "--json", "--base-url", url]) == 0
    orders = json.loads(capsys.readouterr().out)
    assert {order["pair"] for order in orders} == {"ETHUSD"}
    assert "2950.25" in [order["price"] for order in orders]


def test_error_is_one_line_on_stderr_and_exit_1(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["open-orders", "--symbol", "XRPUSD_PERP", "--base-url", url]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "binance-coinm: error: Binance error -1121 (HTTP 400): Invalid symbol.\n"


def test_missing_keys_fail_before_sending(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("BINANCE_API_SECRET")
    assert main(["open-orders", "--base-url", "http://127.0.0.1:9"]) == 1
    assert "API secret is missing" in capsys.readouterr().err


def test_symbol_and_pair_together_are_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["open-orders", "--symbol", "BTCUSD_PERP", "--pair", "BTCUSD"])
    assert caught.value.code == 2


@pytest.mark.parametrize("option", ["--symbol", "--pair"])
def test_empty_symbol_or_pair_is_a_usage_error_not_every_order(option: str) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["open-orders", option, ""])
    assert caught.value.code == 2


def test_unreachable_exchange_is_reported(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["open-orders", "--base-url", "http://127.0.0.1:9"]) == 1
    assert capsys.readouterr().err.startswith(
        "binance-coinm: error: request failed without a response"
    )
