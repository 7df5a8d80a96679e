"""Types of the endpoint functions' answers and of the models' absent fields."""

from __future__ import annotations

from typing import Generic, TypeVar

import httpx
from msgspec import UNSET, Struct
from msgspec import UnsetType as Unset

from ._headers import used_weight_1m

T = TypeVar("T")


class Response(Struct, Generic[T]):
    """A successful response: its status, headers and raw body, and the parsed value."""

    status_code: int
    content: bytes
    headers: httpx.Headers
    parsed: T

    @property
    def used_weight_1m(self) -> int | None:
        """``X-MBX-USED-WEIGHT-1M``: weight used by this IP in the current minute."""
        return used_weight_1m(self.headers)


__all__ = ["UNSET", "Response", "Unset"]
