"""``binance-coinm open-order``: one open order, by the exchange's id or the client's."""

from __future__ import annotations

import argparse

from binance_coinm_rest.api.trade import query_current_open_order

from ...client.base import AuthenticatedClient
from ..command import Command, Found
from ..values import parameter
from ..views.order import ORDER

_ORDER = query_current_open_order.ENDPOINT.operation


def _options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--symbol", type=parameter(_ORDER, "symbol", any_case=True), required=True,
        help="its contract, in any case, e.g. BTCUSD_PERP",
    )  # fmt: skip
    which = command.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--order-id", type=parameter(_ORDER, "orderId"), metavar="N",
        help="the exchange's order id",
    )  # fmt: skip
    which.add_argument(
        "--client-order-id", type=parameter(_ORDER, "origClientOrderId"), metavar="ID",
        help="your clientOrderId",
    )  # fmt: skip


def _read(client: AuthenticatedClient, args: argparse.Namespace) -> Found:
    order = query_current_open_order.sync(
        client=client,
        symbol=args.symbol,
        order_id=args.order_id,
        orig_client_order_id=args.client_order_id,
    )
    return Found(ORDER, [order], single=True)


_SUMMARY = f"Show one open order (weight {_ORDER.weight(['symbol', 'orderId'])})"
COMMAND = Command("open-order", _SUMMARY, _options, _read, ORDER)
