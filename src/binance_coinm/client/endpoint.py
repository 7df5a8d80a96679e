"""What every generated endpoint function does, written once: check, call, read.

A generated module names its operation (by method and path) and its response type; this module
reads what the spec says of that operation (parameters and their schemas, the parameter
rules, its security, its weight), checks the caller's arguments against it, builds the Call,
sends it through the client, and turns the answer into the parsed value or a typed error,
reading the body within the call's deadline. Whatever goes wrong comes out as a BinanceError
with no traceback or chained exception attached, so that neither the API key nor a signature
rides along with an exception.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any, Generic, TypeVar
from urllib.parse import quote

import httpx

from .. import _checks
from ..calls.call import Answer, Call, with_options
from ..decoding.rules import BodyError, DeadlinePassed, Decoder
from ..errors import (
    APITimeoutError,
    ArgumentTypeError,
    BinanceError,
    ConfigurationError,
    ResponseDecodeError,
    error_from_answer,
)
from ..spec import SPEC
from ..types import Response
from .base import AuthenticatedClient, Client, bare

T = TypeVar("T")
SUCCESS = 200


class Endpoint(Generic[T]):
    """One operation of the spec, as the generated functions call it."""

    def __init__(
        self, method: str, path: str, result_type: Any, arguments: Mapping[str, str]
    ) -> None:
        operation = SPEC.operation_at(method, path)
        if operation is None:
            raise AssertionError(f"{method} {path} is not in the spec the package ships")
        self.operation = operation
        self.decoder = Decoder(result_type)
        self.arguments = dict(arguments)
        """The spec's parameter name of each argument of the generated functions."""
        self._labels = {name: label for label, name in self.arguments.items()}
        self._parameters = {p.name: p for p in self.operation.parameters if not p.signing}
        if set(self._labels) != set(self._parameters):
            raise AssertionError(f"{method} {path}: arguments do not match the spec's parameters")

    def call(self, values: Mapping[str, object]) -> Call:
        """The Call for these arguments, once they satisfy the spec; None means not sent."""
        query: list[str] = []
        sent: list[str] = []
        for label, value in values.items():
            if value is None:
                continue
            name = self.arguments[label]
            text = _checks.query_value(self._parameters[name], value, label)
            query.append(f"{name}={quote(text, safe='')}")
            sent.append(name)
        self._check_rules(sent)
        operation = self.operation
        return Call(operation, "&".join(query).encode("ascii"), operation.weight(sent))

    def _check_rules(self, sent: list[str]) -> None:
        for name, parameter in self._parameters.items():
            if parameter.required and name not in sent:
                raise ConfigurationError(f"{self._labels[name]} is required")
        for names in self.operation.exactly_one_of:
            if sum(name in sent for name in names) != 1:
                raise ConfigurationError(f"give exactly one of {self._listed(names)}")
        for names in self.operation.at_most_one_of:
            if sum(name in sent for name in names) > 1:
                raise ConfigurationError(f"give at most one of {self._listed(names)}")

    def _listed(self, names: tuple[str, ...]) -> str:
        return ", ".join(self._labels[name] for name in names)

    def parse(self, answer: Answer, ends: float | None = None) -> T:
        """The parsed success body, or the typed error the answer stands for; ``ends``
        (time.monotonic()) is the deadline the reading of a large body keeps to."""
        if answer.status_code != SUCCESS:
            raise error_from_answer(answer.status_code, answer.headers, answer.content)
        try:
            parsed: T = self.decoder.decode(answer.content, ends)
        except BodyError as exc:
            error: BinanceError = ResponseDecodeError(
                exc.reason,
                status_code=answer.status_code,
                headers=answer.headers,
                content=answer.content,
                index=exc.index,
                field=exc.field,
            )
        except DeadlinePassed:
            error = APITimeoutError("the call's deadline passed while its body was read")
        else:
            return parsed
        raise error

    def _response(self, answer: Answer, ends: float) -> Response[T]:
        if time.monotonic() >= ends:
            raise APITimeoutError("the call's deadline passed before its body was read")
        return Response(
            status_code=answer.status_code,
            content=answer.content,
            headers=answer.headers,
            parsed=self.parse(answer, ends),
        )

    def _checked(
        self,
        client: object,
        values: Mapping[str, object],
        timeout: float | httpx.Timeout | None,
        max_retries: int | None,
        deadline: float | None,
    ) -> Call:
        needed = AuthenticatedClient if self.operation.keyed else Client
        if not isinstance(client, needed):
            what = "an AuthenticatedClient" if self.operation.keyed else "a Client"
            raise ArgumentTypeError(
                f"client must be {what} (see signed_client()), got {type(client).__name__}"
            )
        return with_options(self.call(values), timeout, max_retries, deadline)

    def sync(
        self,
        client: Client,
        values: Mapping[str, object],
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        deadline: float | None = None,
    ) -> Response[T]:
        """Send the call and read its answer (sync)."""
        try:
            call = self._checked(client, values, timeout, max_retries, deadline)
            finished = client.send(call)
            return self._response(finished.answer, finished.ends)
        except BinanceError as exc:
            error = bare(exc)
        raise error

    async def asyncio(
        self,
        client: Client,
        values: Mapping[str, object],
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        deadline: float | None = None,
    ) -> Response[T]:
        """Send the call and read its answer (async)."""
        try:
            call = self._checked(client, values, timeout, max_retries, deadline)
            finished = await client.asend(call)
            return self._response(finished.answer, finished.ends)
        except BinanceError as exc:
            error = bare(exc)
        raise error
