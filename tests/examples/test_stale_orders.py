"""examples/stale_orders.py: run whole, as a user runs it, against the in-process mock exchange
(the README's snippet runner: network blocked, the mock's demo keys in the environment), and
its selection checked on orders whose ages the test sets."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from binance_coinm import BinanceCoinM
from binance_coinm.mock import DEMO_API_KEY, DEMO_API_SECRET, MockExchange

from ..packaging.test_readme import run_snippet

SCRIPT = Path(__file__).resolve().parents[2] / "examples" / "stale_orders.py"
MINUTE_MS = 60_000


def run(*args: str) -> tuple[int, list[str]]:
    result = run_snippet(SCRIPT.read_text(encoding="utf-8"), name=str(SCRIPT), args=args)
    assert result.stderr == "", result.stderr
    return result.returncode, result.stdout.splitlines()


@pytest.fixture(scope="module")
def example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("stale_orders", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_it_lists_every_old_order_of_both_services_and_exits_1() -> None:
    status, lines = run("--minutes", "60")
    # The mock's seeded orders and algo orders were placed on 2026-11-24, a minute apart; the
    # two orders placed by triggered algo orders an hour after those.
    assert status == 1
    assert lines[-1] == "13 of 13 open orders older than 60 min"
    assert [line.split()[0] for line in lines[:-1]] == [
        *["order"] * 2,
        *["algo"] * 3,
        "order",
        *["algo"] * 2,
        *["order"] * 5,
    ]


def test_a_symbol_reads_that_contract_only() -> None:
    status, lines = run("--symbol", "BTCUSD_PERP", "--minutes", "5")
    assert status == 1
    assert {line.split()[2] for line in lines[:-1]} == {"BTCUSD_PERP"}
    assert lines[-1] == "5 of 5 open orders older than 5 min"


def test_nothing_old_enough_exits_0() -> None:
    assert run("--minutes", "100000000") == (
        0,
        ["0 of 13 open orders older than 1e+08 min"],
    )


def test_it_keeps_the_orders_placed_before_the_cutoff_oldest_first(example: ModuleType) -> None:
    exchange = MockExchange()
    first = min(order.time for order in exchange.orders)
    transport = {"transport": exchange.transport()}
    with BinanceCoinM(DEMO_API_KEY, DEMO_API_SECRET, httpx_args=transport) as coinm:
        found = coinm.open_orders(pair="BTCUSD")
    # BTCUSD's orders and algo orders were placed a minute apart from ``first`` (two orders an
    # hour later, by triggered algo orders); now is 10 minutes on.
    stale = example.stale_orders(found, now_ms=first + 10 * MINUTE_MS, minutes=5.5)
    assert [(row.kind, row.id) for row in stale] == [
        ("order", 1_917_641),
        ("order", 1_917_642),
        ("algo", found.algo_orders[0].algo_id),
        ("algo", found.algo_orders[1].algo_id),
    ]
    assert [row.placed_ms for row in stale] == sorted(row.placed_ms for row in stale)
    assert example.stale_orders(found, now_ms=first, minutes=0) == []
