"""The command's options: version, help, time limits, recvWindow, logging, where to connect."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from binance_coinm import cli
from binance_coinm.client.options import PRODUCTION_URL, TESTNET_URL
from binance_coinm.mock import DEMO_API_KEY, DEMO_API_SECRET

from .conftest import CannedExchange, Run

ENVIRONMENT = (
    "BINANCE_API_KEY", "BINANCE_API_SECRET", "BINANCE_PRIVATE_KEY_PATH",
    "BINANCE_PRIVATE_KEY_PASSPHRASE", "BINANCE_COINM_LOG",
)  # fmt: skip
HELP = [(), ("open-orders",), ("open-order",), ("watch",)]
VERSION_LINE = f"binance-coinm {metadata.version('binance-coinm')}\n"


def test_version_is_the_installed_package_version(run: Run) -> None:
    result = run("--version")
    assert (result.returncode, result.stdout) == (0, VERSION_LINE)


def test_installed_script_runs_the_same_command(env: dict[str, str]) -> None:
    script = Path(sys.executable).with_name("binance-coinm")
    result = subprocess.run([script, "--version"], env=env, capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (0, VERSION_LINE)


def test_version_without_package_metadata_says_unknown(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def not_installed(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", not_installed)
    with pytest.raises(SystemExit) as exited:
        cli.main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.startswith("binance-coinm (version unknown")


@pytest.mark.parametrize("command", HELP, ids=["main", "open-orders", "open-order", "watch"])
def test_help_names_every_environment_variable(run: Run, command: tuple[str, ...]) -> None:
    result = run(*command, "--help")
    assert result.returncode == 0
    assert [name for name in ENVIRONMENT if name not in result.stdout] == []


@pytest.mark.parametrize("command", HELP, ids=["main", "open-orders", "open-order", "watch"])
def test_help_is_plain_text_without_restructuredtext_markup(
    run: Run, command: tuple[str, ...]
) -> None:
    assert "``" not in run(*command, "--help").stdout


def test_timeout_bounds_each_attempt_not_the_call(run: Run, canned: CannedExchange) -> None:
    canned.stall = True
    started = time.monotonic()
    result = run("open-orders", "--timeout", "0.1", "--deadline", "30", "--base-url", canned.url)
    assert time.monotonic() - started < 4.5, "the default timeout (5 s) was used"
    assert result.stderr == "binance-coinm: error: request timed out (ReadTimeout)\n"
    assert len(canned.requests) > 1, "the first timeout should not have ended the call"


def test_deadline_bounds_the_whole_call(run: Run, canned: CannedExchange) -> None:
    canned.stall = True
    started = time.monotonic()
    result = run("open-orders", "--timeout", "30", "--deadline", "0.5", "--base-url", canned.url)
    assert time.monotonic() - started < 4.5, "the default deadline (15 s) was used"
    assert result.stderr == "binance-coinm: error: request timed out (ReadTimeout)\n"
    assert len(canned.requests) == 1


def test_recv_window_is_sent_with_the_request(run: Run, canned: CannedExchange) -> None:
    assert run("open-orders", "--recv-window", "7000", "--base-url", canned.url).returncode == 0
    assert [query["recvWindow"] for _, query in canned.requests] == [["7000"]] * 2


def test_no_recv_window_leaves_binances_default(run: Run, canned: CannedExchange) -> None:
    assert run("open-orders", "--base-url", canned.url).returncode == 0
    assert [query.get("recvWindow") for _, query in canned.requests] == [None] * 2


@pytest.mark.parametrize(
    ("args", "told"),
    [
        (("--recv-window", "70000"), "argument --recv-window: must be an int in 1..60000"),
        (("--recv-window", "0"), "argument --recv-window: must be an int in 1..60000"),
        (("--timeout", "-1"), "argument --timeout: must be a number of seconds"),
        (("--timeout", "nan"), "argument --timeout: must be a number of seconds"),
        (("--deadline", "0"), "argument --deadline: must be a number of seconds"),
        (("--symbol", "btc-usd"), "argument --symbol: must be a str matching"),
        (("--base-url", "ftp://x"), "argument --base-url: base_url needs an http(s) scheme"),
    ],
)
def test_an_option_value_the_library_would_refuse_is_a_usage_error(
    run: Run, canned: CannedExchange, args: tuple[str, ...], told: str
) -> None:
    result = run(
        "open-orders", *args, *(() if "--base-url" in args else ("--base-url", canned.url))
    )
    assert result.returncode == 2
    assert result.stderr.startswith(f"binance-coinm: error: {told}")
    assert canned.requests == []


def test_an_order_id_is_digits_only(run: Run, canned: CannedExchange) -> None:
    result = run("open-order", "--symbol", "BTCUSD_PERP", "--order-id", "1_917_641",
                 "--base-url", canned.url)  # fmt: skip
    assert result.returncode == 2
    assert "argument --order-id: must be an integer" in result.stderr


def test_verbose_logs_each_request_to_stderr(run: Run, canned: CannedExchange) -> None:
    result = run("open-orders", "--symbol", "SOLUSD_PERP", "-v", "--base-url", canned.url)
    assert result.returncode == 0
    assert "INFO GET /dapi/v1/openOrders (attempt 1) -> 200" in result.stderr
    assert "DEBUG" not in result.stderr


def test_twice_verbose_logs_the_query_with_its_signature_redacted(
    run: Run, canned: CannedExchange
) -> None:
    result = run("open-orders", "--symbol", "SOLUSD_PERP", "-vv", "--base-url", canned.url)
    assert result.returncode == 0
    assert "DEBUG query: symbol=SOLUSD_PERP&timestamp=" in result.stderr
    assert "signature=<redacted>" in result.stderr
    assert re.search(r"signature=[0-9a-f]{64}", result.stderr) is None
    assert DEMO_API_KEY not in result.stderr
    assert DEMO_API_SECRET not in result.stderr


def test_quiet_by_default(run: Run, holding: CannedExchange) -> None:
    result = run("open-orders", "--symbol", "SOLUSD_PERP", "--base-url", holding.url)
    assert (result.returncode, result.stderr) == (0, "")


def test_log_environment_variable_still_works_without_verbose(
    run: Run, canned: CannedExchange, env: dict[str, str]
) -> None:
    env["BINANCE_COINM_LOG"] = "info"
    result = run("open-orders", "--symbol", "SOLUSD_PERP", "--base-url", canned.url)
    assert "INFO GET /dapi/v1/openOrders (attempt 1) -> 200" in result.stderr


@pytest.mark.parametrize(
    ("args", "url"),
    [((), PRODUCTION_URL), (("--testnet",), TESTNET_URL)],
    ids=["default", "testnet"],
)
def test_exchange_host_is_production_unless_testnet(
    run: Run, canned: CannedExchange, env: dict[str, str], args: tuple[str, ...], url: str
) -> None:
    env["HTTPS_PROXY"] = canned.url  # nothing leaves the machine: the proxy only records
    assert run("open-orders", *args, "--deadline", "1").returncode == 1
    assert canned.requests[0] == (f"{urlsplit(url).hostname}:443", {})


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
    assert "BINANCE_API_SECRET is not set" in result.stderr
    assert canned.requests == []
