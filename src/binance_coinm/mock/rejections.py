"""Binance's refusals, by the names openapi.yaml gives them (``x-binance-errors``).

Code, HTTP status and text all come from the spec the exchange runs on, so the mock answers
exactly what the spec (and the client reading the same spec) expects.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from binance_coinm.spec import ErrorMessage, Spec

from .reply import Reply, json_reply

PLACEHOLDER = "%s"


class Rejection(Exception):
    """A request the exchange refuses: an error code by NAME, one of its messages, its ``%s``.

    ``retry_after`` and ``used_weight`` are set by the weight limiter, whose refusals carry
    their own ``Retry-After`` and the weight counted so far.
    """

    def __init__(
        self,
        name: str,
        key: str = "default",
        *arguments: object,
        retry_after: int | None = None,
        used_weight: int | None = None,
    ) -> None:
        super().__init__(f"{name} ({key})")
        self.name = name
        self.key = key
        self.arguments = arguments
        self.retry_after = retry_after
        self.used_weight = used_weight

    def reply(self, spec: Spec, used_weight: int | None = None) -> Reply:
        """The refusal as the exchange sends it, with the used weight if it was charged."""
        used = self.used_weight if self.used_weight is not None else used_weight
        headers = {} if used is None else {spec.used_weight_header: str(used)}
        if self.retry_after is not None:
            headers["Retry-After"] = str(self.retry_after)
        code = spec.error_codes[self.name]
        return error_reply(code.code, code.messages[self.key], self.arguments, headers)


def error_reply(
    code: int,
    message: ErrorMessage,
    arguments: Sequence[object] = (),
    headers: Mapping[str, str] | None = None,
) -> Reply:
    """Binance's error body: ``code`` and the message's text with its ``%s`` filled in."""
    return json_reply(
        message.status, {"code": code, "msg": filled(message.text, arguments)}, headers
    )


def filled(text: str, arguments: Sequence[object]) -> str:
    """``text`` with each ``%s`` replaced by the next argument, as the exchange fills them."""
    parts = text.split(PLACEHOLDER)
    if len(parts) != len(arguments) + 1:
        raise AssertionError(f"{text!r} takes {len(parts) - 1} arguments, not {len(arguments)}")
    words = [str(argument) for argument in arguments]
    return "".join(part + word for part, word in zip(parts, [*words, ""], strict=True))
