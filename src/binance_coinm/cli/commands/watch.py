"""``binance-coinm watch``: every open order, ordinary and algo, live from the user-data
stream (see ``..following``)."""

from __future__ import annotations

import argparse
import contextlib
import functools
from collections.abc import Callable

import anyio

from ..._checks import seconds
from ...client.base import AuthenticatedClient
from ...stream.user_data import default_stream_url
from ..command import Command
from ..following import WATCH, follow, warnings_on_stderr
from ..output import terminal_width, usage_error
from ..values import checked, number
from ..views.every_order import LIVE_ORDERS
from .open_orders import add_scope, weights


def _options(command: argparse.ArgumentParser) -> None:
    add_scope(command)
    command.add_argument(
        "--stream-url", metavar="URL",
        help="the user-data stream, ws:// or wss:// (default: Binance's for the REST base URL,"
        " production or testnet, from the spec; needed with any other --base-url)",
    )  # fmt: skip
    command.add_argument(
        "--for", dest="duration", type=checked(seconds, number), metavar="SECONDS",
        help="stop after this long (exit status 0); without it, Ctrl-C stops (130)",
    )  # fmt: skip


def _check(args: argparse.Namespace) -> str | None:
    if args.format == "csv":
        return "argument --format: watch writes a table or JSON lines, not csv"
    return None


def output_width(args: argparse.Namespace) -> Callable[[], int | None]:
    """The terminal's width (a table), or None (JSON lines): to a pipe, or with --json."""
    return terminal_width if args.format == "table" else lambda: None


def _follow(client: AuthenticatedClient, args: argparse.Namespace) -> int:
    url = args.stream_url or default_stream_url(client)
    if url is None:
        return usage_error("argument --stream-url: needed with a --base-url not Binance's", WATCH)
    watching = functools.partial(
        follow, client, url=url, symbol=args.symbol, pair=args.pair, seconds=args.duration,
        width=output_width(args),
    )  # fmt: skip
    with contextlib.nullcontext() if args.verbose else warnings_on_stderr():
        return anyio.run(watching)


COMMAND = Command(
    "watch",
    "Show every open order, ordinary and algo, live (the user-data stream)",
    _options,
    (("", LIVE_ORDERS),),
    follow=_follow,
    check=_check,
    description="Reads every open order (as open-orders does), then follows the stream, and\n"
    "reads them again after any gap in it; each read costs request weight "
    f"{weights(['symbol'])[0]} with --symbol,\n{weights([])[0]} without. On a terminal the"
    " table is redrawn at each change; to a pipe, or\nwith --json, each change is a line"
    " of JSON.",
)
