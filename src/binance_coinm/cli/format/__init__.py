"""What the command prints: ``table`` for people, ``json`` and ``csv`` for scripts.

Every format escapes what could drive a terminal (``escape``); only the table has ``-``
placeholders, and only the table is fitted to a terminal's width.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, get_args

from ...decoding.model import Model
from ..views import View
from .csv import csv_lines
from .json import json_lines
from .table import table_lines

Format = Literal["table", "json", "csv"]
FORMATS: tuple[Format, ...] = get_args(Format)


def render(
    view: View, items: Sequence[Model], form: Format, *, single: bool = False, width: int | None
) -> list[str]:
    """The lines of ``items`` in format ``form``; ``single``: JSON prints one object, not a
    list; ``width``: the terminal's, or None for the full table."""
    if form == "json":
        return json_lines(items, single=single)
    if form == "csv":
        return csv_lines(view.columns, view.csv_rows(items))
    return table_lines(view, view.table_rows(items), width)
