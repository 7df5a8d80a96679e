# Generated from openapi.yaml by `make generate`. Do not edit: change the spec or generator/.
"""Types shared by the models and the endpoint functions."""

from collections.abc import Mapping
from decimal import Decimal
from typing import Generic, Literal, TypeVar

import httpx
from attrs import define


class Unset:
    """The type of UNSET: a field or argument that was not given, as opposed to null."""

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Unset = Unset()

USED_WEIGHT_HEADER = "X-MBX-USED-WEIGHT-1M"


def decimal_from_json(value: object) -> Decimal:
    """Read a decimal sent as a JSON string, exactly.

    A JSON number is refused rather than converted: it was already decoded as a float, so
    its exact value is lost.
    """
    if type(value) is str:
        return Decimal(value)
    raise TypeError(f"expected a decimal string, got {type(value).__name__}")


def used_weight_1m(headers: Mapping[str, str]) -> int | None:
    """The request weight the exchange says this IP used in the current minute, if it says."""
    value = headers.get(USED_WEIGHT_HEADER)
    return int(value) if value is not None and value.isdigit() else None


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A successful response: its status, headers and raw body, and the parsed value."""

    status_code: int
    content: bytes
    headers: httpx.Headers
    parsed: T

    @property
    def used_weight_1m(self) -> int | None:
        """``X-MBX-USED-WEIGHT-1M``: weight used by this IP in the current minute."""
        return used_weight_1m(self.headers)


__all__ = [
    "UNSET",
    "USED_WEIGHT_HEADER",
    "Response",
    "Unset",
    "decimal_from_json",
    "used_weight_1m",
]
