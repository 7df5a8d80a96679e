"""Every change to the account's open orders, one line each, as it happens.

    export BINANCE_API_KEY=... BINANCE_API_SECRET=...
    python live_watcher.py [--symbol BTCUSD_PERP | --pair BTCUSD]

Reads every open order (both services; weight 80, or 2 with --symbol), then follows the
user-data stream: each order placed, filled, cancelled or triggered is a line, and after any
gap in the stream the orders are read again and the line says so. It never stops by itself;
Ctrl-C ends it (exit status 0).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from datetime import UTC, datetime

from binance_coinm import AsyncBinanceCoinM, Change, ChangesDropped, LiveOpenOrders, Resynced
from binance_coinm.stream.live import LiveOrder


def line(notice: Change | Resynced | ChangesDropped, live: LiveOpenOrders) -> str:
    now = datetime.now(UTC).strftime("%H:%M:%S")
    if isinstance(notice, Resynced):
        held = f"{len(live.orders)} orders, {len(live.algo_orders)} algo orders"
        return f"{now}  in sync ({notice.reason}): {held}"
    if isinstance(notice, ChangesDropped):
        return f"{now}  {notice.count} changes not shown (this reader fell behind)"
    order = notice.order
    if isinstance(order, LiveOrder):
        what = f"order {order.order_id} {order.symbol} {order.side.value} {order.type.value}"
        state = f"{order.status.value} {order.executed_qty}/{order.orig_qty} at {order.price}"
    else:
        what = f"algo {order.algo_id} {order.symbol} {order.side.value} {order.order_type.value}"
        state = f"{order.algo_status.value} {order.quantity} on {order.trigger_price}"
    return f"{now}  {notice.kind:7}  {what}  {state}"


async def watch(args: argparse.Namespace) -> None:
    options = {} if args.base_url is None else {"base_url": args.base_url}
    stream = {} if args.stream_url is None else {"url": args.stream_url}
    async with (
        AsyncBinanceCoinM(**options) as coinm,  # BINANCE_API_KEY / BINANCE_API_SECRET
        coinm.live_open_orders(symbol=args.symbol, pair=args.pair, **stream) as live,
    ):
        async for notice in live.changes():
            print(line(notice, live), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description="Every change to the open orders, live.")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--symbol", help="one contract, e.g. BTCUSD_PERP")
    where.add_argument("--pair", help="every contract of a pair, e.g. BTCUSD")
    parser.add_argument("--base-url", help="another exchange than Binance's (the mock's)")
    parser.add_argument("--stream-url", help="its stream, ws://host/ws (with --base-url)")
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(watch(args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
