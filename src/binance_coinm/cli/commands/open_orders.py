"""``binance-coinm open-orders``: the current open orders, of a symbol, a pair or all."""

from __future__ import annotations

import argparse

from binance_coinm_rest.api.trade import current_all_open_orders

from ...client.base import AuthenticatedClient
from ..command import Command, Found
from ..output import note
from ..values import parameter
from ..views.order import ORDER

_ORDERS = current_all_open_orders.ENDPOINT.operation


def _options(command: argparse.ArgumentParser) -> None:
    scope = command.add_mutually_exclusive_group()
    scope.add_argument(
        "--symbol", type=parameter(_ORDERS, "symbol", any_case=True),
        help=f"one contract, in any case, e.g. BTCUSD_PERP (weight {_ORDERS.weight(['symbol'])})",
    )  # fmt: skip
    scope.add_argument(
        "--pair", type=parameter(_ORDERS, "pair", any_case=True),
        help=f"every contract of a pair, in any case, e.g. BTCUSD (weight {_ORDERS.weight([])})",
    )  # fmt: skip


def _read(client: AuthenticatedClient, args: argparse.Namespace) -> Found:
    orders = current_all_open_orders.sync(client=client, symbol=args.symbol, pair=args.pair)
    if not orders:
        note("no open orders")
    return Found(ORDER, orders)


COMMAND = Command("open-orders", "List current open orders", _options, _read, ORDER)
