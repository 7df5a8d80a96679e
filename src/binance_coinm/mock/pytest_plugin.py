"""pytest fixtures for testing trading code against the mock exchange.

Installed with the package as a pytest plugin (entry point ``binance_coinm_mock``):

- ``binance_mock_exchange``: a fresh exchange per test, with the demo key and seeded orders;
- ``binance_mock_client``: a signed client wired to it in-process, closed after the test;
- ``binance_mock_async_client``: the same, for async tests;
- ``binance_mock_client_no_backoff``: the same, whose retries do not wait (for fault tests:
  a 5xx is sent again at once; a 429/418 still waits its ``Retry-After``);
- ``binance_mock_server``: the exchange served on a free loopback port; yields its base URL
  (its user-data stream is at the same address, ``ws://.../ws/<listenKey>``).

The clients are plain (sync) fixtures, for async tests too: the in-process transport holds
no socket and no event loop, so a client made outside the test's loop serves it, whichever
plugin runs the test (pytest-asyncio in strict or auto mode, anyio on any backend); an async
fixture would be run by one of them only. They are closed at teardown, the async side on a
loop of its own (closing it only marks it closed: there is nothing to release).

Every session loads the plugin, so it imports nothing of the client or the mock until a
fixture is used.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from binance_coinm import AuthenticatedClient, RetryPolicy
    from binance_coinm.mock.exchange import MockExchange


def _client_for(exchange: MockExchange, retry: RetryPolicy | None = None) -> AuthenticatedClient:
    """A signed client for ``exchange``, as production code would build one."""
    from binance_coinm import PRODUCTION_URL, signed_client
    from binance_coinm.mock.exchange import DEMO_API_KEY, DEMO_API_SECRET

    return signed_client(
        DEMO_API_KEY,
        DEMO_API_SECRET,
        base_url=PRODUCTION_URL,
        retry=retry,
        httpx_args={"transport": exchange.transport()},
    )


def _closed(client: AuthenticatedClient) -> None:
    """Close both sides of ``client``; the async one on a private loop (see the docstring)."""
    import asyncio

    client.close()
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(client.aclose())
    finally:
        loop.close()


@pytest.fixture
def binance_mock_exchange() -> MockExchange:
    """A fresh mock exchange with the demo key and the seeded open orders."""
    from binance_coinm.mock.exchange import MockExchange

    return MockExchange()


@pytest.fixture
def binance_mock_client(binance_mock_exchange: MockExchange) -> Iterator[AuthenticatedClient]:
    """A signed client for ``binance_mock_exchange``, for sync calls."""
    client = _client_for(binance_mock_exchange)
    yield client
    _closed(client)


@pytest.fixture
def binance_mock_async_client(
    binance_mock_exchange: MockExchange,
) -> Iterator[AuthenticatedClient]:
    """A signed client for ``binance_mock_exchange``, for async calls under pytest-asyncio
    (``@pytest.mark.asyncio``) or anyio (``@pytest.mark.anyio``)."""
    client = _client_for(binance_mock_exchange)
    yield client
    _closed(client)


@pytest.fixture
def binance_mock_client_no_backoff(
    binance_mock_exchange: MockExchange,
) -> Iterator[AuthenticatedClient]:
    """A signed client for ``binance_mock_exchange`` (sync and async) that retries a failed
    call at once: injected 5xx faults cost no waiting."""
    from binance_coinm import RetryPolicy

    client = _client_for(binance_mock_exchange, RetryPolicy(initial_delay=0, max_delay=0))
    yield client
    _closed(client)


@pytest.fixture
def binance_mock_server(binance_mock_exchange: MockExchange) -> Iterator[str]:
    """``binance_mock_exchange`` served on a free port of 127.0.0.1; yields its base URL. Its
    user-data stream is served there too (``ws://`` and ``/ws/<listenKey>``).

    Needs uvicorn (``pip install 'binance-coinm[mock]'``); without it the fixture fails with
    the mock's one-line MockServerError rather than skipping the test.
    """
    from binance_coinm.mock.server import serving

    with serving(binance_mock_exchange) as url:
        yield url
