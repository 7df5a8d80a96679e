"""openapi.yaml says what Binance's pages say of the algo orders, the listenKey and the
limits COIN-M shares with USDⓈ-M since 2026-06-30."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema.exceptions import ValidationError

from ..openapi_contract import schema_validator as validator_for

ALGO_STATUSES = ["NEW", "CANCELED", "TRIGGERING", "TRIGGERED", "FINISHED", "REJECTED", "EXPIRED"]

# USDⓈ-M's Current All Algo Open Orders page example, with COIN-M's symbol.
PAGE_ALGO_ORDER: dict[str, Any] = {
    "algoId": 2148627,
    "clientAlgoId": "MRumok0dkhrP4kCm12AHaB",
    "algoType": "CONDITIONAL",
    "orderType": "TAKE_PROFIT",
    "symbol": "BTCUSD_PERP",
    "side": "SELL",
    "positionSide": "BOTH",
    "timeInForce": "GTC",
    "quantity": "1",
    "algoStatus": "NEW",
    "actualOrderId": "",
    "actualPrice": "0.00000",
    "triggerPrice": "750.000",
    "price": "750.000",
    "icebergQuantity": None,
    "tpTriggerPrice": "0.000",
    "tpPrice": "0.000",
    "slTriggerPrice": "0.000",
    "slPrice": "0.000",
    "tpOrderType": "",
    "selfTradePreventionMode": "EXPIRE_MAKER",
    "workingType": "CONTRACT_PRICE",
    "priceMatch": "NONE",
    "closePosition": False,
    "priceProtect": False,
    "reduceOnly": False,
    "createTime": 1750514941540,
    "updateTime": 1750514941540,
    "triggerTime": 0,
    "goodTillDate": 0,
}


def schema_validator(spec: dict[str, Any], name: str) -> Any:
    return validator_for(spec, {"$ref": f"#/components/schemas/{name}"})


def operation(spec: dict[str, Any], path: str, method: str) -> dict[str, Any]:
    op: dict[str, Any] = spec["paths"][path][method]
    return op


def inline_parameters(op: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in op.get("parameters", []) if "name" in p}


def json_example(op: dict[str, Any]) -> Any:
    return op["responses"]["200"]["content"]["application/json"]["example"]


def test_a_page_algo_order_is_an_algo_order(spec: dict[str, Any]) -> None:
    schema_validator(spec, "AlgoOrder").validate(PAGE_ALGO_ORDER)


@pytest.mark.parametrize("field", ["activatePrice", "callbackRate"])
def test_an_empty_trailing_field_is_no_decimal(spec: dict[str, Any], field: str) -> None:
    # USDⓈ-M's New Algo Order (not served here) sends "" for a non-trailing order's trailing
    # fields; a read endpoint that did would get a decode error naming the field, not a number.
    with pytest.raises(ValidationError):
        schema_validator(spec, "AlgoOrder").validate({**PAGE_ALGO_ORDER, field: ""})


def test_a_triggered_algo_order_names_the_order_it_placed(spec: dict[str, Any]) -> None:
    triggered = {
        **PAGE_ALGO_ORDER,
        "algoStatus": "TRIGGERED",
        "actualOrderId": "283194212",
        "actualType": "LIMIT",
        "actualQty": "1",
        "triggerTime": 1750515000000,
    }
    schema_validator(spec, "AlgoOrder").validate(triggered)


@pytest.mark.parametrize("field", ["icebergQuantity", "goodTillDate", "priceMatch", "tpPrice"])
def test_an_algo_order_without_an_optional_field_is_still_an_algo_order(
    spec: dict[str, Any], field: str
) -> None:
    order = {k: v for k, v in PAGE_ALGO_ORDER.items() if k != field}
    schema_validator(spec, "AlgoOrder").validate(order)


@pytest.mark.parametrize(
    ("field", "value"),
    [("quantity", 1.0), ("triggerPrice", ""), ("actualOrderId", 283194212),
     ("actualOrderId", "12a"), ("icebergQuantity", 0.5), ("activatePrice", 9020)],
)  # fmt: skip
def test_algo_order_decimals_and_ids_refuse_other_shapes(
    spec: dict[str, Any], field: str, value: Any
) -> None:
    with pytest.raises(ValidationError):
        schema_validator(spec, "AlgoOrder").validate({**PAGE_ALGO_ORDER, field: value})


def test_algo_enums_list_the_documented_values(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    assert schemas["AlgoStatus"]["enum"] == ALGO_STATUSES
    assert schemas["AlgoType"]["enum"] == ["CONDITIONAL"]


def test_algo_order_reuses_the_order_enums(spec: dict[str, Any]) -> None:
    properties = spec["components"]["schemas"]["AlgoOrder"]["properties"]
    refs = {name: p.get("$ref", "").rsplit("/", 1)[-1] for name, p in properties.items()}
    assert refs["side"] == "OrderSide"
    assert refs["positionSide"] == "PositionSide"
    assert refs["orderType"] == refs["actualType"] == "OrderType"
    assert refs["timeInForce"] == "TimeInForce"
    assert refs["workingType"] == "WorkingType"
    assert refs["priceMatch"] == "PriceMatch"
    assert refs["selfTradePreventionMode"] == "SelfTradePreventionMode"
    assert refs["algoStatus"] == "AlgoStatus"


def test_current_all_algo_open_orders_matches_the_pages(spec: dict[str, Any]) -> None:
    op = operation(spec, "/dapi/v1/openAlgoOrders", "get")
    assert (op["operationId"], op["tags"], op["x-binance-security-type"]) == (
        "currentAllAlgoOpenOrders",
        ["Trade"],
        "USER_DATA",
    )
    assert op["x-binance-weight"] == [{"if-sent": "symbol", "weight": 1}, {"weight": 40}]
    params = inline_parameters(op)
    assert list(params) == ["symbol", "algoType", "algoId"]
    assert not any(p["required"] for p in params.values())
    schema = op["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema == {"type": "array", "items": {"$ref": "#/components/schemas/AlgoOrder"}}
    for order in json_example(op):
        schema_validator(spec, "AlgoOrder").validate(order)


def test_query_algo_order_takes_exactly_one_id(spec: dict[str, Any]) -> None:
    op = operation(spec, "/dapi/v1/algoOrder", "get")
    assert (op["operationId"], op["x-binance-security-type"]) == ("queryAlgoOrder", "USER_DATA")
    assert op["x-binance-weight"] == [{"weight": 1}]
    assert op["x-binance-parameter-rules"] == [{"exactly-one-of": ["algoId", "clientAlgoId"]}]
    assert list(inline_parameters(op)) == ["algoId", "clientAlgoId"]
    schema_validator(spec, "AlgoOrder").validate(json_example(op))


@pytest.mark.parametrize(
    ("method", "operation_id"),
    [("post", "startUserDataStream"), ("put", "keepaliveUserDataStream"),
     ("delete", "closeUserDataStream")],
)  # fmt: skip
def test_listen_key_operations_need_the_api_key_only(
    spec: dict[str, Any], method: str, operation_id: str
) -> None:
    op = operation(spec, "/dapi/v1/listenKey", method)
    assert op["operationId"] == operation_id
    assert op["tags"] == ["ListenKey"]
    assert op["x-binance-security-type"] == "USER_STREAM"
    assert op["security"] == [{"ApiKey": []}]
    assert op["x-binance-weight"] == [{"weight": 1}]
    assert op.get("parameters", []) == []


@pytest.mark.parametrize("method", ["post", "put"])
def test_start_and_keepalive_answer_the_listen_key(spec: dict[str, Any], method: str) -> None:
    op = operation(spec, "/dapi/v1/listenKey", method)
    assert op["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ListenKey"
    }
    schema_validator(spec, "ListenKey").validate(json_example(op))


@pytest.mark.parametrize("key", ["", "abc/def", "abc?x=1", "a" * 257])
def test_a_listen_key_that_could_change_the_stream_path_is_refused(
    spec: dict[str, Any], key: str
) -> None:
    with pytest.raises(ValidationError):
        schema_validator(spec, "ListenKey").validate({"listenKey": key})


def test_close_answers_an_empty_object(spec: dict[str, Any]) -> None:
    op = operation(spec, "/dapi/v1/listenKey", "delete")
    assert json_example(op) == {}


def error_codes(spec: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {entry["code"]: entry for entry in spec["x-binance-errors"]["codes"]}


@pytest.mark.parametrize(
    ("code", "name", "error", "text"),
    [
        (-1125, "INVALID_LISTEN_KEY", "InvalidRequestError", "This listenKey does not exist."),
        (-4120, "STOP_ORDER_SWITCH_ALGO", "InvalidRequestError",
         "Order type not supported for this endpoint. Please use the Algo Order API endpoints "
         "instead."),
        (-2013, "NO_SUCH_ORDER", "OrderNotFoundError", "Order does not exist."),
    ],
)  # fmt: skip
def test_algo_and_stream_error_codes(
    spec: dict[str, Any], code: int, name: str, error: str, text: str
) -> None:
    entry = error_codes(spec)[code]
    assert (entry["name"], entry["status"], entry["error"]) == (name, 400, error)
    assert entry["messages"]["default"] == text


def test_keepalive_of_an_unknown_key_answers_1125(spec: dict[str, Any]) -> None:
    op = operation(spec, "/dapi/v1/listenKey", "put")
    ref = op["responses"]["400"]["$ref"].rsplit("/", 1)[1]
    assert spec["components"]["responses"][ref]["content"]["application/json"]["example"] == {
        "code": -1125,
        "msg": "This listenKey does not exist.",
    }


def test_request_weight_is_one_pool_shared_with_usds_m(spec: dict[str, Any]) -> None:
    weight = spec["x-binance-rate-limits"]["limits"][0]
    assert {k: weight[k] for k in ("rateLimitType", "interval", "intervalNum", "limit")} == {
        "rateLimitType": "REQUEST_WEIGHT",
        "interval": "MINUTE",
        "intervalNum": 1,
        "limit": 2400,
    }
    assert (weight["scope"], weight["shared-by"]) == ("IP", ["/dapi", "/fapi"])
    assert weight["header"] == "X-MBX-USED-WEIGHT-1M"


def test_order_count_pools_are_shared_with_usds_m(spec: dict[str, Any]) -> None:
    _, *orders = spec["x-binance-rate-limits"]["limits"]
    assert [(o["rateLimitType"], o["interval"], o["intervalNum"], o["limit"]) for o in orders] == [
        ("ORDERS", "MINUTE", 1, 1200),
        ("ORDERS", "SECOND", 10, 300),
    ]
    assert all(o["scope"] == "ACCOUNT" and o["shared-by"] == ["/dapi", "/fapi"] for o in orders)
    assert [o["header"] for o in orders] == ["X-MBX-ORDER-COUNT-1M", "X-MBX-ORDER-COUNT-10S"]
