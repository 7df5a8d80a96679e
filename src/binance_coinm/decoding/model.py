"""What every generated model and enum is built on: open enums and exact, lossless models.

A model is a msgspec Struct (``rules`` says how bodies become models). Its fields are the
spec's; fields the spec does not know are kept too, outside the Struct's fields so that no
key of a body can land in them: ``additional_properties`` reads them from the model's own
JSON text, when asked.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Self, cast

import msgspec

from .rules import BodyError, decode_object, extras_of, fields_of

MAX_UNKNOWN_MEMBERS = 256
"""Unknown values an enum remembers as members; beyond that each is still read, not kept."""


class OpenStrEnum(enum.StrEnum):
    """A StrEnum that reads values it does not list: Binance adds values over time.

    An unknown value becomes a member that is not ``is_known`` and keeps the value, instead of
    an error that would lose the whole response.
    """

    def __str__(self) -> str:
        return str(self.value)

    @property
    def is_known(self) -> bool:
        """Whether the spec lists this value."""
        return type(self).__members__.get(self._name_) is self

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        known = cls._value2member_map_
        if len(known) - len(cls.__members__) < MAX_UNKNOWN_MEMBERS:
            return cast(Self, known.setdefault(value, member))
        return member


class _SideSlots:
    """Attributes of a model that are not fields: never decoded, compared or encoded."""

    __slots__ = ("_extras", "_source")
    _extras: dict[str, Any]
    """The unknown fields, once read."""
    _source: msgspec.Raw
    """The model's own JSON text, kept when its body had unknown fields to read them from."""


def _as_dict(value: object) -> dict[Any, Any]:
    """Any mapping (a read-only ``MappingProxyType``, ...) is an object, as a dict is."""
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"{type(value).__name__} has no JSON form")


_AS_JSON = msgspec.json.Encoder(decimal_format="number", enc_hook=_as_dict)


class Model(msgspec.Struct, _SideSlots, gc=False):
    """Base of the generated models: typed fields, plus the fields the spec does not know.

    Instances are not tracked by the garbage collector: they hold decoded JSON values only,
    which cannot form reference cycles.
    """

    @property
    def additional_properties(self) -> dict[str, Any]:
        """Fields the spec does not describe (yet), as received (fractions as Decimal)."""
        try:
            return self._extras
        except AttributeError:
            pass
        try:
            source = self._source
        except AttributeError:
            extras: dict[str, Any] = {}
        else:
            extras = extras_of(type(self), source)
        self._extras = extras
        return extras

    @additional_properties.setter
    def additional_properties(self, value: dict[str, Any]) -> None:
        self._extras = value

    def to_dict(self) -> dict[str, Any]:
        """The JSON object this model was read from: decimals as the exact strings received,
        enums as their values, nested models as objects, unknown fields as they came."""
        result: dict[str, Any] = dict(self.additional_properties)
        for field in fields_of(type(self)):
            value = getattr(self, field.name)
            if value is not msgspec.UNSET:
                result[field.key] = _plain(value)
        return result

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Read a decoded JSON object by the very rules a response body is read by.

        Raises ``rules.BodyError`` (a ValueError) when the object does not match the spec.
        """
        try:
            document = _AS_JSON.encode(src_dict)
        except TypeError as exc:  # a value JSON has no form for: a set, an object, ...
            raise BodyError(f"not a JSON object: {exc}") from None
        return cast(Self, decode_object(cls, document))


def _plain(value: Any) -> Any:
    """A field's value as JSON holds it."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Model):
        return value.to_dict()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value
