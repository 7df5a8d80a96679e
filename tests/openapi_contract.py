"""Checks that a reply is one openapi.yaml allows: a declared status and a body of its schema."""

from __future__ import annotations

import json
from typing import Any

from openapi_schema_validator import OAS31Validator


def schema_validator(spec: dict[str, Any], schema: dict[str, Any]) -> OAS31Validator:
    """A validator for ``schema`` with the spec's components in reach of its $refs."""
    return OAS31Validator({**schema, "components": spec["components"]})


def declared_response(spec: dict[str, Any], path: str, method: str, status: int) -> dict[str, Any]:
    responses = spec["paths"][path][method.lower()]["responses"]
    declared = responses.get(str(status)) or responses.get(f"{str(status)[0]}XX")
    assert declared is not None, f"{method} {path} may not answer {status}"
    if "$ref" in declared:
        declared = spec["components"]["responses"][declared["$ref"].rsplit("/", 1)[1]]
    response: dict[str, Any] = declared
    return response


def assert_conforms(
    spec: dict[str, Any], path: str, method: str, status: int, headers: dict[str, str], body: bytes
) -> None:
    response = declared_response(spec, path, method, status)
    assert headers.get("Content-Type") == "application/json"
    schema = response["content"]["application/json"]["schema"]
    schema_validator(spec, schema).validate(json.loads(body))
