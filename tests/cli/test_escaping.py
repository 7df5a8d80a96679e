"""Nothing the exchange sends may drive a terminal, in any output format."""

from __future__ import annotations

import json

import pytest

from .canned import order
from .conftest import CannedExchange, Run

DRIVING = "a\u009b2Jb\u202ec\u2028d\u200fe"
"""An 8-bit CSI (C1), a right-to-left override, a line separator and a right-to-left mark."""
FORMATS = [("--format", "table"), ("--format", "json"), ("--format", "csv")]


@pytest.mark.parametrize("output", FORMATS, ids=["table", "json", "csv"])
def test_c1_controls_and_bidirectional_marks_are_escaped_in_every_format(
    run: Run, canned: CannedExchange, output: tuple[str, str]
) -> None:
    canned.answer([order(clientOrderId=DRIVING)])
    result = run("open-orders", "--kind", "orders", *output, "--base-url", canned.url)
    assert result.returncode == 0
    assert [c for c in "\u009b\u202e\u2028\u200f" if c in result.stdout] == []
    assert "u202e" in result.stdout


def test_escaped_json_is_valid_json_holding_the_same_text(run: Run, canned: CannedExchange) -> None:
    beyond_the_bmp = "\U000e0001"  # LANGUAGE TAG, a format character: a surrogate pair in JSON
    sent = order(clientOrderId=DRIVING, note=beyond_the_bmp)
    canned.answer([sent])
    result = run("open-orders", "--kind", "orders", "--json", "--base-url", canned.url)
    assert result.returncode == 0
    assert "\\u009b" in result.stdout
    assert "\\udb40\\udc01" in result.stdout
    assert json.loads(result.stdout) == [sent]


def test_escaped_table_cell_stays_on_its_row(run: Run, canned: CannedExchange) -> None:
    canned.answer([order(clientOrderId=DRIVING)])
    result = run("open-orders", "--kind", "orders", "--base-url", canned.url)
    _, row = result.stdout.splitlines()
    assert "a\\x9b2Jb\\u202ec\\u2028d\\u200fe" in row.split()
