"""A schemathesis auth hook that signs generated requests the way Binance verifies them.

Loaded by the schemathesis CLI through ``SCHEMATHESIS_HOOKS``. Positive cases get a fresh
``timestamp`` and an HMAC ``signature`` over the query exactly as the CLI's HTTP library
encodes it (``urlencode``), appended last. Cases whose query is deliberately invalid are
left as generated: signing them would "repair" the very thing under test.
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


@schemathesis.auth()
class BinanceSigning:
    def get(self, case: Any, ctx: Any) -> str:
        return API_KEY

    def set(self, case: Any, data: str, ctx: Any) -> None:
        case.headers = {**(case.headers or {}), "X-MBX-APIKEY": data}
        operation_parameters = {p.name for p in case.operation.query}
        if "signature" not in operation_parameters:
            return
        if case.meta is not None and case.meta.is_negative_at(ParameterLocation.QUERY):
            return
        query = {k: v for k, v in (case.query or {}).items() if k != "signature"}
        query["timestamp"] = time.time_ns() // 1_000_000
        payload = urlencode(query, doseq=True).encode()
        query["signature"] = hmac.new(API_SECRET.encode(), payload, hashlib.sha256).hexdigest()
        case.query = query
