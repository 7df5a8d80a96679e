"""The table people read: a header row, aligned columns, fitted to a terminal's width.

Given a width (stdout is a terminal), a table wider than it is narrowed by the steps of its
view's ``narrowing``, each added to those before it, until it fits: short headers, columns
left out, values abbreviated, and last the cells of columns with a ``shortest`` cut, as
much as is needed, to end in ``…``. The view orders the steps, the least harmful first.
Columns no step leaves out are always shown: on a terminal too narrow even for them, the
lines wrap. Without a width (a pipe, a file) the table is always the full one.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Sequence

from attrs import evolve, frozen

from ..views import Column, LeaveOut, Narrow, View
from .escape import printable

GAP = "  "
CUT = "…"


@frozen
class _Shape:
    """Which columns are shown, and how: the table after some steps of the narrowing."""

    shown: tuple[int, ...]
    short: bool = False
    abbreviated: bool = False
    cut: bool = False
    widest: tuple[tuple[int, int], ...] = ()
    """(column, width) for each column whose cells are cut to that width."""


def table_lines(view: View, rows: Sequence[Sequence[str]], width: int | None = None) -> list[str]:
    """The rows (a cell per column of ``view``) under a header row, the header alone when
    there are none; each cell escaped; narrowed to ``width`` when one is given."""
    columns = view.columns
    escaped = [[printable(cell) for cell in row] for row in rows]
    shape = _Shape(tuple(range(len(columns))))
    if width is not None:
        for shape in _narrower(view):
            if shape.cut:
                shape = _cut(columns, escaped, shape, width)
            if _width(_cells(columns, escaped, shape)) <= width:
                break
    return _lines(columns, _cells(columns, escaped, shape), shape)


def _narrower(view: View) -> Iterator[_Shape]:
    """The full table, then after each step of the narrowing."""
    shape = _Shape(tuple(range(len(view.columns))))
    yield shape
    for step in view.narrowing:
        if isinstance(step, LeaveOut):
            gone = view.columns.index(view.column(step.key))
            shape = evolve(shape, shown=tuple(i for i in shape.shown if i != gone))
        elif step is Narrow.SHORT_HEADERS:
            shape = evolve(shape, short=True)
        elif step is Narrow.ABBREVIATE:
            shape = evolve(shape, abbreviated=True)
        else:
            shape = evolve(shape, cut=True)
        yield shape


def _cut(columns: Sequence[Column], rows: list[list[str]], shape: _Shape, width: int) -> _Shape:
    """Cells cut in the columns that may be, in their order, as much as the width needs."""
    cells = _cells(columns, rows, shape)
    excess = _width(cells) - width
    widest = []
    for position, index in enumerate(shape.shown):
        shortest = columns[index].shortest
        if shortest is None or excess <= 0:
            continue
        now = max(len(row[position]) for row in cells)
        floor = max(shortest, len(cells[0][position]))  # never narrower than its header
        cut = min(excess, max(now - floor, 0))
        widest.append((index, now - cut))
        excess -= cut
    return evolve(shape, widest=tuple(widest))


def _cells(columns: Sequence[Column], rows: list[list[str]], shape: _Shape) -> list[list[str]]:
    """The header row and the rows, with only the shown columns, as ``shape`` says."""
    header = [columns[i].short_title if shape.short else columns[i].title for i in shape.shown]
    widest = dict(shape.widest)
    table = [header]
    for row in rows:
        cells = []
        for index in shape.shown:
            cell = row[index]
            if shape.abbreviated:
                cell = columns[index].abbreviations.get(cell, cell)
            if index in widest and len(cell) > widest[index]:
                cell = cell[: widest[index] - len(CUT)] + CUT
            cells.append(cell)
        table.append(cells)
    return table


def _widths(cells: list[list[str]]) -> list[int]:
    return [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]


def _width(cells: list[list[str]]) -> int:
    widths = _widths(cells)
    return sum(widths) + len(GAP) * max(len(widths) - 1, 0)


def _lines(columns: Sequence[Column], cells: list[list[str]], shape: _Shape) -> list[str]:
    widths = _widths(cells)
    right = [columns[i].right for i in shape.shown]
    return [
        GAP.join(
            cell.rjust(width) if flush_right else cell.ljust(width)
            for cell, width, flush_right in zip(row, widths, right, strict=True)
        ).rstrip()
        for row in cells
    ]


def narrowing_help(views: Sequence[tuple[str, View]]) -> str:
    """What ``--help`` says of how each of a command's tables (what it is of, and its view)
    is narrowed."""
    lines = [
        "on a terminal narrower than a table, these steps narrow it until it fits (a pipe",
        "or a file gets the full table):",
    ]
    for label, view in views:
        steps = "; ".join(_steps(view))
        lead = f"  {label}: " if label else "  "
        lines.append(textwrap.fill(lead + steps, 88, subsequent_indent="    " if label else "  "))
    return "\n".join(lines)


def _steps(view: View) -> Iterator[str]:
    for step in view.narrowing:
        if isinstance(step, LeaveOut):
            yield f"{view.column(step.key).title} left out"
        elif step is Narrow.ABBREVIATE:
            names = [f"{a}={n}" for c in view.columns for n, a in c.abbreviations.items()]
            yield f"{step.value} ({', '.join(names)})"
        elif step is Narrow.CUT:
            cut = [c.title for c in view.columns if c.shortest is not None]
            yield f"{' and '.join(cut)} cut short ({CUT})"
        else:
            yield step.value
