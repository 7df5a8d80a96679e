"""How a stream message becomes an event: its type from ``e``, then the model asyncapi.yaml
gives that type, read by the rules every REST body is read by.

A message of a type the spec does not describe (COIN-M also pushes STRATEGY_UPDATE and
GRID_UPDATE), or one that breaks its model's rules, is delivered as a RawEvent: never dropped
silently, never a crash. The event models are generated (``binance_coinm_rest.events``).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import msgspec

from binance_coinm_rest.events import EVENT_MODELS

from ..decoding.model import Model
from ..decoding.rules import BodyError, Decoder
from ..spec import stream


class RawEvent(msgspec.Struct, frozen=True):
    """A message delivered as it came: its type is not in the spec, or it breaks the spec."""

    event_type: str | None
    """The value of its event-type field (``e``), when it has one that is a string."""
    data: bytes
    """The message, as received."""
    problem: str | None = None
    """Why it was not read as its type's model (None: the spec knows no such type)."""


Event = Model | RawEvent
"""An event model of the spec (``OrderTradeUpdateEvent``, ...), or a RawEvent."""


@cache
def _type_reader() -> msgspec.json.Decoder[Any]:
    kind = msgspec.defstruct(
        "EventType", [("kind", Any, None)], rename={"kind": stream().event_type_field}
    )
    return msgspec.json.Decoder(kind)


@cache
def _decoder(event_type: str) -> Decoder | None:
    model = EVENT_MODELS.get(event_type)
    return None if model is None else Decoder(model)


def _leading_type(data: bytes) -> str | None:
    """The event type when the message opens with it (``{"e":"ORDER_TRADE_UPDATE",``), as
    Binance writes every event: found without reading the message. Only a guess: the model's
    own ``e`` field (a constant) confirms it, or the whole message is read for its type."""
    prefix = _prefix()
    if not data.startswith(prefix):
        return None
    end = data.find(b'"', len(prefix))
    kind = data[len(prefix) : end]
    return kind.decode("ascii") if end > 0 and kind.replace(b"_", b"").isalnum() else None


@cache
def _prefix() -> bytes:
    return b'{"' + stream().event_type_field.encode() + b'":"'


def event_of(message: str | bytes) -> Event:
    """The event one stream message carries."""
    data = message.encode() if isinstance(message, str) else message
    guess = _leading_type(data)
    if guess is not None and (decoder := _decoder(guess)) is not None:
        try:
            event: Model = decoder.decode(data)
        except BodyError:
            pass  # not that type after all, or a broken one: read it properly below
        else:
            return event
    try:
        kind = _type_reader().decode(data).kind
    except (msgspec.DecodeError, RecursionError) as exc:
        return RawEvent(None, data, f"not a JSON object: {type(exc).__name__}")
    if not isinstance(kind, str):
        return RawEvent(None, data, "no event type")
    decoder = _decoder(kind)
    if decoder is None:
        return RawEvent(kind, data)
    try:
        return decoder.decode(data)  # type: ignore[no-any-return]
    except BodyError as exc:
        return RawEvent(kind, data, str(exc))
