"""An order's fields, from a test's keywords or a JSON object, to Binance's JSON the spec allows.

The mock keeps and serves each order, ordinary or algo, as Binance's JSON object (camelCase
keys, decimals as exact strings), the very text the client reads. What a test gives is
turned into that, by the rules of the order's model (``Order`` or ``AlgoOrder``):

- keywords are named as the model names its fields (``orig_qty``, ``trigger_price``); a
  decimal is a ``Decimal``, an ``int`` or its exact text, an enum field a member or its
  value, and ``UNSET`` leaves an optional field out. A name the model does not have is
  refused;
- a JSON object (``--orders FILE``) is Binance's shape or the model's ``to_dict()``'s; keys
  the spec does not know are kept, as the client keeps them.

A float is refused either way (it is no exact price), and the result must be read by the
model's ``from_dict``, the client's own rules for a response, or the ConfigurationError names
the field that fails. The client reads an enum value the spec does not list (Binance adds
values); the mock serves only the spec's, as its answers must follow the spec.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Generic, TypeVar, get_args

import msgspec

from binance_coinm.errors import ArgumentTypeError, ConfigurationError
from binance_coinm.models import AlgoOrder, Order

M = TypeVar("M", Order, AlgoOrder)
_JSON_SCALARS = (str, int, bool)


def decimal_text(value: Decimal) -> str:
    """A Decimal as the spec writes decimals: plain digits, no exponent."""
    return format(value, "f")


class ModelFields(Generic[M]):
    """The field rules of one model: ``ORDER`` for ordinary orders, ``ALGO`` for algo ones."""

    def __init__(self, model: type[M], noun: str) -> None:
        self.model: type[M] = model
        self.noun = noun
        fields = msgspec.structs.fields(model)
        self.json_keys: Mapping[str, str] = {f.name: f.encode_name for f in fields}
        """The JSON key of each field, by the model's (snake_case) name."""
        self.field_names: Mapping[str, str] = {key: name for name, key in self.json_keys.items()}
        self.decimal_keys = frozenset(
            f.encode_name for f in fields if f.type is Decimal or Decimal in get_args(f.type)
        )
        self.nullable_keys = frozenset(
            f.encode_name for f in fields if type(None) in get_args(f.type)
        )

    def label(self, key: str, *, by_keywords: bool) -> str:
        """How an error names the field of JSON ``key``: as the keyword a test gives, or as is."""
        return self.field_names.get(key, key) if by_keywords else key

    def _refuse_float(self, label: str, value: float) -> None:
        raise ArgumentTypeError(
            f"{self.noun} field {label!r} must be exact: a Decimal or a decimal str such as "
            f"{decimal_text(Decimal(str(value)))!r}, not the float {value!r}"
        )

    def _json_value(self, label: str, key: str, value: object) -> object:
        """A keyword's value as it goes into the JSON object."""
        if isinstance(value, float):
            self._refuse_float(label, value)
        if isinstance(value, enum.Enum):
            return value.value
        if key in self.decimal_keys and isinstance(value, Decimal):
            return decimal_text(value)
        if key in self.decimal_keys and type(value) is int:
            return str(value)
        if value is None and key in self.nullable_keys:
            return value
        if not isinstance(value, _JSON_SCALARS):
            raise ArgumentTypeError(
                f"{self.noun} field {label!r} must be a str, an int, a bool, a Decimal or an "
                f"enum member, got {value!r:.60}"
            )
        return value

    def from_keywords(self, fields: Mapping[str, object]) -> tuple[dict[str, Any], frozenset[str]]:
        """The JSON object the keywords give, and the keys they leave out (given as ``UNSET``)."""
        given: dict[str, Any] = {}
        left_out = set()
        for name, value in fields.items():
            key = self.json_keys.get(name)
            if key is None:
                raise ArgumentTypeError(
                    f"{name!r} is no field of an {self.noun}; the fields are "
                    f"{', '.join(self.json_keys)}"
                )
            if value is msgspec.UNSET:
                left_out.add(key)
            else:
                given[key] = self._json_value(name, key, value)
        return given, frozenset(left_out)

    def from_json(self, document: object) -> dict[str, Any]:
        """A decoded JSON object, its floats refused (decode JSON numbers as floats)."""
        if not isinstance(document, Mapping):
            raise ConfigurationError(
                f"an {self.noun} is a JSON object, got {type(document).__name__}"
            )
        for key, value in document.items():
            if isinstance(value, float):
                self._refuse_float(str(key), value)
        return {str(key): value for key, value in document.items()}

    def given(self, instance: M) -> dict[str, object]:
        """The fields an instance was given: an UNSET one is not given, and gets its default."""
        values = {name: getattr(instance, name) for name in self.json_keys}
        return {name: value for name, value in values.items() if value is not msgspec.UNSET}

    def read(self, fields: Mapping[str, Any]) -> M:
        """An order the account keeps (checked when it was stored), as the client reads it."""
        instance: M = self.model.from_dict(dict(fields))
        return instance

    def checked(self, document: Mapping[str, Any], *, by_keywords: bool) -> M:
        """``document`` read as the client reads one, or a ConfigurationError naming the field
        (as a keyword when ``by_keywords``, else as its JSON key)."""
        try:
            instance: M = self.model.from_dict(dict(document))
        except (ValueError, TypeError, OverflowError) as exc:
            key = getattr(exc, "field", None)
            reason = getattr(exc, "reason", str(exc))
            if key is None:
                raise ConfigurationError(f"not an {self.noun} the spec allows: {reason}") from None
            label = self.label(key, by_keywords=by_keywords)
            message = f"{self.noun} field {label!r} is not valid: {reason}"
            raise ConfigurationError(message) from None
        for name, key in self.json_keys.items():
            value = getattr(instance, name)
            if isinstance(value, enum.Enum) and value not in type(value).__members__.values():
                listed = ", ".join(str(member.value) for member in type(value))
                raise ConfigurationError(
                    f"{self.noun} field {name if by_keywords else key!r} is not valid: "
                    f"{str(value)!r} is none of the values the spec lists ({listed})"
                )
        return instance


ORDER: ModelFields[Order] = ModelFields(Order, "order")
ALGO: ModelFields[AlgoOrder] = ModelFields(AlgoOrder, "algo order")


def as_order(fields: Mapping[str, Any]) -> Order:
    """An ordinary order the account keeps, as the client reads it."""
    return ORDER.read(fields)


def as_algo_order(fields: Mapping[str, Any]) -> AlgoOrder:
    """An algo order the account keeps, as the client reads it."""
    return ALGO.read(fields)
