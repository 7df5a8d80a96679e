"""An order's fields, from a test's keywords or a JSON object, to Binance's JSON the spec allows.

The mock keeps and serves each order as Binance's JSON object (camelCase keys, decimals as
exact strings), the very text the client reads. What a test gives is turned into that:

- keywords are named as the ``Order`` model names its fields (``orig_qty``); a decimal is a
  ``Decimal``, an ``int`` or its exact text, an enum field a member or its value, and
  ``UNSET`` leaves an optional field out. A name the model does not have is refused;
- a JSON object (``--orders FILE``) is Binance's shape or ``Order.to_dict()``'s; keys the
  spec does not know are kept, as the client keeps them.

A float is refused either way (it is no exact price), and the result must be read by
``Order.from_dict``, the client's own rules for a response, or the ConfigurationError names
the field that fails. The client reads an enum value the spec does not list (Binance adds
values); the mock serves only the spec's, as its answers must follow the spec.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, get_args

import msgspec

from binance_coinm.errors import ArgumentTypeError, ConfigurationError
from binance_coinm.models import Order

JSON_KEYS: Mapping[str, str] = {f.name: f.encode_name for f in msgspec.structs.fields(Order)}
"""The JSON key of each field of the Order model, by the model's (snake_case) name."""
FIELD_NAMES: Mapping[str, str] = {key: name for name, key in JSON_KEYS.items()}
DECIMAL_KEYS = frozenset(
    f.encode_name
    for f in msgspec.structs.fields(Order)
    if f.type is Decimal or Decimal in get_args(f.type)
)
_JSON_SCALARS = (str, int, bool)


def decimal_text(value: Decimal) -> str:
    """A Decimal as the spec writes decimals: plain digits, no exponent."""
    return format(value, "f")


def _refuse_float(label: str, value: float) -> None:
    raise ArgumentTypeError(
        f"order field {label!r} must be exact: a Decimal or a decimal str such as "
        f"{decimal_text(Decimal(str(value)))!r}, not the float {value!r}"
    )


def _json_value(label: str, key: str, value: object) -> object:
    """A keyword's value as it goes into the JSON object."""
    if isinstance(value, float):
        _refuse_float(label, value)
    if isinstance(value, enum.Enum):
        return value.value
    if key in DECIMAL_KEYS and isinstance(value, Decimal):
        return decimal_text(value)
    if key in DECIMAL_KEYS and type(value) is int:
        return str(value)
    if not isinstance(value, _JSON_SCALARS):
        raise ArgumentTypeError(
            f"order field {label!r} must be a str, an int, a bool, a Decimal or an enum member, "
            f"got {value!r:.60}"
        )
    return value


def from_keywords(fields: Mapping[str, object]) -> tuple[dict[str, Any], frozenset[str]]:
    """The JSON object the keywords give, and the keys they leave out (given as ``UNSET``)."""
    given: dict[str, Any] = {}
    left_out = set()
    for name, value in fields.items():
        key = JSON_KEYS.get(name)
        if key is None:
            raise ArgumentTypeError(
                f"{name!r} is no field of an order; the fields are {', '.join(JSON_KEYS)}"
            )
        if value is msgspec.UNSET:
            left_out.add(key)
        else:
            given[key] = _json_value(name, key, value)
    return given, frozenset(left_out)


def from_json(document: object) -> dict[str, Any]:
    """A decoded JSON object of an order, its floats refused (decode JSON numbers as floats)."""
    if not isinstance(document, Mapping):
        raise ConfigurationError(f"an order is a JSON object, got {type(document).__name__}")
    for key, value in document.items():
        if isinstance(value, float):
            _refuse_float(str(key), value)
    return {str(key): value for key, value in document.items()}


def as_order(fields: Mapping[str, Any]) -> Order:
    """An order the account keeps (checked when it was stored), as the client reads it."""
    return Order.from_dict(dict(fields))


def checked(document: Mapping[str, Any], *, by_keywords: bool) -> Order:
    """``document`` read as the client reads an order, or a ConfigurationError naming the field
    (as a keyword when ``by_keywords``, else as its JSON key)."""
    try:
        order = Order.from_dict(dict(document))
    except (ValueError, TypeError, OverflowError) as exc:
        key = getattr(exc, "field", None)
        reason = getattr(exc, "reason", str(exc))
        if key is None:
            raise ConfigurationError(f"not an order the spec allows: {reason}") from None
        label = FIELD_NAMES.get(key, key) if by_keywords else key
        raise ConfigurationError(f"order field {label!r} is not valid: {reason}") from None
    for name, key in JSON_KEYS.items():
        value = getattr(order, name)
        if isinstance(value, enum.Enum) and value not in type(value).__members__.values():
            listed = ", ".join(str(member.value) for member in type(value))
            raise ConfigurationError(
                f"order field {name if by_keywords else key!r} is not valid: {str(value)!r} is "
                f"none of the values the spec lists ({listed})"
            )
    return order
