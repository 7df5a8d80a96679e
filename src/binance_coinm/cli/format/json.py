"""JSON for scripts: Binance's objects, indented, with what is not printable escaped.

Values are Binance's (``Model.to_dict()``): decimals as the strings received, unknown fields
as they came, numbers among them as numbers. Characters that could drive a terminal are
written as JSON escapes (``\\u009b``), so the text is valid JSON holding the same strings.
"""

from __future__ import annotations

from typing import Any

import msgspec

from .escape import json_printable

_JSON = msgspec.json.Encoder(decimal_format="number")
"""Unknown fields' numbers are Decimals in to_dict() (the spec's decimals are strings there):
written as numbers, as received."""


def json_lines(data: Any) -> list[str]:
    """``data`` (objects as ``to_dict()`` gives them, in lists or objects), indented."""
    text = msgspec.json.format(_JSON.encode(data), indent=2).decode()
    # Split on "\n" alone: str.splitlines() would also split at a U+2028 inside a string.
    return [json_printable(line) for line in text.split("\n")]


def json_line(data: Any) -> str:
    """``data`` on one line (JSON Lines: one record a line, for a reader that follows)."""
    return json_printable(_JSON.encode(data).decode())
