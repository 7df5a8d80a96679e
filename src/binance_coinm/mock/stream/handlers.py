"""The listenKey operations' business (Start, Keepalive, Close User Data Stream).

Everything else is the exchange's, as for every operation: the route, the weight, and the
API key check (USER_STREAM sends the key header only, so -2014/-2015 come before these run,
and an unknown API key never reaches the listenKeys). A keepalive or a close for an API key
with no live key is -1125, which tells a client to start a new one.
"""

from __future__ import annotations

from typing import Any, Protocol

from ..rejections import Rejection
from .hub import StreamHub

NOT_FOUND = "INVALID_LISTEN_KEY"
"""The spec's name for -1125 "This listenKey does not exist."."""


class KeyedCall(Protocol):
    """What these operations read of a request: whose it is, and the stream it acts on."""

    @property
    def api_key(self) -> str: ...

    @property
    def streams(self) -> StreamHub: ...


def start_user_data_stream(call: KeyedCall) -> dict[str, Any]:
    return {"listenKey": call.streams.start(call.api_key)}


def keepalive_user_data_stream(call: KeyedCall) -> dict[str, Any]:
    listen_key = call.streams.keepalive(call.api_key)
    if listen_key is None:
        raise Rejection(NOT_FOUND)
    return {"listenKey": listen_key}


def close_user_data_stream(call: KeyedCall) -> dict[str, Any]:
    if not call.streams.close(call.api_key):
        raise Rejection(NOT_FOUND)
    return {}
