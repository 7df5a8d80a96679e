"""How the command shows a record: its columns, each read from one field of it.

A record is a JSON object: a model's ``to_dict()`` (Binance's field names and text), or one
made for a view that merges several models (``every_order.py``). A view is a description,
not code: the table and the CSV are drawn from any view by the same functions
(``..format``). To show another model, describe its columns in a module beside ``order.py``.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import msgspec
from attrs import field, frozen

Record = Mapping[str, Any]
"""One row's fields, by the key of the column that shows each."""

NOT_APPLICABLE = "-"
"""The table's cell for a field that is absent, null, or a price Binance sends as ``"0"``
because it does not apply."""
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_JSON = msgspec.json.Encoder(decimal_format="number")


def wire_text(value: Any) -> str:
    """A field's value as Binance wrote it: strings as they are (decimals keep their digits),
    ``true``/``false``, numbers and anything else as JSON."""
    return value if isinstance(value, str) else _JSON.encode(value).decode()


def dash_if_zero(value: Any) -> str:
    """A price, or ``-`` for the ``"0"`` Binance sends where no price applies."""
    text = wire_text(value)
    return NOT_APPLICABLE if isinstance(value, str) and Decimal(value) == 0 else text


def dash_if_empty(value: Any) -> str:
    """A field's text, or ``-`` for the ``""`` Binance sends where it has nothing yet
    (an algo order's ``actualOrderId`` until it triggers)."""
    return wire_text(value) or NOT_APPLICABLE


def utc_time(value: Any) -> str:
    """Milliseconds since the epoch as UTC, or the raw number past what datetime can show."""
    if type(value) is not int:
        return wire_text(value)
    try:
        return (_EPOCH + timedelta(milliseconds=value)).strftime("%Y-%m-%d %H:%M:%S")
    except OverflowError:
        return str(value)


@frozen
class Column:
    """One column: the field it shows, and how the table shows it.

    The CSV's header is ``key`` and its cells Binance's text. The table's header is
    ``header`` (``key`` when not given) and its cells what ``show`` makes of the value.
    When the view's narrowing says so: ``short`` is the header, ``abbreviations`` shorten
    whole values, and cells are cut down to ``shortest`` characters at least.
    """

    key: str
    header: str = field(default="")
    short: str = field(default="")
    right: bool = False
    show: Callable[[Any], str] = wire_text
    abbreviations: Mapping[str, str] = field(factory=dict)
    shortest: int | None = None

    @property
    def title(self) -> str:
        return self.header or self.key

    @property
    def short_title(self) -> str:
        return self.short or self.title


class Narrow(enum.Enum):
    """A step of a table's narrowing that applies to every column."""

    SHORT_HEADERS = "short headers"
    ABBREVIATE = "values abbreviated"
    CUT = "cells cut short"


@frozen
class LeaveOut:
    """A step of a table's narrowing: the column of field ``key`` is left out."""

    key: str


@frozen
class View:
    """The columns a model is shown in, in order, and how its table is narrowed to fit a
    terminal: the steps, each added to those before it, until the table fits. A column no
    step leaves out is always shown (``..format.table``)."""

    columns: tuple[Column, ...]
    narrowing: tuple[Narrow | LeaveOut, ...] = ()

    def __attrs_post_init__(self) -> None:
        keys = {column.key for column in self.columns}
        unknown = [s.key for s in self.narrowing if isinstance(s, LeaveOut) and s.key not in keys]
        if unknown:
            raise ValueError(f"the narrowing leaves out columns the view does not have: {unknown}")

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)

    def table_rows(self, records: Sequence[Record]) -> list[list[str]]:
        """Each record's cells for the table, ``-`` where a field is absent or null."""
        return [self._row(raw, lambda c, v: c.show(v), NOT_APPLICABLE) for raw in records]

    def csv_rows(self, records: Sequence[Record]) -> list[list[str]]:
        """Each record's cells for CSV: Binance's text, empty where a field is absent or null."""
        return [self._row(raw, lambda _, v: wire_text(v), "") for raw in records]

    def _row(self, raw: Record, text: Callable[[Column, Any], str], missing: str) -> list[str]:
        return [
            missing if raw.get(column.key) is None else text(column, raw[column.key])
            for column in self.columns
        ]
