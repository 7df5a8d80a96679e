"""Fixtures for production-behaviour tests: a mock exchange on a clock the test controls.

Sleeping is faked: a wait moves the exchange's clock forward instead of blocking, so
backoff and Retry-After are asserted exactly and the tests stay fast.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import anyio
import pytest

from binance_coinm import current_all_open_orders, signed_client
from binance_coinm.client.base import AuthenticatedClient
from binance_coinm.mock import DEMO_API_KEY, DEMO_API_SECRET, MockExchange, Reply
from binance_coinm_rest.models import Order

START_MS = 1_764_028_815_000  # 15 s into a minute


class ControlledClock:
    """Both sides' time: the exchange reads it, the client's local clock reads it too."""

    def __init__(self) -> None:
        self.now_ms = START_MS
        self.sleeps: list[float] = []

    def __call__(self) -> int:
        return self.now_ms

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now_ms += int(seconds * 1000)


class RecordingExchange(MockExchange):
    """A MockExchange that keeps every request it answered."""

    requests: list[tuple[str, bytes]]

    def answer(
        self, method: str, path: str, raw_query: bytes, headers: Any, body: bytes, **sender: str
    ) -> Reply:
        self.requests.append((path, raw_query))
        return super().answer(method, path, raw_query, headers, body, **sender)

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> ControlledClock:
    test_clock = ControlledClock()

    async def async_sleep(seconds: float) -> None:
        test_clock.sleep(seconds)

    monkeypatch.setattr(time, "sleep", test_clock.sleep)
    monkeypatch.setattr(anyio, "sleep", async_sleep)
    monkeypatch.setattr("binance_coinm.clock.local_time_ms", test_clock)
    monkeypatch.setattr(time, "time", lambda: test_clock.now_ms / 1000)
    return test_clock


@pytest.fixture
def exchange(clock: ControlledClock) -> RecordingExchange:
    mock = RecordingExchange(clock=clock)
    mock.requests = []
    return mock


ClientFactory = Callable[..., AuthenticatedClient]


@pytest.fixture
def make_client(exchange: RecordingExchange) -> Iterator[ClientFactory]:
    """Build signed clients for the exchange; ``signed_client`` options pass through."""
    made: list[AuthenticatedClient] = []

    def factory(**options: Any) -> AuthenticatedClient:
        client = signed_client(
            options.pop("api_key", DEMO_API_KEY),
            options.pop("api_secret", DEMO_API_SECRET),
            httpx_args={"transport": exchange.transport()},
            **options,
        )
        made.append(client)
        return client

    yield factory
    for client in made:
        client.close()


Fetch = Callable[..., list[Order]]


@pytest.fixture(params=["sync", "async"])
def fetch(request: pytest.FixtureRequest) -> Fetch:
    """``current_all_open_orders`` through ``sync()`` or through ``asyncio()``."""
    if request.param == "sync":
        return current_all_open_orders.sync

    def run_async(**kwargs: Any) -> list[Order]:
        async def call() -> list[Order]:
            coroutine: Awaitable[list[Order]] = current_all_open_orders.asyncio(**kwargs)
            return await coroutine

        return anyio.run(call)

    return run_async
