"""Contracts: the mock lists some; a test lists more, and their symbols and pairs become valid."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

import pytest

from binance_coinm import errors
from binance_coinm.mock import SYMBOLS_BY_PAIR, Contract, MockExchange

from .conftest import FrozenClock, get, signed_query
from .spec_documents import exchange_on


def code_of(exchange: MockExchange, **params: str) -> int:
    reply = get(exchange, signed_query(params))
    return 0 if reply.status == 200 else int(json.loads(reply.body)["code"])


def test_the_seeded_contracts_are_listed(exchange: MockExchange) -> None:
    assert {contract.symbol for contract in exchange.contracts} == {
        symbol for symbols in SYMBOLS_BY_PAIR.values() for symbol in symbols
    }


def test_an_added_contract_makes_its_symbol_and_pair_valid(exchange: MockExchange) -> None:
    before = [code_of(exchange, symbol="XRPUSD_PERP"), code_of(exchange, pair="XRPUSD")]
    exchange.add_contract("XRPUSD_PERP")
    after = [code_of(exchange, symbol="XRPUSD_PERP"), code_of(exchange, pair="XRPUSD")]
    assert (before, after) == ([-1121, -1121], [0, 0])


def test_an_added_contract_is_listed(exchange: MockExchange) -> None:
    added = exchange.add_contract("ADAUSD_270326", contract_size=10)
    assert added == Contract("ADAUSD_270326", "ADAUSD", Decimal(10))
    assert added in exchange.contracts


def test_an_order_on_an_added_contract_is_served(exchange: MockExchange) -> None:
    exchange.add_contract("XRPUSD_PERP")
    order = exchange.add_order(symbol="XRPUSD_PERP", side="SELL", type="LIMIT", orig_qty=1)
    reply = get(exchange, signed_query({"pair": "XRPUSD"}))
    assert json.loads(reply.body) == [order.to_dict()]


def test_a_fill_is_worth_the_contract_s_size(exchange: MockExchange) -> None:
    exchange.add_contract("XRPUSD_PERP", contract_size="10")
    order = exchange.add_order(
        symbol="XRPUSD_PERP", side="SELL", type="LIMIT", orig_qty=4, price="2.5"
    )
    assert exchange.fill(order.order_id).cum_base == Decimal(16)


@pytest.mark.parametrize(
    "symbol", ["xrpusd_perp", "XRPUSD", "_PERP", "XRPUSD_", "XRP-USD_PERP", "X" * 40 + "_PERP"]
)
def test_a_symbol_that_is_no_contract_symbol_is_refused(
    exchange: MockExchange, symbol: str
) -> None:
    with pytest.raises(errors.ConfigurationError, match="a contract symbol is PAIR_DELIVERY"):
        exchange.add_contract(symbol)


def test_a_symbol_that_is_no_str_is_an_argument_type_error(exchange: MockExchange) -> None:
    with pytest.raises(errors.ArgumentTypeError, match="symbol must be a str"):
        exchange.add_contract(b"XRPUSD_PERP")  # type: ignore[arg-type]


@pytest.mark.parametrize("size", [0, -10, "NaN", "lots", "Infinity"])
def test_a_contract_size_that_is_not_positive_is_refused(
    exchange: MockExchange, size: object
) -> None:
    with pytest.raises(errors.ConfigurationError, match="contract_size must be a positive"):
        exchange.add_contract("XRPUSD_PERP", contract_size=size)


@pytest.mark.parametrize("size", [10.0, True, None])
def test_a_contract_size_of_another_type_is_an_argument_type_error(
    exchange: MockExchange, size: object
) -> None:
    with pytest.raises(errors.ArgumentTypeError, match="contract_size must be"):
        exchange.add_contract("XRPUSD_PERP", contract_size=size)


def test_the_contract_symbol_rule_follows_the_spec(
    spec: dict[str, Any], clock: FrozenClock
) -> None:
    document = copy.deepcopy(spec)
    document["components"]["schemas"]["Symbol"]["pattern"] = "^[A-Z0-9_]{1,8}$"
    exchange = exchange_on(document, clock=clock)
    exchange.add_contract("XRP_PERP")
    with pytest.raises(errors.ConfigurationError, match="PAIR_DELIVERY"):
        exchange.add_contract("XRPUSD_PERP")
