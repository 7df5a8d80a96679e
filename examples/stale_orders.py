"""Open orders older than N minutes, ordinary and conditional: the ones nobody is watching.

    export BINANCE_API_KEY=... BINANCE_API_SECRET=...
    python stale_orders.py --minutes 60 [--symbol BTCUSD_PERP | --pair BTCUSD]

One call reads every open order (``open_orders()``: the matching engine's and the Algo
Service's, weight 40 + 40, or 1 + 1 with --symbol) and this prints those placed more than N
minutes ago, oldest first. Exit status 1 when there is at least one, so a cron job can alert.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import NamedTuple

from binance_coinm import AllOpenOrders, BinanceCoinM


class Stale(NamedTuple):
    kind: str
    """"order" (matching engine) or "algo" (a conditional order not yet triggered)."""
    id: int
    symbol: str
    type: str
    placed_ms: int


def stale_orders(found: AllOpenOrders, *, now_ms: int, minutes: float) -> list[Stale]:
    """The orders of ``found`` placed more than ``minutes`` before ``now_ms``, oldest first."""
    cutoff = now_ms - minutes * 60_000
    stale = [
        Stale("order", order.order_id, order.symbol, order.type.value, order.time)
        for order in found.orders
        if order.time < cutoff
    ]
    stale += [
        Stale("algo", algo.algo_id, algo.symbol, algo.order_type.value, algo.create_time)
        for algo in found.algo_orders
        if algo.create_time < cutoff
    ]
    return sorted(stale, key=lambda row: row.placed_ms)


def main() -> int:
    parser = argparse.ArgumentParser(description="Open orders older than N minutes.")
    parser.add_argument("--minutes", type=float, default=60, help="default 60")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--symbol", help="one contract, e.g. BTCUSD_PERP (weight 2)")
    where.add_argument("--pair", help="every contract of a pair, e.g. BTCUSD (weight 80)")
    args = parser.parse_args()

    with BinanceCoinM() as coinm:  # BINANCE_API_KEY / BINANCE_API_SECRET
        found = coinm.open_orders(symbol=args.symbol, pair=args.pair)
        now_ms = coinm.client.clock.now_ms()  # the exchange's time, as the client knows it
    rows = stale_orders(found, now_ms=now_ms, minutes=args.minutes)
    for row in rows:
        placed = datetime.fromtimestamp(row.placed_ms / 1000, UTC).strftime("%Y-%m-%d %H:%M")
        age = (now_ms - row.placed_ms) // 60_000
        print(f"{row.kind:5}  {row.id:>12}  {row.symbol:14}  {row.type:20}  {placed}  {age} min")
    print(f"{len(rows)} of {len(found)} open orders older than {args.minutes:g} min")
    return 1 if rows else 0


if __name__ == "__main__":
    raise SystemExit(main())
