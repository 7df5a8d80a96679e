"""pytest fixtures for testing trading code against the mock exchange.

Installed with the package as a pytest plugin: ``mock_exchange`` is a fresh exchange per
test, ``mock_client`` a signed client wired to it in-process (sync and async calls alike).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from binance_coinm._base_client import AuthenticatedClient

from ..client import PRODUCTION_URL, signed_client
from .exchange import DEMO_API_KEY, DEMO_API_SECRET, MockExchange


@pytest.fixture
def mock_exchange() -> MockExchange:
    """A fresh mock exchange with the demo key and the seeded open orders."""
    return MockExchange()


@pytest.fixture
def mock_client(mock_exchange: MockExchange) -> Iterator[AuthenticatedClient]:
    """A signed client for ``mock_exchange``, as production code would build one."""
    client = signed_client(
        DEMO_API_KEY,
        DEMO_API_SECRET,
        base_url=PRODUCTION_URL,
        httpx_args={"transport": mock_exchange.transport()},
    )
    yield client
    client.close()
