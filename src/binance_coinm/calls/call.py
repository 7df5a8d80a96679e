"""One call, as one typed object: everything the path needs, decided before anything is sent.

An endpoint function builds a Call from its arguments (checked against the spec); the client
sends it through the one policy (``policy``), sync or async. Per-call options override the
client's: None means the client's own.
"""

from __future__ import annotations

import httpx
import msgspec

from .. import _checks
from ..spec import Operation


class Call(msgspec.Struct, frozen=True, gc=False):
    """A call of one operation of the spec."""

    operation: Operation
    query: bytes
    """The query string as it goes on the wire, before signing (the policy signs each attempt
    afresh, so that no retry carries a stale timestamp)."""
    weight: int
    """The request weight the exchange charges for it, by the spec's rule."""
    timeout: httpx.Timeout | None = None
    """Each attempt's connect, read, write and pool timeouts."""
    max_retries: int | None = None
    deadline: float | None = None
    """Seconds the whole call may take: attempts, waits, clock resync and reading the body."""


class Answer(msgspec.Struct, frozen=True, gc=False):
    """The exchange's answer to one attempt, its body read whole (and decompressed)."""

    status_code: int
    headers: httpx.Headers
    content: bytes


def with_options(
    call: Call,
    timeout: float | httpx.Timeout | None,
    max_retries: int | None,
    deadline: float | None,
) -> Call:
    """``call`` with the per-call options given, each checked (nothing is coerced)."""
    if timeout is None and max_retries is None and deadline is None:
        return call
    return msgspec.structs.replace(
        call,
        timeout=None if timeout is None else _checks.timeout(timeout),
        max_retries=(
            None if max_retries is None else _checks.integer(max_retries, "max_retries", minimum=0)
        ),
        deadline=None if deadline is None else _checks.seconds(deadline, "deadline"),
    )
