"""``python -m binance_coinm.mock``: serve a mock COIN-M exchange on 127.0.0.1."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from collections.abc import Sequence
from typing import NoReturn

from ..client.options import MAX_PORT
from .exchange import DEMO_API_KEY, DEMO_API_SECRET, MockExchange
from .server import MockServerError, require_loopback, serving


class _OneLineParser(argparse.ArgumentParser):
    """A usage error is one line saying what is wrong, as every other error of the command."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def _port(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or not 0 <= int(text) <= MAX_PORT:
        raise argparse.ArgumentTypeError(f"a port is 0 to {MAX_PORT}, not {text!r}")
    return int(text)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _OneLineParser(
        prog="python -m binance_coinm.mock",
        description="Serve a mock COIN-M exchange on a loopback address, until Ctrl-C.",
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="loopback address to listen on (default %(default)s)"
    )
    parser.add_argument(
        "--port", type=_port, default=8765, help="default %(default)s; 0 picks a free port"
    )
    args = parser.parse_args(argv)
    try:
        require_loopback(args.host)
    except ValueError as error:
        parser.error(str(error))
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        with serving(MockExchange(), args.host, args.port) as url:
            print(f"mock COIN-M exchange on {url}", flush=True)
            print(f"  BINANCE_API_KEY={DEMO_API_KEY}", flush=True)
            print(f"  BINANCE_API_SECRET={DEMO_API_SECRET}", flush=True)
            with contextlib.suppress(KeyboardInterrupt):
                stop.wait()
    except MockServerError as error:
        print(f"{parser.prog}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
