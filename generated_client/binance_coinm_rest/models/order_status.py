# Generated from openapi.yaml by `make generate`. Do not edit: change the spec or generator/.
from collections.abc import Mapping
from enum import StrEnum
from typing import Self, cast


class OrderStatus(StrEnum):
    """Order status. `EXPIRED_IN_MATCH` marks an order expired by self-trade prevention.

    Binance adds values over time: a value this client does not know yet becomes a member
    that is not ``is_known``, keeping the value, instead of an error.
    """

    CANCELED = "CANCELED"
    EXPIRED = "EXPIRED"
    EXPIRED_IN_MATCH = "EXPIRED_IN_MATCH"
    FILLED = "FILLED"
    NEW = "NEW"
    PARTIALLY_FILLED = "PARTIALLY_FILLED"

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
        return cast(Self, cls._value2member_map_.setdefault(value, member))


ORDER_STATUS_BY_VALUE = cast(Mapping[str, OrderStatus], OrderStatus._value2member_map_)
"""Members by value, unknown values seen so far included: a faster lookup than the call."""
