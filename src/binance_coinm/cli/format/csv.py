"""CSV for spreadsheets and scripts: a header row of Binance's field names, then its text.

Cells are Binance's own text (decimals with the digits it sent, ``true``/``false``, times
in milliseconds), empty where a field is absent or null; no ``-`` placeholders. Quoting is
RFC 4180's: a cell holding a comma or a double quote is quoted, and its quotes doubled.
Cells are escaped as in the table, so a record is always one line (ending in ``\\n``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from ..views import Column
from .escape import printable


def csv_lines(columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> list[str]:
    """The header row and one line per row; the header alone when there are none."""
    return [_record([c.key for c in columns]), *(_record(row) for row in rows)]


def _record(cells: Sequence[str]) -> str:
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerow([printable(cell) for cell in cells])
    return text.getvalue().removesuffix("\r\n")
