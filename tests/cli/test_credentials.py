"""Keys come from the environment; missing ones are one line naming the variables to set."""

from __future__ import annotations

import pytest

from .conftest import CannedExchange, Run

REMEDY = (
    "set BINANCE_API_KEY and BINANCE_API_SECRET (or BINANCE_PRIVATE_KEY_PATH) in the environment"
)


def test_no_credentials_names_both_variables(
    run: Run, canned: CannedExchange, env: dict[str, str]
) -> None:
    del env["BINANCE_API_KEY"], env["BINANCE_API_SECRET"]
    result = run("open-orders", "--base-url", canned.url)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"binance-coinm: error: no credentials: {REMEDY}\n"
    assert canned.requests == []


@pytest.mark.parametrize("missing", ["BINANCE_API_KEY", "BINANCE_API_SECRET"])
def test_a_missing_variable_is_named_with_the_remedy(
    run: Run, canned: CannedExchange, env: dict[str, str], missing: str
) -> None:
    del env[missing]
    result = run("open-orders", "--base-url", canned.url)
    assert result.returncode == 1
    assert result.stderr == f"binance-coinm: error: {missing} is not set: {REMEDY}\n"
    assert canned.requests == []


def test_an_empty_variable_counts_as_unset(
    run: Run, canned: CannedExchange, env: dict[str, str]
) -> None:
    env["BINANCE_API_KEY"] = ""
    result = run("open-orders", "--base-url", canned.url)
    assert result.returncode == 1
    assert result.stderr.startswith("binance-coinm: error: BINANCE_API_KEY is not set: ")
    assert canned.requests == []


def test_a_private_key_path_stands_for_the_secret(
    run: Run, canned: CannedExchange, env: dict[str, str]
) -> None:
    del env["BINANCE_API_SECRET"]
    env["BINANCE_PRIVATE_KEY_PATH"] = "/dev/null"
    result = run("open-orders", "--base-url", canned.url)
    assert result.returncode == 1
    assert "is not set" not in result.stderr
    assert "cannot load the private key from '/dev/null'" in result.stderr


def test_usage_errors_come_before_missing_credentials(
    run: Run, canned: CannedExchange, env: dict[str, str]
) -> None:
    del env["BINANCE_API_KEY"], env["BINANCE_API_SECRET"]
    result = run("open-orders", "--symbol", "", "--base-url", canned.url)
    assert result.returncode == 2
    assert "must not be empty" in result.stderr
