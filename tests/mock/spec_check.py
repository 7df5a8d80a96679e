"""Checks that a mock reply is one openapi.yaml allows: declared status, headers and body.

Faults are checked too: a Binance-side error must still be a declared 5xx with Binance's
JSON body; only the faults that break the body on purpose skip the body check.
"""

from __future__ import annotations

import json
from typing import Any

from binance_coinm.mock import Fault, Reply
from binance_coinm.spec import HTTP_METHODS

from ..openapi_contract import declared_response, schema_validator

SPEC_PATH = "/openapi.yaml"
BODY_BREAKING_FAULTS = frozenset(
    {Fault.HTML_ERROR_PAGE, Fault.TRUNCATED_JSON, Fault.DROPPED_CONNECTION}
)
ERROR_RESPONSE = {
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
}


def _response_for(spec: dict[str, Any], method: str, path: str, reply: Reply) -> dict[str, Any]:
    if path not in spec["paths"]:
        assert reply.status == 404, f"{path} is not in the spec, yet answered {reply.status}"
        response: dict[str, Any] = spec["components"]["responses"]["NotFound"]
        return response
    if reply.status == 405:
        declared = sorted(m.upper() for m in spec["paths"][path] if m in HTTP_METHODS)
        assert method not in declared  # methods are case-sensitive: "get" is not GET
        assert reply.headers["Allow"] == ", ".join(declared)
        return ERROR_RESPONSE
    return declared_response(spec, path, method, reply.status)


def check_reply(spec: dict[str, Any], method: str, path: str, reply: Reply) -> None:
    if (method, path) == ("GET", SPEC_PATH):
        assert (reply.status, reply.headers["Content-Type"]) == (200, "application/yaml")
        return
    response = _response_for(spec, method, path, reply)
    if reply.fault in BODY_BREAKING_FAULTS:
        return
    headers = {name.lower(): value for name, value in reply.headers.items()}
    for name, declared in response.get("headers", {}).items():
        header = spec["components"]["headers"][declared["$ref"].rsplit("/", 1)[1]]
        assert name.lower() in headers, f"{reply.status} lacks the declared header {name}"
        schema_validator(spec, header["schema"]).validate(int(headers[name.lower()]))
    assert headers["content-type"] == "application/json"
    schema = response["content"]["application/json"]["schema"]
    schema_validator(spec, schema).validate(json.loads(reply.body))
