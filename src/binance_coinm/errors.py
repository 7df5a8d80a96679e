"""Everything the client raises: one small hierarchy, rooted at BinanceError.

Status errors carry Binance's ``code`` and ``msg``, the HTTP status, the response headers
and, on 418/429, ``retry_after``. Which class an answer raises is the spec's table
(``x-binance-errors`` in openapi.yaml): by code, then by message, then by HTTP status. No
message contains the request's URL, query string or headers, and no error keeps the
request, so signatures and keys cannot leak through logs of exceptions.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

import httpx
import msgspec

from ._headers import retry_after_seconds, used_weight_1m
from .spec import SPEC

SNIPPET_LENGTH = 200
K = TypeVar("K")


class BinanceError(Exception):
    """Base class of every error this client raises."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt from its attributes, not its constructor (whose arguments are keywords),
        # so that an error crosses a process pool or a task queue as it is.
        return _rebuilt, (type(self), self.args, self.__dict__)


def _rebuilt(cls: type[BinanceError], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class ConfigurationError(BinanceError, ValueError):
    """The client cannot send the request as configured or called; nothing was sent."""


class ArgumentTypeError(ConfigurationError, TypeError):
    """An argument of the wrong type (a ConfigurationError, and a TypeError as users expect)."""


class WeightBudgetExceededError(BinanceError):
    """The call would exceed the client's weight budget for this minute; nothing was sent."""

    def __init__(self, message: str, *, retry_after: float | None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


# Transport errors: no usable response arrived.


class APIConnectionError(BinanceError):
    """No usable response: connection refused or dropped, DNS or TLS failure, redirect loop."""


class APITimeoutError(APIConnectionError):
    """A timeout, or the call's deadline, passed before a response was complete."""


class StreamGaveUpError(APIConnectionError):
    """The user-data stream reached the limit on reconnections its user set."""


# Response errors: a response arrived but cannot be used.


class APIResponseError(BinanceError):
    """A response arrived that is an error or cannot be read."""

    def __init__(self, message: str, *, status_code: int, headers: httpx.Headers) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.headers = headers

    @property
    def used_weight_1m(self) -> int | None:
        """``X-MBX-USED-WEIGHT-1M`` of the response, if the exchange sent a readable one."""
        return used_weight_1m(self.headers)


class ResponseDecodeError(APIResponseError):
    """A success body that is not what the spec promises; ``content`` keeps it whole.

    ``index`` is the position of the item that failed in a list body, ``field`` the JSON
    name of the field, when the failure is that precise.
    """

    def __init__(
        self,
        reason: str,
        *,
        status_code: int,
        headers: httpx.Headers,
        content: bytes,
        index: int | None = None,
        field: str | None = None,
    ) -> None:
        where = "".join(
            [
                f" at item {index}" if index is not None else "",
                f", field {field!r}" if field else "",
            ]
        )
        super().__init__(
            f"HTTP {status_code}: unreadable response body{where} ({reason}): {snippet(content)!r}",
            status_code=status_code,
            headers=headers,
        )
        self.reason = reason
        self.content = content
        self.index = index
        self.field = field

    @property
    def snippet(self) -> str:
        return snippet(self.content)


class ResponseTooLargeError(APIResponseError):
    """The body, decompressed, is larger than the client's ``max_response_bytes``."""


class APIStatusError(APIResponseError):
    """Binance answered with an error status; ``code`` is None if the body is not Binance's JSON."""

    def __init__(
        self, *, code: int | None, msg: str, status_code: int, headers: httpx.Headers
    ) -> None:
        label = f"Binance error {code}" if code is not None else "Binance error"
        super().__init__(
            f"{label} (HTTP {status_code}): {msg}" if msg else f"{label} (HTTP {status_code})",
            status_code=status_code,
            headers=headers,
        )
        self.code = code
        self.msg = msg
        self.retry_after = retry_after_seconds(headers)


class InvalidRequestError(APIStatusError):
    """A parameter is missing, malformed or unknown to the exchange (-1102, -1121, -1130, ...)."""


class OrderNotFoundError(InvalidRequestError):
    """-2013: no such open order (it was filled, cancelled, or never existed)."""


class AuthenticationError(APIStatusError):
    """The API key or the signature was refused (-2014, -2015, -1022, -1002)."""


class TimestampError(APIStatusError):
    """The timestamp is outside recvWindow or ahead of the server's clock (-1021)."""


class ForbiddenError(APIStatusError):
    """HTTP 403: the web application firewall refused the request."""


class NotFoundError(APIStatusError):
    """HTTP 404: no such endpoint at this base URL."""


class RateLimitError(APIStatusError):
    """HTTP 429: the request-weight limit was broken; wait ``retry_after`` seconds."""


class IPBannedError(RateLimitError):
    """HTTP 418: the IP is banned for continuing after 429s; wait ``retry_after`` seconds."""


class ServerError(APIStatusError):
    """HTTP 5xx or 408: a problem on Binance's side."""


class ExecutionStatusUnknownError(ServerError):
    """The request may or may not have been executed (503 "Unknown error...", -1006, -1007)."""


def _status_classes() -> dict[str, type[APIStatusError]]:
    classes, pending = {}, [APIStatusError]
    while pending:
        found = pending.pop()
        classes[found.__name__] = found
        pending.extend(found.__subclasses__())
    return classes


def _classes_named(names: Mapping[K, str]) -> dict[K, type[APIStatusError]]:
    known = _status_classes()
    missing = sorted(set(names.values()) - set(known))
    if missing:
        raise ImportError(f"openapi.yaml names error classes that do not exist: {missing}")
    return {key: known[name] for key, name in names.items()}


BY_CODE = _classes_named(
    {code.code: code.error_class for code in SPEC.error_codes.values() if code.error_class}
)
BY_MESSAGE = _classes_named(
    {(message.status, message.text): name for message, name in SPEC.messages.values()}
)
BY_STATUS = _classes_named(dict(SPEC.status_classes))


def snippet(content: bytes) -> str:
    """The start of a body, on one line, for messages about bodies that could not be read."""
    text = " ".join(content[: SNIPPET_LENGTH * 2].decode("utf-8", errors="replace").split())
    return text[:SNIPPET_LENGTH]


def _error_body(content: bytes) -> tuple[int | None, str]:
    """Binance's ``code`` and ``msg``: each kept when it has the spec's type, alone or together."""
    try:
        body = msgspec.json.decode(content)
    except (ValueError, RecursionError):  # malformed JSON, invalid UTF-8, nesting too deep
        body = None
    fields = body if isinstance(body, dict) else {}
    code, msg = fields.get("code"), fields.get("msg")
    code = code if type(code) is int else None
    if isinstance(msg, str):
        return code, msg
    return code, "" if code is not None or not content else f"unexpected body: {snippet(content)!r}"


def error_code(content: bytes) -> int | None:
    """Binance's error code in a body, if the body is Binance's JSON error with one."""
    return _error_body(content)[0]


def error_class(status_code: int, code: int | None, msg: str) -> type[APIStatusError]:
    """The spec's class for an answer: by code, then by message, then by status."""
    if code is not None and code in BY_CODE:
        return BY_CODE[code]
    by_message = BY_MESSAGE.get((status_code, msg))
    if by_message is not None:
        return by_message
    return (
        BY_STATUS.get(str(status_code))
        or BY_STATUS.get(f"{status_code // 100}XX")
        or APIStatusError
    )


def error_from_answer(status_code: int, headers: httpx.Headers, content: bytes) -> APIStatusError:
    """The typed error for an answer whose status is not a success."""
    code, msg = _error_body(content)
    return error_class(status_code, code, msg)(
        code=code, msg=msg, status_code=status_code, headers=headers
    )


def error_message(content: bytes) -> str:
    """Binance's ``msg`` in an error body, or "" (see ``error_code``)."""
    return _error_body(content)[1]


__all__ = [
    "APIConnectionError",
    "APIResponseError",
    "APIStatusError",
    "APITimeoutError",
    "ArgumentTypeError",
    "AuthenticationError",
    "BinanceError",
    "ConfigurationError",
    "ExecutionStatusUnknownError",
    "ForbiddenError",
    "IPBannedError",
    "InvalidRequestError",
    "NotFoundError",
    "OrderNotFoundError",
    "RateLimitError",
    "ResponseDecodeError",
    "ResponseTooLargeError",
    "ServerError",
    "StreamGaveUpError",
    "TimestampError",
    "WeightBudgetExceededError",
]
