"""What a command is: a name, its own options, and a call that reads something to show.

To add a command, write a module in ``commands/`` that defines a ``Command`` and list it in
``commands.COMMANDS``: the parser, the global options, the output formats and the error
handling come with it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

from attrs import frozen

from ..client.base import AuthenticatedClient
from ..decoding.model import Model
from .views import View


@frozen
class Found:
    """What a command read, and how to show it."""

    view: View
    items: Sequence[Model]
    single: bool = False
    """One object, not a list: JSON prints the object itself."""


@frozen
class Command:
    """One command of ``binance-coinm``."""

    name: str
    summary: str
    options: Callable[[argparse.ArgumentParser], None]
    """Adds the command's own options (the global ones are added for it)."""
    read: Callable[[AuthenticatedClient, argparse.Namespace], Found]
    """Calls the exchange; a BinanceError it raises is reported as one line, exit 1."""
    view: View
    """How what it reads is shown (``--help`` describes its narrowed table)."""
