"""``binance-coinm open-order``: one open order, by the exchange's id or the client's; or one
algo order, by the Algo Service's id or the client's.

An ordinary order is read within its contract (``--symbol``); queryAlgoOrder takes no
symbol, so with an algo id ``--symbol`` is refused rather than silently ignored.
"""

from __future__ import annotations

import argparse

from binance_coinm_rest.api.trade import query_algo_order, query_current_open_order

from ...client.base import AuthenticatedClient
from ..command import Command, Found
from ..values import parameter
from ..views.algo_order import ALGO_ORDER
from ..views.order import ORDER

_ORDER = query_current_open_order.ENDPOINT.operation
_ALGO = query_algo_order.ENDPOINT.operation


def _options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--symbol", type=parameter(_ORDER, "symbol", any_case=True),
        help="its contract, in any case, e.g. BTCUSD_PERP (with --order-id or"
        " --client-order-id; refused with an algo id)",
    )  # fmt: skip
    which = command.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--order-id", type=parameter(_ORDER, "orderId"), metavar="N",
        help=f"the exchange's order id (weight {_ORDER.weight(['symbol', 'orderId'])})",
    )  # fmt: skip
    which.add_argument(
        "--client-order-id", type=parameter(_ORDER, "origClientOrderId"), metavar="ID",
        help=f"your clientOrderId (weight {_ORDER.weight(['symbol', 'origClientOrderId'])})",
    )  # fmt: skip
    which.add_argument(
        "--algo-id", type=parameter(_ALGO, "algoId"), metavar="N",
        help=f"the Algo Service's algoId (weight {_ALGO.weight(['algoId'])})",
    )  # fmt: skip
    which.add_argument(
        "--client-algo-id", type=parameter(_ALGO, "clientAlgoId"), metavar="ID",
        help=f"your clientAlgoId (weight {_ALGO.weight(['clientAlgoId'])})",
    )  # fmt: skip


def _is_algo(args: argparse.Namespace) -> bool:
    return args.algo_id is not None or args.client_algo_id is not None


def _check(args: argparse.Namespace) -> str | None:
    if _is_algo(args) and args.symbol is not None:
        which = "--algo-id" if args.algo_id is not None else "--client-algo-id"
        return (
            f"argument --symbol: not allowed with argument {which} (an algo order is found"
            " by its id alone)"
        )
    if not _is_algo(args) and args.symbol is None:
        which = "--order-id" if args.order_id is not None else "--client-order-id"
        return f"argument --symbol: required with argument {which}"
    return None


def _read(client: AuthenticatedClient, args: argparse.Namespace) -> Found:
    if _is_algo(args):
        algo = query_algo_order.sync(
            client=client, algo_id=args.algo_id, client_algo_id=args.client_algo_id
        )
        return Found.of(ALGO_ORDER, [algo], single=True)
    order = query_current_open_order.sync(
        client=client,
        symbol=args.symbol,
        order_id=args.order_id,
        orig_client_order_id=args.client_order_id,
    )
    return Found.of(ORDER, [order], single=True)


COMMAND = Command(
    "open-order",
    "Show one open order, or one algo order",
    _options,
    (("an order", ORDER), ("an algo order", ALGO_ORDER)),
    read=_read,
    check=_check,
)
