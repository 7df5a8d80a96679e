"""How a table is narrowed to a width, read from a view's description and nothing else.

The view here is made up (an algo order's columns): the table code knows no model.
"""

from __future__ import annotations

import pytest

from binance_coinm.cli.format.table import table_lines
from binance_coinm.cli.views import Column, LeaveOut, Narrow, View

VIEW = View(
    columns=(
        Column("algoId", right=True),
        Column("clientAlgoId", short="client", shortest=6),
        Column("algoType", short="type", abbreviations={"CONDITIONAL": "COND"}),
        Column("createTime", short="created"),
        Column("note"),
    ),
    narrowing=(
        Narrow.SHORT_HEADERS,
        LeaveOut("note"),
        Narrow.ABBREVIATE,
        LeaveOut("createTime"),
        Narrow.CUT,
    ),
)
ROW = ["7", "my-first-algo-order", "CONDITIONAL", "1795478400000", "a remark"]
FULL = [
    "algoId  clientAlgoId         algoType     createTime     note",
    "     7  my-first-algo-order  CONDITIONAL  1795478400000  a remark",
]


def test_without_a_width_the_table_is_full() -> None:
    assert table_lines(VIEW, [ROW]) == FULL


def test_a_table_that_fits_is_left_whole() -> None:
    assert table_lines(VIEW, [ROW], width=len(FULL[1])) == FULL


def test_steps_apply_in_the_views_order_each_added_to_those_before() -> None:
    assert table_lines(VIEW, [ROW], width=64) == [
        "algoId  client               type         created",
        "     7  my-first-algo-order  CONDITIONAL  1795478400000",
    ]
    assert table_lines(VIEW, [ROW], width=54) == [
        "algoId  client               type  created",
        "     7  my-first-algo-order  COND  1795478400000",
    ]
    assert table_lines(VIEW, [ROW], width=47) == [
        "algoId  client               type",
        "     7  my-first-algo-order  COND",
    ]


def test_cells_are_cut_only_as_much_as_the_width_needs_and_end_in_an_ellipsis() -> None:
    assert table_lines(VIEW, [ROW], width=30) == [
        "algoId  client            type",
        "     7  my-first-algo-o…  COND",
    ]


def test_a_column_no_step_leaves_out_is_shown_however_narrow_the_width() -> None:
    header, row = table_lines(VIEW, [ROW], width=1)
    assert header.split() == ["algoId", "client", "type"]
    assert row.split() == ["7", "my-fi…", "COND"]  # cut no narrower than its header


def test_a_value_without_an_abbreviation_is_shown_whole() -> None:
    _, row = table_lines(VIEW, [["7", "x", "OTHER_KIND", "0", ""]], width=20)
    assert "OTHER_KIND" in row.split()


def test_a_narrowing_that_names_a_column_the_view_lacks_is_refused() -> None:
    with pytest.raises(ValueError, match="does not have: \\['nope'\\]"):
        View(columns=(Column("algoId"),), narrowing=(LeaveOut("nope"),))
