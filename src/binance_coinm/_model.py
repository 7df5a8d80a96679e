"""What every generated model and enum is built on: open enums and exact, lossless models.

A model is a msgspec Struct (see ``_decoding`` for how bodies become models). Its fields are
the spec's; fields the spec does not know are kept too, outside the Struct's fields so that
no key of a body can land in them: ``additional_properties`` reads them from the order's own
JSON text, when asked.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from typing import Any, Self, cast

import msgspec

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
    """The model's own JSON text, kept when it has unknown fields to read them from."""


_EXTRAS = msgspec.json.Decoder(dict[str, Any], float_hook=Decimal)
_AS_JSON = msgspec.json.Encoder(decimal_format="number")


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
            known = known_keys(type(self))
            extras = {k: v for k, v in _EXTRAS.decode(source).items() if k not in known}
        self._extras = extras
        return extras

    @additional_properties.setter
    def additional_properties(self, value: dict[str, Any]) -> None:
        self._extras = value

    def to_dict(self) -> dict[str, Any]:
        """The JSON object this model was read from: decimals as the exact strings received,
        enums as their values, unknown fields as they came."""
        result: dict[str, Any] = dict(self.additional_properties)
        for name, key in encode_names(type(self)):
            value = getattr(self, name)
            if value is msgspec.UNSET:
                continue
            if isinstance(value, Decimal):
                value = format(value, "f")
            elif isinstance(value, enum.Enum):
                value = value.value
            result[key] = value
        return result

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Read a decoded JSON object by the very rules a response body is read by.

        Raises ``_decoding.BodyError`` (a ValueError) when the object does not match the spec.
        """
        from ._decoding import decode_object

        return decode_object(cls, _AS_JSON.encode(src_dict))


@cache
def encode_names(model: type[Model]) -> tuple[tuple[str, str], ...]:
    """(attribute, JSON key) of each field the spec describes."""
    return tuple((f.name, f.encode_name) for f in msgspec.structs.fields(model))


@cache
def known_keys(model: type[Model]) -> frozenset[str]:
    return frozenset(key for _, key in encode_names(model))
