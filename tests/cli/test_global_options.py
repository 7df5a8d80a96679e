"""Global options (output, where to connect, time limits, logging) before or after the command."""

from __future__ import annotations

import json

from .canned import ORDERS
from .conftest import CannedExchange, Run


def test_output_format_may_come_before_the_command(run: Run, holding: CannedExchange) -> None:
    result = run("--json", "open-orders", "--kind", "orders", "--base-url", holding.url)
    assert result.returncode == 0
    assert json.loads(result.stdout) == ORDERS


def test_connection_options_may_come_before_the_command(run: Run, canned: CannedExchange) -> None:
    before = ("--base-url", canned.url, "--recv-window", "7000", "--timeout", "5")
    assert run(*before, "--deadline", "9", "open-orders").returncode == 0
    assert [query["recvWindow"] for _, query in canned.requests] == [["7000"]] * 2


def test_verbose_counts_on_both_sides_of_the_command(run: Run, canned: CannedExchange) -> None:
    result = run("-v", "open-orders", "-v", "--symbol", "SOLUSD_PERP", "--base-url", canned.url)
    assert result.returncode == 0
    assert "DEBUG query: symbol=SOLUSD_PERP" in result.stderr


def test_an_option_after_the_command_wins_over_one_before(run: Run, canned: CannedExchange) -> None:
    args = ("--recv-window", "7000", "open-orders", "--recv-window", "8000")
    assert run(*args, "--base-url", canned.url).returncode == 0
    assert [query["recvWindow"] for _, query in canned.requests] == [["8000"]] * 2


def test_an_option_before_the_command_is_not_undone_by_its_default_after(
    run: Run, canned: CannedExchange
) -> None:
    assert run("--recv-window", "7000", "open-orders", "--base-url", canned.url).returncode == 0
    assert [query["recvWindow"] for _, query in canned.requests] == [["7000"]] * 2


def test_testnet_before_and_base_url_after_the_command_is_a_usage_error(
    run: Run, canned: CannedExchange
) -> None:
    result = run("--testnet", "open-orders", "--base-url", canned.url)
    assert result.returncode == 2
    assert result.stderr == (
        "binance-coinm: error: argument --testnet: not allowed with argument --base-url"
        " (see 'binance-coinm --help')\n"
    )
    assert canned.requests == []


def test_a_commands_own_option_before_the_command_is_a_usage_error(run: Run, mock_url: str) -> None:
    result = run("--symbol", "BTCUSD_PERP", "open-orders", "--base-url", mock_url)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
