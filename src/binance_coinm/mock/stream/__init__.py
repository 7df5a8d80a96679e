"""The mock exchange's user-data stream: listenKeys, events from account changes, faults.

``exchange.streams`` (a ``StreamHub``) holds the listenKeys and the connections and turns
every account change into its event; ``exchange.stream_connector()`` reads it in-process,
and the served mock (``asgi``) at ``/ws/<listenKey>``; ``exchange.stream_faults`` (a
``StreamFaults``) makes it misbehave.
"""

from __future__ import annotations

from .connection import MockConnection
from .connector import MockStreamConnector
from .faults import StreamFaults
from .hub import StreamHub

__all__ = ["MockConnection", "MockStreamConnector", "StreamFaults", "StreamHub"]
