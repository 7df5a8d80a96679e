"""How strict a MockExchange is about request weight; the defaults are COIN-M's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from attrs import Attribute, define, field

from binance_coinm.errors import ArgumentTypeError, ConfigurationError

from .weights import DEFAULT_BAN_AFTER, DEFAULT_BAN_SECONDS, DEFAULT_LIMIT, DEFAULT_WINDOW

WEIGHT_PER = ("ip", "key")


def _count(minimum: int) -> Callable[[Any, Attribute[int], object], None]:
    """An attrs validator: an int (not a bool) of at least ``minimum``."""

    def check(_: Any, attribute: Attribute[int], value: object) -> None:
        if type(value) is not int:
            raise ArgumentTypeError(f"{attribute.name} must be an int, got {value!r:.60}")
        if value < minimum:
            raise ConfigurationError(f"{attribute.name} must be at least {minimum}, got {value}")

    return check


def _one_of_weight_per(_: Any, attribute: Attribute[str], value: object) -> None:
    if value not in WEIGHT_PER or not isinstance(value, str):
        raise ConfigurationError(f"{attribute.name} must be 'ip' or 'key', got {value!r:.60}")


@define(frozen=True, kw_only=True)
class MockConfig:
    """Fixed when the exchange is made; ``exchange.weights`` may still be changed later."""

    weight_limit: int = field(default=DEFAULT_LIMIT, validator=_count(1))
    """Request weight per client per minute (by default the spec's REQUEST_WEIGHT limit)."""
    ban_after: int = field(default=DEFAULT_BAN_AFTER, validator=_count(0))
    """How many more requests a limited client may send in its minute before the 418 ban."""
    ban_seconds: int = field(default=DEFAULT_BAN_SECONDS, validator=_count(1))
    """How long the ban lasts: Binance's shortest, 2 minutes."""
    weight_per: Literal["ip", "key"] = field(default="ip", validator=_one_of_weight_per)
    """What weight is counted by: the caller's IP, as Binance counts it, or its API key (so
    that tests sharing one address do not share one budget)."""
    weight_window: int = DEFAULT_WINDOW
    """Seconds the weight is counted over: Binance's minute, or less for a quick test."""
