"""The ``binance-coinm`` command: read open orders from a terminal or a script.

Keys come from ``BINANCE_API_KEY`` / ``BINANCE_API_SECRET`` (or ``BINANCE_PRIVATE_KEY_PATH``),
never from the command line, where they would end up in shell history. Errors print one line
on stderr and exit 1; usage errors exit 2. No open orders: the table's header alone on
stdout (``[]`` with ``--json``) and a note on stderr, exit 0, as ``docker ps`` does, so that
scripts reading stdout always see the same shape.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from binance_coinm.errors import BinanceError
from binance_coinm_rest.api.trade import current_all_open_orders

from ._cli_format import json_lines, table_lines
from .client import PRODUCTION_URL, TESTNET_URL, signed_client


def _non_empty(value: str) -> str:
    """An empty ``--symbol "$UNSET_VAR"`` must not silently widen the call to every order."""
    if not value:
        raise argparse.ArgumentTypeError("must not be empty")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="binance-coinm", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    open_orders = commands.add_parser("open-orders", help="list current open orders")
    scope = open_orders.add_mutually_exclusive_group()
    scope.add_argument(
        "--symbol", type=_non_empty, help="one contract, e.g. BTCUSD_PERP (weight 1)"
    )
    scope.add_argument(
        "--pair", type=_non_empty, help="every contract of a pair, e.g. BTCUSD (weight 40)"
    )
    open_orders.add_argument("--json", action="store_true", help="print JSON instead of a table")
    where = open_orders.add_mutually_exclusive_group()
    where.add_argument("--base-url", default=PRODUCTION_URL, help=f"default {PRODUCTION_URL}")
    where.add_argument("--testnet", action="store_true", help=f"use {TESTNET_URL}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    base_url = TESTNET_URL if args.testnet else args.base_url
    try:
        with signed_client(base_url=base_url) as client:
            orders = current_all_open_orders.sync(client=client, symbol=args.symbol, pair=args.pair)
    except BinanceError as error:
        print(f"binance-coinm: error: {error}", file=sys.stderr)
        return 1
    if not orders:
        print("binance-coinm: no open orders", file=sys.stderr)
    print("\n".join(json_lines(orders) if args.json else table_lines(orders)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
