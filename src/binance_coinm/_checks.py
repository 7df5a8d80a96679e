"""Checks of what callers pass: a bad argument is a ConfigurationError before anything is sent.

Nothing is coerced: ``True`` is no integer, ``1.5`` no millisecond count, ``"5000"`` no number.
Query values are checked against the spec's schema of their parameter.
"""

from __future__ import annotations

from typing import NoReturn

import httpx

from .errors import ArgumentTypeError, ConfigurationError
from .spec import Parameter


def _refuse(label: str, expected: str, value: object, *, wrong_type: bool = False) -> NoReturn:
    shown = repr(value)
    shown = shown if len(shown) <= 60 else f"{shown[:57]}..."
    error = ArgumentTypeError if wrong_type else ConfigurationError
    raise error(f"{label} must be {expected}, got {shown}")


def _integer(value: object, label: str, minimum: int | None, maximum: int | None) -> int:
    bounds = f" in {minimum}..{maximum}" if minimum is not None and maximum is not None else (
        f" >= {minimum}" if minimum is not None else ""
    )  # fmt: skip
    if type(value) is not int:
        _refuse(label, f"an int{bounds}", value, wrong_type=True)
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        _refuse(label, f"an int{bounds}", value)
    return value


def query_value(parameter: Parameter, value: object, label: str) -> str:
    """``value`` as the query text of ``parameter``, once it satisfies the parameter's schema."""
    if parameter.type == "integer":
        return str(_integer(value, label, parameter.minimum, parameter.maximum))
    if parameter.type == "boolean":
        if type(value) is not bool:
            _refuse(label, "a bool", value, wrong_type=True)
        return "true" if value else "false"
    if not isinstance(value, str):
        _refuse(label, "a str", value, wrong_type=True)
    if parameter.pattern is not None:
        if parameter.pattern.fullmatch(value) is None:
            _refuse(label, f"a str matching {parameter.pattern.pattern}", value)
    elif not (value and value.isprintable()):
        _refuse(label, "a non-empty printable str", value)
    return str(value)


def integer(value: object, label: str, *, minimum: int | None = None) -> int:
    return _integer(value, label, minimum, None)


MAX_SECONDS = 86_400.0
"""The longest timeout, deadline or delay accepted: a day (beyond it, clocks and sockets
overflow before any exchange answers)."""


def seconds(value: object, label: str, *, zero: bool = False) -> float:
    """A positive number of seconds (or 0, when ``zero``), at most MAX_SECONDS."""
    if type(value) not in (int, float):
        _refuse(label, "a number of seconds", value, wrong_type=True)
    assert isinstance(value, int | float)
    low_ok = value >= 0 if zero else value > 0
    if not (low_ok and value <= MAX_SECONDS):  # False for NaN; no float conversion of a huge int
        bounds = "[0" if zero else "(0"
        _refuse(label, f"a number of seconds in {bounds}, {MAX_SECONDS:g}]", value)
    return float(value)


def timeout(value: object, label: str = "timeout") -> httpx.Timeout:
    """An httpx.Timeout from seconds or a Timeout whose every set part is finite and positive."""
    if isinstance(value, httpx.Timeout):
        for part in ("connect", "read", "write", "pool"):
            given = getattr(value, part)
            if given is not None:
                seconds(given, f"{label}.{part}")
        return value
    return httpx.Timeout(seconds(value, label))


def one_of(value: object, label: str, choices: tuple[str, ...]) -> str:
    if value not in choices or not isinstance(value, str):
        _refuse(label, " or ".join(repr(c) for c in choices), value)
    return value
