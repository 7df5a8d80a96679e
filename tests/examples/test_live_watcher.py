"""examples/live_watcher.py, run whole as a user runs it, against the served mock exchange and
its stream: a line per change as the exchange makes it, and a clean end on Ctrl-C."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from binance_coinm.mock import DEMO_API_KEY, DEMO_API_SECRET, MockExchange
from binance_coinm.mock.server import serving
from binance_coinm.mock.stream.served import stream_base_url

SCRIPT = Path(__file__).resolve().parents[2] / "examples" / "live_watcher.py"
WAIT_SECONDS = 60.0


class Lines:
    """The script's output, read as it comes (a thread, so that a wait can time out)."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.seen: list[str] = []
        self._lines: queue.Queue[str | None] = queue.Queue()
        assert process.stdout is not None
        self._reader = threading.Thread(target=self._read, args=(process.stdout,), daemon=True)
        self._reader.start()

    def _read(self, stdout: object) -> None:
        for text in stdout:  # type: ignore[attr-defined]
            self._lines.put(text.rstrip("\n"))
        self._lines.put(None)

    def close(self) -> None:
        self._reader.join(timeout=WAIT_SECONDS)

    def until(self, wanted: Callable[[str], bool]) -> str:
        while True:
            text = self._lines.get(timeout=WAIT_SECONDS)
            assert text is not None, f"the script ended; it printed {self.seen}"
            self.seen.append(text)
            if wanted(text):
                return text


def test_it_prints_each_change_as_the_exchange_makes_it_and_ends_on_ctrl_c() -> None:
    exchange = MockExchange()
    with serving(exchange) as url:
        keys = {"BINANCE_API_KEY": DEMO_API_KEY, "BINANCE_API_SECRET": DEMO_API_SECRET}
        process = subprocess.Popen(
            [sys.executable, "-W", "error", str(SCRIPT), "--symbol", "BTCUSD_PERP",
             "--base-url", url, "--stream-url", stream_base_url(url)],
            env={**os.environ, **keys}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        lines = Lines(process)
        try:
            synced = lines.until(lambda text: "in sync" in text)
            placed = exchange.add_order(
                symbol="BTCUSD_PERP", side="BUY", type="LIMIT", orig_qty=3, price="86500.5"
            )
            added = lines.until(lambda text: f"order {placed.order_id}" in text)
            exchange.fill(placed.order_id)
            removed = lines.until(lambda text: f"order {placed.order_id}" in text)
            process.send_signal(signal.SIGINT)
            status = process.wait(timeout=WAIT_SECONDS)
        finally:
            process.kill()
            process.wait()
            lines.close()
            assert process.stdout is not None
            assert process.stderr is not None
            process.stdout.close()
            stderr = process.stderr.read()
            process.stderr.close()
    assert synced.endswith("in sync (connected): 4 orders, 1 algo orders")
    assert added.split(None, 1)[1] == (
        f"added    order {placed.order_id} BTCUSD_PERP BUY LIMIT  NEW 0/3 at 86500.5"
    )
    assert removed.split(None, 1)[1] == (
        f"removed  order {placed.order_id} BTCUSD_PERP BUY LIMIT  FILLED 3/3 at 86500.5"
    )
    assert status == 0
    assert stderr == ""
