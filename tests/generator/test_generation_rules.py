"""What `make generate` makes of schemas and parameters beyond today's spec.

Nested schemas (an object property, an array of objects: Account Information's `assets[]`)
become models whose every rule holds at every depth; a parameter named like an argument
every endpoint function already takes fails generation loudly; so does output that does not
compile or import.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
GENERATE = ROOT / "generator" / "generate.py"
sys.path.insert(0, str(ROOT / "generator"))
import generate  # noqa: E402 - the generator is a script, not a package

ACCOUNT_PATH = "/dapi/v1/account"
DECIMAL = {"$ref": "#/components/schemas/DecimalString"}
ACCOUNT_SCHEMAS: dict[str, Any] = {
    "Account": {
        "type": "object",
        "description": "A made-up account with nested objects.",
        "required": ["assets", "owner"],
        "properties": {
            "assets": {"type": "array", "items": {"$ref": "#/components/schemas/Asset"}},
            "owner": {"$ref": "#/components/schemas/Owner"},
            "canTrade": {"type": "boolean"},
        },
    },
    "Asset": {
        "type": "object",
        "required": ["asset", "walletBalance", "updateTime", "side"],
        "properties": {
            "asset": {"type": "string", "minLength": 1},
            "walletBalance": {**DECIMAL, "description": "Balance."},
            "updateTime": {"type": "integer", "format": "int64", "minimum": 0},
            "side": {"$ref": "#/components/schemas/OrderSide"},
        },
    },
    "Owner": {
        "type": "object",
        "required": ["name", "limit"],
        "properties": {"name": {"type": "string"}, "limit": DECIMAL},
    },
}


def account_operation() -> dict[str, Any]:
    return {
        "operationId": "accountInformation",
        "tags": ["Trade"],
        "summary": "Account Information (USER_DATA)",
        "x-binance-security-type": "USER_DATA",
        "x-binance-weight": [{"weight": 5}],
        "parameters": [
            {"$ref": f"#/components/parameters/{name}"}
            for name in ("recvWindow", "timestamp", "signature")
        ],
        "security": [{"ApiKey": []}],
        "responses": {
            "200": {
                "description": "The account.",
                "headers": {"X-MBX-USED-WEIGHT-1M": {"$ref": "#/components/headers/UsedWeight1m"}},
                "content": {
                    "application/json": {
                        "schema": {"$ref": "#/components/schemas/Account"},
                        "example": GOOD_ACCOUNT,
                    }
                },
            }
        },
    }


GOOD_ACCOUNT: dict[str, Any] = {
    "assets": [
        {"asset": "BTC", "walletBalance": "0.00241969", "updateTime": 1, "side": "BUY"},
        {"asset": "ETH", "walletBalance": "12.5", "updateTime": 2, "side": "SELL"},
    ],
    "owner": {"name": "me", "limit": "100.00"},
    "canTrade": True,
}


def spec_with(operation: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    spec["paths"][ACCOUNT_PATH] = {"get": operation}
    spec["components"]["schemas"].update(schemas)
    return spec


def run_generator(tmp_path: Path, spec: dict[str, Any]) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "openapi.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    command = [sys.executable, str(GENERATE), "--spec", str(path), "--output", str(tmp_path)]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)


READ_BODIES = textwrap.dedent(
    """
    import json, sys
    from binance_coinm.decoding.rules import BodyError
    from binance_coinm_rest.api.trade import account_information

    decoder = account_information.ENDPOINT.decoder
    results = []
    for body in json.loads(sys.stdin.read()):
        raw = json.dumps(body).encode()
        outcomes = []
        for read in (decoder.decode, decoder.decode_item_by_item):
            try:
                account = read(raw)
            except BodyError as exc:
                outcomes.append({"refused": exc.field})
            else:
                outcomes.append({
                    "dict": account.to_dict(),
                    "extras": [a.additional_properties for a in account.assets],
                    "owner_extras": account.owner.additional_properties,
                    "balance": repr(account.assets[0].wallet_balance),
                    "side_known": account.assets[0].side.is_known,
                })
        results.append(outcomes)
    print(json.dumps(results, default=str))
    """
)


@pytest.fixture(scope="module")
def nested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A client generated from openapi.yaml plus an endpoint answering nested objects."""
    out = tmp_path_factory.mktemp("nested")
    result = run_generator(out, spec_with(account_operation(), ACCOUNT_SCHEMAS))
    assert result.returncode == 0, result.stderr
    return out


def read(nested: Path, *bodies: Any) -> list[list[dict[str, Any]]]:
    """What the fast and the item-by-item paths make of each body, in the generated client."""
    result = subprocess.run(
        [sys.executable, "-c", READ_BODIES],
        input=json.dumps(list(bodies)),
        env={**os.environ, "PYTHONPATH": str(nested)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    outcomes: list[list[dict[str, Any]]] = json.loads(result.stdout)
    return outcomes


def with_asset(**fields: Any) -> dict[str, Any]:
    body = copy.deepcopy(GOOD_ACCOUNT)
    body["assets"][1].update(fields)
    return body


def test_a_nested_body_is_read_exactly(nested: Path) -> None:
    [[fast, slow]] = read(nested, GOOD_ACCOUNT)
    assert fast == slow
    assert fast["dict"] == GOOD_ACCOUNT
    assert fast["balance"] == "Decimal('0.00241969')"


@pytest.mark.parametrize(
    ("fields", "where"),
    [
        ({"walletBalance": "1E+2"}, "assets[1].walletBalance"),
        ({"walletBalance": 12.5}, "assets[1].walletBalance"),
        ({"updateTime": "2"}, "assets[1].updateTime"),
        ({"updateTime": -1}, "assets[1].updateTime"),
        ({"updateTime": 2**63}, "assets[1].updateTime"),
        ({"asset": ""}, "assets[1].asset"),
    ],
    ids=["decimal pattern", "decimal as number", "no coercion", "bounds", "int64", "min length"],
)
def test_every_rule_holds_in_an_array_of_objects(
    nested: Path, fields: dict[str, Any], where: str
) -> None:
    [[fast, slow]] = read(nested, with_asset(**fields))
    assert fast == slow == {"refused": where}


def test_every_rule_holds_in_a_nested_object(nested: Path) -> None:
    body = copy.deepcopy(GOOD_ACCOUNT)
    body["owner"]["limit"] = "007"
    [[fast, slow]] = read(nested, body)
    assert fast == slow == {"refused": "owner.limit"}


def test_unknown_fields_are_kept_at_every_depth(nested: Path) -> None:
    body = with_asset(marginAvailable=True)
    body["owner"]["since"] = "2019"
    body["newTopLevel"] = 1
    [[fast, slow]] = read(nested, body)
    assert fast == slow
    assert fast["extras"] == [{}, {"marginAvailable": True}]
    assert fast["owner_extras"] == {"since": "2019"}
    assert fast["dict"] == body


def test_an_unknown_enum_value_is_visible_at_depth(nested: Path) -> None:
    body = copy.deepcopy(GOOD_ACCOUNT)
    body["assets"][0]["side"] = "BOTH_WAYS"
    [[fast, slow]] = read(nested, body)
    assert fast == slow
    assert fast["side_known"] is False
    assert fast["dict"] == body


@pytest.mark.parametrize("name", ["timeout", "deadline", "max_retries", "maxRetries", "client"])
def test_a_parameter_named_like_a_call_option_fails_generation(tmp_path: Path, name: str) -> None:
    operation = account_operation()
    parameter = {"name": name, "in": "query", "required": False, "schema": {"type": "integer"}}
    operation["parameters"].insert(0, parameter)
    result = run_generator(tmp_path, spec_with(operation, ACCOUNT_SCHEMAS))
    assert result.returncode != 0
    assert f"parameter {name!r}" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "binance_coinm_rest").exists()


def test_the_reserved_names_are_what_every_endpoint_function_takes() -> None:
    import inspect

    from binance_coinm import check_server_time

    for function in (check_server_time.sync, check_server_time.asyncio_detailed):
        assert tuple(inspect.signature(function).parameters) == generate.RESERVED_ARGUMENTS


def test_output_that_does_not_compile_fails_generation(tmp_path: Path) -> None:
    package = tmp_path / generate.PACKAGE
    package.mkdir()
    (package / "__init__.py").write_text("def broken(:\n", encoding="utf-8")
    with pytest.raises(generate.GenerationError, match="does not compile"):
        generate.check_output(tmp_path)


def test_output_that_does_not_import_fails_generation(tmp_path: Path) -> None:
    package = tmp_path / generate.PACKAGE
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "model.py").write_text("class Model:\n    field: Missing\n", encoding="utf-8")
    with pytest.raises(generate.GenerationError, match="does not import"):
        generate.check_output(tmp_path)
