"""The message each account change, or a listenKey's expiry, puts on the stream.

Dispatched by the record's type: an ``OrderChange`` is an ORDER_TRADE_UPDATE, an
``AlgoChange`` an ALGO_UPDATE. The models come from asyncapi.yaml's generated code,
which a client generated from openapi.yaml alone lacks: the hub imports this module only
once a connection is open, so that such a mock still serves REST.
"""

from __future__ import annotations

import msgspec

from binance_coinm.models import ListenKeyExpiredEvent

from ..changes import Change, OrderChange
from .algo_event import algo_update
from .order_event import order_trade_update


def event_message(change: Change, trade_id: int) -> bytes | None:
    """The JSON of ``change``'s event (``trade_id`` counts for a fill); None if it has none."""
    if isinstance(change, OrderChange):
        event = order_trade_update(change, trade_id)
    else:
        event = algo_update(change)
    return None if event is None else msgspec.json.encode(event)


def expiry_message(listen_key: str, at_ms: int) -> bytes:
    """The JSON of ``listenKeyExpired`` for ``listen_key``, expired at ``at_ms``."""
    notice = ListenKeyExpiredEvent(
        event_type="listenKeyExpired", event_time=at_ms, listen_key=listen_key
    )
    return msgspec.json.encode(notice.to_dict())
