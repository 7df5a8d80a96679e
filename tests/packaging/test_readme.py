"""Every Python code block in README.md runs, so the documentation cannot rot.

Each block runs in its own interpreter through ``snippet_runner.py``, whose docstring lists all
it sets up: the network blocked, ``signed_client`` given the in-process mock exchange's
transport when the block passes none, the placeholder credentials known to the mock, a
``key.pem``, and the names a reader has after the Quickstart. That keeps the README's code
exactly what a user would type, with no test-only arguments, and a block the lead adds later
is picked up without touching this file. A block that only configures (no request) must still
run without error.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

import pytest

from .readme import README, Snippet, python_snippets, readme_snippets

RUNNER = Path(__file__).with_name("snippet_runner.py")
SNIPPETS = readme_snippets()


def run_snippet(
    source: str,
    python: str | Path = sys.executable,
    name: str = "snippet.py",
    line: int = 1,
    args: Sequence[str] = (),
) -> subprocess.CompletedProcess[str]:
    """Run a block as the README test does; ``python`` may be another venv's interpreter, and
    ``args`` are the block's command-line arguments."""
    return subprocess.run(
        [str(python), "-W", "error", str(RUNNER), name, str(line), *args],
        input=source,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[snippet.id for snippet in SNIPPETS])
def test_readme_snippet_runs(snippet: Snippet) -> None:
    result = run_snippet(snippet.source, name=README.name, line=snippet.line)
    assert result.returncode == 0, f"{README.name}:{snippet.line}\n{result.stdout}{result.stderr}"
    assert result.stderr == ""


def quickstart() -> list[Snippet]:
    """The Quickstart's first two blocks: with real keys, then with the mock's demo keys."""
    blocks = [s for s in SNIPPETS if s.heading == "Quickstart"][:2]
    assert len(blocks) == 2
    return blocks


def test_the_quickstart_lists_the_mock_orders() -> None:
    for snippet in quickstart():
        result = run_snippet(snippet.source)
        lines = result.stdout.splitlines()
        # The mock seeds four open BTCUSD_PERP orders; each block prints one line per order.
        assert len(lines) == 4, result.stdout + result.stderr


def test_a_block_that_fails_fails_the_test() -> None:
    result = run_snippet(
        "from binance_coinm import current_all_open_orders\n"
        'current_all_open_orders.sync(client=client, symbol="XRPUSD_PERP")'
    )
    assert result.returncode != 0
    assert "InvalidRequestError" in result.stderr
    assert "-1121" in result.stderr


def test_a_block_that_reaches_the_network_fails_even_if_it_catches_the_error() -> None:
    source = textwrap.dedent(
        """
        import httpx

        try:
            httpx.get("https://example.com/", timeout=5)
        except httpx.ConnectError:
            pass
        """
    )
    result = run_snippet(source)
    assert result.returncode == 1
    assert "blocked a network connection to example.com" in result.stderr


def test_a_block_with_its_own_transport_keeps_it() -> None:
    source = textwrap.dedent(
        """
        import httpx
        from binance_coinm import APIConnectionError, current_all_open_orders, signed_client

        real_network = signed_client(httpx_args={"transport": httpx.HTTPTransport()})
        try:
            current_all_open_orders.sync(client=real_network, symbol="BTCUSD_PERP", max_retries=0)
        except APIConnectionError:
            print("refused")
        """
    )
    result = run_snippet(source)
    assert result.stdout == "refused\n"
    assert result.returncode == 1


def test_await_works_at_top_level() -> None:
    source = (
        "from binance_coinm import current_all_open_orders\n"
        'print(len(await current_all_open_orders.asyncio(client=client, pair="BTCUSD")))'
    )
    result = run_snippet(source)
    assert (result.returncode, result.stdout) == (0, "4\n"), result.stderr


def test_only_python_fences_are_snippets() -> None:
    markdown = textwrap.dedent(
        """
        # Title
        ```python
        a = 1
        ```
        ## Two words
        ```sh
        make test
        ```
        ```py title="x"
        b = 2
        ```
        ````markdown
        ```python
        not_a_snippet = 3
        ```
        ````
            indented = "code, not a fence"
        ```text
        c = 4
        ```
        """
    )
    assert python_snippets(markdown) == [
        Snippet("Title", 4, "a = 1\n"),
        Snippet("Two words", 11, "b = 2\n"),
    ]
    assert [s.id for s in python_snippets(markdown)] == ["title-line4", "two-words-line11"]


def test_the_arguments_after_the_line_are_the_blocks_argv() -> None:
    result = run_snippet("import sys\nprint(sys.argv)", name="script.py", args=["--minutes", "5"])
    assert result.stdout == "['script.py', '--minutes', '5']\n", result.stderr


def test_a_block_has_a_client_object_too() -> None:
    result = run_snippet('print(len(coinm.open_orders(symbol="BTCUSD_PERP")))')
    assert (result.returncode, result.stdout) == (0, "5\n"), result.stderr


def test_a_client_with_connection_options_is_built_as_asked_and_meets_the_blocked_network() -> None:
    source = textwrap.dedent(
        """
        from binance_coinm import APIConnectionError, BinanceCoinM

        coinm = BinanceCoinM(httpx_args={"verify": True, "trust_env": False}, max_retries=0)
        try:
            coinm.trade.current_all_open_orders(symbol="BTCUSD_PERP")
        except APIConnectionError:
            print("refused")
        """
    )
    result = run_snippet(source)
    assert result.stdout == "refused\n"
    assert result.returncode == 1
    assert "blocked a network connection to dapi.binance.com" in result.stderr
