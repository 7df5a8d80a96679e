"""schemathesis, every check on, finds nothing wrong with the mock, and bites when it should."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from binance_coinm.mock import MockConfig, MockExchange, Rejection, Reply
from binance_coinm.mock.server import serving
from binance_coinm.spec import SPEC

from .schemathesis_run import run_schemathesis

UNLIMITED_WEIGHT = 10**9


def contract_exchange(exchange_class: type[MockExchange] = MockExchange) -> MockExchange:
    """The mock with the contract-test key and no weight limit (weight has tests of its own)."""
    exchange = exchange_class(config=MockConfig(weight_limit=UNLIMITED_WEIGHT))
    exchange.add_key("contract-test-key", "contract-test-secret")
    return exchange


def test_mock_passes_every_check_over_http(tmp_path: Path) -> None:
    with serving(contract_exchange()) as url:
        code, report, output = run_schemathesis(url, tmp_path)
    assert code == 0, output
    assert report["operations"]["tested"] == len(SPEC.operations)
    assert report["test_cases"]["generated"] > 100
    assert report["failures"] == []


class AuthIgnoringExchange(MockExchange):
    """Broken on purpose: answers whatever API key is sent."""

    def answer(
        self, method: str, path: str, raw_query: bytes, headers: Any, body: bytes, **sender: str
    ) -> Any:
        return super().answer(
            method,
            path,
            raw_query,
            {**headers, "x-mbx-apikey": "contract-test-key"},
            body,
            **sender,
        )


class FloatPriceExchange(MockExchange):
    """Broken on purpose: sends prices as JSON numbers."""

    def answer(
        self, method: str, path: str, raw_query: bytes, headers: Any, body: bytes, **sender: str
    ) -> Any:
        reply = super().answer(method, path, raw_query, headers, body, **sender)
        if path != SPEC.operations["currentAllOpenOrders"].path or reply.status != 200:
            return reply
        orders = [{**order, "price": float(order["price"])} for order in json.loads(reply.body)]
        return Reply(reply.status, reply.headers, json.dumps(orders).encode())


class OrderRefusingExchange(MockExchange):
    """Broken on purpose: refuses every query for one order as malformed."""

    def answer(
        self, method: str, path: str, raw_query: bytes, headers: Any, body: bytes, **sender: str
    ) -> Any:
        reply = super().answer(method, path, raw_query, headers, body, **sender)
        if path != SPEC.operations["queryCurrentOpenOrder"].path or reply.status != 200:
            return reply
        return Rejection("INVALID_PARAMETER", "default", "orderId").reply(self.spec, 1)


@pytest.mark.parametrize(
    ("broken", "failure"),
    [
        (AuthIgnoringExchange, "IgnoredAuth"),
        (FloatPriceExchange, "JsonSchemaError"),
        (OrderRefusingExchange, "RejectedPositiveData"),
    ],
)
def test_contract_test_catches_a_broken_mock(
    tmp_path: Path, broken: type[MockExchange], failure: str
) -> None:
    with serving(contract_exchange(broken)) as url:
        code, report, output = run_schemathesis(url, tmp_path)
    assert code != 0, output
    assert failure in {found["type"] for found in report["failures"]}, output
