"""The pytest plugin: prefixed fixtures wired to the mock exchange, costing nothing unused."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import anyio
import pytest

from binance_coinm import (
    AuthenticatedClient,
    check_server_time,
    current_all_open_orders,
    query_current_open_order,
    signed_client,
)
from binance_coinm.mock import DEMO_API_KEY, DEMO_API_SECRET, Fault, MockExchange
from binance_coinm.mock.server import MockServerError

pytest_plugins = ["pytester"]


def test_client_reads_a_symbol_sync(binance_mock_client: AuthenticatedClient) -> None:
    orders = current_all_open_orders.sync(client=binance_mock_client, symbol="ETHUSD_PERP")
    assert [order.order_id for order in orders] == [1_917_647]


@pytest.mark.anyio
async def test_async_client_reads_a_pair(binance_mock_async_client: AuthenticatedClient) -> None:
    orders = await current_all_open_orders.asyncio(client=binance_mock_async_client, pair="BTCUSD")
    assert [order.pair for order in orders] == ["BTCUSD"] * 4


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
    for order in binance_mock_exchange.orders:
        if order.symbol == "SOLUSD_PERP":
            binance_mock_exchange.cancel(order.order_id)
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


def recorded_sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The waits the client asks for, sync and async, taken at once."""
    slept: list[float] = []

    async def async_sleep(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr(time, "sleep", slept.append)
    monkeypatch.setattr(anyio, "sleep", async_sleep)
    return slept


def test_no_backoff_client_retries_at_once(
    binance_mock_exchange: MockExchange,
    binance_mock_client_no_backoff: AuthenticatedClient,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    slept = recorded_sleeps(monkeypatch)
    binance_mock_exchange.faults.add(Fault.SERVER_ERROR, times=2)
    assert check_server_time.sync(client=binance_mock_client_no_backoff)
    assert (slept, binance_mock_exchange.faults.pending) == ([0.0, 0.0], 0)


@pytest.mark.anyio
async def test_no_backoff_client_retries_at_once_async(
    binance_mock_exchange: MockExchange,
    binance_mock_client_no_backoff: AuthenticatedClient,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    slept = recorded_sleeps(monkeypatch)
    binance_mock_exchange.faults.add(Fault.SERVER_ERROR, times=2)
    assert await check_server_time.asyncio(client=binance_mock_client_no_backoff)
    assert (slept, binance_mock_exchange.faults.pending) == ([0.0, 0.0], 0)


def test_the_usual_client_backs_off_between_retries(
    binance_mock_exchange: MockExchange,
    binance_mock_client: AuthenticatedClient,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    slept = recorded_sleeps(monkeypatch)
    binance_mock_exchange.faults.add(Fault.SERVER_ERROR, times=2)
    check_server_time.sync(client=binance_mock_client)
    assert len(slept) == 2
    assert all(seconds > 0 for seconds in slept)


def test_mock_server_serves_the_test_s_exchange(
    binance_mock_exchange: MockExchange, binance_mock_server: str
) -> None:
    added = binance_mock_exchange.add_order(
        symbol="ETHUSD_270326", side="BUY", type="LIMIT", orig_qty=1, price="2500"
    )
    with signed_client(DEMO_API_KEY, DEMO_API_SECRET, base_url=binance_mock_server) as client:
        orders = current_all_open_orders.sync(client=client, symbol="ETHUSD_270326")
    assert binance_mock_server.startswith("http://127.0.0.1:")
    assert orders == [added]


def test_mock_server_without_uvicorn_raises_the_mock_s_error(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    with pytest.raises(MockServerError, match=r"pip install 'binance-coinm\[mock\]'"):
        request.getfixturevalue("binance_mock_server")


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
        assert binance_mock_exchange.weights.tracked() == 0

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


ASYNC_TESTS = """
    import pytest
    from binance_coinm import check_server_time, current_all_open_orders
    from binance_coinm.mock import Fault

    @pytest.mark.{mark}
    async def test_async_client(binance_mock_async_client):
        assert await current_all_open_orders.asyncio(
            client=binance_mock_async_client, pair="ETHUSD"
        )

    @pytest.mark.{mark}
    async def test_no_backoff_client(binance_mock_exchange, binance_mock_client_no_backoff):
        binance_mock_exchange.faults.add(Fault.SERVER_ERROR, times=2)
        assert await check_server_time.asyncio(client=binance_mock_client_no_backoff)

    @pytest.mark.{mark}
    async def test_sync_client_in_an_async_test(binance_mock_client):
        assert check_server_time.sync(client=binance_mock_client)
"""
# A project's own settings, strict: every warning an error and, where pytest-asyncio is
# loaded, its default (strict) mode with the loop scope it asks to be set.
ANYIO_SETTINGS = """
    [pytest]
    filterwarnings = error
"""
PYTEST_ASYNCIO_SETTINGS = """
    [pytest]
    asyncio_mode = strict
    asyncio_default_fixture_loop_scope = function
    filterwarnings = error
"""
ONLY_PYTEST_ASYNCIO = ("-p", "no:anyio")
ONLY_ANYIO = ("-p", "no:asyncio")


@pytest.mark.parametrize(
    ("mark", "plugins", "settings"),
    [
        ("asyncio", ONLY_PYTEST_ASYNCIO, PYTEST_ASYNCIO_SETTINGS),
        ("anyio", ONLY_ANYIO, ANYIO_SETTINGS),
        ("asyncio", (), PYTEST_ASYNCIO_SETTINGS),
        ("anyio", (), PYTEST_ASYNCIO_SETTINGS),
    ],
    ids=[
        "pytest-asyncio-strict",
        "anyio",
        "asyncio-mark-beside-anyio",
        "anyio-mark-beside-asyncio",
    ],
)
def test_async_fixtures_serve_tests_under_either_plugin_warning_free(
    project: pytest.Pytester, mark: str, plugins: tuple[str, ...], settings: str
) -> None:
    project.makeini(textwrap.dedent(settings))
    project.makepyfile(textwrap.dedent(ASYNC_TESTS).replace("{mark}", mark))
    result = project.runpytest_subprocess("-p", "no:cacheprovider", "-W", "error", *plugins)
    result.assert_outcomes(passed=3)


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
