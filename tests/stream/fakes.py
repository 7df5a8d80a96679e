"""A clock the test moves, and a connector whose connections the test feeds, drops or silences."""

from __future__ import annotations

import json
from collections import deque
from typing import Any

import anyio

from binance_coinm.stream.connection import Connection, ConnectionLost


class FakeClock:
    """Time stands still until ``advance``; sleepers wake when their time has come."""

    def __init__(self) -> None:
        self.time = 0.0
        self._sleepers: list[tuple[float, anyio.Event]] = []
        self.slept: list[float] = []

    def now(self) -> float:
        return self.time

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        wake = anyio.Event()
        self._sleepers.append((self.time + seconds, wake))
        await wake.wait()

    async def settle(self) -> None:
        """Let every task run until it waits."""
        await anyio.wait_all_tasks_blocked()

    async def advance(self, seconds: float) -> None:
        """Move time on, waking each sleeper due, and let every task run until it waits."""
        await self.settle()
        self.time += seconds
        due = [(at, wake) for at, wake in self._sleepers if at <= self.time]
        self._sleepers = [(at, wake) for at, wake in self._sleepers if at > self.time]
        for _, wake in due:
            wake.set()
        await self.settle()


class FakeConnection:
    def __init__(self, url: str) -> None:
        self.url = url
        self._queue: deque[str | None] = deque()
        self._arrived = anyio.Event()
        self.silent = False
        self.closed = False

    async def recv(self) -> str | bytes:
        while not self._queue:
            self._arrived = anyio.Event()
            await self._arrived.wait()
        message = self._queue.popleft()
        if message is None:
            raise ConnectionLost("dropped by the test")
        return message

    def _send(self, message: str | None) -> None:
        self._queue.append(message)
        self._arrived.set()

    async def ping(self) -> None:
        if self.silent:
            await anyio.sleep_forever()
        if self.closed:
            raise ConnectionLost("closed")

    async def close(self) -> None:
        self.closed = True

    def push(self, event: dict[str, Any]) -> None:
        self._send(json.dumps(event, separators=(",", ":")))

    def drop(self) -> None:
        self._send(None)


class FakeConnector:
    """Opens FakeConnections, or fails while ``failing`` is set."""

    def __init__(self) -> None:
        self.connections: list[FakeConnection] = []
        self.failing = False

    async def connect(self, url: str, *, timeout: float) -> Connection:
        if self.failing:
            raise ConnectionLost("refused by the test")
        connection = FakeConnection(url)
        self.connections.append(connection)
        return connection

    @property
    def last(self) -> FakeConnection:
        return self.connections[-1]
