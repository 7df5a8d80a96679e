"""How the two response headers the client acts on are read, whatever a server sends in them.

Both are non-negative integers in ASCII digits, leading zeros allowed. A count too long to be
one is read differently by what it would do: a used weight with more digits than any real
count is no count (it must not stall the budget), while a ``Retry-After`` that long is a very
long ban (it must not be retried).
"""

from __future__ import annotations

from collections.abc import Mapping

from .spec import SPEC

MAX_DIGITS = 15
"""More digits than any weight count or wait Binance sends."""
LONGER = 10**MAX_DIGITS
"""What a longer ``Retry-After`` reads as: more seconds than any wait the client takes."""


def _digits(value: str | None) -> str | None:
    """The significant digits of a header's integer, or None if it is not one."""
    if value is None or not (value.isascii() and value.isdigit()):
        return None
    return value.lstrip("0") or "0"


def used_weight_1m(headers: Mapping[str, str]) -> int | None:
    """The request weight the exchange says this IP used in the current minute, if it says."""
    digits = _digits(headers.get(SPEC.used_weight_header))
    return int(digits) if digits is not None and len(digits) <= MAX_DIGITS else None


def retry_after_seconds(headers: Mapping[str, str]) -> int | None:
    """``Retry-After`` in whole seconds, if the exchange sent a usable one: 0 is none."""
    digits = _digits(headers.get("Retry-After"))
    if digits is None:
        return None
    seconds = int(digits) if len(digits) <= MAX_DIGITS else LONGER
    return seconds or None
