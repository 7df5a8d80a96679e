"""The transport a signed client sends through: budget, retries, clock resync and logging.

It wraps httpx's own transport (or one the user gives, such as the mock exchange's). The
policy is written once, as a generator that yields what to do (send this request, or sleep
this long) and is driven by ``handle_request`` with blocking calls and by
``handle_async_request`` with awaits, so sync and async behave the same.

Each retry is signed afresh by the auth (it keeps the unsigned query in the request's
extensions), so no attempt carries a stale timestamp.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Generator

import anyio
import httpx
import msgspec

from binance_coinm_rest.types import used_weight_1m

from ._logging import logger, redacted_query
from .ratelimit import WeightBudget, request_weight
from .retries import RetryPolicy
from .signing import UNSIGNED_QUERY, BinanceAuth

TIMESTAMP_OUTSIDE_RECV_WINDOW = -1021
SERVER_TIME_PATH = "/dapi/v1/time"

Action = httpx.Request | float
"""What the policy asks for: send this request, or sleep this many seconds."""
Outcome = httpx.Response | httpx.TransportError | None
"""What the driver sends back: the response, the error, or None after a sleep.

The driver reads the body of error responses and of the policy's own requests, which the
policy needs to look at; a success to the caller's request is left to stream."""


def _binance_code(response: httpx.Response) -> int | None:
    try:
        body = msgspec.json.decode(response.content)
    except msgspec.DecodeError:
        return None
    code = body.get("code") if isinstance(body, dict) else None
    return code if isinstance(code, int) else None


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


class BinanceTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Sends each request with the client-side weight budget, retries and one clock resync."""

    def __init__(
        self,
        auth: BinanceAuth,
        *,
        retry: RetryPolicy | None = None,
        budget: WeightBudget | None = None,
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.auth = auth
        self.retry = retry or RetryPolicy()
        self.budget = budget
        self._sync = transport if isinstance(transport, httpx.BaseTransport) else None
        self._async = transport if isinstance(transport, httpx.AsyncBaseTransport) else None
        self._given = transport is not None

    def __repr__(self) -> str:
        return f"BinanceTransport(retry={self.retry!r}, budget={self.budget!r})"

    def _policy(self, request: httpx.Request) -> Generator[Action, Outcome, httpx.Response]:
        weight = request_weight(request)
        attempt = 0
        resynced = False
        while True:
            if self.budget is not None and (wait := self.budget.reserve(weight)) > 0:
                while wait > 0:
                    logger.info("weight budget spent: waiting %.2f s", wait)
                    yield wait
                    wait = self.budget.reserve(weight)
                self._resign(request)
            started = time.perf_counter()
            outcome = yield request
            if logger.isEnabledFor(logging.INFO):
                _log_attempt(request, outcome, attempt, started)
            if isinstance(outcome, httpx.TransportError):
                delay = self.retry.delay_after_error(request, attempt)
                if delay is None:
                    raise outcome
            else:
                assert isinstance(outcome, httpx.Response)
                response = outcome
                if self.budget is not None:
                    self.budget.observe(used_weight_1m(response.headers))
                if (
                    not resynced
                    and response.status_code == 400
                    and UNSIGNED_QUERY in request.extensions
                    and _binance_code(response) == TIMESTAMP_OUTSIDE_RECV_WINDOW
                ):
                    resynced = True
                    if (yield from self._resync(request)):
                        self._resign(request)
                        continue
                    return response
                delay = self.retry.delay_after_response(request, response, attempt)
                if delay is None:
                    return response
            logger.info("retrying %s %s in %.2f s", request.method, request.url.path, delay)
            yield delay
            attempt += 1
            self._resign(request)

    def _resign(self, request: httpx.Request) -> None:
        """Give a signed request a fresh timestamp and signature after any wait."""
        if UNSIGNED_QUERY in request.extensions:
            self.auth.sign_request(request)

    def _resync(self, request: httpx.Request) -> Generator[Action, Outcome, bool]:
        """Correct the auth's clock from ``/dapi/v1/time``; False if the server did not say."""
        clock = self.auth.clock
        time_request = httpx.Request(
            "GET",
            request.url.copy_with(path=SERVER_TIME_PATH, query=None),
            extensions={"timeout": request.extensions.get("timeout", {})},
        )
        sent_at = clock.local_ms()
        outcome = yield time_request
        if not isinstance(outcome, httpx.Response) or outcome.status_code != 200:
            return False
        try:
            server_time = msgspec.json.decode(outcome.content)["serverTime"]
        except (msgspec.DecodeError, KeyError, TypeError):
            return False
        if not isinstance(server_time, int):
            return False
        clock.observe(server_time, sent_at, clock.local_ms())
        logger.info("clock resynced: offset %+d ms", clock.offset_ms)
        return True

    def _sync_transport(self) -> httpx.BaseTransport:
        if self._sync is None:
            if self._given:
                raise TypeError("the transport given to this client does not support sync calls")
            self._sync = httpx.HTTPTransport()
        return self._sync

    def _async_transport(self) -> httpx.AsyncBaseTransport:
        if self._async is None:
            if self._given:
                raise TypeError("the transport given to this client does not support async calls")
            self._async = httpx.AsyncHTTPTransport()
        return self._async

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
                try:
                    outcome = transport.handle_request(action)
                    if outcome.status_code >= 400 or action is not request:
                        outcome.read()
                except httpx.TransportError as exc:
                    outcome = exc
        except StopIteration as stop:
            response: httpx.Response = stop.value
            return response

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
                try:
                    outcome = await transport.handle_async_request(action)
                    if outcome.status_code >= 400 or action is not request:
                        await outcome.aread()
                except httpx.TransportError as exc:
                    outcome = exc
        except StopIteration as stop:
            response: httpx.Response = stop.value
            return response

    def close(self) -> None:
        if self._sync is not None:
            self._sync.close()

    async def aclose(self) -> None:
        if self._async is not None:
            await self._async.aclose()
