"""The mock reads its routes, parameters, signing, weights and errors from the spec it runs on.

Each test edits a copy of openapi.yaml and shows the mock answering what the edit says,
with no change to the mock's code.
"""

from __future__ import annotations

import ast
import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from binance_coinm import mock as mock_package
from binance_coinm.mock import Fault, MockExchange, Reply
from binance_coinm.spec import load

from .conftest import FrozenClock, get, signed_query
from .spec_documents import (
    MADE_UP_EXAMPLE,
    MADE_UP_PATH,
    MADE_UP_WEIGHT,
    error_code_of,
    exchange_on,
    operation_of,
    with_made_up_endpoint,
)

ORDERS = "/dapi/v1/openOrders"


def body(reply: Reply) -> Any:
    return json.loads(reply.body)


@pytest.fixture
def document(spec: dict[str, Any]) -> dict[str, Any]:
    """A copy of openapi.yaml with a made-up signed endpoint that no handler serves."""
    return with_made_up_endpoint(spec)


def test_operation_without_a_handler_answers_its_example(
    document: dict[str, Any], clock: FrozenClock
) -> None:
    exchange = exchange_on(document, clock=clock)
    reply = get(exchange, signed_query({"note": "hello"}), path=MADE_UP_PATH)
    assert (reply.status, body(reply)) == (200, MADE_UP_EXAMPLE)


def test_new_operation_is_charged_its_weight(document: dict[str, Any], clock: FrozenClock) -> None:
    exchange = exchange_on(document, clock=clock)
    reply = get(exchange, signed_query({"note": "hello"}), path=MADE_UP_PATH)
    assert reply.headers["X-MBX-USED-WEIGHT-1M"] == str(MADE_UP_WEIGHT)


def test_new_signed_operation_verifies_the_signature(
    document: dict[str, Any], clock: FrozenClock
) -> None:
    exchange = exchange_on(document, clock=clock)
    reply = get(exchange, signed_query({"note": "hello"}, secret="wrong"), path=MADE_UP_PATH)
    assert (reply.status, body(reply)["code"]) == (400, -1022)


def test_new_operation_checks_its_declared_parameters(
    document: dict[str, Any], clock: FrozenClock
) -> None:
    exchange = exchange_on(document, clock=clock)
    reply = get(exchange, signed_query({"note": "NOT-LOWER"}), path=MADE_UP_PATH)
    assert body(reply)["msg"] == (
        "Mandatory parameter 'note' was not sent, was empty/null, or malformed."
    )


def test_operation_made_unsigned_needs_no_key(document: dict[str, Any], clock: FrozenClock) -> None:
    made_up = operation_of(document, "getMadeUp")
    made_up["x-binance-security-type"] = "NONE"
    made_up["parameters"] = made_up["parameters"][:1]
    exchange = exchange_on(document, clock=clock)
    reply = get(exchange, b"note=hello", path=MADE_UP_PATH, api_key=None)
    assert (reply.status, body(reply)) == (200, MADE_UP_EXAMPLE)


def test_route_follows_the_spec(spec: dict[str, Any], clock: FrozenClock) -> None:
    document = copy.deepcopy(spec)
    document["paths"]["/dapi/v2/time"] = document["paths"].pop("/dapi/v1/time")
    exchange = exchange_on(document, clock=clock)
    moved = get(exchange, b"", path="/dapi/v2/time", api_key=None)
    old = get(exchange, b"", path="/dapi/v1/time", api_key=None)
    assert (moved.status, body(moved), old.status) == (200, {"serverTime": clock.now_ms}, 404)


def test_allow_lists_every_method_the_spec_has_for_the_path(
    document: dict[str, Any], clock: FrozenClock
) -> None:
    posted = copy.deepcopy(document["paths"][MADE_UP_PATH]["get"])
    posted["operationId"] = "postMadeUp"
    document["paths"][MADE_UP_PATH]["post"] = posted
    exchange = exchange_on(document, clock=clock)
    reply = exchange.answer("DELETE", MADE_UP_PATH, b"", {}, b"")
    assert (reply.status, reply.headers["Allow"]) == (405, "GET, POST")


def test_weight_rules_follow_the_spec(spec: dict[str, Any], clock: FrozenClock) -> None:
    document = copy.deepcopy(spec)
    operation_of(document, "currentAllOpenOrders")["x-binance-weight"] = [
        {"if-sent": "pair", "weight": 7},
        {"weight": 13},
    ]
    exchange = exchange_on(document, clock=clock)
    used = [
        get(exchange, signed_query(params)).headers["X-MBX-USED-WEIGHT-1M"]
        for params in ({"pair": "BTCUSD"}, {"symbol": "BTCUSD_PERP"})
    ]
    assert used == ["7", "20"]


def test_undeclared_parameter_is_unread(spec: dict[str, Any], clock: FrozenClock) -> None:
    document = copy.deepcopy(spec)
    orders = operation_of(document, "currentAllOpenOrders")
    orders["parameters"] = [p for p in orders["parameters"] if p.get("name") != "pair"]
    orders["x-binance-parameter-rules"] = []
    exchange = exchange_on(document, clock=clock)
    assert body(get(exchange, signed_query({"pair": "BTCUSD"})))["code"] == -1104


def test_exactly_one_of_rule_follows_the_spec(spec: dict[str, Any], clock: FrozenClock) -> None:
    document = copy.deepcopy(spec)
    operation_of(document, "currentAllOpenOrders")["x-binance-parameter-rules"] = [
        {"exactly-one-of": ["pair", "symbol"]}
    ]
    exchange = exchange_on(document, clock=clock)
    assert body(get(exchange, signed_query()))["msg"] == (
        "Param 'pair' or 'symbol' must be sent, but both were empty/null!"
    )


@pytest.mark.parametrize(("value", "status"), [("true", 200), ("false", 200), ("yes", 400)])
def test_boolean_parameter_is_true_or_false(
    document: dict[str, Any], clock: FrozenClock, value: str, status: int
) -> None:
    operation_of(document, "getMadeUp")["parameters"].append(
        {"name": "flag", "in": "query", "required": False, "schema": {"type": "boolean"}}
    )
    exchange = exchange_on(document, clock=clock)
    reply = get(exchange, signed_query({"note": "hi", "flag": value}), path=MADE_UP_PATH)
    assert reply.status == status


def test_error_code_text_and_status_follow_the_spec(
    spec: dict[str, Any], clock: FrozenClock
) -> None:
    document = copy.deepcopy(spec)
    bad_symbol = error_code_of(document, "BAD_SYMBOL")
    bad_symbol.update(code=-4321, status=422, messages={"default": "No such contract."})
    exchange = exchange_on(document, clock=clock)
    reply = get(exchange, signed_query({"symbol": "XRPUSD_PERP"}))
    assert (reply.status, body(reply)) == (422, {"code": -4321, "msg": "No such contract."})


def test_rate_limit_text_follows_the_spec(spec: dict[str, Any], clock: FrozenClock) -> None:
    document = copy.deepcopy(spec)
    error_code_of(document, "TOO_MANY_REQUESTS")["messages"]["default"] = "Over %s."
    exchange = exchange_on(document, clock=clock)
    exchange.weights.limit = 1
    assert body(get(exchange, signed_query()))["msg"] == "Over 1."


def test_fault_texts_follow_the_spec(spec: dict[str, Any], clock: FrozenClock) -> None:
    document = copy.deepcopy(spec)
    for message in document["x-binance-errors"]["messages"]:
        message["text"] = f"{message['key']} happened."
    exchange = exchange_on(document, clock=clock)
    exchange.faults.add(Fault.SERVICE_UNAVAILABLE)
    exchange.faults.add(Fault.UNKNOWN_STATUS)
    texts = [body(get(exchange, signed_query()))["msg"] for _ in range(2)]
    assert texts == ["service-unavailable happened.", "execution-status-unknown happened."]


def test_exchange_refuses_a_spec_with_an_operation_it_cannot_answer(
    document: dict[str, Any],
) -> None:
    success = document["paths"][MADE_UP_PATH]["get"]["responses"]["200"]
    del success["content"]["application/json"]["example"]
    with pytest.raises(ValueError, match="getMadeUp"):
        MockExchange(spec=load(document))


def _code_literals(tree: ast.AST) -> Iterator[object]:
    """Negative integer literals and strings naming a /dapi/ path, docstrings aside."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    for node in ast.walk(tree):
        match node:
            case ast.UnaryOp(op=ast.USub(), operand=ast.Constant(value=int(number))):
                yield -number
            case ast.Constant(value=str(text)) if "/dapi/" in text and id(node) not in docstrings:
                yield text


@pytest.mark.parametrize(
    "package",
    [Path(mock_package.__file__).parent, Path(mock_package.__file__).parent.parent],
    ids=["the mock", "the client"],
)
def test_hand_written_code_holds_no_error_code_or_endpoint_path(package: Path) -> None:
    found = {
        (source.name, literal)
        for source in package.glob("*.py")
        for literal in _code_literals(ast.parse(source.read_text(encoding="utf-8")))
    }
    assert found == set()


def test_the_client_and_the_mock_default_to_the_spec_s_weight_limit(spec: dict[str, Any]) -> None:
    from binance_coinm import DEFAULT_WEIGHT_LIMIT
    from binance_coinm.mock.config import MockConfig

    (limit,) = [
        raw["limit"]
        for raw in spec["x-binance-rate-limits"]["limits"]
        if raw["rateLimitType"] == "REQUEST_WEIGHT"
    ]
    changed = copy.deepcopy(spec)
    changed["x-binance-rate-limits"]["limits"][0]["limit"] = limit + 1
    assert load(changed).request_weight_per_minute == limit + 1
    assert DEFAULT_WEIGHT_LIMIT == MockConfig().weight_limit == limit
