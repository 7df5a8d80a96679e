"""Running ``python -m binance_coinm.mock`` in tests, and what a usage error must look like."""

from __future__ import annotations

import subprocess
import sys


def run_mock(*args: str, prelude: str = "") -> subprocess.CompletedProcess[str]:
    """``python -m binance_coinm.mock ARGS``, after ``prelude`` when one is given."""
    script = f"{prelude}\nimport runpy\nrunpy.run_module('binance_coinm.mock', run_name='__main__')"
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def assert_one_line_error(
    result: subprocess.CompletedProcess[str], says: str, *, returncode: int
) -> None:
    assert result.returncode == returncode
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert says in result.stderr
