"""schemathesis hooks that authenticate generated requests the way Binance verifies them.

Loaded by the schemathesis CLI through ``SCHEMATHESIS_HOOKS``. The auth provider sends the
API key. Right before each call, a case whose query was generated valid gets a fresh
``timestamp`` and an HMAC ``signature`` over the query exactly as the CLI's HTTP library
encodes it (``urlencode``), appended last; a ``pair`` sent with a ``symbol`` is dropped, the
one rule of the endpoint OpenAPI cannot express. Cases whose query is deliberately invalid
are left as generated: signing them would "repair" the very thing under test.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import time
from typing import Any
from urllib.parse import urlencode

import schemathesis
from schemathesis.core.parameters import ParameterLocation

API_KEY = os.environ.get("CONTRACT_API_KEY", "contract-test-key")
API_SECRET = os.environ.get("CONTRACT_API_SECRET", "contract-test-secret")
TIMESTAMP_LEAD_MS = 500
"""Stamp ahead of now, inside Binance's 1000 ms tolerance, so that even a schema-valid
``recvWindow=1`` leaves room for the request's travel time."""


@schemathesis.auth()
class BinanceApiKey:
    def get(self, case: Any, ctx: Any) -> str:
        return API_KEY

    def set(self, case: Any, data: str, ctx: Any) -> None:
        case.headers = {**(case.headers or {}), "X-MBX-APIKEY": data}


@schemathesis.hook
def before_call(ctx: Any, case: Any, kwargs: dict[str, Any]) -> None:
    if "signature" not in {parameter.name for parameter in case.operation.query}:
        return
    if case.meta is not None and case.meta.is_negative_at(ParameterLocation.QUERY):
        return
    query = {k: v for k, v in (case.query or {}).items() if k != "signature"}
    if "symbol" in query:
        query.pop("pair", None)
    query["timestamp"] = time.time_ns() // 1_000_000 + TIMESTAMP_LEAD_MS
    payload = urlencode(query, doseq=True).encode()
    query["signature"] = hmac.new(API_SECRET.encode(), payload, hashlib.sha256).hexdigest()
    case.query = query
