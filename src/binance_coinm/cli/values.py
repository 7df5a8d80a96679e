"""How option values are read: each one checked by the library's own rules.

A value the library would refuse is a usage error naming the option (exit 2), before
anything is sent.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from typing import Any

from .._checks import query_value
from ..errors import ConfigurationError
from ..spec import Operation

_INTEGER = re.compile(r"-?[0-9]+")


def text(value: str) -> str:
    """An argument that is text: not empty (``--symbol "$UNSET"`` must not widen the call to
    every order) and valid UTF-8 (the bytes of argv that are not reach Python as surrogates)."""
    if not value:
        raise argparse.ArgumentTypeError("must not be empty")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise argparse.ArgumentTypeError("is not valid UTF-8") from None
    return value


def checked(check: Callable[[object, str], object], read: Callable[[str], object]) -> Any:
    """An argparse type that reads a value and applies the package's own check to it."""

    def argument(value: str) -> object:
        try:
            read_value = read(text(value))
            check(read_value, "value")
        except ConfigurationError as exc:
            raise argparse.ArgumentTypeError(str(exc).removeprefix("value ")) from None
        return read_value

    return argument


def integer(value: str) -> int:
    if not _INTEGER.fullmatch(value):  # int() would take "1_917_641" and " 1"
        raise argparse.ArgumentTypeError(f"must be an integer, got {value!r}")
    return int(value)


def number(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number, got {value!r}") from None


def upper_case(value: str) -> str:
    """ASCII letters in upper case; other text as it is, so that no letter outside ASCII
    (dotless i, the ff ligature) turns into ASCII ones and passes for a symbol."""
    return value.upper() if value.isascii() else value


def parameter(operation: Operation, name: str, *, any_case: bool = False) -> Any:
    """The type of an option that is the spec's parameter ``name`` of ``operation``;
    ``any_case``: upper-cased first (symbols and pairs), then checked."""
    spec = operation.parameter(name)
    assert spec is not None, name
    read = integer if spec.type == "integer" else upper_case if any_case else str
    return checked(lambda value, label: query_value(spec, value, label), read)
