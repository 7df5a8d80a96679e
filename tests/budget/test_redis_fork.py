"""A forked worker opens a Redis connection of its own: redis-py's pool starts afresh in the
child, so parent and child never read each other's answers off one socket."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from binance_coinm.budget.shared_pool import SCRIPT, window_key

from .budgets import NOW
from .redis_server import RedisServer

FORKING = Path(__file__).parent / "workers" / "forking.py"


def test_a_forked_worker_reserves_through_a_connection_of_its_own(
    fresh_redis: RedisServer, pool: str
) -> None:
    admin = fresh_redis.client()
    admin.script_load(SCRIPT)  # every reservation an EVALSHA
    admin.config_set("slowlog-log-slower-than", 0)  # log every command, with its client
    run = subprocess.run(
        [sys.executable, FORKING, fresh_redis.url, pool, repr(NOW)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (run.returncode, run.stderr) == (0, "")
    logged = [
        (bytes(entry["command"]).decode(), entry["client_address"])
        for entry in admin.slowlog_get(100)  # redis-py gives these as bytes
    ]
    sent_from = {
        command.split()[5]: client  # the weight reserved: the connection it came over
        for command, client in logged
        if command.startswith("EVALSHA ")
    }
    assert sent_from.keys() == {"1", "2", "4"}  # parent, child, parent
    assert sent_from["1"] == sent_from["4"] != sent_from["2"]
    assert admin.hget(window_key(pool, 60, NOW), "charged") == "7"  # all three shared
