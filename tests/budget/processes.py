"""Worker processes (workers/spending.py) run at once, their output read as it comes, and a mock
exchange that remembers how much weight each of its windows counted."""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from binance_coinm.mock import MockConfig, MockExchange
from binance_coinm.mock.rejections import Rejection
from binance_coinm.mock.weights import WeightLimiter

SPENDING = Path(__file__).parent / "workers" / "spending.py"
WAIT_SECONDS = 120.0
"""How long the test waits for an event of the workers before it fails."""


class RecordingLimiter(WeightLimiter):
    """The mock's weight count, remembering each window's highest count and every refusal."""

    def __init__(self, limit: int, window: int) -> None:
        super().__init__(limit, window=window)
        self.highest: dict[int, int] = {}
        self.refused = 0

    def charge(self, key: str, weight: int, now_ms: int) -> int:
        try:
            return super().charge(key, weight, now_ms)
        except Rejection:
            self.refused += 1
            raise
        finally:
            window = now_ms // self.window_ms
            self.highest[window] = max(self.highest.get(window, 0), self.used(key, now_ms))


def recording_exchange(limit: int, window: int) -> tuple[MockExchange, RecordingLimiter]:
    limiter = RecordingLimiter(limit, window)
    config = MockConfig(weight_limit=limit, weight_window=window)
    return MockExchange(config=config, weights=limiter), limiter


class Workers:
    """``count`` spending processes started at once; ``lines[i]`` is what worker i printed."""

    def __init__(self, count: int, args: list[str]) -> None:
        self.processes = [
            subprocess.Popen(
                [sys.executable, str(SPENDING), *args],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for _ in range(count)
        ]
        self.lines: list[list[str]] = [[] for _ in self.processes]
        self._partial = [b"" for _ in self.processes]
        self._selector = selectors.DefaultSelector()
        for index, process in enumerate(self.processes):
            assert process.stdout is not None
            self._selector.register(process.stdout, selectors.EVENT_READ, index)

    def wait_until(self, done: Callable[[list[str]], bool], what: str) -> None:
        """Read the workers' output until ``done`` holds for every worker's lines."""
        ends = time.monotonic() + WAIT_SECONDS
        while not all(done(lines) for lines in self.lines):
            left = ends - time.monotonic()
            events = self._selector.select(max(left, 0)) if left > 0 else []
            if not events:
                raise AssertionError(f"workers not {what} in {WAIT_SECONDS:.0f} s: {self.lines}")
            for key, _ in events:
                self._read(key.data, key.fileobj)

    def _read(self, index: int, stream: Any) -> None:
        chunk = os.read(stream.fileno(), 65536)
        if not chunk:
            self._selector.unregister(stream)
            return
        *complete, self._partial[index] = (self._partial[index] + chunk).split(b"\n")
        self.lines[index].extend(line.decode() for line in complete)

    def results(self) -> list[dict[str, Any]]:
        """Each worker's closing summary, once every one has ended (and said nothing on
        stderr)."""
        self.wait_until(lambda lines: bool(lines) and lines[-1].startswith("{"), "finished")
        for process in self.processes:
            _, stderr = process.communicate(timeout=WAIT_SECONDS)
            assert (process.returncode, stderr) == (0, b"")
        self._selector.close()
        return [json.loads(lines[-1]) for lines in self.lines]

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.kill()
            process.communicate()


def printed(prefix: str) -> Callable[[list[str]], bool]:
    return lambda lines: any(line.startswith(prefix) for line in lines)
