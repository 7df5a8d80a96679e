"""The ``binance-coinm`` command: read open orders from a terminal or a script.

Keys come from ``BINANCE_API_KEY`` / ``BINANCE_API_SECRET`` (or ``BINANCE_PRIVATE_KEY_PATH``),
never from the command line, where they would end up in shell history and in the process list.

Output, chosen so that scripts reading stdout are never surprised:
- a table by default, decimals exactly as Binance sent them and ``-`` where it sends ``"0"``
  for a price that does not apply (a market-style order's price, a trigger an order does not
  have): see ``_cli_format``;
- ``--json``: Binance's JSON, a list for ``open-orders`` and one object for ``open-order``;
- no open orders: the header row alone on stdout (``--json``: ``[]``) and a note on stderr,
  exit 0, as ``docker ps`` does;
- a reader that stops early (``| head -1``): the rest is dropped silently and the exit status
  is 0, whatever the size of the output (a status of 141 would only appear once the output
  outgrows the pipe's buffer, failing ``set -o pipefail`` scripts at random).

Exit status: 0 success; 1 any error, reported as one line ``binance-coinm: error: ...`` on
stderr; 2 a usage error (one line too); 130 interrupted (Ctrl-C), silently.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from collections.abc import Callable, Sequence
from importlib import metadata
from typing import Any, NoReturn

from binance_coinm_rest.api.trade import current_all_open_orders, query_current_open_order

from ._checks import query_value, seconds
from ._cli_format import json_lines, printable, table_lines
from ._logging import logger
from .client.base import AuthenticatedClient
from .client.options import (
    DEFAULT_DEADLINE,
    DEFAULT_TIMEOUT,
    PRODUCTION_URL,
    TESTNET_URL,
    checked_base_url,
)
from .client.signed import signed_client
from .errors import BinanceError, ConfigurationError
from .spec import SPEC, Operation

PROG = "binance-coinm"
_ORDERS = current_all_open_orders.ENDPOINT.operation
_ORDER = query_current_open_order.ENDPOINT.operation
Fetch = Callable[[AuthenticatedClient, argparse.Namespace], list[str]]
"""A command's call to the exchange: the lines it prints."""
ENVIRONMENT = """\
environment (keys are never taken from the command line):
  BINANCE_API_KEY                 the API key
  BINANCE_API_SECRET              the API secret, for HMAC signatures
  BINANCE_PRIVATE_KEY_PATH        sign with this RSA or Ed25519 key (PEM) instead
  BINANCE_PRIVATE_KEY_PASSPHRASE  the passphrase of that key, if it has one
  BINANCE_COINM_LOG               info or debug: log each request to stderr, as -v or -vv

exit status: 0 success, 1 error, 2 usage error, 130 interrupted
"""


class _Parser(argparse.ArgumentParser):
    """Usage errors are one line on stderr, like every other error of the command."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{PROG}: error: {printable(message)} (see '{self.prog} --help')\n")


def _text(value: str) -> str:
    """An argument that is text: not empty (``--symbol "$UNSET"`` must not widen the call to
    every order) and valid UTF-8 (the bytes of argv that are not reach Python as surrogates)."""
    if not value:
        raise argparse.ArgumentTypeError("must not be empty")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise argparse.ArgumentTypeError("is not valid UTF-8") from None
    return value


_INTEGER = re.compile(r"-?[0-9]+")


def _checked(check: Callable[[object, str], object], read: Callable[[str], object]) -> Any:
    """An argparse type that reads a value and applies the package's own check to it, so that
    the command refuses (exit 2, naming the option) what the library would refuse."""

    def argument(text: str) -> object:
        try:
            value = read(_text(text))
            check(value, "value")
        except ConfigurationError as exc:
            raise argparse.ArgumentTypeError(str(exc).removeprefix("value ")) from None
        return value

    return argument


def _integer(text: str) -> int:
    if not _INTEGER.fullmatch(text):  # int() would take "1_917_641" and " 1"
        raise argparse.ArgumentTypeError(f"must be an integer, got {text!r}")
    return int(text)


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number, got {text!r}") from None


def _parameter(operation: Operation, name: str) -> Any:
    """The type of an option that is the spec's parameter ``name`` of ``operation``."""
    parameter = operation.parameter(name)
    assert parameter is not None, name
    read = _integer if parameter.type == "integer" else str
    return _checked(lambda value, label: query_value(parameter, value, label), read)


def _version() -> str:
    try:
        return metadata.version(PROG)
    except metadata.PackageNotFoundError:
        return "(version unknown: the package is not installed)"


def _connection_options() -> _Parser:
    """What every command takes: output, where to connect, how long to wait, logging."""
    options = _Parser(add_help=False)
    options.add_argument("--json", action="store_true", help="print JSON instead of a table")
    where = options.add_mutually_exclusive_group()
    where.add_argument(
        "--base-url", type=_checked(lambda url, _: checked_base_url(url), str),
        default=PRODUCTION_URL, metavar="URL", help="default %(default)s",
    )  # fmt: skip
    where.add_argument("--testnet", action="store_true", help=f"use {TESTNET_URL}")
    options.add_argument(
        "--timeout", type=_checked(seconds, _number), default=DEFAULT_TIMEOUT, metavar="SECONDS",
        help="each attempt's connect, read and write (default %(default)s)",
    )  # fmt: skip
    options.add_argument(
        "--deadline", type=_checked(seconds, _number), default=DEFAULT_DEADLINE, metavar="SECONDS",
        help="the whole call, retries included; caps --timeout (default %(default)s)",
    )  # fmt: skip
    options.add_argument(
        "--recv-window", type=_parameter(_ORDERS, "recvWindow"), metavar="MS",
        help="how long after its timestamp the request is valid "
        f"(Binance's default {SPEC.recv_window.default})",
    )  # fmt: skip
    options.add_argument(
        "-v", "--verbose", action="count", default=0,
        help="log each request to stderr; -vv adds its query (signature redacted)",
    )  # fmt: skip
    return options


def _command(
    commands: argparse._SubParsersAction[_Parser],
    name: str,
    summary: str,
    fetch: Fetch,
) -> argparse.ArgumentParser:
    command = commands.add_parser(
        name,
        parents=[_connection_options()],
        help=summary,
        description=summary,
        epilog=ENVIRONMENT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    command.set_defaults(fetch=fetch)
    return command


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Read Binance COIN-M futures orders.",
        epilog=ENVIRONMENT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {_version()}")
    commands = parser.add_subparsers(dest="command", required=True)

    many = _command(commands, "open-orders", "List current open orders", _open_orders)
    scope = many.add_mutually_exclusive_group()
    scope.add_argument(
        "--symbol", type=_parameter(_ORDERS, "symbol"),
        help=f"one contract, e.g. BTCUSD_PERP (weight {_ORDERS.weight(['symbol'])})",
    )  # fmt: skip
    scope.add_argument(
        "--pair", type=_parameter(_ORDERS, "pair"),
        help=f"every contract of a pair, e.g. BTCUSD (weight {_ORDERS.weight([])})",
    )  # fmt: skip

    weight = _ORDER.weight(["symbol", "orderId"])
    one = _command(commands, "open-order", f"Show one open order (weight {weight})", _open_order)
    one.add_argument(
        "--symbol", type=_parameter(_ORDER, "symbol"), required=True,
        help="its contract, e.g. BTCUSD_PERP",
    )  # fmt: skip
    which = one.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--order-id", type=_parameter(_ORDER, "orderId"), metavar="N",
        help="the exchange's order id",
    )  # fmt: skip
    which.add_argument(
        "--client-order-id", type=_parameter(_ORDER, "origClientOrderId"), metavar="ID",
        help="your clientOrderId",
    )  # fmt: skip
    return parser


def _open_orders(client: AuthenticatedClient, args: argparse.Namespace) -> list[str]:
    orders = current_all_open_orders.sync(client=client, symbol=args.symbol, pair=args.pair)
    if not orders:
        print(f"{PROG}: no open orders", file=sys.stderr)
    return json_lines(orders) if args.json else table_lines(orders)


def _open_order(client: AuthenticatedClient, args: argparse.Namespace) -> list[str]:
    order = query_current_open_order.sync(
        client=client,
        symbol=args.symbol,
        order_id=args.order_id,
        orig_client_order_id=args.client_order_id,
    )
    return json_lines(order) if args.json else table_lines([order])


def _log_to_stderr(verbosity: int) -> None:
    """-v is INFO, -vv DEBUG, on the client's logger only: httpx's would print signed URLs."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbosity == 1 else logging.DEBUG)


def _fail(message: str) -> int:
    print(f"{PROG}: error: {printable(message)}", file=sys.stderr)
    return 1


def _stdout_to_devnull() -> None:
    """After a failed write, so that Python's flush at exit does not fail (and report) again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _write(lines: list[str]) -> int:
    """Line by line, so that a reader that stops early raises BrokenPipeError at the next line
    instead of depending on what CPython does with one large write that it cuts short."""
    if sys.stdout is None:  # started with stdout closed (`>&-`)
        return _fail("cannot write the output: standard output is closed")
    try:
        for line in lines:
            sys.stdout.write(line + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        _stdout_to_devnull()
        return 0
    except OSError as error:
        _stdout_to_devnull()
        return _fail(f"cannot write the output: {error.strerror or error}")
    return 0


def _run(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    if args.verbose:
        _log_to_stderr(args.verbose)
    fetch: Fetch = args.fetch
    try:
        with signed_client(
            base_url=TESTNET_URL if args.testnet else args.base_url,
            recv_window=args.recv_window,
            timeout=args.timeout,
            deadline=args.deadline,
        ) as client:
            lines = fetch(client, args)
    except BinanceError as error:
        return _fail(str(error))
    return _write(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status (usage errors exit 2 from argparse)."""
    try:
        return _run(argv)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
