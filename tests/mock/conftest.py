"""Fixtures for the mock exchange's own tests: every reply it sends is checked against the spec."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

import pytest

from binance_coinm.mock import DEMO_API_KEY, DEMO_API_SECRET, MockExchange, Reply

from ..openapi_contract import assert_conforms

NOW_MS = 1_764_028_800_000


class FrozenClock:
    def __init__(self, now_ms: int) -> None:
        self.now_ms = now_ms

    def __call__(self) -> int:
        return self.now_ms


def sign(query: bytes, secret: str = DEMO_API_SECRET) -> bytes:
    """An independent signer: HMAC-SHA256 over the raw query, appended last."""
    signature = hmac.new(secret.encode(), query, hashlib.sha256).hexdigest()
    return query + b"&signature=" + signature.encode()


def signed_query(
    params: Mapping[str, Any] | None = None,
    *,
    timestamp: int = NOW_MS,
    secret: str = DEMO_API_SECRET,
) -> bytes:
    query = urlencode({**(params or {}), "timestamp": timestamp}).encode()
    return sign(query, secret)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(NOW_MS)


class SpecCheckedExchange(MockExchange):
    """A MockExchange whose every reply must be one openapi.yaml allows (faults aside)."""

    spec: dict[str, Any]

    def answer(
        self, method: str, path: str, raw_query: bytes, headers: Mapping[str, str], body: bytes
    ) -> Reply:
        spoiled = self.faults.pending > 0
        reply = super().answer(method, path, raw_query, headers, body)
        if not spoiled and path in self.spec["paths"] and reply.status != 405:
            assert_conforms(self.spec, path, method, reply.status, reply.headers, reply.body)
        return reply


@pytest.fixture
def exchange(clock: FrozenClock, spec: dict[str, Any]) -> MockExchange:
    """A mock exchange on a frozen clock, checking its replies against openapi.yaml."""
    mock = SpecCheckedExchange(clock=clock)
    mock.spec = spec
    return mock


def get(
    exchange: MockExchange,
    query: bytes,
    *,
    path: str = "/dapi/v1/openOrders",
    api_key: str | None = DEMO_API_KEY,
) -> Reply:
    headers = {} if api_key is None else {"x-mbx-apikey": api_key}
    return exchange.answer("GET", path, query, headers, b"")
