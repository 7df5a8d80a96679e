"""The pytest plugin: prefixed fixtures wired to the mock exchange, costing nothing unused."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from binance_coinm import AuthenticatedClient, current_all_open_orders, query_current_open_order
from binance_coinm.mock import Fault, MockExchange

pytest_plugins = ["pytester"]


def test_client_reads_a_symbol_sync(binance_mock_client: AuthenticatedClient) -> None:
    orders = current_all_open_orders.sync(client=binance_mock_client, symbol="ETHUSD_PERP")
    assert [order.order_id for order in orders] == [1_917_647, 1_917_648, 1_917_649]


@pytest.mark.anyio
async def test_async_client_reads_a_pair(binance_mock_async_client: AuthenticatedClient) -> None:
    orders = await current_all_open_orders.asyncio(client=binance_mock_async_client, pair="BTCUSD")
    assert {order.symbol for order in orders} == {"BTCUSD_PERP", "BTCUSD_261225", "BTCUSD_270326"}


@pytest.mark.anyio
async def test_async_client_reads_one_order(
    binance_mock_async_client: AuthenticatedClient,
) -> None:
    order = await query_current_open_order.asyncio(
        client=binance_mock_async_client, symbol="SOLUSD_PERP", orig_client_order_id="mock-0011"
    )
    assert order.order_id == 1_917_652


def test_client_sees_the_exchange_state(
    binance_mock_exchange: MockExchange, binance_mock_client: AuthenticatedClient
) -> None:
    binance_mock_exchange.orders[:] = [
        o for o in binance_mock_exchange.orders if o["symbol"] != "SOLUSD_PERP"
    ]
    assert current_all_open_orders.sync(client=binance_mock_client, symbol="SOLUSD_PERP") == []


def test_client_retries_through_a_fault(
    binance_mock_exchange: MockExchange, binance_mock_client: AuthenticatedClient
) -> None:
    binance_mock_exchange.faults.add(Fault.SERVER_ERROR)
    assert len(current_all_open_orders.sync(client=binance_mock_client, symbol="BTCUSD_PERP")) == 4
    assert binance_mock_exchange.faults.pending == 0


@pytest.mark.anyio
async def test_async_client_retries_through_a_fault(
    binance_mock_exchange: MockExchange, binance_mock_async_client: AuthenticatedClient
) -> None:
    binance_mock_exchange.faults.add(Fault.SERVER_ERROR)
    orders = await current_all_open_orders.asyncio(
        client=binance_mock_async_client, symbol="BTCUSD_PERP"
    )
    assert (len(orders), binance_mock_exchange.faults.pending) == (4, 0)


@pytest.fixture
def project(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """A fresh project in which pytest loads installed plugins, as a user's project does."""
    monkeypatch.delenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    return pytester


USING_THE_PLUGIN = """
    import pytest
    from binance_coinm import current_all_open_orders

    @pytest.fixture
    def anyio_backend():
        return "asyncio"

    def test_fresh_exchange(binance_mock_exchange):
        assert binance_mock_exchange.weights.used("", binance_mock_exchange.server_time_ms()) == 0

    def test_sync(binance_mock_client):
        assert current_all_open_orders.sync(client=binance_mock_client, symbol="BTCUSD_PERP")

    @pytest.mark.anyio
    async def test_async(binance_mock_async_client):
        assert await current_all_open_orders.asyncio(
            client=binance_mock_async_client, pair="ETHUSD"
        )
"""

CLOSED_AFTER_THE_TEST = """
    import pytest
    from binance_coinm import check_server_time

    @pytest.fixture
    def anyio_backend():
        return "asyncio"

    used = {}

    def test_sync_uses(binance_mock_client):
        check_server_time.sync(client=binance_mock_client)
        used["sync"] = binance_mock_client

    @pytest.mark.anyio
    async def test_async_uses(binance_mock_async_client):
        await check_server_time.asyncio(client=binance_mock_async_client)
        used["async"] = binance_mock_async_client

    def test_both_were_closed():
        assert (used["sync"].is_closed, used["async"].is_closed) == (True, True)
"""


def test_installed_plugin_gives_any_project_the_fixtures(project: pytest.Pytester) -> None:
    project.makepyfile(textwrap.dedent(USING_THE_PLUGIN))
    project.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=3)


def test_clients_are_closed_after_the_test(project: pytest.Pytester) -> None:
    project.makepyfile(textwrap.dedent(CLOSED_AFTER_THE_TEST))
    project.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=3)


def test_unprefixed_fixture_names_are_gone(project: pytest.Pytester) -> None:
    project.makepyfile("def test_old(mock_client):\n    pass\n")
    result = project.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*fixture 'mock_client' not found*"])


# binance_coinm/__init__.py imports the whole client; the plugin's own imports are measured by
# importing its package without running that __init__.
PLUGIN_IMPORTS = """
import importlib.util, sys, types
found = importlib.util.find_spec("binance_coinm")
package = types.ModuleType("binance_coinm")
package.__path__ = list(found.submodule_search_locations)
sys.modules["binance_coinm"] = package
import binance_coinm.mock.pytest_plugin
print(" ".join(sorted(m for m in sys.modules if m.startswith(("binance_coinm", "httpx")))))
"""


def test_plugin_module_imports_neither_httpx_nor_the_client_nor_the_mock() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PLUGIN_IMPORTS],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.split() == [
        "binance_coinm",
        "binance_coinm.mock",
        "binance_coinm.mock.pytest_plugin",
    ]
