"""The commands, in the order ``--help`` lists them."""

from __future__ import annotations

from ..command import Command
from . import open_order, open_orders, watch

COMMANDS: tuple[Command, ...] = (open_orders.COMMAND, open_order.COMMAND, watch.COMMAND)
