"""Variants of openapi.yaml, for tests that show the mock (and the client) follow the spec."""

from __future__ import annotations

import copy
from typing import Any

from binance_coinm.mock import MockExchange
from binance_coinm.spec import load

MADE_UP_PATH = "/dapi/v1/madeUp"
MADE_UP_OPERATION_ID = "getMadeUp"
MADE_UP_WEIGHT = 5
MADE_UP_EXAMPLE = {"answer": "made up", "count": 42}
MADE_UP_SCHEMA = {
    "type": "object",
    "description": "What the made-up endpoint answers.",
    "required": ["answer", "count"],
    "properties": {
        "answer": {"type": "string", "description": "Some text."},
        "count": {"type": "integer", "format": "int64", "description": "Some number."},
    },
}


def _made_up_operation() -> dict[str, Any]:
    refs = ("recvWindow", "timestamp", "signature")
    responses = {
        str(status): {"$ref": f"#/components/responses/{name}"}
        for status, name in (
            (400, "BadRequest"),
            (401, "Unauthorized"),
            (403, "Forbidden"),
            (404, "NotFound"),
            (418, "IpBanned"),
            (429, "TooManyRequests"),
        )
    }
    return {
        "operationId": MADE_UP_OPERATION_ID,
        "tags": ["Trade"],
        "summary": "Made-up endpoint (USER_DATA)",
        "description": f"An endpoint Binance does not have.\n\nWeight: {MADE_UP_WEIGHT}.\n",
        "x-binance-security-type": "USER_DATA",
        "x-binance-weight": [{"weight": MADE_UP_WEIGHT}],
        "parameters": [
            {
                "name": "note",
                "in": "query",
                "required": True,
                "description": "Any short lower-case word.",
                "schema": {"type": "string", "pattern": "^[a-z]{1,10}$"},
            },
            *({"$ref": f"#/components/parameters/{name}"} for name in refs),
        ],
        "security": [{"ApiKey": []}],
        "responses": {
            "200": {
                "description": "The made-up answer.",
                "headers": {"X-MBX-USED-WEIGHT-1M": {"$ref": "#/components/headers/UsedWeight1m"}},
                "content": {
                    "application/json": {
                        "schema": {"$ref": "#/components/schemas/MadeUp"},
                        "example": MADE_UP_EXAMPLE,
                    }
                },
            },
            **responses,
            "5XX": {"$ref": "#/components/responses/ServerError"},
        },
    }


def with_made_up_endpoint(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` plus a signed ``GET /dapi/v1/madeUp`` of weight 5 that no handler serves."""
    derived = copy.deepcopy(document)
    derived["paths"][MADE_UP_PATH] = {"get": _made_up_operation()}
    derived["components"]["schemas"]["MadeUp"] = copy.deepcopy(MADE_UP_SCHEMA)
    return derived


def operation_of(document: dict[str, Any], operation_id: str) -> dict[str, Any]:
    """The operation object of ``document`` with this operationId, to be edited in place."""
    for path_item in document["paths"].values():
        for operation in path_item.values():
            if operation["operationId"] == operation_id:
                found: dict[str, Any] = operation
                return found
    raise KeyError(operation_id)


def error_code_of(document: dict[str, Any], name: str) -> dict[str, Any]:
    """The ``x-binance-errors`` entry of ``document`` for this code name, to be edited."""
    entry: dict[str, Any] = next(
        code for code in document["x-binance-errors"]["codes"] if code["name"] == name
    )
    return entry


def exchange_on(document: dict[str, Any], **options: Any) -> MockExchange:
    """A mock exchange serving ``document`` rather than the spec the package ships."""
    return MockExchange(spec=load(document), **options)
