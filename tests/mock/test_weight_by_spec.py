"""Client and mock charge every operation of the spec exactly what its x-binance-weight says.

For each operation, argument sets hit and miss each ``if-sent`` rule (and follow the
operation's parameter rules); the client must tag the request with
``operation.weight(names sent)`` and the mock must add exactly that to the used weight.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType
from typing import Any
from urllib.parse import parse_qsl

import pytest

import binance_coinm_rest.api
from binance_coinm.mock import DEFAULT_CLIENT_IP, DEMO_API_KEY, MockExchange
from binance_coinm.spec import SPEC, Operation

from .conftest import NOW_MS, sign


def generated_modules() -> dict[str, ModuleType]:
    """The generated endpoint module of each operation, by operationId."""
    modules = {}
    prefix = f"{binance_coinm_rest.api.__name__}."
    for found in pkgutil.walk_packages(binance_coinm_rest.api.__path__, prefix):
        module = importlib.import_module(found.name)
        endpoint = getattr(module, "ENDPOINT", None)
        if endpoint is not None:
            modules[endpoint.operation.operation_id] = module
    return modules


def argument_sets(operation: Operation) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """(names to send, names not to send) by case: each if-sent rule hit, and missed while
    every other parameter is sent."""
    nothing: frozenset[str] = frozenset()
    everything = frozenset(p.name for p in operation.parameters if not p.signing)
    cases = {"required-only": (nothing, nothing)}
    for rule in operation.weight_rules:
        if rule.if_sent is not None:
            name = rule.if_sent
            cases[f"{name}-sent"] = (frozenset({name}), nothing)
            cases[f"{name}-not-sent"] = (everything - {name}, frozenset({name}))
    return cases


def chosen_names(
    operation: Operation, wanted: frozenset[str], unwanted: frozenset[str]
) -> set[str]:
    """The parameters to send: the required ones and ``wanted``, within the parameter rules."""
    names = {p.name for p in operation.parameters if p.required and not p.signing} | wanted
    for group in (*operation.exactly_one_of, *operation.at_most_one_of):
        sent = [name for name in group if name in names]
        keep = [name for name in sent if name in wanted] or sent[:1]
        names -= set(sent) - set(keep)
    for group in operation.exactly_one_of:
        if not names & set(group):
            names.add(next(name for name in group if name not in unwanted))
    return names - unwanted


CASES = [
    pytest.param(operation_id, wanted, unwanted, id=f"{operation_id}-{case}")
    for operation_id, operation in SPEC.operations.items()
    for case, (wanted, unwanted) in argument_sets(operation).items()
]


def _resolved(document: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def example_value(document: dict[str, Any], operation: Operation, name: str) -> Any:
    """A value of the parameter the spec allows: its schema's first example, its first enum
    value, or its minimum."""
    raw = document["paths"][operation.path][operation.method.lower()]["parameters"]
    parameter = next(p for p in map(lambda p: _resolved(document, p), raw) if p["name"] == name)
    schema = _resolved(document, parameter["schema"])
    for key in ("examples", "enum"):
        if key in schema:
            return schema[key][0]
    return schema["minimum"]


def test_every_operation_has_a_generated_function() -> None:
    assert set(generated_modules()) == set(SPEC.operations)


@pytest.mark.parametrize(("operation_id", "wanted", "unwanted"), CASES)
def test_client_and_mock_charge_the_spec_weight(
    spec: dict[str, Any],
    exchange: MockExchange,
    operation_id: str,
    wanted: frozenset[str],
    unwanted: frozenset[str],
) -> None:
    operation = SPEC.operations[operation_id]
    endpoint = generated_modules()[operation_id].ENDPOINT
    labels = {name: label for label, name in endpoint.arguments.items()}
    names = chosen_names(operation, wanted, unwanted)
    call = endpoint.call({labels[name]: example_value(spec, operation, name) for name in names})
    sent = {name for name, _ in parse_qsl(call.query.decode())}
    assert wanted <= sent
    assert not unwanted & sent
    expected = operation.weight(sent)
    assert call.weight == expected

    query = call.query
    if operation.signed:
        query = sign(b"&".join(filter(None, [query, b"timestamp=%d" % NOW_MS])))
    before = exchange.weights.used(DEFAULT_CLIENT_IP, NOW_MS)
    reply = exchange.answer(
        operation.method, operation.path, query, {SPEC.api_key_header.lower(): DEMO_API_KEY}, b""
    )
    assert int(reply.headers[SPEC.used_weight_header]) - before == expected
