"""Run by test_redis_fork.py: reserve, fork, reserve in the child, then again in the parent.

    python forking.py REDIS_URL POOL NOW

Exits 0 when every reservation was granted; a warning of the budget goes to stderr.
"""

from __future__ import annotations

import os
import sys

from binance_coinm import RedisBudget


def main(url: str, pool: str, now: float) -> int:
    budget = RedisBudget(url, pool=pool, limit=100)
    granted = budget.reserve(1, now=now, timeout=5.0) == 0.0  # the parent's connection
    child = os.fork()
    if child == 0:
        os._exit(0 if budget.reserve(2, now=now, timeout=5.0) == 0.0 else 1)
    _, status = os.waitpid(child, 0)
    granted = budget.reserve(4, now=now, timeout=5.0) == 0.0 and granted
    return 0 if granted and os.waitstatus_to_exitcode(status) == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], float(sys.argv[3])))
