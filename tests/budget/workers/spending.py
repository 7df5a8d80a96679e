"""Run by test_processes.py: one trading process spending request weight on the mock exchange.

    python spending.py BASE_URL CALLS LIMIT WINDOW [REDIS_URL POOL]

Every HEAVY_EVERY-th call lists every open order (weight 40), the others one symbol's (weight
1), all with the mock's demo key. With a Redis URL the process budgets through the shared
pool; without, through a WeightBudget of its own. It prints, as they happen, "progress N"
every PROGRESS_EVERY calls and the budget's outage log lines ("log LEVEL message"); at the
end one JSON line: {"ok": calls that succeeded, "errors": {error class: count}}.
"""

from __future__ import annotations

import json
import logging
import sys
from collections import Counter

from binance_coinm import (
    BinanceError,
    Budget,
    RedisBudget,
    WeightBudget,
    current_all_open_orders,
    signed_client,
)
from binance_coinm.mock import DEMO_API_KEY, DEMO_API_SECRET

HEAVY_EVERY = 25
PROGRESS_EVERY = 10


class OutageLines(logging.Handler):
    """The budget's outage lines (not the client's per-attempt ones) on stdout, at once."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.module == "outage"

    def emit(self, record: logging.LogRecord) -> None:
        print(f"log {record.levelname} {record.getMessage()}", flush=True)


def budget_from(args: list[str], limit: int, window: int) -> Budget:
    if args:
        redis_url, pool = args
        return RedisBudget(redis_url, pool=pool, limit=limit, window=window)
    return WeightBudget(limit, window=window)


def main(base_url: str, calls: int, limit: int, window: int, shared: list[str]) -> None:
    logger = logging.getLogger("binance_coinm")
    logger.addHandler(OutageLines())
    logger.setLevel(logging.INFO)
    budget = budget_from(shared, limit, window)
    client = signed_client(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url, budget=budget)
    ok, errors = 0, Counter[str]()
    with client:
        for call in range(1, calls + 1):
            symbol = None if call % HEAVY_EVERY == 0 else "BTCUSD_PERP"
            try:
                current_all_open_orders.sync(client=client, symbol=symbol)
                ok += 1
            except BinanceError as error:
                errors[type(error).__name__] += 1
            if call % PROGRESS_EVERY == 0:
                print(f"progress {call}", flush=True)
    print(json.dumps({"ok": ok, "errors": errors}), flush=True)


if __name__ == "__main__":
    url, calls, limit, window, *shared = sys.argv[1:]
    main(url, int(calls), int(limit), int(window), shared)
