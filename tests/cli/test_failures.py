"""However the command fails, it prints at most one line on stderr and never a traceback."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys

import pytest

from .canned import order
from .conftest import CannedExchange, Run, Spawn

MANY_ORDERS = [order(orderId=n) for n in range(1, 3001)]
"""Far more output than a pipe buffers, so that writing it must meet the closed pipe."""


@pytest.fixture(params=["buffered", "unbuffered"])
def buffering(request: pytest.FixtureRequest, env: dict[str, str]) -> None:
    """Whether stdout is buffered changes where a failed write shows up: try both."""
    if request.param == "unbuffered":
        env["PYTHONUNBUFFERED"] = "1"


def test_binance_error_is_one_line_and_exit_1(run: Run, mock_url: str) -> None:
    result = run("open-orders", "--symbol", "XRPUSD_PERP", "--base-url", mock_url)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "binance-coinm: error: Binance error -1121 (HTTP 400): Invalid symbol.\n"
    )


def test_unreachable_exchange_is_one_line_and_exit_1(run: Run) -> None:
    result = run("open-orders", "--deadline", "1", "--base-url", "http://127.0.0.1:9")
    assert result.returncode == 1
    assert result.stderr.startswith("binance-coinm: error: request failed without a response")
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("time", [None, "1795478400000"], ids=["null", "string"])
def test_unreadable_order_time_is_one_line_and_exit_1(
    run: Run, canned: CannedExchange, time: str | None
) -> None:
    canned.answer([order(time=time)])
    result = run("open-orders", "--kind", "orders", "--base-url", canned.url)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith(
        "binance-coinm: error: HTTP 200: unreadable response body at item 0, field 'time'"
    )
    assert len(result.stderr.splitlines()) == 1


def test_exchange_message_with_control_characters_stays_one_line(
    run: Run, canned: CannedExchange
) -> None:
    canned.answer({"code": -1100, "msg": "bad\nrequest\x1b[2J"}, status=400)
    result = run("open-orders", "--base-url", canned.url)
    assert result.returncode == 1
    assert result.stderr == (
        "binance-coinm: error: Binance error -1100 (HTTP 400): bad\\nrequest\\x1b[2J\n"
    )


def test_usage_error_is_one_line_and_exit_2(run: Run) -> None:
    result = run("open-orders", "--symbol", "BTCUSD_PERP", "--pair", "BTCUSD")
    assert result.returncode == 2
    assert result.stderr == (
        "binance-coinm: error: argument --pair: not allowed with argument --symbol"
        " (see 'binance-coinm open-orders --help')\n"
    )


def test_missing_command_is_a_usage_error(run: Run) -> None:
    result = run()
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("option", ["--symbol", "--pair"])
def test_empty_symbol_or_pair_is_a_usage_error_not_every_order(
    run: Run, canned: CannedExchange, option: str
) -> None:
    result = run("open-orders", option, "", "--base-url", canned.url)
    assert result.returncode == 2
    assert "must not be empty" in result.stderr
    assert canned.requests == []


def test_symbol_that_is_not_utf8_is_a_usage_error(run: Run, canned: CannedExchange) -> None:
    result = run("open-orders", "--symbol", b"BTCUSD\xff_PERP", "--base-url", canned.url)
    assert result.returncode == 2
    assert result.stderr.startswith("binance-coinm: error: argument --symbol: is not valid UTF-8")
    assert len(result.stderr.splitlines()) == 1
    assert canned.requests == []


@pytest.mark.usefixtures("buffering")
@pytest.mark.parametrize("output", [(), ("--json",)], ids=["table", "json"])
def test_reader_that_stops_early_ends_the_command_quietly(
    spawn: Spawn, canned: CannedExchange, output: tuple[str, ...]
) -> None:
    canned.answer(MANY_ORDERS)
    with spawn("open-orders", "--kind", "orders", *output, "--base-url", canned.url) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()  # what `| head -1` does once it has its line
        stderr = process.stderr.read()
    assert first
    assert (process.returncode, stderr) == (0, "")


@pytest.mark.usefixtures("buffering")
def test_reader_gone_before_any_output_ends_the_command_quietly(
    spawn: Spawn, canned: CannedExchange
) -> None:
    canned.answer([order()])
    canned.stall = True
    with spawn("open-orders", "--kind", "orders", "--base-url", canned.url) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        assert canned.arrived.wait(timeout=30)
        process.stdout.close()  # what `| true` does: it never reads
        canned.release.set()
        stderr = process.stderr.read()
    assert (process.returncode, stderr) == (0, "")


@pytest.mark.usefixtures("buffering")
def test_full_disk_is_one_line_and_exit_1(run: Run, holding: CannedExchange) -> None:
    with open("/dev/full", "w") as full:
        result = run("open-orders", "--base-url", holding.url, stdout=full)
    assert result.returncode == 1
    assert result.stderr == (
        "binance-coinm: error: cannot write the output: No space left on device\n"
    )


def test_text_stdouts_encoding_cannot_hold_is_one_line_and_exit_1(
    run: Run, canned: CannedExchange, env: dict[str, str]
) -> None:
    canned.answer([order(clientOrderId="caf\u00e9")])
    env["PYTHONIOENCODING"] = "ascii"
    result = run("open-orders", "--kind", "orders", "--base-url", canned.url)
    assert result.returncode == 1
    assert result.stderr == (
        "binance-coinm: error: cannot write the output: '\\xe9' cannot be encoded as ascii\n"
    )


def test_closed_stdout_is_one_line_and_exit_1(mock_url: str, env: dict[str, str]) -> None:
    shell = shutil.which("sh")
    assert shell is not None
    command = [sys.executable, "-m", "binance_coinm.cli", "open-orders", "--kind", "orders"]
    command += ["--base-url", mock_url]
    result = subprocess.run(
        [shell, "-c", 'exec "$@" >&-', "sh", *command], env=env, stderr=subprocess.PIPE, text=True
    )
    assert result.returncode == 1
    assert result.stderr == (
        "binance-coinm: error: cannot write the output: standard output is closed\n"
    )


@pytest.mark.usefixtures("interruptible")
def test_ctrl_c_exits_130_quietly(spawn: Spawn, canned: CannedExchange) -> None:
    canned.stall = True
    with spawn("open-orders", "--kind", "orders", "--base-url", canned.url) as process:
        assert canned.arrived.wait(timeout=30)
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=30)
    assert (process.returncode, stdout, stderr) == (130, "", "")


def test_a_key_file_that_is_no_file_is_one_line_and_exit_1(
    run: Run, env: dict[str, str], mock_url: str
) -> None:
    del env["BINANCE_API_SECRET"]
    env["BINANCE_PRIVATE_KEY_PATH"] = "/dev/zero"
    result = run("open-orders", "--base-url", mock_url)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "binance-coinm: error: cannot load the private key from '/dev/zero': not a regular file\n"
    )
