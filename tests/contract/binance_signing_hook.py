"""schemathesis hooks: requests authenticated as Binance verifies them, and one check.

Loaded by the schemathesis CLI through ``SCHEMATHESIS_HOOKS``. The auth provider sends the
API key. Right before each call, a case whose query was generated valid is made to follow
the operation's ``x-binance-parameter-rules``, which OpenAPI cannot express: of names that
may not be sent together (``symbol``/``pair``, ``orderId``/``origClientOrderId``) only the
first sent is kept, and an ``exactly-one-of`` group sent empty gets its first name, with the
first value of that parameter's dictionary in schemathesis.toml. Then it gets a fresh
``timestamp`` and an HMAC ``signature`` over the query exactly as the CLI's HTTP library
encodes it (``urlencode``), appended last. Cases whose query is deliberately invalid are
left as generated: signing them would "repair" the very thing under test.

``valid_data_is_accepted_unless_it_names_nothing`` replaces schemathesis's
positive_data_acceptance (switched off in schemathesis.toml): no schema can say which
symbols, orders and listenKeys exist, so a schema-valid request may be refused for naming a
symbol or an order the exchange does not hold (-1121, -2013), or for keeping alive or
closing a listenKey the API key does not have (-1125), and for nothing else.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import time
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import schemathesis
from schemathesis.core.parameters import ParameterLocation
from schemathesis.openapi.checks import RejectedPositiveData
from schemathesis.specs.openapi.checks import positive_data_acceptance

from binance_coinm.spec import SPEC

API_KEY = os.environ.get("CONTRACT_API_KEY", "contract-test-key")
API_SECRET = os.environ.get("CONTRACT_API_SECRET", "contract-test-secret")
TIMESTAMP_LEAD_MS = 500
"""Stamp ahead of now, inside Binance's 1000 ms tolerance, so that even a schema-valid
``recvWindow=1`` leaves room for the request's travel time."""
NAMES_NOTHING_THAT_EXISTS = frozenset(
    SPEC.error_codes[name].code for name in ("BAD_SYMBOL", "NO_SUCH_ORDER", "INVALID_LISTEN_KEY")
)
"""The codes of a valid request that names a symbol, an order or a listenKey the exchange
does not hold."""
CONFIG = tomllib.loads(Path(__file__).with_name("schemathesis.toml").read_text(encoding="utf-8"))


def dictionary_value(name: str) -> Any:
    """The first value of the dictionary schemathesis.toml binds to the query parameter."""
    dictionary = CONFIG["parameters"][f"query.{name}"]["dictionary"]
    return CONFIG["dictionaries"][dictionary]["values"][0]


def follow_parameter_rules(method: str, path: str, query: dict[str, Any]) -> dict[str, Any]:
    """``query`` changed to follow its operation's parameter rules (see the module doc)."""
    operation = SPEC.operation_at(method.upper(), path)
    assert operation is not None, f"{method} {path} is not in the spec"
    followed = dict(query)
    for names in (*operation.at_most_one_of, *operation.exactly_one_of):
        for extra in [name for name in names if name in followed][1:]:
            del followed[extra]
    for names in operation.exactly_one_of:
        if not any(name in followed for name in names):
            followed[names[0]] = dictionary_value(names[0])
    return followed


@schemathesis.auth()
class BinanceApiKey:
    def get(self, case: Any, ctx: Any) -> str:
        return API_KEY

    def set(self, case: Any, data: str, ctx: Any) -> None:
        case.headers = {**(case.headers or {}), "X-MBX-APIKEY": data}


@schemathesis.hook
def before_call(ctx: Any, case: Any, kwargs: dict[str, Any]) -> None:
    if case.meta is not None and case.meta.is_negative_at(ParameterLocation.QUERY):
        return
    query = {k: v for k, v in (case.query or {}).items() if k != "signature"}
    query = follow_parameter_rules(case.operation.method, case.operation.path, query)
    if "signature" in {parameter.name for parameter in case.operation.query}:
        query["timestamp"] = time.time_ns() // 1_000_000 + TIMESTAMP_LEAD_MS
        payload = urlencode(query, doseq=True).encode()
        query["signature"] = hmac.new(API_SECRET.encode(), payload, hashlib.sha256).hexdigest()
    case.query = query


def _error_code(content: bytes) -> object:
    try:
        body = json.loads(content)
    except ValueError:
        return None
    return body.get("code") if isinstance(body, dict) else None


@schemathesis.check
def valid_data_is_accepted_unless_it_names_nothing(ctx: Any, response: Any, case: Any) -> None:
    try:
        positive_data_acceptance(ctx, response, case)
    except RejectedPositiveData:
        if _error_code(response.content) not in NAMES_NOTHING_THAT_EXISTS:
            raise
