"""The live view's orders as the command shows them: Binance's field names, each kind's.

``LiveOrder`` and ``LiveAlgoOrder`` keep a few fields of an ``Order`` and an ``AlgoOrder``
under Python's names; shown, they take back the JSON names of the model they come from, and
Binance's text (decimals with every digit, enums as their values).
"""

from __future__ import annotations

import enum
from decimal import Decimal
from functools import cache
from typing import Any

import msgspec

from binance_coinm_rest.models import AlgoOrder, Order

from ...decoding.rules import fields_of
from ...stream.live import LiveAlgoOrder, LiveOrder
from .every_order import Kind, merged


@cache
def _keys(model: type[msgspec.Struct]) -> dict[str, str]:
    return {field.name: field.key for field in fields_of(model)}


def _text(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    return value.value if isinstance(value, enum.Enum) else value


def kind_of(order: LiveOrder | LiveAlgoOrder) -> Kind:
    return "algo" if isinstance(order, LiveAlgoOrder) else "order"


def binance_fields(order: LiveOrder | LiveAlgoOrder) -> dict[str, Any]:
    """The order as a JSON object with its model's field names."""
    keys = _keys(AlgoOrder if isinstance(order, LiveAlgoOrder) else Order)
    return {keys[name]: _text(value) for name, value in msgspec.structs.asdict(order).items()}


def live_record(order: LiveOrder | LiveAlgoOrder) -> dict[str, Any]:
    """The order as a row of the live table."""
    return merged(kind_of(order), binance_fields(order))
