"""`make demo`: the command line against the bundled mock exchange, with no keys and no network.

Starts the mock on 127.0.0.1, lists its open orders with `binance-coinm open-orders` (both
kinds, then each kind alone), reads one with `binance-coinm open-order`, shows how a bad
signature, an unknown symbol and an order that is not open are reported, then runs
`binance-coinm watch` for a few seconds while the exchange places, fills and cancels orders
and triggers an algo order, and stops the mock.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from binance_coinm import (
    all_open_orders,
    current_all_algo_open_orders,
    current_all_open_orders,
    query_current_open_order,
)
from binance_coinm.mock import DEMO_API_KEY, DEMO_API_SECRET, MockExchange
from binance_coinm.mock.server import serving
from binance_coinm.mock.stream.served import stream_base_url

COMMAND = Path(sys.executable).with_name("binance-coinm")


WATCH_SECONDS = 6
PAUSE_SECONDS = 0.6
"""Between two changes the demo makes while `watch` runs, so that each can be seen."""


def start(title: str, args: list[str], secret: str = DEMO_API_SECRET) -> subprocess.Popen[bytes]:
    env = {**os.environ, "BINANCE_API_KEY": DEMO_API_KEY, "BINANCE_API_SECRET": secret}
    print(f"\n# {title}\n$ binance-coinm {shlex.join(args)}", flush=True)
    return subprocess.Popen(  # noqa: S603 - our own console script
        [str(COMMAND), *args], env=env, stderr=subprocess.STDOUT
    )


def run(title: str, args: list[str], secret: str = DEMO_API_SECRET) -> None:
    print(f"(exit status {start(title, args, secret).wait()})", flush=True)


def watch(exchange: MockExchange, url: str) -> None:
    """`watch` while the exchange changes orders: each change reaches it by the stream."""
    watching = start(
        f"every open order, live, for {WATCH_SECONDS} s while the exchange changes them",
        ["watch", "--symbol", "BTCUSD_PERP", "--base-url", url,
         "--stream-url", stream_base_url(url), "--for", str(WATCH_SECONDS)],
    )  # fmt: skip
    time.sleep(2 * PAUSE_SECONDS)  # the snapshot first
    placed = exchange.add_order(
        symbol="BTCUSD_PERP", side="BUY", type="LIMIT", orig_qty=3, price="86500.5"
    )
    changes: list[Callable[[], object]] = [
        lambda: exchange.fill(placed.order_id, 1),
        lambda: exchange.fill(placed.order_id),
        lambda: exchange.cancel(1917642),
        lambda: exchange.trigger(exchange.algo_orders[0].algo_id),
    ]
    for change in changes:
        time.sleep(PAUSE_SECONDS)
        change()
    print(f"(exit status {watching.wait()})", flush=True)


def main() -> None:
    every = all_open_orders.weight(None, None)
    every_ordinary = current_all_open_orders.ENDPOINT.operation.weight([])
    every_algo = current_all_algo_open_orders.ENDPOINT.operation.weight([])
    one_contract = current_all_open_orders.ENDPOINT.operation.weight(["symbol"])
    one_order = query_current_open_order.ENDPOINT.operation.weight(["symbol", "orderId"])
    exchange = MockExchange()
    with serving(exchange) as url:
        print(f"mock COIN-M exchange listening on {url} (demo key, seeded open orders)")
        run(
            f"every open order, ordinary and algo (weight {every})",
            ["open-orders", "--base-url", url],
        )
        run(
            f"the order book's orders only (weight {every_ordinary})",
            ["open-orders", "--kind", "orders", "--base-url", url],
        )
        run(
            f"the Algo Service's orders only, as JSON (weight {every_algo})",
            ["open-orders", "--kind", "algo", "--json", "--base-url", url],
        )
        run(
            f"one contract's ordinary orders, as JSON (weight {one_contract})",
            ["open-orders", "--kind", "orders", "--symbol", "SOLUSD_PERP", "--json",
             "--base-url", url],
        )  # fmt: skip
        one = ["open-order", "--symbol", "BTCUSD_PERP", "--base-url", url]
        run(f"one order by its id (weight {one_order})", [*one, "--order-id", "1917641"])
        run("an order that is not open", [*one, "--client-order-id", "gone-0001"])
        run("a bad signature: the secret is wrong", ["open-orders", "--base-url", url], "wrong")
        run("an unknown symbol", ["open-orders", "--symbol", "XRPUSD_PERP", "--base-url", url])
        watch(exchange, url)
    print("\nmock exchange stopped")


if __name__ == "__main__":
    main()
