"""What every generated endpoint function does, written once: check, send, read.

A generated module declares its operation (method and path) and its response type; this module
reads what the spec says about that operation (parameters and their schemas, the parameter
rules, whether it is signed, its weight), checks the caller's arguments against it, sends
the request through the client, and turns the answer into the parsed value or a typed error.
Whatever goes wrong comes out as a BinanceError, with no request, header or inner traceback
attached, so neither the API key nor a signature rides along with an exception.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Generic, TypeVar
from urllib.parse import quote

import httpx

from . import _checks
from ._decoding import BodyError, Decoder
from ._extensions import DEADLINE, MAX_RETRIES, WEIGHT
from ._logging import redacted_urls
from ._spec import SPEC
from .clients import AuthenticatedClient, Client
from .errors import (
    APIConnectionError,
    APITimeoutError,
    ArgumentTypeError,
    BinanceError,
    ConfigurationError,
    ResponseDecodeError,
    error_from_response,
)
from .types import Response

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

    def request(self, **values: object) -> dict[str, Any]:
        """httpx ``request()`` arguments for a call, once its arguments satisfy the spec."""
        query: list[str] = []
        for label, value in values.items():
            if value is None:
                continue
            name = self.arguments[label]
            text = _checks.query_value(self._parameters[name], value, label)
            query.append(f"{name}={quote(text, safe='')}")
        sent = [part.partition("=")[0] for part in query]
        self._check_rules(sent)
        operation = self.operation
        kwargs: dict[str, Any] = {
            "method": operation.method,
            "url": f"{operation.path}?{'&'.join(query)}" if query else operation.path,
            "extensions": {WEIGHT: operation.weight(sent)},
        }
        if not operation.signed:
            kwargs["auth"] = None
        return kwargs

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

    def parse(self, response: httpx.Response) -> T:
        """The parsed success body, or the typed error the answer stands for."""
        if response.status_code != SUCCESS:
            raise error_from_response(response)
        try:
            parsed: T = self.decoder.decode(response.content)
        except BodyError as exc:
            error = ResponseDecodeError(
                exc.reason,
                status_code=response.status_code,
                headers=response.headers,
                content=response.content,
                index=exc.index,
                field=exc.field,
            )
        else:
            return parsed
        raise error

    def _response(self, response: httpx.Response) -> Response[T]:
        return Response(
            status_code=response.status_code,
            content=response.content,
            headers=response.headers,
            parsed=self.parse(response),
        )

    def _call_options(
        self,
        client: object,
        kwargs: dict[str, Any],
        timeout: float | httpx.Timeout | None,
        max_retries: int | None,
        deadline: float | None,
    ) -> dict[str, Any]:
        needed = AuthenticatedClient if self.operation.signed else Client
        if not isinstance(client, needed):
            what = "an AuthenticatedClient" if self.operation.signed else "a Client"
            raise ArgumentTypeError(
                f"client must be {what} (see signed_client()), got {type(client).__name__}"
            )
        return _with_call_options(kwargs, timeout, max_retries, deadline)

    def send(
        self,
        client: AuthenticatedClient | Client,
        kwargs: dict[str, Any],
        *,
        timeout: float | httpx.Timeout | None,
        max_retries: int | None,
        deadline: float | None,
    ) -> Response[T]:
        options = self._call_options(client, kwargs, timeout, max_retries, deadline)
        try:
            response = client.send(options)
        except (httpx.HTTPError, httpx.InvalidURL, BinanceError) as exc:
            error = _as_binance_error(exc)
        else:
            return self._response(response)
        raise error

    async def asend(
        self,
        client: AuthenticatedClient | Client,
        kwargs: dict[str, Any],
        *,
        timeout: float | httpx.Timeout | None,
        max_retries: int | None,
        deadline: float | None,
    ) -> Response[T]:
        options = self._call_options(client, kwargs, timeout, max_retries, deadline)
        try:
            response = await client.asend(options)
        except (httpx.HTTPError, httpx.InvalidURL, BinanceError) as exc:
            error = _as_binance_error(exc)
        else:
            return self._response(response)
        raise error


def _with_call_options(
    kwargs: dict[str, Any],
    timeout: float | httpx.Timeout | None,
    max_retries: int | None,
    deadline: float | None,
) -> dict[str, Any]:
    extensions = dict(kwargs["extensions"])
    options = {**kwargs, "extensions": extensions}
    if timeout is not None:
        options["timeout"] = _checks.timeout(timeout)
    if max_retries is not None:
        extensions[MAX_RETRIES] = _checks.integer(max_retries, "max_retries", minimum=0)
    if deadline is not None:
        extensions[DEADLINE] = _checks.seconds(deadline, "deadline")
    return options


def _as_binance_error(exc: Exception) -> BinanceError:
    """The BinanceError to raise for ``exc``, holding nothing of the request it came from."""
    if isinstance(exc, BinanceError):
        exc.__traceback__ = exc.__context__ = exc.__cause__ = None
        return exc
    if isinstance(exc, httpx.InvalidURL):
        return ConfigurationError(f"cannot build the request URL: {exc}")
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"request timed out ({type(exc).__name__})")
    if isinstance(exc, httpx.TooManyRedirects):
        return APIConnectionError("too many redirects")
    return APIConnectionError(
        f"request failed without a response ({type(exc).__name__}: {redacted_urls(str(exc))})"
    )
