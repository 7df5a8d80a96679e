# Generated from openapi.yaml by `make generate`. Do not edit: change the spec or generator/.
from collections.abc import Mapping
from enum import StrEnum
from typing import Self, cast


class OrderType(StrEnum):
    """Order type (also used for `origType`).

    Binance adds values over time: a value this client does not know yet becomes a member
    that is not ``is_known``, keeping the value, instead of an error.
    """

    LIMIT = "LIMIT"
    MARKET = "MARKET"
    STOP = "STOP"
    STOP_MARKET = "STOP_MARKET"
    TAKE_PROFIT = "TAKE_PROFIT"
    TAKE_PROFIT_MARKET = "TAKE_PROFIT_MARKET"
    TRAILING_STOP_MARKET = "TRAILING_STOP_MARKET"

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


ORDER_TYPE_BY_VALUE = cast(Mapping[str, OrderType], OrderType._value2member_map_)
"""Members by value, unknown values seen so far included: a faster lookup than the call."""
