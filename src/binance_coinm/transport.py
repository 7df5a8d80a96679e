"""The transport a signed client sends through: origin, deadline, budget, retries, clock resync.

It wraps the transports that reach the network (built from what the user passed, or the one
the user gave, such as the mock exchange's). The policy is written once, as a generator that
yields what to do (send this request by then, or sleep this long) and is driven by
``handle_request`` with blocking calls and by ``handle_async_request`` with awaits, so sync
and async behave the same. Every body is read whole here, within the size limit, so a body
cut short is a failed attempt like a refused connection.

Rules, each in one place:
- only requests to the client's origin (scheme, host and port) are sent, redirects included:
  any other raises ConfigurationError and nothing leaves;
- a call ends by its deadline, whatever the server does: attempts, backoff, Retry-After,
  weight-budget waits and the clock resync all come out of it;
- each retry is signed afresh by the auth (it keeps the unsigned query in the request's
  extensions), so no attempt carries a stale timestamp.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Generator
from typing import Any

import anyio
import httpx
import msgspec

from . import _bodies, _network
from ._extensions import DEADLINE, ENDS, UNSIGNED_QUERY, WEIGHT
from ._headers import used_weight_1m
from ._logging import logger, redacted_query
from ._spec import SPEC
from .errors import (
    APITimeoutError,
    ConfigurationError,
    ResponseDecodeError,
    ResponseTooLargeError,
    WeightBudgetExceededError,
    error_code,
)
from .ratelimit import WeightBudget
from .retries import RetryPolicy
from .signing import BinanceAuth, origin_of

DEFAULT_DEADLINE = 15.0
"""Seconds one call may take in all: with the default 5 s attempts, a dead exchange gets
three tries and the call still ends in about 15 s."""
DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024
"""The largest body read, decompressed: some 60,000 orders, far above any real account."""
TIMESTAMP_CODE = next(c.code for c in SPEC.error_codes.values() if c.name == "INVALID_TIMESTAMP")


class Send(msgspec.Struct, frozen=True):
    """Send ``request``; the attempt must be over by ``by`` (time.monotonic())."""

    request: httpx.Request
    by: float


Action = Send | float
"""What the policy asks for: send a request, or sleep this many seconds."""
Outcome = httpx.Response | httpx.TransportError | None
"""What the driver sends back: the whole response, the error, or None after a sleep."""


def _log_attempt(request: httpx.Request, outcome: Outcome, attempt: int, started: float) -> None:
    elapsed_ms = (time.perf_counter() - started) * 1000
    what = f"{request.method} {request.url.path} (attempt {attempt + 1})"
    if isinstance(outcome, httpx.Response):
        used = used_weight_1m(outcome.headers)
        logger.info(
            "%s -> %d in %.1f ms, used weight %s", what, outcome.status_code, elapsed_ms, used
        )
        logger.debug("query: %s", redacted_query(request.url.query))
    else:
        logger.info("%s failed after %.1f ms: %s", what, elapsed_ms, type(outcome).__name__)


def _timeout_for(request: httpx.Request, left: float) -> dict[str, float]:
    """The request's httpx timeouts, none longer than what is left of the deadline."""
    given = request.extensions.get("timeout", {})
    return {part: left if given.get(part) is None else min(given[part], left) for part in given}


class BinanceTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Sends each request under the client's origin rule, deadline, budget, retries and resync."""

    def __init__(
        self,
        auth: BinanceAuth,
        *,
        retry: RetryPolicy | None = None,
        budget: WeightBudget | None = None,
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
        transport_options: dict[str, Any] | None = None,
        deadline: float = DEFAULT_DEADLINE,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        self.auth = auth
        self.retry = retry or RetryPolicy()
        self.budget = budget
        self.deadline = deadline
        self.max_response_bytes = max_response_bytes
        self._given = transport
        self._options = transport_options or {}
        self._async_lock = threading.Lock()
        self._sync = transport if isinstance(transport, httpx.BaseTransport) else None
        self._async = transport if isinstance(transport, httpx.AsyncBaseTransport) else None
        if transport is None:  # built now, so that options the network refuses fail here
            self._sync = _network.sync_transport(self._options)

    def __repr__(self) -> str:
        return (
            f"BinanceTransport(retry={self.retry!r}, budget={self.budget!r}, "
            f"deadline={self.deadline!r}, max_response_bytes={self.max_response_bytes!r})"
        )

    # The policy: what to do, written once for sync and async.

    def _policy(self, request: httpx.Request) -> Generator[Action, Outcome, httpx.Response]:
        if origin_of(request.url) != self.auth.origin:
            raise ConfigurationError(
                f"refusing to send a request to {origin_of(request.url).label}: "
                f"this client is for {self.auth.origin.label}"
            )
        request.headers["Accept-Encoding"] = _bodies.ACCEPT_ENCODING
        ends = request.extensions.setdefault(
            ENDS, time.monotonic() + request.extensions.get(DEADLINE, self.deadline)
        )
        weight = request.extensions.get(WEIGHT, 1)
        attempt, resynced = 0, False
        while True:
            if self.budget is not None:
                yield from self._wait_for_budget(request, weight, ends)
            left = ends - time.monotonic()
            if left <= 0:
                raise APITimeoutError(f"deadline passed before attempt {attempt + 1}")
            request.extensions["timeout"] = _timeout_for(request, left)
            started = time.perf_counter()
            outcome = yield Send(request, ends)
            if logger.isEnabledFor(logging.INFO):
                _log_attempt(request, outcome, attempt, started)
            if isinstance(outcome, httpx.TransportError):
                delay = self.retry.delay_after_error(request, attempt)
                if delay is None or delay >= ends - time.monotonic():
                    raise outcome
            else:
                assert isinstance(outcome, httpx.Response)
                response = outcome
                if self.budget is not None:
                    self.budget.observe(used_weight_1m(response.headers))
                if not resynced and self._is_clock_error(request, response):
                    resynced = True
                    if (yield from self._resync(request, ends)):
                        self._resign(request)
                        continue
                    return response
                delay = self.retry.delay_after_response(request, response, attempt)
                if delay is None or delay >= ends - time.monotonic():
                    return response
            logger.info("retrying %s %s in %.2f s", request.method, request.url.path, delay)
            yield delay
            attempt += 1
            self._resign(request)

    def _wait_for_budget(
        self, request: httpx.Request, weight: int, ends: float
    ) -> Generator[Action, Outcome, None]:
        assert self.budget is not None
        waited = False
        while (wait := self.budget.reserve(weight)) > 0:
            if wait >= ends - time.monotonic():
                raise WeightBudgetExceededError(
                    f"a call of weight {weight} must wait {wait:.1f} s for the weight budget, "
                    "longer than what is left of its deadline",
                    retry_after=wait,
                )
            logger.info("weight budget spent: waiting %.2f s", wait)
            yield wait
            waited = True
        if waited:
            self._resign(request)

    def _is_clock_error(self, request: httpx.Request, response: httpx.Response) -> bool:
        return (
            UNSIGNED_QUERY in request.extensions
            and response.status_code == 400
            and error_code(response.content) == TIMESTAMP_CODE
        )

    def _resign(self, request: httpx.Request) -> None:
        """Give a signed request a fresh timestamp and signature after any wait."""
        if UNSIGNED_QUERY in request.extensions:
            self.auth.sign_request(request)

    def _resync(self, request: httpx.Request, ends: float) -> Generator[Action, Outcome, bool]:
        """Correct the auth's clock from the exchange's time; False if it could not be read."""
        from binance_coinm_rest.api.market import check_server_time

        kwargs = check_server_time.ENDPOINT.request()
        time_request = httpx.Request(
            kwargs["method"],
            self.auth.base_url.copy_with(
                raw_path=self.auth.base_url.raw_path.rstrip(b"/") + kwargs["url"].encode()
            ),
            extensions={"timeout": request.extensions.get("timeout", {})},
        )
        clock = self.auth.clock
        sent_at = clock.local_ms()
        outcome = yield Send(time_request, ends)
        if not isinstance(outcome, httpx.Response):
            return False
        try:
            server_time = check_server_time.ENDPOINT.parse(outcome).server_time
        except Exception:
            return False
        clock.observe(server_time, sent_at, clock.local_ms())
        logger.info("clock resynced: offset %+d ms", clock.offset_ms)
        return True

    # The drivers: how to send and sleep, sync and async.

    def _sync_transport(self) -> httpx.BaseTransport:
        if self._sync is None:  # built with the client, unless the user gave an async one
            raise ConfigurationError("the transport given to this client serves async calls only")
        return self._sync

    def _async_transport(self) -> httpx.AsyncBaseTransport:
        if self._async is None:
            if self._given is not None:
                raise ConfigurationError(
                    "the transport given to this client serves sync calls only"
                )
            with self._async_lock:  # built at the first async call: it imports aiohttp
                if self._async is None:
                    self._async = _network.async_transport(self._options)
        return self._async

    def _read_failed(self, response: httpx.Response, exc: Exception) -> Exception:
        if isinstance(exc, _bodies.BodyTooLarge):
            return ResponseTooLargeError(
                f"HTTP {response.status_code}: the body is larger than "
                f"max_response_bytes={self.max_response_bytes}",
                status_code=response.status_code,
                headers=response.headers,
            )
        return ResponseDecodeError(
            str(exc), status_code=response.status_code, headers=response.headers, content=b""
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        transport = self._sync_transport()
        policy = self._policy(request)
        outcome: Outcome = None
        try:
            while True:
                action = policy.send(outcome)
                if isinstance(action, float):
                    time.sleep(action)
                    outcome = None
                    continue
                response = None
                try:
                    with _network.deadline(action.by):
                        response = transport.handle_request(action.request)
                        outcome = _bodies.read(response, self.max_response_bytes, action.request)
                except httpx.TransportError as exc:
                    outcome = exc
                except (_bodies.BodyTooLarge, _bodies.UnreadableEncoding) as exc:
                    assert response is not None
                    raise self._read_failed(response, exc) from None
        except StopIteration as stop:
            final: httpx.Response = stop.value
            return final

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        transport = self._async_transport()
        policy = self._policy(request)
        outcome: Outcome = None
        try:
            while True:
                action = policy.send(outcome)
                if isinstance(action, float):
                    await anyio.sleep(action)
                    outcome = None
                    continue
                response = None
                try:
                    with anyio.fail_after(max(action.by - time.monotonic(), 0)):
                        response = await transport.handle_async_request(action.request)
                        outcome = await _bodies.aread(
                            response, self.max_response_bytes, action.request
                        )
                except TimeoutError:
                    outcome = httpx.ReadTimeout("the call's deadline passed", request=request)
                except httpx.TransportError as exc:
                    outcome = exc
                except (_bodies.BodyTooLarge, _bodies.UnreadableEncoding) as exc:
                    assert response is not None
                    raise self._read_failed(response, exc) from None
        except StopIteration as stop:
            final: httpx.Response = stop.value
            return final

    def close(self) -> None:
        if self._sync is not None:
            self._sync.close()

    async def aclose(self) -> None:
        if self._async is not None:
            await self._async.aclose()


__all__ = ["DEFAULT_DEADLINE", "DEFAULT_MAX_RESPONSE_BYTES", "BinanceTransport"]
