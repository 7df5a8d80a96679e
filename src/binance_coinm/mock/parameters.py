"""A request's parameters against what the spec declares for its operation, in Binance's order.

1. a name sent twice: -1101 (``duplicate``);
2. a required parameter missing, empty or not of its schema: -1102 naming it;
3. a name the operation does not declare: -1104 with the read and sent counts;
4. an optional parameter not of its schema: -1130 naming it;
5. the parameter rules: ``exactly-one-of`` with none sent is -1102 (``either``), with more
   than one -1128; ``at-most-one-of`` with more than one is -1128.

Where Binance is silent, the mock decides:
- an empty segment (``a=1&&b=2``) is not a parameter, as in form decoding;
- an integer is ASCII digits, within int64 (Binance reads every integer as a long) and the
  schema's bounds; a string matches its pattern, or is non-empty if it has none; a boolean
  is ``true`` or ``false``;
- the signature need only be there: its value is checked by verifying it (-1022).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from urllib.parse import unquote_plus

from binance_coinm.spec import Operation, Parameter

from .rejections import Rejection
from .verification import SIGNATURE

INT64_MAX = 2**63 - 1
INT64_DIGITS = len(str(INT64_MAX))
_DIGITS = re.compile("[0-9]+")
_BOOLEANS = frozenset({"true", "false"})


def _pairs(raw_query: bytes) -> Iterator[tuple[str, str]]:
    for part in filter(None, raw_query.split(b"&")):
        name, _, value = part.decode("latin-1").partition("=")
        yield unquote_plus(name), unquote_plus(value)


def sent_names(raw_query: bytes) -> set[str]:
    """The names sent, duplicates or not: the weight is charged before anything is checked."""
    return {name for name, _ in _pairs(raw_query)}


def parse_query(raw_query: bytes) -> dict[str, str]:
    """Decoded parameters by name; a name sent twice is refused (-1101)."""
    params: dict[str, str] = {}
    for name, value in _pairs(raw_query):
        if name in params:
            raise Rejection("TOO_MANY_PARAMETERS", "duplicate")
        params[name] = value
    return params


def satisfies(parameter: Parameter, value: str) -> bool:
    """Whether ``value``, as sent, is one the parameter's schema allows."""
    if parameter.name == SIGNATURE:
        return bool(value)
    if parameter.type == "integer":
        # Bounded before int(): Python refuses to convert thousands of digits.
        if not _DIGITS.fullmatch(value) or len(value.lstrip("0")) > INT64_DIGITS:
            return False
        number = int(value)
        return (
            number <= INT64_MAX
            and (parameter.minimum is None or number >= parameter.minimum)
            and (parameter.maximum is None or number <= parameter.maximum)
        )
    if parameter.type == "boolean":
        return value in _BOOLEANS
    if parameter.pattern is not None:
        return parameter.pattern.fullmatch(value) is not None
    return bool(value)


def check_parameters(operation: Operation, params: Mapping[str, str]) -> None:
    """Refuse ``params`` as Binance would, or return if ``operation`` accepts them."""
    for parameter in operation.parameters:
        value = params.get(parameter.name)
        if parameter.required and (value is None or not satisfies(parameter, value)):
            raise Rejection("MANDATORY_PARAM_EMPTY_OR_MALFORMED", "default", parameter.name)
    unknown = [name for name in params if operation.parameter(name) is None]
    if unknown:
        raise Rejection("UNREAD_PARAMETERS", "default", len(params) - len(unknown), len(params))
    for parameter in operation.parameters:
        value = params.get(parameter.name)
        if value is not None and not satisfies(parameter, value):
            raise Rejection("INVALID_PARAMETER", "default", parameter.name)
    for names in operation.exactly_one_of:
        sent = [name for name in names if name in params]
        if not sent:
            raise Rejection("MANDATORY_PARAM_EMPTY_OR_MALFORMED", "either", *names)
        if len(sent) > 1:
            raise Rejection("OPTIONAL_PARAMS_BAD_COMBO")
    for names in operation.at_most_one_of:
        if sum(name in params for name in names) > 1:
            raise Rejection("OPTIONAL_PARAMS_BAD_COMBO")
