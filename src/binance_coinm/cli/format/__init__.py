"""What the command prints: ``table`` for people, ``json`` and ``csv`` for scripts.

Every format escapes what could drive a terminal (``escape``); only the table has ``-``
placeholders, and only the table is fitted to a terminal's width.
"""

from __future__ import annotations

from typing import Literal, get_args

from ..command import Found
from .csv import csv_lines
from .json import json_lines
from .table import table_lines

Format = Literal["table", "json", "csv"]
FORMATS: tuple[Format, ...] = get_args(Format)


def render(found: Found, form: Format, *, width: int | None) -> list[str]:
    """The lines of what was found in format ``form``; ``width``: the terminal's, or None
    for the full table."""
    if form == "json":
        return json_lines(found.json)
    if form == "csv":
        view, records = found.csv.view, found.csv.records
        return csv_lines(view.columns, view.csv_rows(records))
    view, records = found.table.view, found.table.records
    return table_lines(view, view.table_rows(records), width)
