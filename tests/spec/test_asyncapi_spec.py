"""asyncapi.yaml follows the conventions code is generated from, and says what Binance's
user-data stream pages and its official SDK's models say."""

from __future__ import annotations

import copy
import keyword
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parents[2]
ASYNCAPI_PATH = ROOT / "asyncapi.yaml"
OPENAPI_FILE = "openapi.yaml"
DECIMAL_REF = "openapi.yaml#/components/schemas/DecimalString"
SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
# A key that is already a readable name: a word or camelCase words, four letters or more.
READABLE_KEY = re.compile(r"^[a-z]{4,}([A-Z][a-z0-9]+)*$")

EVENTS = {
    "ORDER_TRADE_UPDATE": "OrderTradeUpdateEvent",
    "ALGO_UPDATE": "AlgoUpdateEvent",
    "ACCOUNT_UPDATE": "AccountUpdateEvent",
    "MARGIN_CALL": "MarginCallEvent",
    "ACCOUNT_CONFIG_UPDATE": "AccountConfigUpdateEvent",
    "listenKeyExpired": "ListenKeyExpiredEvent",
}

# Wire keys Binance sends as decimal strings, by the schema that holds them.
DECIMAL_KEYS = {
    "OrderTradeUpdateOrder": ["q", "p", "ap", "sp", "l", "z", "L", "n", "rp", "b", "a", "AP", "cr"],
    "AlgoUpdateOrder": ["q", "ap", "aq", "tp", "p"],
    "AccountUpdateBalance": ["wb", "cw", "bc"],
    "AccountUpdatePosition": ["pa", "ep", "bep", "cr", "up", "iw"],
    "MarginCallEvent": ["cw"],
    "MarginCallPosition": ["pa", "iw", "mp", "up", "mm"],
}


@pytest.fixture(scope="module")
def asyncapi() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(ASYNCAPI_PATH.read_text(encoding="utf-8"))
    return loaded


def schemas(document: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = document["components"]["schemas"]
    return found


def resolve(asyncapi: dict[str, Any], openapi: dict[str, Any], ref: str) -> Any:
    """The node a ``$ref`` of asyncapi.yaml names, in this file or in openapi.yaml."""
    file, _, pointer = ref.partition("#")
    assert file in {"", OPENAPI_FILE}, ref
    node: Any = openapi if file == OPENAPI_FILE else asyncapi
    for part in pointer.removeprefix("/").split("/"):
        assert isinstance(node, dict), ref
        assert part in node, ref
        node = node[part]
    return node


def walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every mapping in ``node``, depth first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def object_schemas(asyncapi: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for name, schema in schemas(asyncapi).items():
        for node in walk(schema):
            if isinstance(node.get("properties"), dict):
                yield name, node


def inlined(asyncapi: dict[str, Any], openapi: dict[str, Any], node: Any, in_openapi: bool) -> Any:
    """``node`` with every ``$ref`` replaced by its target and every ``enum`` removed (the
    enums are open sets: a value they do not list is kept, not refused)."""
    if isinstance(node, list):
        return [inlined(asyncapi, openapi, item, in_openapi) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        ref = node["$ref"]
        target_in_openapi = ref.startswith(OPENAPI_FILE) or (in_openapi and ref.startswith("#"))
        full = f"{OPENAPI_FILE}{ref}" if in_openapi and ref.startswith("#") else ref
        target = resolve(asyncapi, openapi, full)
        return inlined(asyncapi, openapi, copy.deepcopy(target), target_in_openapi)
    return {
        key: inlined(asyncapi, openapi, value, in_openapi)
        for key, value in node.items()
        if key != "enum" and not key.startswith("x-")
    }


def validator(asyncapi: dict[str, Any], openapi: dict[str, Any], name: str) -> Any:
    schema = inlined(asyncapi, openapi, {"$ref": f"#/components/schemas/{name}"}, False)
    return Draft202012Validator(schema)


def test_asyncapi_is_version_3_with_the_two_stream_hosts(asyncapi: dict[str, Any]) -> None:
    assert asyncapi["asyncapi"] == "3.0.0"
    servers = {
        name: (s["host"], s["protocol"], s["pathname"]) for name, s in asyncapi["servers"].items()
    }
    assert servers == {
        "production": ("dstream.binance.com", "wss", "/ws"),
        "testnet": ("dstream.binancefuture.com", "wss", "/ws"),
    }


def test_the_user_data_channel_is_addressed_by_its_listen_key(asyncapi: dict[str, Any]) -> None:
    channel = asyncapi["channels"]["userData"]
    assert channel["address"] == "/ws/{listenKey}"
    assert set(channel["parameters"]) == {"listenKey"}
    assert asyncapi["x-binance-stream"]["url-template"] == "wss://{host}/ws/{listenKey}"


def test_one_receive_operation_takes_every_message_of_the_channel(
    asyncapi: dict[str, Any],
) -> None:
    (operation,) = asyncapi["operations"].values()
    assert operation["action"] == "receive"
    assert operation["channel"] == {"$ref": "#/channels/userData"}
    names = set(asyncapi["channels"]["userData"]["messages"])
    assert {m["$ref"].rsplit("/", 1)[1] for m in operation["messages"]} == names


def test_each_event_type_has_its_message_and_schema(asyncapi: dict[str, Any]) -> None:
    messages = asyncapi["components"]["messages"].values()
    assert {m["name"]: m["payload"]["$ref"].rsplit("/", 1)[1] for m in messages} == EVENTS


@pytest.mark.parametrize(("event", "name"), EVENTS.items())
def test_event_schemas_fix_e_and_name_their_event_type(
    asyncapi: dict[str, Any], event: str, name: str
) -> None:
    schema = schemas(asyncapi)[name]
    assert schema["x-binance-event-type"] == event
    assert schema["properties"]["e"]["const"] == event
    assert {"e", "E"} <= set(schema["required"])


def test_every_message_cites_a_binance_page(asyncapi: dict[str, Any]) -> None:
    for message in asyncapi["components"]["messages"].values():
        assert "https://developers.binance.com/docs/derivatives/" in message["description"]
    assert "Sources:" in asyncapi["info"]["description"]
    assert "open sets" in asyncapi["info"]["description"]


def test_every_unreadable_wire_key_has_a_readable_name(asyncapi: dict[str, Any]) -> None:
    for owner, schema in object_schemas(asyncapi):
        for key, prop in schema["properties"].items():
            if not READABLE_KEY.match(key):
                assert "x-name" in prop, f"{owner}.{key}"
            if "x-name" in prop:
                name = prop["x-name"]
                assert SNAKE_CASE.match(name), f"{owner}.{key}"
                assert not keyword.iskeyword(name), f"{owner}.{key}"


def snake(key: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", key).lower()


def test_names_are_unique_within_each_object(asyncapi: dict[str, Any]) -> None:
    for owner, schema in object_schemas(asyncapi):
        names = [p.get("x-name", snake(k)) for k, p in schema["properties"].items()]
        assert len(names) == len(set(names)), owner


def test_required_fields_are_declared(asyncapi: dict[str, Any]) -> None:
    for owner, schema in object_schemas(asyncapi):
        assert set(schema.get("required", [])) <= set(schema["properties"]), owner


def test_every_ref_resolves_here_or_in_openapi(
    asyncapi: dict[str, Any], spec: dict[str, Any]
) -> None:
    refs = [node["$ref"] for node in walk(asyncapi) if "$ref" in node]
    assert any(ref.startswith(OPENAPI_FILE) for ref in refs)
    for ref in refs:
        resolve(asyncapi, spec, ref)


def test_schema_names_do_not_collide_with_openapi(
    asyncapi: dict[str, Any], spec: dict[str, Any]
) -> None:
    assert not set(schemas(asyncapi)) & set(spec["components"]["schemas"])


def test_no_number_type_anywhere(asyncapi: dict[str, Any]) -> None:
    assert not [node for node in walk(asyncapi) if node.get("type") == "number"]


def test_decimal_refs_name_the_openapi_decimal_string(asyncapi: dict[str, Any]) -> None:
    for node in walk(asyncapi):
        if str(node.get("$ref", "")).endswith("/DecimalString"):
            assert node["$ref"] == DECIMAL_REF


@pytest.mark.parametrize(("owner", "keys"), DECIMAL_KEYS.items())
def test_money_fields_are_decimal_strings(
    asyncapi: dict[str, Any], owner: str, keys: list[str]
) -> None:
    properties = schemas(asyncapi)[owner]["properties"]
    assert {key: properties[key].get("$ref") for key in keys} == dict.fromkeys(keys, DECIMAL_REF)


def test_integers_are_int64(asyncapi: dict[str, Any]) -> None:
    for node in walk(asyncapi):
        if node.get("type") == "integer":
            assert node.get("format") == "int64", node
            assert "minimum" in node, node


def test_new_enums_are_declared_here_and_listed(asyncapi: dict[str, Any]) -> None:
    assert schemas(asyncapi)["ExecutionType"]["enum"] == [
        "NEW", "CANCELED", "CALCULATED", "EXPIRED", "TRADE", "AMENDMENT",
    ]  # fmt: skip
    assert "FUNDING_FEE" in schemas(asyncapi)["AccountUpdateReason"]["enum"]


def message_examples(asyncapi: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for message in asyncapi["components"]["messages"].values():
        for example in message["examples"]:
            yield message["payload"]["$ref"].rsplit("/", 1)[1], example["payload"]


def test_page_examples_are_valid_events(asyncapi: dict[str, Any], spec: dict[str, Any]) -> None:
    for name, payload in message_examples(asyncapi):
        validator(asyncapi, spec, name).validate(payload)


def test_page_examples_use_only_declared_keys(
    asyncapi: dict[str, Any], spec: dict[str, Any]
) -> None:
    def check(schema: dict[str, Any], value: Any, where: str) -> None:
        if isinstance(value, dict) and "properties" in schema:
            assert set(value) <= set(schema["properties"]), where
            for key, item in value.items():
                check(schema["properties"][key], item, f"{where}.{key}")
        elif isinstance(value, list) and "items" in schema:
            for item in value:
                check(schema["items"], item, where)

    for name, payload in message_examples(asyncapi):
        schema = inlined(asyncapi, spec, {"$ref": f"#/components/schemas/{name}"}, False)
        check(schema, payload, name)


def test_an_unknown_enum_value_is_kept(asyncapi: dict[str, Any], spec: dict[str, Any]) -> None:
    _, payload = next(message_examples(asyncapi))
    changed = {**payload, "o": {**payload["o"], "x": "SOMETHING_NEW", "o": "LIQUIDATION"}}
    validator(asyncapi, spec, "OrderTradeUpdateEvent").validate(changed)


def test_a_json_number_is_not_a_decimal(asyncapi: dict[str, Any], spec: dict[str, Any]) -> None:
    _, payload = next(message_examples(asyncapi))
    changed = {**payload, "o": {**payload["o"], "ap": 9103.1}}
    assert list(validator(asyncapi, spec, "OrderTradeUpdateEvent").iter_errors(changed))


def test_stream_facts(asyncapi: dict[str, Any], spec: dict[str, Any]) -> None:
    facts = asyncapi["x-binance-stream"]
    assert facts["listen-key"]["validity-minutes"] == 60
    assert facts["listen-key"]["keepalive-interval-minutes"] < 60
    assert facts["connection-lifetime-hours"] == 24
    ping = facts["ping"]
    assert (ping["server-ping-interval-minutes"], ping["pong-timeout-minutes"]) == (3, 10)
    assert facts["ordering"]["order-by"] == "E"
    assert facts["expiry-event"] in EVENTS
    operation_ids = {op["operationId"] for item in spec["paths"].values() for op in item.values()}
    named = [v for k, v in facts["listen-key"].items() if k.endswith("-operation")]
    assert set(named) | set(facts["resync-operations"]) <= operation_ids
    codes = {entry["code"] for entry in spec["x-binance-errors"]["codes"]}
    assert facts["listen-key"]["not-found-code"] in codes


# Binance's official COIN-M SDK (a dev dependency) models each event with every field's type.
SDK_MODELS = {
    "OrderTradeUpdateEvent": "OrderTradeUpdate",
    "OrderTradeUpdateOrder": "OrderTradeUpdateO",
    "AccountUpdateEvent": "AccountUpdate",
    "AccountUpdateData": "AccountUpdateA",
    "AccountUpdateBalance": "AccountUpdateABInner",
    "AccountUpdatePosition": "AccountUpdateAPInner",
    "MarginCallEvent": "MarginCall",
    "MarginCallPosition": "MarginCallPInner",
    "AccountConfigUpdateEvent": "AccountConfigUpdate",
    "AccountConfigUpdateLeverage": "AccountConfigUpdateAc",
    "ListenKeyExpiredEvent": "ListenKeyExpired",
}


def json_type(asyncapi: dict[str, Any], spec: dict[str, Any], prop: dict[str, Any]) -> str:
    schema = inlined(asyncapi, spec, prop, False)
    return str(schema.get("type", "object"))


@pytest.mark.parametrize(("ours", "theirs"), SDK_MODELS.items())
def test_every_sdk_field_is_declared_with_its_type(
    asyncapi: dict[str, Any], spec: dict[str, Any], ours: str, theirs: str
) -> None:
    models = pytest.importorskip(
        "binance_sdk_derivatives_trading_coin_futures.websocket_streams.models"
    )
    properties = schemas(asyncapi)[ours]["properties"]
    for name, field in getattr(models, theirs).model_fields.items():
        if name == "additional_properties":
            continue
        key = field.alias or name
        assert key in properties, f"{ours}.{key}"
        annotation = str(field.annotation)
        expected = next(
            (t for word, t in (("int", "integer"), ("bool", "boolean"), ("str", "string"))
             if f"[{word}," in annotation),
            "object",
        )  # fmt: skip
        if "List[" in annotation:
            expected = "array"
        assert json_type(asyncapi, spec, properties[key]) == expected, f"{ours}.{key}"
