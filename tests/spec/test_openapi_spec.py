"""openapi.yaml is valid and says what the Current All Open Orders page says."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema.exceptions import ValidationError
from openapi_spec_validator import validate

from ..openapi_contract import schema_validator as validator_for

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
OPERATION = ("/dapi/v1/openOrders", "get")


def schema_validator(spec: dict[str, Any], name: str) -> Any:
    return validator_for(spec, {"$ref": f"#/components/schemas/{name}"})


def page_example(language: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(
        (FIXTURES / f"open_orders_example_{language}.json").read_text(encoding="utf-8")
    )
    return data


def operation(spec: dict[str, Any]) -> dict[str, Any]:
    path, method = OPERATION
    op: dict[str, Any] = spec["paths"][path][method]
    return op


def parameters(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    resolved = {}
    for parameter in operation(spec)["parameters"]:
        if "$ref" in parameter:
            parameter = spec["components"]["parameters"][parameter["$ref"].rsplit("/", 1)[1]]
        resolved[parameter["name"]] = parameter
    return resolved


def test_spec_is_valid_openapi(spec: dict[str, Any]) -> None:
    validate(spec)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_page_response_example_matches_order_schema(spec: dict[str, Any], language: str) -> None:
    validator = schema_validator(spec, "Order")
    for order in page_example(language):
        validator.validate(order)


def test_order_schema_has_every_field_of_the_page(spec: dict[str, Any]) -> None:
    fields = set(page_example("zh")[0])
    assert fields == set(spec["components"]["schemas"]["Order"]["properties"])


def test_an_order_of_any_type_may_carry_the_trailing_stop_fields(spec: dict[str, Any]) -> None:
    # Binance sends them for trailing stops; an order of another type that carries them is
    # still an order to show, not a body to refuse.
    order = {**page_example("zh")[0], "type": "LIMIT", "origType": "LIMIT"}
    schema_validator(spec, "Order").validate(order)


@pytest.mark.parametrize("field", ["symbol", "clientOrderId", "pair"])
def test_an_order_names_its_symbol_pair_and_client_id_with_any_non_empty_string(
    spec: dict[str, Any], field: str
) -> None:
    validator = schema_validator(spec, "Order")
    validator.validate({**page_example("zh")[0], field: "liquidation_autoclose-1917641 X"})
    with pytest.raises(ValidationError):
        validator.validate({**page_example("zh")[0], field: ""})


@pytest.mark.parametrize("value", ["0", "0.40", "-12.50", "9300", "0.00000001", "-0", "10"])
def test_decimal_strings_accept_plain_decimals(spec: dict[str, Any], value: str) -> None:
    schema_validator(spec, "DecimalString").validate(value)


@pytest.mark.parametrize(
    "value",
    ["1e-07", "1E+2", "", "1.", ".5", "NaN", "sNaN", "Infinity", "1,5", " 1", "1_000", "007",
     "\u0661\u0662\u0663", "+1"],
)  # fmt: skip
def test_decimal_strings_refuse_other_notations(spec: dict[str, Any], value: str) -> None:
    with pytest.raises(ValidationError):
        schema_validator(spec, "DecimalString").validate(value)


def test_decimal_fields_refuse_json_numbers(spec: dict[str, Any]) -> None:
    order = {**page_example("en")[0], "price": 0.1}
    with pytest.raises(ValidationError):
        schema_validator(spec, "Order").validate(order)


@pytest.mark.parametrize(
    ("schema", "values"),
    [
        ("OrderSide", ["BUY", "SELL"]),
        ("PositionSide", ["BOTH", "LONG", "SHORT"]),
        ("OrderType", ["LIMIT", "MARKET", "STOP", "STOP_MARKET", "TAKE_PROFIT",
                       "TAKE_PROFIT_MARKET", "TRAILING_STOP_MARKET"]),
        ("TimeInForce", ["GTC", "IOC", "FOK", "GTX"]),
        ("WorkingType", ["MARK_PRICE", "CONTRACT_PRICE"]),
        ("PriceMatch", ["NONE", "OPPONENT", "OPPONENT_5", "OPPONENT_10", "OPPONENT_20",
                        "QUEUE", "QUEUE_5", "QUEUE_10", "QUEUE_20"]),
        ("SelfTradePreventionMode", ["NONE", "EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH"]),
    ],
)  # fmt: skip
def test_enums_list_the_documented_values(
    spec: dict[str, Any], schema: str, values: list[str]
) -> None:
    assert spec["components"]["schemas"][schema]["enum"] == values


def test_order_status_lists_every_documented_status(spec: dict[str, Any]) -> None:
    statuses = spec["components"]["schemas"]["OrderStatus"]["enum"]
    assert {"NEW", "PARTIALLY_FILLED", "FILLED", "CANCELED", "EXPIRED"} <= set(statuses)


def test_operation_is_current_all_open_orders_in_trade(spec: dict[str, Any]) -> None:
    op = operation(spec)
    assert (op["operationId"], op["tags"]) == ("currentAllOpenOrders", ["Trade"])


def test_parameters_match_the_page(spec: dict[str, Any]) -> None:
    params = parameters(spec)
    assert list(params) == ["symbol", "pair", "recvWindow", "timestamp", "signature"]
    assert {name for name, p in params.items() if p["required"]} == {"timestamp", "signature"}
    assert params["timestamp"]["schema"]["format"] == "int64"
    assert params["recvWindow"]["schema"]["maximum"] == 60000


def test_security_needs_api_key_header_and_signature(spec: dict[str, Any]) -> None:
    schemes = spec["components"]["securitySchemes"]
    assert operation(spec)["security"] == [{"ApiKey": []}]
    assert (schemes["ApiKey"]["in"], schemes["ApiKey"]["name"]) == ("header", "X-MBX-APIKEY")
    assert "HMAC-SHA256" in parameters(spec)["signature"]["description"]


def test_weight_is_documented(spec: dict[str, Any]) -> None:
    op = operation(spec)
    assert op["x-binance-weight"] == [{"if-sent": "symbol", "weight": 1}, {"weight": 40}]
    assert "**1** with `symbol`, **40** without" in op["description"]


def operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return [op for item in spec["paths"].values() for op in item.values()]


def test_every_operation_says_its_security_type_and_weight(spec: dict[str, Any]) -> None:
    for op in operations(spec):
        assert op["x-binance-security-type"] in {
            "NONE",
            "MARKET_DATA",
            "USER_DATA",
            "TRADE",
            "USER_STREAM",
        }
        *conditional, default = op["x-binance-weight"]
        assert set(default) == {"weight"}, op["operationId"]
        assert all(set(rule) == {"if-sent", "weight"} for rule in conditional)


def test_signed_operations_take_the_signing_parameters(spec: dict[str, Any]) -> None:
    for op in operations(spec):
        names = {p.get("$ref", "").rsplit("/", 1)[-1] for p in op.get("parameters", [])}
        signed = op["x-binance-security-type"] in {"USER_DATA", "TRADE"}
        keyed = signed or op["x-binance-security-type"] == "USER_STREAM"
        assert signed == ({"timestamp", "signature"} <= names), op["operationId"]
        assert keyed == (op["security"] == [{"ApiKey": []}]), op["operationId"]


def test_query_current_open_order_matches_its_page(spec: dict[str, Any]) -> None:
    op = spec["paths"]["/dapi/v1/openOrder"]["get"]
    assert (op["operationId"], op["x-binance-security-type"]) == (
        "queryCurrentOpenOrder",
        "USER_DATA",
    )
    assert op["x-binance-weight"] == [{"weight": 1}]
    inline = {p["name"]: p for p in op["parameters"] if "name" in p}
    assert list(inline) == ["symbol", "orderId", "origClientOrderId"]
    assert [inline[name]["required"] for name in inline] == [True, False, False]
    assert op["x-binance-parameter-rules"] == [{"exactly-one-of": ["orderId", "origClientOrderId"]}]
    assert op["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Order"
    }
    schema_validator(spec, "Order").validate(
        op["responses"]["200"]["content"]["application/json"]["example"]
    )


def error_codes(spec: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {entry["code"]: entry for entry in spec["x-binance-errors"]["codes"]}


@pytest.mark.parametrize(
    ("code", "name", "text"),
    [
        (-1021, "INVALID_TIMESTAMP", "Timestamp for this request is outside of the recvWindow."),
        (-1022, "INVALID_SIGNATURE", "Signature for this request is not valid."),
        (-1121, "BAD_SYMBOL", "Invalid symbol."),
        (-2013, "NO_SUCH_ORDER", "Order does not exist."),
        (-2015, "REJECTED_MBX_KEY", "Invalid API-key, IP, or permissions for action."),
    ],
)
def test_error_codes_have_binance_names_and_texts(
    spec: dict[str, Any], code: int, name: str, text: str
) -> None:
    entry = error_codes(spec)[code]
    assert (entry["name"], entry["messages"]["default"]) == (name, text)


def test_error_codes_and_names_are_unique(spec: dict[str, Any]) -> None:
    codes = spec["x-binance-errors"]["codes"]
    assert len({c["code"] for c in codes}) == len({c["name"] for c in codes}) == len(codes)


def test_every_error_status_falls_in_a_class(spec: dict[str, Any]) -> None:
    statuses = spec["x-binance-errors"]["statuses"]
    assert {"4XX", "5XX"} <= set(statuses)


def test_a_waf_refusal_is_described_as_the_firewall_s_own_page(spec: dict[str, Any]) -> None:
    # Binance's JSON error codes would class it by code (-1002 is an AuthenticationError);
    # the firewall's 403 carries none, so it is classed by its status: ForbiddenError.
    ref = operation(spec)["responses"]["403"]["$ref"].rsplit("/", 1)[1]
    assert set(spec["components"]["responses"][ref]["content"]) == {"text/html"}
    assert spec["x-binance-errors"]["statuses"]["403"] == "ForbiddenError"


@pytest.mark.parametrize("status", ["400", "401", "404", "418", "429", "5XX"])
def test_error_statuses_return_binance_error_body(spec: dict[str, Any], status: str) -> None:
    ref = operation(spec)["responses"][status]["$ref"].rsplit("/", 1)[1]
    response = spec["components"]["responses"][ref]
    assert response["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
    schema_validator(spec, "Error").validate(response["content"]["application/json"]["example"])


@pytest.mark.parametrize("status", ["418", "429"])
def test_rate_limit_responses_carry_retry_after(spec: dict[str, Any], status: str) -> None:
    ref = operation(spec)["responses"][status]["$ref"].rsplit("/", 1)[1]
    assert "Retry-After" in spec["components"]["responses"][ref]["headers"]


def test_success_carries_used_weight_header(spec: dict[str, Any]) -> None:
    assert "X-MBX-USED-WEIGHT-1M" in operation(spec)["responses"]["200"]["headers"]


def test_servers_are_production_and_testnet(spec: dict[str, Any]) -> None:
    assert [s["url"] for s in spec["servers"]] == [
        "https://dapi.binance.com",
        "https://testnet.binancefuture.com",
    ]
