"""What a command is: a name, its own options, and a call that reads something to show (or,
for a command that runs until stopped, one that follows it).

To add a command, write a module in ``commands/`` that defines a ``Command`` and list it in
``commands.COMMANDS``: the parser, the global options, the output formats and the error
handling come with it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import Any

from attrs import frozen

from ..client.base import AuthenticatedClient
from ..decoding.model import Model
from .views import Record, View


@frozen
class Shown:
    """Records, and the view that shows them."""

    view: View
    records: Sequence[Record]


@frozen
class Found:
    """What a command read, as each format shows it."""

    table: Shown
    csv: Shown
    json: Any
    """Binance's JSON: what ``--format json`` prints."""

    @classmethod
    def of(cls, view: View, items: Sequence[Model], *, single: bool = False) -> Found:
        """Models of one kind, shown in ``view``; ``single``: JSON prints the one object
        itself, not a list."""
        records = [item.to_dict() for item in items]
        shown = Shown(view, records)
        return cls(shown, shown, records[0] if single else records)


def _no_check(args: argparse.Namespace) -> str | None:
    return None


@frozen
class Command:
    """One command of ``binance-coinm``: ``read`` what it shows, or ``follow`` until stopped."""

    name: str
    summary: str
    options: Callable[[argparse.ArgumentParser], None]
    """Adds the command's own options (the global ones are added for it)."""
    views: Sequence[tuple[str, View]]
    """The tables it draws, each with what it is of (``--help`` describes their narrowing)."""
    read: Callable[[AuthenticatedClient, argparse.Namespace], Found] | None = None
    """Calls the exchange; a BinanceError it raises is reported as one line, exit 1."""
    follow: Callable[[AuthenticatedClient, argparse.Namespace], int] | None = None
    """Runs until it ends or is stopped; returns the exit status."""
    check: Callable[[argparse.Namespace], str | None] = _no_check
    """What is wrong with options that argparse checks one by one but that go together
    (a usage error, exit 2, before anything is sent), or None."""
    description: str = ""
    """What ``--help`` says beside the summary."""
