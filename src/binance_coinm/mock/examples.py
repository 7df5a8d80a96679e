"""The 200 examples of an OpenAPI document: what an operation without a handler answers."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from typing import Any

import msgspec

from binance_coinm._spec import HTTP_METHODS


def success_examples(document: Mapping[str, Any]) -> dict[str, Any]:
    """The example of each operation's 200 JSON response, by operationId, where it has one."""
    examples = {}
    for path_item in document["paths"].values():
        for method, operation in path_item.items():
            if method not in HTTP_METHODS:
                continue
            content = operation["responses"]["200"].get("content", {}).get("application/json", {})
            if "example" in content:
                examples[operation["operationId"]] = content["example"]
    return examples


@cache
def shipped_examples() -> Mapping[str, Any]:
    """The examples of the spec the installed package ships (the one ``SPEC`` is read from)."""
    document = msgspec.json.decode(
        files("binance_coinm_rest").joinpath("openapi.json").read_bytes()
    )
    return success_examples(document)
