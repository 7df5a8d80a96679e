"""A pool of worker processes behind one IP, sharing one weight budget through Redis.

    export BINANCE_API_KEY=... BINANCE_API_SECRET=...
    python budget_workers.py --redis redis://127.0.0.1:6379/0 --workers 4 --calls 100

Binance counts weight per IP, and since 2026-06-30 COIN-M and USDⓈ-M draw on one pool of 2400
a minute. Each worker reads its contract's open orders ``--calls`` times (weight 1 each)
through a ``RedisBudget`` on the same pool: together they wait rather than draw a 429, however
many they are. Each prints one line; exit status 1 if a worker was refused by the exchange.
"""

from __future__ import annotations

import argparse
import multiprocessing
from typing import NamedTuple

from binance_coinm import BinanceCoinM, BinanceError, RateLimitError, RedisBudget


class Done(NamedTuple):
    worker: int
    calls: int
    highest_weight: int
    """The highest ``X-MBX-USED-WEIGHT-1M`` the exchange answered this worker."""
    refused: int
    """Calls the exchange refused for weight (429/418): 0 when the budget is shared."""


def worker(args: argparse.Namespace, number: int) -> Done:
    budget = RedisBudget(args.redis, pool=args.pool, limit=args.limit, window=args.window)
    options = {} if args.base_url is None else {"base_url": args.base_url}
    calls = highest = refused = 0
    with BinanceCoinM(budget=budget, max_retries=0, **options) as coinm:
        for _ in range(args.calls):
            try:
                answer = coinm.with_raw_response.trade.current_all_open_orders(symbol=args.symbol)
            except RateLimitError:
                refused += 1
                continue
            calls += 1
            highest = max(highest, answer.used_weight_1m or 0)
    return Done(number, calls, highest, refused)


def main() -> int:
    parser = argparse.ArgumentParser(description="Workers sharing one weight budget.")
    parser.add_argument("--redis", required=True, help="redis://host:port/db of the shared pool")
    parser.add_argument("--pool", default="egress-1", help="the pool's name: one per IP")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--calls", type=int, default=100, help="reads per worker (weight 1)")
    parser.add_argument("--symbol", default="BTCUSD_PERP")
    parser.add_argument("--limit", type=int, default=2400, help="the pool's weight per window")
    parser.add_argument("--window", type=int, default=60, help="seconds per window (Binance: 60)")
    parser.add_argument("--base-url", help="another exchange than Binance's (the mock's)")
    args = parser.parse_args()

    try:
        with multiprocessing.get_context("spawn").Pool(args.workers) as pool:
            done = pool.starmap(worker, [(args, n) for n in range(args.workers)])
    except BinanceError as exc:
        print(f"error: {exc}")
        return 2
    for each in done:
        print(
            f"worker {each.worker}: {each.calls} calls, highest used weight "
            f"{each.highest_weight}, refused {each.refused}"
        )
    return 1 if any(each.refused for each in done) else 0


if __name__ == "__main__":
    raise SystemExit(main())
