"""What the exchange answers, and what answers: the types its front ends (ASGI, httpx) rely on.

A module of its own so that the exchange imports its front ends and they import only this.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

import msgspec
from attrs import define

from .faults import Fault

DEFAULT_CLIENT_IP = "127.0.0.1"
"""The caller's address when the front end has none to give: in-process, loopback's."""


@define(frozen=True)
class Reply:
    """One answer: status, headers and body, plus how to deliver it."""

    status: int
    headers: dict[str, str]
    body: bytes
    delay: float = 0.0
    """Seconds to wait before answering (the latency fault)."""
    fault: Fault | None = None
    """The fault that spoiled this answer, if one did."""

    @property
    def dropped(self) -> bool:
        """Whether the connection is to be closed halfway through the body."""
        return self.fault is Fault.DROPPED_CONNECTION


def json_reply(status: int, payload: Any, headers: Mapping[str, str] | None = None) -> Reply:
    return Reply(
        status,
        {"Content-Type": "application/json", **(headers or {})},
        msgspec.json.encode(payload),
    )


class Answerer(Protocol):
    """What the front ends hand each request to: a MockExchange, or a test's stand-in."""

    def answer(
        self,
        method: str,
        path: str,
        raw_query: bytes,
        headers: Mapping[str, str],
        body: bytes,
        *,
        client_ip: str = DEFAULT_CLIENT_IP,
    ) -> Reply:
        """The reply to one request from ``client_ip``; ``headers`` have lower-case names."""
        ...
