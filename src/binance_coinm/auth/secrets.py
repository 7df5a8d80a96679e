"""Credentials held so that no repr, log line or traceback can show them.

Every function that receives a key, secret or passphrase wraps it in a Secret before doing
anything else, so even the locals of a frame in a traceback (as error trackers record them)
hold only ``<redacted>``. The value is revealed only where it is used: the signer's MAC and
the API-key header.
"""

from __future__ import annotations

from typing import NoReturn, overload

from ..errors import ConfigurationError


class Secret:
    """A credential that shows as ``<redacted>`` and cannot be pickled."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    @overload
    @classmethod
    def of(cls, value: str | Secret) -> Secret: ...
    @overload
    @classmethod
    def of(cls, value: str | Secret | None) -> Secret | None: ...
    @classmethod
    def of(cls, value: str | Secret | None) -> Secret | None:
        return value if value is None or isinstance(value, Secret) else cls(value)

    def __repr__(self) -> str:
        return "<redacted>"

    __str__ = __repr__

    def __bool__(self) -> bool:
        return bool(self._value)

    def __reduce__(self) -> NoReturn:
        raise TypeError("a Secret cannot be pickled")

    def reveal(self) -> str:
        return self._value

    def is_header_token(self) -> bool:
        """Whether the value can go in a header as it is: printable ASCII, no spaces."""
        return (
            isinstance(self._value, str)
            and self._value.isascii()
            and self._value.isprintable()
            and " " not in self._value
        )

    def utf8(self, what: str) -> bytes:
        """The value as UTF-8, or a ConfigurationError that does not show it."""
        if not isinstance(self._value, str):
            raise ConfigurationError(f"{what} must be a str, got {type(self._value).__name__}")
        try:
            return self._value.encode()
        except UnicodeEncodeError:
            pass
        raise ConfigurationError(f"{what} is not valid text (it cannot be encoded as UTF-8)")
