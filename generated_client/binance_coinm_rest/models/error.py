# Generated from openapi.yaml by `make generate`. Do not edit: change the spec or generator/.
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

_KNOWN_KEYS = frozenset(
    {
        "code",
        "msg",
    }
)


@_attrs_define
class Error:
    """Binance's error body."""

    code: int
    """Binance's error code, negative (-1121 for an unknown symbol, ...)."""
    msg: str
    """Binance's human-readable message."""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    """Fields the spec does not describe (yet), kept as decoded."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON object this model was read from: decimals as exact strings, enums as values."""
        field_dict: dict[str, Any] = dict(self.additional_properties)
        field_dict.update(
            {
                "code": self.code,
                "msg": self.msg,
            }
        )
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Read a decoded JSON object.

        Raises KeyError, TypeError or ValueError (decimal.InvalidOperation is one) when the
        object does not match the spec; the endpoint functions turn these into
        errors.ResponseDecodeError.
        """
        d = src_dict
        obj = cls(
            d["code"],
            d["msg"],
        )
        if len(d) > 2:
            obj.additional_properties = {
                k: v for k, v in d.items() if k not in _KNOWN_KEYS
            }
        return obj
