"""The pytest plugin: ``mock_client`` is our signed client, wired to ``mock_exchange``."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from binance_coinm import AuthenticatedClient, current_all_open_orders
from binance_coinm.mock import Fault, MockExchange


def test_mock_client_reads_a_symbol_sync(mock_client: AuthenticatedClient) -> None:
    orders = current_all_open_orders.sync(client=mock_client, symbol="ETHUSD_PERP")
    assert [order.order_id for order in orders] == [1_917_647, 1_917_648, 1_917_649]


@pytest.mark.anyio
async def test_mock_client_reads_a_pair_async(mock_client: AuthenticatedClient) -> None:
    orders = await current_all_open_orders.asyncio(client=mock_client, pair="BTCUSD")
    assert {order.symbol for order in orders} == {"BTCUSD_PERP", "BTCUSD_261225", "BTCUSD_270326"}


def test_mock_client_sees_the_exchange_state(
    mock_exchange: MockExchange, mock_client: AuthenticatedClient
) -> None:
    mock_exchange.orders[:] = [o for o in mock_exchange.orders if o["symbol"] != "SOLUSD_PERP"]
    assert current_all_open_orders.sync(client=mock_client, symbol="SOLUSD_PERP") == []


def test_mock_client_retries_through_a_fault(
    mock_exchange: MockExchange, mock_client: AuthenticatedClient
) -> None:
    mock_exchange.faults.add(Fault.SERVER_ERROR)
    assert len(current_all_open_orders.sync(client=mock_client, symbol="BTCUSD_PERP")) == 4
    assert mock_exchange.faults.pending == 0


def test_installed_plugin_gives_any_project_the_fixtures(tmp_path: Path) -> None:
    (tmp_path / "test_uses_plugin.py").write_text(
        textwrap.dedent(
            """
            import pytest
            from binance_coinm import current_all_open_orders

            @pytest.fixture
            def anyio_backend():
                return "asyncio"

            def test_fresh_exchange(mock_exchange):
                assert mock_exchange.weights.used("", mock_exchange.server_time_ms()) == 0

            def test_sync(mock_client):
                assert current_all_open_orders.sync(client=mock_client, symbol="BTCUSD_PERP")

            @pytest.mark.anyio
            async def test_async(mock_client):
                assert await current_all_open_orders.asyncio(client=mock_client, pair="ETHUSD")
            """
        )
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_DISABLE_PLUGIN_AUTOLOAD"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", str(tmp_path)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 passed" in result.stdout
