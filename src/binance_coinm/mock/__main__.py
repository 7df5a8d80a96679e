"""``python -m binance_coinm.mock``: serve a mock COIN-M exchange on 127.0.0.1."""

from __future__ import annotations

import argparse
import contextlib
import signal
import threading
from collections.abc import Sequence

from .exchange import DEMO_API_KEY, DEMO_API_SECRET, MockExchange
from .server import require_loopback, serving


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m binance_coinm.mock", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to listen on")
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    args = parser.parse_args(argv)
    try:
        require_loopback(args.host)
    except ValueError as error:
        parser.error(str(error))
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with serving(MockExchange(), args.host, args.port) as url:
        print(f"mock COIN-M exchange on {url}", flush=True)
        print(f"  BINANCE_API_KEY={DEMO_API_KEY}", flush=True)
        print(f"  BINANCE_API_SECRET={DEMO_API_SECRET}", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            stop.wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
