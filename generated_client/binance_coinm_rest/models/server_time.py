# Generated from openapi.yaml by `make generate`. Do not edit: change the spec or generator/.
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

_KNOWN_KEYS = frozenset(
    {
        "serverTime",
    }
)


@_attrs_define
class ServerTime:
    """ServerTime"""

    server_time: int
    """The exchange's time in milliseconds since the Unix epoch."""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    """Fields the spec does not describe (yet), kept as decoded."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON object this model was read from: decimals as exact strings, enums as values."""
        field_dict: dict[str, Any] = dict(self.additional_properties)
        field_dict.update(
            {
                "serverTime": self.server_time,
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
            d["serverTime"],
        )
        if len(d) > 1:
            obj.additional_properties = {
                k: v for k, v in d.items() if k not in _KNOWN_KEYS
            }
        return obj
