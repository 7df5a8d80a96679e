"""Binance's refusals: the error codes, messages and HTTP statuses the mock answers with.

Codes and texts are Binance's (COIN-M error-code page); the HTTP statuses are what the
exchange sends with them: 401 for API-key errors, 400 for the others.
"""

from __future__ import annotations


class Rejection(Exception):
    """A request the exchange refuses, with the body and status Binance would send."""

    def __init__(
        self, status: int, code: int, msg: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(f"{code} {msg}")
        self.status = status
        self.code = code
        self.msg = msg
        self.headers = headers or {}


def mandatory(name: str) -> Rejection:
    return Rejection(
        400, -1102, f"Mandatory parameter '{name}' was not sent, was empty/null, or malformed."
    )


def invalid_value(name: str) -> Rejection:
    return Rejection(400, -1130, f"Data sent for parameter '{name}' is not valid.")


def invalid_combination() -> Rejection:
    return Rejection(400, -1128, "Combination of optional parameters invalid.")


def unread_parameters(read: int, sent: int) -> Rejection:
    return Rejection(
        400,
        -1104,
        f"Not all sent parameters were read; read '{read}' parameter(s) but was sent '{sent}'.",
    )


def duplicate_parameter() -> Rejection:
    return Rejection(400, -1101, "Duplicate values for a parameter detected.")


def bad_api_key_format() -> Rejection:
    return Rejection(401, -2014, "API-key format invalid.")


def rejected_api_key() -> Rejection:
    return Rejection(401, -2015, "Invalid API-key, IP, or permissions for action.")


def invalid_signature() -> Rejection:
    return Rejection(400, -1022, "Signature for this request is not valid.")


def timestamp_ahead() -> Rejection:
    return Rejection(
        400, -1021, "Timestamp for this request was 1000ms ahead of the server's time."
    )


def timestamp_outside_window() -> Rejection:
    return Rejection(400, -1021, "Timestamp for this request is outside of the recvWindow.")


def invalid_symbol() -> Rejection:
    return Rejection(400, -1121, "Invalid symbol.")


def not_found() -> Rejection:
    return Rejection(404, -1000, "Not found.")


def method_not_allowed() -> Rejection:
    return Rejection(405, -1000, "Method not allowed.")
