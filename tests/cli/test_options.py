"""The command's options: version, help, time limits, recvWindow, logging, where to connect."""

from __future__ import annotations

import pytest

from .conftest import CannedExchange, Run


def test_testnet_and_base_url_together_are_a_usage_error(run: Run, mock_url: str) -> None:
    result = run("open-orders", "--testnet", "--base-url", mock_url)
    assert result.returncode == 2


@pytest.mark.parametrize("option", ["--api-key", "--api-secret", "--private-key-path"])
def test_keys_are_not_taken_from_the_command_line(run: Run, mock_url: str, option: str) -> None:
    result = run("open-orders", option, "x", "--base-url", mock_url)
    assert result.returncode == 2
    assert "unrecognized arguments" in result.stderr


def test_missing_secret_fails_before_anything_is_sent(
    run: Run, canned: CannedExchange, env: dict[str, str]
) -> None:
    del env["BINANCE_API_SECRET"]
    result = run("open-orders", "--base-url", canned.url)
    assert result.returncode == 1
    assert "API secret is missing" in result.stderr
    assert canned.requests == []
