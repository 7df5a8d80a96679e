"""`make demo`: the command line against the bundled mock exchange, with no keys and no network.

Starts the mock on 127.0.0.1, lists its open orders with `binance-coinm open-orders` (both
kinds, then each kind alone), reads one with `binance-coinm open-order`, shows how a bad
signature, an unknown symbol and an order that is not open are reported, and stops the mock.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

from binance_coinm import (
    all_open_orders,
    current_all_algo_open_orders,
    current_all_open_orders,
    query_current_open_order,
)
from binance_coinm.mock import DEMO_API_KEY, DEMO_API_SECRET, MockExchange
from binance_coinm.mock.server import serving

COMMAND = Path(sys.executable).with_name("binance-coinm")


def run(title: str, args: list[str], secret: str = DEMO_API_SECRET) -> None:
    env = {**os.environ, "BINANCE_API_KEY": DEMO_API_KEY, "BINANCE_API_SECRET": secret}
    print(f"\n# {title}\n$ binance-coinm {shlex.join(args)}", flush=True)
    result = subprocess.run(  # noqa: S603 - our own console script
        [str(COMMAND), *args], env=env, stderr=subprocess.STDOUT, check=False
    )
    print(f"(exit status {result.returncode})", flush=True)


def main() -> None:
    every = all_open_orders.weight(None, None)
    every_ordinary = current_all_open_orders.ENDPOINT.operation.weight([])
    every_algo = current_all_algo_open_orders.ENDPOINT.operation.weight([])
    one_contract = current_all_open_orders.ENDPOINT.operation.weight(["symbol"])
    one_order = query_current_open_order.ENDPOINT.operation.weight(["symbol", "orderId"])
    with serving(MockExchange()) as url:
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
    print("\nmock exchange stopped")


if __name__ == "__main__":
    main()
