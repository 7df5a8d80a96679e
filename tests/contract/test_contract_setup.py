"""The contract runs' own parts: the hook's handling of the parameter rules, the config's values."""

from __future__ import annotations

from typing import Any

import pytest

from binance_coinm.mock import SYMBOLS_BY_PAIR, seed_algo_orders, seed_orders

from .binance_signing_hook import CONFIG, follow_parameter_rules

ORDERS = "/dapi/v1/openOrders"
ORDER = "/dapi/v1/openOrder"
ALGO_ORDER = "/dapi/v1/algoOrder"


def dictionary(name: str) -> list[Any]:
    values: list[Any] = CONFIG["dictionaries"][name]["values"]
    return values


def test_hook_drops_pair_when_symbol_is_sent() -> None:
    query = {"symbol": "BTCUSD_PERP", "pair": "BTCUSD", "recvWindow": 5000}
    assert follow_parameter_rules("get", ORDERS, query) == {
        "symbol": "BTCUSD_PERP",
        "recvWindow": 5000,
    }


def test_hook_drops_orig_client_order_id_when_order_id_is_sent() -> None:
    query = {"symbol": "BTCUSD_PERP", "orderId": 1917642, "origClientOrderId": "mock-0003"}
    assert follow_parameter_rules("get", ORDER, query) == {
        "symbol": "BTCUSD_PERP",
        "orderId": 1917642,
    }


def test_hook_sends_an_order_id_from_the_config_when_neither_is_sent() -> None:
    assert follow_parameter_rules("get", ORDER, {"symbol": "BTCUSD_PERP"}) == {
        "symbol": "BTCUSD_PERP",
        "orderId": dictionary("order_ids")[0],
    }


@pytest.mark.parametrize(
    ("path", "query"),
    [
        (ORDERS, {"pair": "ETHUSD"}),
        (ORDERS, {}),
        (ORDER, {"symbol": "BTCUSD_PERP", "origClientOrderId": "mock-0001"}),
    ],
)
def test_hook_leaves_a_query_that_follows_the_rules_alone(path: str, query: dict[str, Any]) -> None:
    assert follow_parameter_rules("get", path, query) == query


def test_config_symbols_and_pairs_are_the_listed_ones() -> None:
    assert (set(dictionary("symbols")), set(dictionary("pairs"))) == (
        {symbol for symbols in SYMBOLS_BY_PAIR.values() for symbol in symbols},
        set(SYMBOLS_BY_PAIR),
    )


def test_config_order_ids_are_the_seeded_orders_of_its_order_symbol() -> None:
    (symbol,) = dictionary("order_symbols")
    orders = [order for order in seed_orders() if order["symbol"] == symbol]
    assert (dictionary("order_ids"), dictionary("client_order_ids")) == (
        [order["orderId"] for order in orders],
        [order["clientOrderId"] for order in orders],
    )


def test_config_algo_ids_are_the_seeded_algo_orders() -> None:
    algo_orders = seed_algo_orders()
    assert (dictionary("algo_ids"), dictionary("client_algo_ids")) == (
        [algo["algoId"] for algo in algo_orders],
        [algo["clientAlgoId"] for algo in algo_orders],
    )


def test_hook_sends_an_algo_id_from_the_config_when_neither_is_sent() -> None:
    assert follow_parameter_rules("get", ALGO_ORDER, {}) == {"algoId": dictionary("algo_ids")[0]}
