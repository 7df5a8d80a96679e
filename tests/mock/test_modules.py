"""The mock's modules each have one job, and its front ends do not import the exchange."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("module", ["binance_coinm.mock.asgi", "binance_coinm.mock.transport"])
def test_front_end_does_not_import_the_exchange(module: str) -> None:
    script = f"import sys, {module}; print('binance_coinm.mock.exchange' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "False"
