"""How the two response headers the client acts on are read, whatever a server sends in them."""

from __future__ import annotations

from collections.abc import Mapping

from ._spec import SPEC

MAX_DIGITS = 15
"""More digits than any weight count or wait Binance sends; a longer value is not a number."""


def _seconds_or_count(value: str | None) -> int | None:
    if value is None or not (0 < len(value) <= MAX_DIGITS and value.isascii()):
        return None
    return int(value) if value.isdigit() else None


def used_weight_1m(headers: Mapping[str, str]) -> int | None:
    """The request weight the exchange says this IP used in the current minute, if it says."""
    return _seconds_or_count(headers.get(SPEC.used_weight_header))


def retry_after_seconds(headers: Mapping[str, str]) -> int | None:
    """``Retry-After`` in whole seconds, if the exchange sent a usable one: 0 or less is none."""
    seconds = _seconds_or_count(headers.get("Retry-After"))
    return seconds if seconds else None
