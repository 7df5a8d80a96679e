"""The ``binance-coinm`` command: read open orders from a terminal or a script.

Keys come from ``BINANCE_API_KEY`` / ``BINANCE_API_SECRET`` (or ``BINANCE_PRIVATE_KEY_PATH``),
never from the command line, where they would end up in shell history. Errors print one line
on stderr and exit 1; usage errors exit 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import UTC, datetime

import msgspec

from binance_coinm.errors import BinanceError
from binance_coinm.models import Order
from binance_coinm_rest.api.trade import current_all_open_orders

from .client import PRODUCTION_URL, TESTNET_URL, signed_client

COLUMNS = (
    "symbol", "orderId", "side", "positionSide", "type", "status", "price", "origQty",
    "executedQty", "stopPrice", "timeInForce", "time",
)  # fmt: skip


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


def _cells(order: Order) -> list[str]:
    raw = order.to_dict()
    cells = [str(raw[column]) for column in COLUMNS[:-1]]
    cells.append(datetime.fromtimestamp(order.time / 1000, UTC).strftime("%Y-%m-%d %H:%M:%S"))
    return cells


def format_table(orders: Sequence[Order]) -> str:
    """Orders as aligned columns, with exact decimals as Binance sent them."""
    if not orders:
        return "no open orders"
    rows = [list(COLUMNS), *(_cells(order) for order in orders)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    )


def format_json(orders: Sequence[Order]) -> str:
    return msgspec.json.format(
        msgspec.json.encode([order.to_dict() for order in orders]), indent=2
    ).decode()


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    base_url = TESTNET_URL if args.testnet else args.base_url
    try:
        with signed_client(base_url=base_url) as client:
            orders = current_all_open_orders.sync(
                client=client,
                symbol=args.symbol,
                pair=args.pair,
            )
    except BinanceError as error:
        print(f"binance-coinm: error: {error}", file=sys.stderr)
        return 1
    print(format_json(orders) if args.json else format_table(orders))
    return 0


if __name__ == "__main__":
    sys.exit(main())
