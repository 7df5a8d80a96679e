"""The exchange's clock, as the client estimates it: signed requests must carry its time.

Binance rejects a timestamp 1000 ms or more ahead of its clock, or older than recvWindow
(-1021). A local clock that drifts is corrected by the offset measured from
``GET /dapi/v1/time``, taken at the middle of the round trip.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .clients import Client


def local_time_ms() -> int:
    return time.time_ns() // 1_000_000


class ServerClock:
    """Local time plus ``offset_ms``, the measured difference to the server's clock."""

    def __init__(self, local: Callable[[], int] | None = None) -> None:
        self._local = local or local_time_ms
        self.offset_ms = 0

    def __repr__(self) -> str:
        return f"ServerClock(offset_ms={self.offset_ms})"

    def now_ms(self) -> int:
        """The server's time now, as far as the client can tell."""
        return self._local() + self.offset_ms

    def local_ms(self) -> int:
        return self._local()

    def observe(self, server_time_ms: int, sent_at_ms: int, received_at_ms: int) -> None:
        """Correct the offset from one round trip to ``/dapi/v1/time``."""
        self.offset_ms = server_time_ms - (sent_at_ms + received_at_ms) // 2

    def sync(self, client: Client) -> None:
        """Measure the offset now, through ``client`` (sync)."""
        from binance_coinm_rest.api.market import check_server_time

        sent_at = self._local()
        server_time = check_server_time.sync(client=client).server_time
        self.observe(server_time, sent_at, self._local())

    async def async_sync(self, client: Client) -> None:
        """Measure the offset now, through ``client`` (async)."""
        from binance_coinm_rest.api.market import check_server_time

        sent_at = self._local()
        server_time = (await check_server_time.asyncio(client=client)).server_time
        self.observe(server_time, sent_at, self._local())
