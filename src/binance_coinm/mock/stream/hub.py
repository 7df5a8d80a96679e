"""The mock's user-data stream: account changes become events, sent to every live listenKey.

The hub follows the account (``exchange.on_change``): each change becomes its event
(``order_event``, ``algo_event``), goes through the faults asked for (``faults``) and then,
in order, to every open connection of every live listenKey (the mock has one account, so
every API key's stream carries all of it). Events sent while no connection is open are
lost, as on Binance: there is no replay.

Time is the exchange's clock, and nothing runs by itself: what the clock has made due
(a listenKey's expiry, a connection's 24-hour cut, a delayed event) happens, in the order
of its time, at the next account change, request, connection, ping or ``tick()``. So a
``listenKeyExpired`` noticed late still says, in ``E``, the moment the key expired, and an
event made after that moment never reaches the key's connections.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from functools import partial
from typing import Protocol

from binance_coinm.spec import stream

from ..changes import Change, OrderChange, Subscriber
from .connection import MockConnection
from .faults import StreamFaults
from .listen_keys import ListenKey, ListenKeys

MS_PER_MINUTE = 60_000
MS_PER_HOUR = 3_600_000


# The stream's facts are read when first needed: a mock of a spec without asyncapi.yaml
# still serves REST.
def _validity_ms() -> int:
    return stream().listen_key_validity_minutes * MS_PER_MINUTE


def _keepalive_ms() -> int:
    return stream().keepalive_extends_minutes * MS_PER_MINUTE


def _connection_ms() -> int:
    return stream().connection_lifetime_hours * MS_PER_HOUR


class FollowedExchange(Protocol):
    """What the hub needs of the exchange: its clock and its account's changes."""

    def server_time_ms(self) -> int: ...

    def on_change(self, subscriber: Subscriber) -> Callable[[], None]: ...


class StreamHub:
    """Listen keys, connections and events of the mock's user-data stream (see the module)."""

    def __init__(self, clock: Callable[[], int]) -> None:
        self._clock = clock
        self._lock = threading.RLock()
        self._keys = ListenKeys()
        self._connections: list[MockConnection] = []
        self._held: list[bytes] = []
        self._delayed: deque[tuple[int, bytes]] = deque()
        self._trades = 0
        self.faults = StreamFaults(self)
        """The stream's faults (``drop()``, ``duplicate()``, ``delay_ms``...)."""

    @classmethod
    def following(cls, exchange: FollowedExchange) -> StreamHub:
        """A hub on ``exchange``'s clock, sent every change of its account."""
        hub = cls(exchange.server_time_ms)
        exchange.on_change(hub.publish)
        return hub

    def __repr__(self) -> str:
        with self._lock:
            return f"StreamHub({len(self._keys)} listenKeys, {len(self._connections)} connections)"

    # What tests read.

    @property
    def keys(self) -> tuple[str, ...]:
        """The live listenKeys, oldest first (as of the last time the hub caught up)."""
        with self._lock:
            return self._keys.values

    @property
    def connections(self) -> tuple[MockConnection, ...]:
        """The open connections, oldest first."""
        with self._lock:
            return tuple(self._connections)

    def tick(self) -> None:
        """Do what the exchange's clock has made due."""
        with self._lock:
            self._catch_up(self._clock())

    def expire(self, listen_key: str) -> bool:
        """Expire ``listen_key`` now (its connections get ``listenKeyExpired``); whether it
        was alive."""
        with self._lock:
            now = self._clock()
            self._catch_up(now)
            key = self._keys.get(listen_key)
            if key is None:
                return False
            self._expire(key, now)
            return True

    # The listenKey operations (``handlers``).

    def start(self, api_key: str) -> str:
        """The API key's live listenKey, extended, or a new one."""
        with self._lock:
            now = self._clock()
            self._catch_up(now)
            return self._keys.start(api_key, now + _validity_ms()).value

    def keepalive(self, api_key: str) -> str | None:
        """The API key's listenKey, extended from now; None if it has no live one."""
        with self._lock:
            now = self._clock()
            self._catch_up(now)
            key = self._keys.keepalive(api_key, now + _keepalive_ms())
            return None if key is None else key.value

    def close(self, api_key: str) -> bool:
        """End the API key's listenKey and its connections; False if it had no live one."""
        with self._lock:
            self._catch_up(self._clock())
            key = self._keys.for_api_key(api_key)
            if key is None:
                return False
            self._keys.remove(key)
            for connection in self._connections_of(key.value):
                self._end(connection, lambda c: c.cut("listenKey closed"))
            return True

    # Connections.

    def open(self, listen_key: str) -> MockConnection | None:
        """A new connection on ``listen_key``; None if the key is not alive."""
        with self._lock:
            now = self._clock()
            self._catch_up(now)
            if self._keys.get(listen_key) is None:
                return None
            connection = MockConnection(
                listen_key, now, now + _connection_ms(), self._lock, self.tick, self._forget
            )
            self._connections.append(connection)
            return connection

    def _forget(self, connection: MockConnection) -> None:
        with self._lock:
            if connection in self._connections:
                self._connections.remove(connection)

    def _connections_of(self, listen_key: str) -> list[MockConnection]:
        return [c for c in self._connections if c.listen_key == listen_key]

    def _end(self, connection: MockConnection, how: Callable[[MockConnection], None]) -> None:
        how(connection)
        self._forget(connection)

    # Events.

    def publish(self, change: Change) -> None:
        """Send the event of one account change (an ``on_change`` subscriber). With no
        connection open the event reaches nobody, as on Binance, and is not even made."""
        with self._lock:
            now = self._clock()
            self._catch_up(now)
            if isinstance(change, OrderChange) and change.fill is not None:
                self._trades += 1
            if not self._connections:
                return
            from .events import event_message  # imported late: see its docstring

            message = event_message(change, self._trades)
            if message is None:
                return
            for _ in range(self.faults.copies()):
                self._held.append(message)
                if len(self._held) >= self.faults.window:
                    self._release(now)

    def _release(self, now: int) -> None:
        """Send the held events, newest first, after the delay asked for (in order)."""
        held, self._held = self._held[::-1], []
        delay = self.faults.delay_ms
        for message in held:
            if delay or self._delayed:
                due = max(now + delay, self._delayed[-1][0] if self._delayed else now)
                self._delayed.append((due, message))
            else:
                self._deliver(message)
        self._catch_up(now)

    def _deliver(self, message: bytes) -> None:
        text = message.decode()
        for connection in self._connections:
            if connection.receiving:
                connection.put(text)

    # The clock.

    def _catch_up(self, now: int) -> None:
        """Do, in the order of their times, the expiries, cuts and delayed sends due by now.
        At one time a key's expiry and a connection's cut come before a delayed send."""
        while True:
            due: list[tuple[int, int, Callable[[], None]]] = []
            key = self._keys.next_expiry()
            if key is not None:
                due.append((key.expires_ms, 0, partial(self._expire, key, key.expires_ms)))
            if self._connections:
                first = min(self._connections, key=lambda c: c.cut_at_ms)
                due.append((first.cut_at_ms, 0, partial(self._end, first, _cut_at_24_hours)))
            if self._delayed:
                due.append((self._delayed[0][0], 1, self._send_delayed))
            if not due:
                return
            at, _, action = min(due, key=lambda item: item[:2])
            if at > now:
                return
            action()

    def _send_delayed(self) -> None:
        _, message = self._delayed.popleft()
        self._deliver(message)

    def _expire(self, key: ListenKey, at_ms: int) -> None:
        self._keys.remove(key)
        from .events import expiry_message  # imported late: see its docstring

        text = expiry_message(key.value, at_ms).decode()
        for connection in self._connections_of(key.value):
            if connection.receiving:
                connection.put(text)
            connection.expired = True

    # The faults' side.

    def drop_connections(self) -> None:
        with self._lock:
            for connection in tuple(self._connections):
                self._end(connection, MockConnection.drop)

    def silence_connections(self) -> None:
        with self._lock:
            for connection in self._connections:
                connection.silent = True

    def expire_all(self) -> None:
        with self._lock:
            now = self._clock()
            self._catch_up(now)
            while (key := self._keys.next_expiry()) is not None:
                self._expire(key, now)

    def release_held(self) -> None:
        with self._lock:
            self._release(self._clock())


def _cut_at_24_hours(connection: MockConnection) -> None:
    connection.cut("24 hours")
