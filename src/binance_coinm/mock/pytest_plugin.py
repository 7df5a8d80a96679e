"""pytest fixtures for testing trading code against the mock exchange.

Installed with the package as a pytest plugin (entry point ``binance_coinm_mock``):

- ``binance_mock_exchange``: a fresh exchange per test, with the demo key and seeded orders;
- ``binance_mock_client``: a signed client wired to it in-process, closed after the test;
- ``binance_mock_async_client``: the same for async tests (anyio's pytest plugin runs it),
  closed with ``aclose()`` after the test.

Every session loads the plugin, so it imports nothing of the client or the mock until a
fixture is used.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from binance_coinm.client.base import AuthenticatedClient
    from binance_coinm.mock.exchange import MockExchange


def _client_for(exchange: MockExchange) -> AuthenticatedClient:
    """A signed client for ``exchange``, as production code would build one."""
    from binance_coinm import PRODUCTION_URL, signed_client
    from binance_coinm.mock.exchange import DEMO_API_KEY, DEMO_API_SECRET

    return signed_client(
        DEMO_API_KEY,
        DEMO_API_SECRET,
        base_url=PRODUCTION_URL,
        httpx_args={"transport": exchange.transport()},
    )


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
    client.close()


@pytest.fixture
async def binance_mock_async_client(
    binance_mock_exchange: MockExchange, anyio_backend: object
) -> AsyncIterator[AuthenticatedClient]:
    """A signed client for ``binance_mock_exchange``, for async calls (``@pytest.mark.anyio``)."""
    client = _client_for(binance_mock_exchange)
    yield client
    await client.aclose()
