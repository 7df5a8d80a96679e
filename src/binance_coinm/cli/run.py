"""Running the command: parse, check the keys, call the exchange, print.

Exit status: 0 success; 1 any error, reported as one line ``binance-coinm: error: ...`` on
stderr; 2 a usage error (one line too); 130 interrupted (Ctrl-C), silently.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence

from .._logging import logger
from ..client.options import PRODUCTION_URL, TESTNET_URL
from ..client.signed import signed_client
from ..errors import BinanceError
from .credentials import missing_credentials
from .format import render
from .output import fail, terminal_width, write
from .parser import command_named, parse


def _log_to_stderr(verbosity: int) -> None:
    """-v is INFO, -vv DEBUG, on the client's logger only: httpx's would print signed URLs."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbosity == 1 else logging.DEBUG)


def _run(argv: Sequence[str] | None) -> int:
    args = parse(argv)
    if args.verbose:
        _log_to_stderr(args.verbose)
    missing = missing_credentials(os.environ)
    if missing is not None:
        return fail(missing)
    command = command_named(args.command)
    try:
        with signed_client(
            base_url=TESTNET_URL if args.testnet else args.base_url or PRODUCTION_URL,
            recv_window=args.recv_window,
            timeout=args.timeout,
            deadline=args.deadline,
        ) as client:
            if command.follow is not None:
                return command.follow(client, args)
            assert command.read is not None
            found = command.read(client, args)
    except BinanceError as error:
        return fail(str(error))
    return write(render(found, args.format, width=terminal_width()))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status (usage errors exit 2 from argparse)."""
    try:
        return _run(argv)
    except KeyboardInterrupt:
        return 130
