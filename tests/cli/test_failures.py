"""However the command fails, it prints at most one line on stderr and never a traceback."""

from __future__ import annotations

import pytest

from .conftest import CannedExchange, Run


def test_binance_error_is_one_line_and_exit_1(run: Run, mock_url: str) -> None:
    result = run("open-orders", "--symbol", "XRPUSD_PERP", "--base-url", mock_url)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "binance-coinm: error: Binance error -1121 (HTTP 400): Invalid symbol.\n"
    )


@pytest.mark.parametrize("option", ["--symbol", "--pair"])
def test_empty_symbol_or_pair_is_a_usage_error_not_every_order(
    run: Run, canned: CannedExchange, option: str
) -> None:
    result = run("open-orders", option, "", "--base-url", canned.url)
    assert result.returncode == 2
    assert "must not be empty" in result.stderr
    assert canned.requests == []
