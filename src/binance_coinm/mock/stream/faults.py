"""Ways the mock's stream can misbehave, as Binance's does, for tests of a stream client.

Binance documents no sequence numbers and no replay: a connection may drop (events sent
meanwhile are lost), hang, deliver late or out of order, and a listenKey may expire. Each
fault here is one of those, on the exchange's clock; a bad value is refused when it is set.

- ``drop()``: every open connection fails now; what it had not read is lost;
- ``duplicate(times=1)``: each of the next ``times`` account events is sent twice;
- ``delay_ms``: account events are held this long on the exchange's clock (in order: an
  event never overtakes one sent before it);
- ``reorder(window)``: account events are held until ``window`` of them are, then sent
  newest first; ``flush()`` sends those held so far (newest first); ``reorder(1)`` is order;
- ``silence()``: the open connections get no more events and, in-process, no pongs (a
  connection that hangs); connections opened later are not silent;
- ``expire_listen_keys()``: every live listenKey expires now (``listenKeyExpired``).

The faults apply to account events (ORDER_TRADE_UPDATE, ALGO_UPDATE); ``listenKeyExpired``
is the exchange's own notice and is never delayed, repeated or reordered.
"""

from __future__ import annotations

from typing import Protocol

from binance_coinm.errors import ArgumentTypeError, ConfigurationError

MAX_DELAY_MS = 86_400_000
"""A day: past any keepalive and any connection's life, still a plain epoch."""


class FaultTarget(Protocol):
    """What the faults act on: the stream hub."""

    def drop_connections(self) -> None: ...

    def silence_connections(self) -> None: ...

    def expire_all(self) -> None: ...

    def release_held(self) -> None: ...


def _count(value: object, name: str, minimum: int, maximum: int | None = None) -> int:
    if type(value) is not int:
        raise ArgumentTypeError(f"{name} must be an int, got {value!r:.60}")
    if value < minimum or (maximum is not None and value > maximum):
        bound = f"at least {minimum}" if maximum is None else f"{minimum} to {maximum}"
        raise ConfigurationError(f"{name} must be {bound}, got {value}")
    return value


class StreamFaults:
    """The misbehaviour asked of the mock's stream (see the module's docstring)."""

    def __init__(self, target: FaultTarget) -> None:
        self._target = target
        self._delay_ms = 0
        self._window = 1
        self._duplicates = 0

    def __repr__(self) -> str:
        return (
            f"StreamFaults(delay_ms={self._delay_ms}, reorder={self._window}, "
            f"duplicates={self._duplicates})"
        )

    def drop(self) -> None:
        self._target.drop_connections()

    def duplicate(self, times: int = 1) -> None:
        self._duplicates += _count(times, "times", 1)

    @property
    def delay_ms(self) -> int:
        return self._delay_ms

    @delay_ms.setter
    def delay_ms(self, value: int) -> None:
        self._delay_ms = _count(value, "delay_ms", 0, MAX_DELAY_MS)

    def reorder(self, window: int) -> None:
        """Send account events in batches of ``window``, each newest first (1: in order);
        the events held so far are sent first."""
        checked = _count(window, "window", 1)
        self._target.release_held()
        self._window = checked

    @property
    def window(self) -> int:
        return self._window

    def flush(self) -> None:
        self._target.release_held()

    def silence(self) -> None:
        self._target.silence_connections()

    def expire_listen_keys(self) -> None:
        self._target.expire_all()

    def copies(self) -> int:
        """How many times the next account event is sent (and one duplicate used up)."""
        if self._duplicates:
            self._duplicates -= 1
            return 2
        return 1
