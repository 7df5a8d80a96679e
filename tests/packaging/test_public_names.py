"""``binance_coinm`` exports every endpoint module and model the spec renders, and its own
names, each importable and listed in ``__all__`` and ``dir()``, without importing them all."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import binance_coinm
import binance_coinm_rest.api
import binance_coinm_rest.models


def generated_names() -> set[str]:
    endpoints = {
        info.name.rpartition(".")[2]
        for info in pkgutil.walk_packages(binance_coinm_rest.api.__path__, "api.")
        if not info.ispkg
    }
    return endpoints | set(binance_coinm_rest.models.__all__)


def test_every_generated_endpoint_and_model_is_exported() -> None:
    assert generated_names() <= set(binance_coinm.__all__)


def test_every_exported_name_imports_and_shows_in_dir() -> None:
    for name in binance_coinm.__all__:
        assert getattr(binance_coinm, name) is not None
    assert set(binance_coinm.__all__) <= set(dir(binance_coinm))


def test_the_exported_endpoint_is_the_generated_module() -> None:
    module = importlib.import_module("binance_coinm_rest.api.trade.current_all_open_orders")
    assert binance_coinm.current_all_open_orders is module


def test_importing_the_package_imports_no_endpoint_or_model() -> None:
    code = (
        "import sys, binance_coinm; "
        "print(sorted(m for m in sys.modules if m.startswith('binance_coinm_rest.')))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    assert loaded.strip() == "['binance_coinm_rest.places']"


def test_a_sync_call_imports_no_event_loop_library() -> None:
    """asyncio, anyio and aiohttp cost a sync program import time and nothing else."""
    code = (
        "import sys, httpx\n"
        "from binance_coinm import current_all_open_orders, signed_client\n"
        "answer = httpx.MockTransport(lambda request: httpx.Response(200, json=[]))\n"
        "client = signed_client('k', 's', httpx_args={'transport': answer})\n"
        "assert current_all_open_orders.sync(client=client, symbol='BTCUSD_PERP') == []\n"
        "print(sorted(m for m in ('asyncio', 'anyio', 'aiohttp') if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    assert loaded.strip() == "[]"
