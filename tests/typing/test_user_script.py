"""The type-checked user script is real code: each of its functions, against the mock exchange."""

from __future__ import annotations

from decimal import Decimal

import pytest

from binance_coinm import AuthenticatedClient, current_all_open_orders

from . import user_script


def test_open_limit_orders_and_their_exact_notional(
    binance_mock_client: AuthenticatedClient,
) -> None:
    orders = user_script.open_limit_orders(binance_mock_client, "BTCUSD_PERP")
    assert [order.order_id for order in orders] == [1_917_641, 1_917_642, 1_917_643]
    assert [user_script.describe(order) for order in orders] == [
        "BTCUSD_PERP (BTCUSD) BUY limit 86250.5",
        "BTCUSD_PERP (BTCUSD) SELL limit 91000.0",
        "BTCUSD_PERP (BTCUSD) SELL limit 84000.0",
    ]
    assert [user_script.remaining_notional(order) for order in orders] == [
        Decimal("1035006.0"),
        Decimal("273000.0"),
        Decimal("252000.0"),
    ]


def test_every_symbol_when_none_is_passed(binance_mock_client: AuthenticatedClient) -> None:
    symbols = {order.symbol for order in user_script.open_limit_orders(binance_mock_client, None)}
    assert {"BTCUSD_PERP", "ETHUSD_PERP"} <= symbols


def test_only_trailing_stops_have_an_activation_price(
    binance_mock_client: AuthenticatedClient,
) -> None:
    orders = current_all_open_orders.sync(client=binance_mock_client, symbol="BTCUSD_PERP")
    # Keyed by origType: since 2026-06-30 a stop is listed as the order it placed.
    prices = {order.orig_type.value: user_script.activation_price(order) for order in orders}
    assert prices == {"LIMIT": None, "STOP": None, "TRAILING_STOP_MARKET": Decimal("88000.0")}


def test_a_pair_costs_forty(binance_mock_client: AuthenticatedClient) -> None:
    assert user_script.weight_of_a_pair(binance_mock_client, "BTCUSD") == 40


@pytest.mark.anyio
async def test_pairs_read_concurrently(binance_mock_client: AuthenticatedClient) -> None:
    counts = await user_script.open_orders_of_pairs(binance_mock_client, ["BTCUSD", "ETHUSD"])
    assert counts == {"BTCUSD": 4, "ETHUSD": 2}


def test_an_open_order_is_found_and_a_gone_one_is_none(
    binance_mock_client: AuthenticatedClient,
) -> None:
    order = user_script.still_open(binance_mock_client, "BTCUSD_PERP", 1_917_642)
    assert order is not None
    assert order.order_id == 1_917_642
    assert user_script.still_open(binance_mock_client, "BTCUSD_PERP", 1) is None


def test_a_refusal_is_caught_by_class(binance_mock_client: AuthenticatedClient) -> None:
    assert user_script.refusal(binance_mock_client, "XRPUSD_PERP") == (-1121, "Invalid symbol.")
    assert user_script.refusal(binance_mock_client, "SOLUSD_PERP") is None


def test_main_without_credentials_says_so_and_sends_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("BINANCE_API_KEY", "BINANCE_API_SECRET", "BINANCE_PRIVATE_KEY_PATH"):
        monkeypatch.delenv(name, raising=False)
    assert user_script.main() == 1
    assert capsys.readouterr().err.startswith("error: API ")
