"""What the policy hands a transport, and what every transport does with it.

A transport sends one request and reads its whole body, within the size limit and by the
call's deadline, or raises the httpx TransportError that names the fault (ConnectError,
ReadTimeout, RemoteProtocolError, ...), whatever library is underneath: the retry policy
reads only those. A body that is too large or unreadable raises the client's own
ResponseTooLargeError / ResponseDecodeError.
"""

from __future__ import annotations

from typing import Protocol

import msgspec

from ..call import Answer


class Outgoing(msgspec.Struct, gc=False):
    """One attempt's request, signed and ready: the policy builds it, a transport sends it."""

    method: str
    url: str
    headers: list[tuple[str, str]]
    timeout: dict[str, float | None]
    """httpx's per-operation timeouts (connect, read, write, pool), none longer than what
    is left of the call's deadline."""
    sent: bool = False
    """Set once the request has left (its headers written), where the transport can tell:
    weight reserved for a request that never left is given back."""


class SyncTransport(Protocol):
    def send(self, outgoing: Outgoing, ends: float, limit: int) -> Answer:
        """The answer, its body read whole; ``ends`` is the deadline (time.monotonic())."""
        ...

    def close(self) -> None: ...


class AsyncTransport(Protocol):
    bounds_deadline: bool
    """Whether ``send`` ends by ``ends`` on its own; if not, the driver cancels it then."""

    async def send(self, outgoing: Outgoing, ends: float, limit: int) -> Answer:
        """The answer, its body read whole; cancelled at ``ends`` by the driver."""
        ...

    async def aclose(self) -> None: ...

    def close_now(self) -> None:
        """Release what can be released without awaiting (from a sync ``close()``)."""
        ...
