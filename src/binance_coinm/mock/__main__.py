"""``python -m binance_coinm.mock``: serve a mock COIN-M exchange on 127.0.0.1, and its
user-data stream (the URL printed, with a listenKey from ``POST`` in place of ``<listenKey>``).

Every option is checked by the rules the library applies to the same setting (``Faults``,
``MockConfig``, ``add_contract``, ``add_order_json``), and a bad one is a one-line usage
error naming the option (exit status 2), never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn, TypeVar

from binance_coinm.client.options import MAX_PORT
from binance_coinm.errors import ConfigurationError

from .config import WEIGHT_PER, MockConfig
from .exchange import DEMO_API_KEY, DEMO_API_SECRET, MockExchange
from .faults import Fault, checked_clock_skew_ms, checked_latency
from .order_file import replace_orders
from .server import MockServerError, require_loopback, serving
from .stream.served import stream_url

PROG = "python -m binance_coinm.mock"
S = TypeVar("S")
T = TypeVar("T")


class _OneLineParser(argparse.ArgumentParser):
    """A usage error is one line saying what is wrong, as every other error of the command."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def _port(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or not 0 <= int(text) <= MAX_PORT:
        raise argparse.ArgumentTypeError(f"a port is 0 to {MAX_PORT}, not {text!r}")
    return int(text)


def _integer(text: str) -> int:
    body = text.removeprefix("-")
    if not (body.isascii() and body.isdigit() and len(body) <= 30):
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}")
    return int(text)


def _checked(parse: Callable[[str], S], check: Callable[[S], T]) -> Callable[[str], T]:
    """An argparse type: ``text`` parsed, then checked by the library's rule for the setting."""

    def convert(text: str) -> T:
        try:
            return check(parse(text))
        except (ValueError, ConfigurationError) as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    return convert


def _seconds(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None


def _weight_limit(value: int) -> int:
    return MockConfig(weight_limit=value).weight_limit


def _fault(text: str) -> tuple[Fault, int]:
    """``NAME`` or ``NAME:TIMES``, NAME one of Fault's (``server_error`` or ``SERVER_ERROR``)."""
    name, _, times = text.partition(":")
    fault = next((f for f in Fault if name.lower() == f.value), None)
    if fault is None:
        names = ", ".join(f.value for f in Fault)
        raise argparse.ArgumentTypeError(f"no fault {name!r}; the faults are {names}")
    if not times:
        return fault, 1
    if not (times.isascii() and times.isdigit() and len(times) <= 12 and int(times) >= 1):
        raise argparse.ArgumentTypeError(f"TIMES is a count of at least 1, not {times!r}")
    return fault, int(times)


def _parser() -> argparse.ArgumentParser:
    parser = _OneLineParser(
        prog=PROG,
        description="Serve a mock COIN-M exchange on a loopback address, until Ctrl-C.",
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="loopback address to listen on (default %(default)s)"
    )
    parser.add_argument(
        "--port", type=_port, default=8765, help="default %(default)s; 0 picks a free port"
    )
    parser.add_argument(
        "--orders",
        type=Path,
        metavar="FILE",
        help="serve the orders of this JSON file (a list of Binance's order objects, or of "
        "Order.to_dict()'s) instead of the seeded ones, and no algo order",
    )
    parser.add_argument(
        "--contract",
        action="append",
        default=[],
        metavar="SYMBOL",
        help="list one more contract, e.g. XRPUSD_PERP (repeatable)",
    )
    parser.add_argument(
        "--latency",
        type=_checked(_seconds, checked_latency),
        default=0.0,
        metavar="SECONDS",
        help="wait this long before every answer (default %(default)s)",
    )
    parser.add_argument(
        "--clock-skew-ms",
        type=_checked(_integer, checked_clock_skew_ms),
        default=0,
        metavar="MS",
        help="move the exchange's clock by this many milliseconds (default %(default)s)",
    )
    parser.add_argument(
        "--fault",
        type=_fault,
        action="append",
        default=[],
        metavar="NAME[:TIMES]",
        help="spoil the next TIMES requests (default 1) with this fault, in the order given "
        f"(repeatable): {', '.join(f.value for f in Fault)}",
    )
    parser.add_argument(
        "--weight-limit",
        type=_checked(_integer, _weight_limit),
        default=MockConfig().weight_limit,
        metavar="N",
        help="request weight per client per minute (default %(default)s, the spec's)",
    )
    parser.add_argument(
        "--weight-per",
        choices=WEIGHT_PER,
        default="ip",
        help="count weight per client IP, as Binance does, or per API key (default %(default)s)",
    )
    return parser


def _exchange(parser: argparse.ArgumentParser, args: argparse.Namespace) -> MockExchange:
    """The exchange the options describe, or a usage error naming the option that is wrong."""
    exchange = MockExchange(
        config=MockConfig(weight_limit=args.weight_limit, weight_per=args.weight_per)
    )
    exchange.faults.latency = args.latency
    exchange.faults.clock_skew_ms = args.clock_skew_ms
    for fault, times in args.fault:
        exchange.faults.add(fault, times=times)
    for symbol in args.contract:
        try:
            exchange.add_contract(symbol)
        except ConfigurationError as exc:
            parser.error(f"argument --contract: {exc}")
    if args.orders is not None:
        try:
            replace_orders(exchange, args.orders)
        except ConfigurationError as exc:
            parser.error(f"argument --orders: {exc}")
    return exchange


def configured(argv: Sequence[str] | None = None) -> tuple[argparse.Namespace, MockExchange]:
    """The options and the exchange they describe; a usage error exits with status 2."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        require_loopback(args.host)
    except ValueError as error:
        parser.error(str(error))
    return args, _exchange(parser, args)


def main(argv: Sequence[str] | None = None) -> int:
    args, exchange = configured(argv)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        with serving(exchange, args.host, args.port) as url:
            print(f"mock COIN-M exchange on {url}", flush=True)
            print(f"  BINANCE_API_KEY={DEMO_API_KEY}", flush=True)
            print(f"  BINANCE_API_SECRET={DEMO_API_SECRET}", flush=True)
            print(f"  user-data stream on {stream_url(url)}", flush=True)
            with contextlib.suppress(KeyboardInterrupt):
                stop.wait()
    except MockServerError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
