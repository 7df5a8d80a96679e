"""The command line: global options, before or after the command, and each command's own.

Usage errors are one line on stderr, exit status 2.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from importlib import metadata
from typing import TYPE_CHECKING, Any, NoReturn

from binance_coinm_rest.api.trade import current_all_open_orders

from .._checks import seconds
from ..client.options import (
    DEFAULT_DEADLINE,
    DEFAULT_TIMEOUT,
    PRODUCTION_URL,
    TESTNET_URL,
    checked_base_url,
)
from ..spec import SPEC
from .command import Command
from .commands import COMMANDS
from .format import FORMATS
from .format.table import narrowing_help
from .output import PROG, usage_line
from .values import checked, number, parameter

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
        self.exit(2, usage_line(message, self.prog))


if TYPE_CHECKING:
    _SubParsersAction = argparse._SubParsersAction[_Parser]
else:  # not subscriptable at run time
    _SubParsersAction = argparse._SubParsersAction


class _Commands(_SubParsersAction):
    """Parses what follows the command into the namespace of what came before it.

    argparse parses it into a fresh namespace and copies every value back, defaults
    included: a global option given before the command would be undone by its default, and
    ``-v open-orders -v`` would count one. In one namespace, the command's copy of a global
    option only sets what is given after the command.
    """

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        assert isinstance(values, list)  # nargs=PARSER: the command's name, then the rest
        name, *rest = values
        setattr(namespace, self.dest, name)
        _, unknown = self._name_parser_map[name].parse_known_args(rest, namespace)
        if unknown:
            vars(namespace).setdefault(argparse._UNRECOGNIZED_ARGS_ATTR, []).extend(unknown)


def _version() -> str:
    try:
        return metadata.version(PROG)
    except metadata.PackageNotFoundError:
        return "(version unknown: the package is not installed)"


def _global_options() -> _Parser:
    """What every command takes, before or after its name: output, where to connect, how
    long to wait, logging."""
    options = _Parser(add_help=False)
    options.add_argument(
        "--format", choices=FORMATS, default="table",
        help="table (the default; fitted to a terminal's width), json or csv",
    )  # fmt: skip
    options.add_argument(  # like --format, the last one given wins
        "--json", dest="format", action="store_const", const="json", default=argparse.SUPPRESS,
        help="short for --format json",
    )  # fmt: skip
    where = options.add_mutually_exclusive_group()
    where.add_argument(
        "--base-url", type=checked(lambda url, _: checked_base_url(url), str), metavar="URL",
        help=f"default {PRODUCTION_URL}",
    )  # fmt: skip
    where.add_argument("--testnet", action="store_true", help=f"use {TESTNET_URL}")
    options.add_argument(
        "--timeout", type=checked(seconds, number), default=DEFAULT_TIMEOUT, metavar="SECONDS",
        help="each attempt's connect, read and write (default %(default)s)",
    )  # fmt: skip
    options.add_argument(
        "--deadline", type=checked(seconds, number), default=DEFAULT_DEADLINE,
        metavar="SECONDS", help="the whole call, retries included; caps --timeout"
        " (default %(default)s)",
    )  # fmt: skip
    options.add_argument(
        "--recv-window", metavar="MS",
        type=parameter(current_all_open_orders.ENDPOINT.operation, "recvWindow"),
        help="how long after its timestamp the request is valid "
        f"(Binance's default {SPEC.recv_window.default})",
    )  # fmt: skip
    options.add_argument(
        "-v", "--verbose", action="count", default=0,
        help="log each request to stderr; -vv adds its query (signature redacted)",
    )  # fmt: skip
    return options


def _add(commands: _SubParsersAction, command: Command, options: _Parser) -> _Parser:
    description = "\n\n".join(text for text in (command.summary, command.description) if text)
    parser = commands.add_parser(
        command.name,
        parents=[options],
        help=command.summary,
        description=description,
        epilog=f"{narrowing_help(command.views)}\n\n{ENVIRONMENT}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    command.options(parser)
    return parser


def _parser() -> tuple[_Parser, dict[str, _Parser]]:
    """The command line's parser, and each command's."""
    options = _global_options()
    parser = _Parser(
        prog=PROG,
        description="Read Binance COIN-M futures orders. Global options may come before or"
        " after the command.",
        epilog=ENVIRONMENT,
        parents=[options],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, action=_Commands)
    return parser, {command.name: _add(commands, command, options) for command in COMMANDS}


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """The arguments, checked; a usage error exits with status 2."""
    parser, command_parsers = _parser()
    args = parser.parse_args(argv)
    if args.testnet and args.base_url is not None:  # one before the command, one after it
        parser.error("argument --testnet: not allowed with argument --base-url")
    wrong = command_named(args.command).check(args)
    if wrong is not None:
        command_parsers[args.command].error(wrong)
    return args


def command_named(name: str) -> Command:
    return next(command for command in COMMANDS if command.name == name)
