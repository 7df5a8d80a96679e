"""How strict a MockExchange is about request weight; the defaults are COIN-M's."""

from __future__ import annotations

from attrs import define

from .weights import DEFAULT_BAN_AFTER, DEFAULT_BAN_SECONDS, DEFAULT_LIMIT


@define(frozen=True, kw_only=True)
class MockConfig:
    """Fixed when the exchange is made; ``exchange.weights`` may still be changed later."""

    weight_limit: int = DEFAULT_LIMIT
    """Request weight per API key per minute (by default the spec's REQUEST_WEIGHT limit)."""
    ban_after: int = DEFAULT_BAN_AFTER
    """How many more requests a limited key may send in its minute before the 418 ban."""
    ban_seconds: int = DEFAULT_BAN_SECONDS
    """How long the ban lasts: Binance's shortest, 2 minutes."""
