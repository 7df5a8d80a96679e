"""Fixtures for the mock exchange's own tests: every reply it sends is checked against the spec."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

import pytest

from binance_coinm.mock import (
    DEFAULT_CLIENT_IP,
    DEMO_API_KEY,
    DEMO_API_SECRET,
    MockExchange,
    Reply,
)

from .spec_check import check_reply

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


class SpecCheckedExchange(MockExchange):
    """A MockExchange whose every reply, in-process or over a socket, openapi.yaml must allow."""

    document: dict[str, Any]

    def answer(
        self,
        method: str,
        path: str,
        raw_query: bytes,
        headers: Mapping[str, str],
        body: bytes,
        *,
        client_ip: str = DEFAULT_CLIENT_IP,
    ) -> Reply:
        reply = super().answer(method, path, raw_query, headers, body, client_ip=client_ip)
        check_reply(self.document, method, path, reply)
        return reply


def spec_checked(spec: dict[str, Any], **options: Any) -> SpecCheckedExchange:
    exchange = SpecCheckedExchange(**options)
    exchange.document = spec
    return exchange


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(NOW_MS)


@pytest.fixture
def exchange(clock: FrozenClock, spec: dict[str, Any]) -> MockExchange:
    """A mock exchange on a frozen clock, checking its replies against openapi.yaml."""
    return spec_checked(spec, clock=clock)


@pytest.fixture
def binance_mock_exchange(spec: dict[str, Any]) -> MockExchange:
    """Overrides the plugin's fixture, so that its clients talk to a spec-checked exchange."""
    return spec_checked(spec)


def get(
    exchange: MockExchange,
    query: bytes,
    *,
    path: str = "/dapi/v1/openOrders",
    api_key: str | None = DEMO_API_KEY,
) -> Reply:
    headers = {} if api_key is None else {"x-mbx-apikey": api_key}
    return exchange.answer("GET", path, query, headers, b"")
