# Generated from openapi.yaml by `make generate`. Do not edit: change the spec or generator/.
"""Everything the client raises: one small hierarchy, rooted at BinanceError.

Status errors carry Binance's ``code`` and ``msg``, the HTTP status, the response headers
and, on 418/429, ``retry_after``. No message contains the request's URL, query string or
headers, so signatures and keys cannot leak through logs of exceptions.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import orjson

from .types import used_weight_1m

SNIPPET_LENGTH = 200
UNKNOWN_EXECUTION_STATUS_MSG = (
    "Unknown error, please check your request or try again later."
)


class BinanceError(Exception):
    """Base class of every error this client raises."""


class ConfigurationError(BinanceError):
    """The client cannot send the request as configured (a missing key or secret, ...)."""


# Transport errors: no response arrived.


class APIConnectionError(BinanceError):
    """The request got no response: connection refused or dropped, DNS or TLS failure."""


class APITimeoutError(APIConnectionError):
    """The request timed out."""


# Response errors: a response arrived but cannot be used.


class APIResponseError(BinanceError):
    """A response arrived that is an error or cannot be read."""

    def __init__(
        self, message: str, *, status_code: int, headers: httpx.Headers
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.headers = headers

    @property
    def used_weight_1m(self) -> int | None:
        """``X-MBX-USED-WEIGHT-1M`` of the response, if the exchange sent it."""
        return used_weight_1m(self.headers)


class ResponseDecodeError(APIResponseError):
    """A success response whose body is not what the spec promises (HTML, truncated JSON, ...)."""

    def __init__(
        self, reason: str, *, status_code: int, headers: httpx.Headers, snippet: str
    ) -> None:
        super().__init__(
            f"HTTP {status_code}: undecodable response body ({reason}): {snippet!r}",
            status_code=status_code,
            headers=headers,
        )
        self.reason = reason
        self.snippet = snippet


class APIStatusError(APIResponseError):
    """Binance answered with an error status; ``code`` is None when the body was not Binance's JSON."""

    def __init__(
        self, *, code: int | None, msg: str, status_code: int, headers: httpx.Headers
    ) -> None:
        label = f"Binance error {code}" if code is not None else "Binance error"
        super().__init__(
            f"{label} (HTTP {status_code}): {msg}",
            status_code=status_code,
            headers=headers,
        )
        self.code = code
        self.msg = msg
        self.retry_after = _retry_after(headers)


class InvalidRequestError(APIStatusError):
    """A parameter is missing, malformed or unknown to the exchange (-1102, -1121, -1130, ...)."""


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
    """HTTP 503 "Unknown error...": the request may or may not have been executed."""


AUTHENTICATION_CODES = frozenset({-2014, -2015, -1022, -1002})
TIMESTAMP_CODES = frozenset({-1021})
STATUS_CLASSES: dict[int, type[APIStatusError]] = {
    401: AuthenticationError,
    403: ForbiddenError,
    404: NotFoundError,
    408: ServerError,
    418: IPBannedError,
    429: RateLimitError,
}


def snippet(content: bytes) -> str:
    """The start of a body, on one line, for messages about bodies that could not be read."""
    text = " ".join(
        content[: SNIPPET_LENGTH * 2].decode("utf-8", errors="replace").split()
    )
    return text[:SNIPPET_LENGTH]


def _retry_after(headers: httpx.Headers) -> float | None:
    value = headers.get("Retry-After")
    try:
        return max(float(value), 0.0) if value is not None else None
    except ValueError:
        return None


def _error_body(content: bytes) -> tuple[int | None, str]:
    try:
        body = orjson.loads(content)
    except orjson.JSONDecodeError:
        return None, f"non-JSON body: {snippet(content)!r}"
    if (
        isinstance(body, dict)
        and isinstance(body.get("code"), int)
        and isinstance(body.get("msg"), str)
    ):
        return body["code"], body["msg"]
    return None, f"unexpected body: {snippet(content)!r}"


def _status_class(status_code: int, code: int | None, msg: str) -> type[APIStatusError]:
    if code in TIMESTAMP_CODES:
        return TimestampError
    if code in AUTHENTICATION_CODES:
        return AuthenticationError
    if status_code == 503 and msg == UNKNOWN_EXECUTION_STATUS_MSG:
        return ExecutionStatusUnknownError
    if status_code >= 500:
        return ServerError
    if status_code in STATUS_CLASSES:
        return STATUS_CLASSES[status_code]
    if 400 <= status_code < 500:
        return InvalidRequestError
    return APIStatusError


def error_from_response(response: httpx.Response) -> APIStatusError:
    """The typed error for a response whose status is not a success."""
    code, msg = _error_body(response.content)
    error_class = _status_class(response.status_code, code, msg)
    return error_class(
        code=code, msg=msg, status_code=response.status_code, headers=response.headers
    )


def decode_error(response: httpx.Response, exc: Exception) -> ResponseDecodeError:
    """The typed error for a success response whose body could not be read as the spec says."""
    return ResponseDecodeError(
        f"{type(exc).__name__}: {exc}"[:SNIPPET_LENGTH],
        status_code=response.status_code,
        headers=response.headers,
        snippet=snippet(response.content),
    )


@contextmanager
def transport_errors() -> Iterator[None]:
    """Turn httpx's transport exceptions into APIConnectionError / APITimeoutError.

    httpx's transport messages name the failure, not the URL; the signed request stays
    reachable only through the chained exception.
    """
    try:
        yield
    except httpx.TimeoutException as exc:
        raise APITimeoutError(f"request timed out ({type(exc).__name__})") from exc
    except httpx.TransportError as exc:
        raise APIConnectionError(
            f"request failed without a response ({type(exc).__name__}: {exc})"
        ) from exc


__all__ = [
    "APIConnectionError",
    "APIResponseError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BinanceError",
    "ConfigurationError",
    "ExecutionStatusUnknownError",
    "ForbiddenError",
    "IPBannedError",
    "InvalidRequestError",
    "NotFoundError",
    "RateLimitError",
    "ResponseDecodeError",
    "ServerError",
    "TimestampError",
    "decode_error",
    "error_from_response",
    "snippet",
    "transport_errors",
]
