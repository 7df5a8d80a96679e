"""What openapi.yaml says about Binance, read from the copy the package ships.

`make generate` copies the spec into the data package ``binance_coinm_spec`` (as YAML, and as
JSON for this module: no YAML parser at run time). That package holds no code, so reading it
keeps the core below the generated endpoints, which import the core. The client and the mock
exchange both act on what is read here, so a path, a weight rule, a parameter rule or an
error code lives in openapi.yaml and nowhere else. The extensions read are described in the
spec itself:
``x-binance-security-type``, ``x-binance-weight``, ``x-binance-parameter-rules``,
``x-binance-signing``, ``x-binance-clock`` and ``x-binance-errors``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from functools import cache
from importlib.resources import files
from typing import Any

import msgspec

SIGNED_SECURITY_TYPES = frozenset({"TRADE", "USER_DATA"})
"""Binance's endpoint security types whose requests carry a signature (and the API key)."""
UNKEYED_SECURITY_TYPE = "NONE"
"""The one security type whose requests carry no API key; every other one (USER_STREAM,
MARKET_DATA) sends the key header, without a signature unless it is signed."""
HTTP_METHODS = ("get", "post", "put", "delete")


class Parameter(msgspec.Struct, frozen=True):
    """A query parameter and the schema its value must satisfy."""

    name: str
    required: bool
    type: str
    """The JSON-schema type: "integer", "string" or "boolean"."""
    pattern: re.Pattern[str] | None = None
    minimum: int | None = None
    maximum: int | None = None
    default: Any = None
    """What the exchange assumes when the parameter is not sent."""
    signing: bool = False
    """Filled in by the signing hook (``timestamp``, ``signature``), never by the caller."""


class WeightRule(msgspec.Struct, frozen=True):
    """``weight`` applies when ``if_sent`` is among the sent parameters (or always, if None)."""

    weight: int
    if_sent: str | None = None


class Operation(msgspec.Struct, frozen=True):
    """One endpoint: where it is, who may call it, what it takes and what it costs."""

    operation_id: str
    method: str
    path: str
    security_type: str
    parameters: tuple[Parameter, ...]
    weight_rules: tuple[WeightRule, ...]
    exactly_one_of: tuple[tuple[str, ...], ...] = ()
    at_most_one_of: tuple[tuple[str, ...], ...] = ()
    example: Any = None
    """The example of the 200 JSON answer, if the spec gives one."""
    clock_field: str | None = None
    """For the operation that tells the exchange's time (``x-binance-clock``): the field of
    its answer that holds it, in ms."""

    @property
    def signed(self) -> bool:
        return self.security_type in SIGNED_SECURITY_TYPES

    @property
    def keyed(self) -> bool:
        """Whether requests carry the API key header."""
        return self.security_type != UNKEYED_SECURITY_TYPE

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)

    def weight(self, sent: Collection[str]) -> int:
        """The request weight of a call that sends the parameters named in ``sent``."""
        for rule in self.weight_rules:
            if rule.if_sent is None or rule.if_sent in sent:
                return rule.weight
        raise AssertionError(f"{self.operation_id}: x-binance-weight has no default rule")


class ErrorMessage(msgspec.Struct, frozen=True):
    status: int
    text: str


class ErrorCode(msgspec.Struct, frozen=True):
    """A Binance error code, the HTTP status it comes with and its message texts."""

    code: int
    name: str
    status: int
    error_class: str | None
    """The ``binance_coinm.errors`` class this code always raises, if the code alone decides."""
    messages: Mapping[str, ErrorMessage]


class Spec(msgspec.Struct, frozen=True):
    servers: Mapping[str, str]
    """Base URLs by their description ("Production", "Testnet")."""
    api_key_header: str
    used_weight_header: str
    decimal_pattern: re.Pattern[str]
    recv_window: Parameter
    operations: Mapping[str, Operation]
    """By operationId."""
    error_codes: Mapping[str, ErrorCode]
    """By Binance's name for the code (``BAD_SYMBOL``)."""
    messages: Mapping[str, tuple[ErrorMessage, str]]
    """Texts that decide the error class whatever the code, by key: (message, class)."""
    status_classes: Mapping[str, str]
    """Error class by HTTP status ("401") or range ("4XX")."""
    request_weight_per_minute: int
    """The exchange's REQUEST_WEIGHT limit per minute."""
    timestamp_parameter: str
    """The signing parameter that carries the request's time (``x-binance-signing: timestamp``)."""

    @property
    def clock(self) -> Operation:
        """The operation that tells the exchange's time (the clock resync sends it)."""
        return next(op for op in self.operations.values() if op.clock_field is not None)

    def operation(self, operation_id: str) -> Operation:
        """The operation the spec names ``operation_id``."""
        found = self.operations.get(operation_id)
        if found is None:
            raise LookupError(f"{operation_id} is not an operationId of the spec")
        return found

    def error_code(self, name: str) -> int:
        """Binance's code for the error the spec names ``name`` (``INVALID_TIMESTAMP``)."""
        return self.error_codes[name].code

    def operation_at(self, method: str, path: str) -> Operation | None:
        return next(
            (op for op in self.operations.values() if op.path == path and op.method == method),
            None,
        )

    def paths(self) -> frozenset[str]:
        return frozenset(op.path for op in self.operations.values())


def _resolve(document: Mapping[str, Any], node: Any) -> Any:
    while isinstance(node, Mapping) and "$ref" in node:
        target: Any = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _parameter(document: Mapping[str, Any], raw: Any) -> Parameter:
    raw = _resolve(document, raw)
    schema = _resolve(document, raw.get("schema", {}))
    pattern = schema.get("pattern")
    return Parameter(
        name=raw["name"],
        required=bool(raw.get("required", False)),
        type=schema.get("type", "string"),
        pattern=re.compile(pattern) if pattern else None,
        minimum=schema.get("minimum"),
        maximum=schema.get("maximum"),
        default=schema.get("default"),
        signing=bool(raw.get("x-binance-signing", False)),
    )


def _operation(document: Mapping[str, Any], path: str, method: str, raw: Any) -> Operation:
    rules = raw.get("x-binance-parameter-rules", [])
    success = raw["responses"]["200"].get("content", {}).get("application/json", {})
    return Operation(
        operation_id=raw["operationId"],
        method=method.upper(),
        path=path,
        security_type=raw["x-binance-security-type"],
        parameters=tuple(_parameter(document, p) for p in raw.get("parameters", [])),
        weight_rules=tuple(
            WeightRule(rule["weight"], rule.get("if-sent")) for rule in raw["x-binance-weight"]
        ),
        exactly_one_of=tuple(tuple(r["exactly-one-of"]) for r in rules if "exactly-one-of" in r),
        at_most_one_of=tuple(tuple(r["at-most-one-of"]) for r in rules if "at-most-one-of" in r),
        example=success.get("example"),
        clock_field=raw.get("x-binance-clock"),
    )


def _message(default_status: int, raw: Any) -> ErrorMessage:
    if isinstance(raw, str):
        return ErrorMessage(default_status, raw)
    return ErrorMessage(raw.get("status", default_status), raw["text"])


def _used_weight_header(document: Mapping[str, Any]) -> str:
    for path_item in document["paths"].values():
        for operation in path_item.values():
            for name, header in operation["responses"]["200"].get("headers", {}).items():
                if header.get("$ref") == "#/components/headers/UsedWeight1m":
                    return str(name)
    raise AssertionError("no response declares the UsedWeight1m header")


def load(document: Mapping[str, Any]) -> Spec:
    """The facts of an OpenAPI document written the way openapi.yaml is."""
    components = document["components"]
    errors = document["x-binance-errors"]
    codes = {
        raw["name"]: ErrorCode(
            code=raw["code"],
            name=raw["name"],
            status=raw["status"],
            error_class=raw.get("error"),
            messages={k: _message(raw["status"], v) for k, v in raw["messages"].items()},
        )
        for raw in errors["codes"]
    }
    return Spec(
        servers={server["description"]: server["url"] for server in document["servers"]},
        api_key_header=components["securitySchemes"]["ApiKey"]["name"],
        used_weight_header=_used_weight_header(document),
        decimal_pattern=re.compile(components["schemas"]["DecimalString"]["pattern"]),
        recv_window=_parameter(document, components["parameters"]["recvWindow"]),
        operations={
            raw["operationId"]: _operation(document, path, method, raw)
            for path, path_item in document["paths"].items()
            for method, raw in path_item.items()
            if method in HTTP_METHODS
        },
        error_codes=codes,
        messages={
            raw["key"]: (ErrorMessage(raw["status"], raw["text"]), raw["error"])
            for raw in errors["messages"]
        },
        status_classes={str(status): name for status, name in errors["statuses"].items()},
        timestamp_parameter=next(
            raw["name"]
            for raw in components["parameters"].values()
            if raw.get("x-binance-signing") == "timestamp"
        ),
        request_weight_per_minute=next(
            raw["limit"]
            for raw in document["x-binance-rate-limits"]["limits"]
            if raw["rateLimitType"] == "REQUEST_WEIGHT"
            and (raw["interval"], raw["intervalNum"]) == ("MINUTE", 1)
        ),
    )


SPEC = load(msgspec.json.decode(files("binance_coinm_spec").joinpath("openapi.json").read_bytes()))
"""openapi.yaml as the installed package ships it."""


class StreamFacts(msgspec.Struct, frozen=True):
    """What asyncapi.yaml says about the user-data stream (its ``x-binance-stream``)."""

    hosts: Mapping[str, str]
    """Stream hosts by server name ("production", "testnet")."""
    url_template: str
    """The URL to open: ``{host}`` and ``{listenKey}`` filled in."""
    listen_key_validity_minutes: int
    keepalive_extends_minutes: int
    """How long a keepalive keeps the key alive from the moment it is sent."""
    keepalive_interval_minutes: int
    start_operation: str
    keepalive_operation: str
    close_operation: str
    not_found_code: int
    """The code a keepalive answers for a key that is gone: start a new one."""
    connection_lifetime_hours: int
    server_ping_interval_minutes: int
    pong_timeout_minutes: int
    event_type_field: str
    expiry_event: str
    order_by: str
    """The field events are ordered by (there are no sequence numbers)."""
    resync_operations: tuple[str, ...]
    """The REST reads that rebuild the state a stream keeps, after any (re)connection."""


def load_stream(document: Mapping[str, Any]) -> StreamFacts:
    """The stream facts of an AsyncAPI document written the way asyncapi.yaml is."""
    facts = document["x-binance-stream"]
    key, ping = facts["listen-key"], facts["ping"]
    return StreamFacts(
        hosts={name: server["host"] for name, server in document["servers"].items()},
        url_template=facts["url-template"],
        listen_key_validity_minutes=key["validity-minutes"],
        keepalive_extends_minutes=key["keepalive-extends-minutes"],
        keepalive_interval_minutes=key["keepalive-interval-minutes"],
        start_operation=key["start-operation"],
        keepalive_operation=key["keepalive-operation"],
        close_operation=key["close-operation"],
        not_found_code=key["not-found-code"],
        connection_lifetime_hours=facts["connection-lifetime-hours"],
        server_ping_interval_minutes=ping["server-ping-interval-minutes"],
        pong_timeout_minutes=ping["pong-timeout-minutes"],
        event_type_field=facts["event-type-field"],
        expiry_event=facts["expiry-event"],
        order_by=facts["ordering"]["order-by"],
        resync_operations=tuple(facts["resync-operations"]),
    )


@cache
def stream() -> StreamFacts:
    """asyncapi.yaml's stream facts, as the installed package ships them (read on first use:
    a REST-only program never pays for it)."""
    data = files("binance_coinm_spec").joinpath("asyncapi.json").read_bytes()
    return load_stream(msgspec.json.decode(data))
