"""``binance-coinm open-orders``: every open order, ordinary and algo, of a symbol, a pair
or all.

Since 2026-06-30 conditional orders wait in the Algo Service, apart from the order book:
``--kind all`` (the default) reads both services with one ``all_open_orders.sync`` call,
``orders`` or ``algo`` one of them. The Algo Service takes no pair: with ``--pair`` it is
read whole and the pair's orders kept, as ``all_open_orders`` does.
"""

from __future__ import annotations

import argparse

from binance_coinm_rest.api.trade import current_all_algo_open_orders, current_all_open_orders
from binance_coinm_rest.models import Order

from ... import all_open_orders
from ...all_open_orders import (
    AllOpenOrders,
    of_pair,  # the one rule for a pair's algo orders
)
from ...client.base import AuthenticatedClient
from ..command import Command, Found, Shown
from ..output import note
from ..values import parameter
from ..views.algo_order import ALGO_ORDER
from ..views.every_order import EVERY_ORDER, EVERY_ORDER_CSV, merged, with_kind
from ..views.order import ORDER

_ORDERS = current_all_open_orders.ENDPOINT.operation
_ALGO = current_all_algo_open_orders.ENDPOINT.operation
KINDS = ("all", "orders", "algo")


def weights(sent: list[str]) -> tuple[int, int, int]:
    """What a read that sends ``sent`` costs, by kind: all, orders, algo (which takes no pair:
    it is read whole)."""
    orders = _ORDERS.weight(sent)
    algo = _ALGO.weight([name for name in sent if _ALGO.parameter(name) is not None])
    return orders + algo, orders, algo


def weight_table() -> str:
    """The weight of each read, from the spec's rules, for ``--help``."""
    rows = [("--symbol S", ["symbol"]), ("--pair P", ["pair"]), ("neither", [])]
    lines = [f"request weight   {'  '.join(f'{k:>6}' for k in KINDS)}"]
    for label, sent in rows:
        lines.append(f"  {label:<14} {'  '.join(f'{w:>6}' for w in weights(sent))}")
    return "\n".join(lines)


def add_scope(command: argparse.ArgumentParser, pair_note: str = "") -> None:
    """``--symbol`` or ``--pair``, read in any case and checked by the spec's rules."""
    scope = command.add_mutually_exclusive_group()
    scope.add_argument(
        "--symbol", type=parameter(_ORDERS, "symbol", any_case=True),
        help="one contract, in any case, e.g. BTCUSD_PERP",
    )  # fmt: skip
    scope.add_argument(
        "--pair", type=parameter(_ORDERS, "pair", any_case=True),
        help=f"every contract of a pair, in any case, e.g. BTCUSD{pair_note}",
    )  # fmt: skip


def _options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--kind", choices=KINDS, default="all",
        help="all (the default): ordinary and algo orders, one table; orders: the order"
        " book's only; algo: the Algo Service's conditional orders, not yet triggered",
    )  # fmt: skip
    add_scope(command, pair_note=" (algo orders: all are read, the pair's kept)")


def _placer_id(found: AllOpenOrders, order: Order) -> int | None:
    placer = found.placed_by(order)
    return None if placer is None else placer.algo_id


def _every_order(found: AllOpenOrders) -> Found:
    orders = [(order.to_dict(), _placer_id(found, order)) for order in found.orders]
    algo = [algo.to_dict() for algo in found.algo_orders]
    table = [merged("order", raw, by) for raw, by in orders]
    table += [merged("algo", raw) for raw in algo]
    csv = [with_kind("order", raw, by) for raw, by in orders]
    csv += [with_kind("algo", raw) for raw in algo]
    return Found(
        table=Shown(EVERY_ORDER, table),
        csv=Shown(EVERY_ORDER_CSV, csv),
        json={"orders": [raw for raw, _ in orders], "algoOrders": algo},
    )


def _read(client: AuthenticatedClient, args: argparse.Namespace) -> Found:
    if args.kind == "orders":
        orders = current_all_open_orders.sync(client=client, symbol=args.symbol, pair=args.pair)
        found, count = Found.of(ORDER, orders), len(orders)
    elif args.kind == "algo":
        algo = current_all_algo_open_orders.sync(client=client, symbol=args.symbol)
        if args.pair is not None:
            algo = of_pair(algo, args.pair)
        found, count = Found.of(ALGO_ORDER, algo), len(algo)
    else:
        every = all_open_orders.sync(client=client, symbol=args.symbol, pair=args.pair)
        found, count = _every_order(every), len(every)
    if not count:
        note("no open orders")
    return found


COMMAND = Command(
    "open-orders",
    "List open orders, ordinary and algo",
    _options,
    (("--kind all", EVERY_ORDER), ("--kind orders", ORDER), ("--kind algo", ALGO_ORDER)),
    read=_read,
    description=weight_table(),
)
