"""The policy of one call, written once for sync and async: origin, deadline, budget, retries,
redirects and clock resync.

It does no I/O. It is a generator that yields what to do (reserve weight, send this request
by then, sleep this long, report the exchange's count, give weight back) and is told what
came of it; ``drive`` runs it with blocking calls or with awaits, so sync and async behave
the same. Rules, each in one place:
- a call ends by its deadline, whatever the server does: attempts, backoff, Retry-After,
  weight-budget waits, redirects, the clock resync (and, in the endpoint, reading the body)
  all come out of it;
- each attempt is signed afresh, so no retry carries a stale timestamp;
- only the client's origin (scheme, host and port) is ever sent to, redirects included: any
  other raises ConfigurationError and nothing leaves;
- weight is reserved before each attempt and given back when the request never left.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Generator

import httpx
import msgspec

from .._headers import used_weight_1m
from .._logging import logger, redacted_query, redacted_urls
from ..auth.hook import BinanceAuth
from ..auth.origin import Origin, require_origin
from ..budget.base import Budget
from ..clock import ServerClock
from ..errors import (
    APIConnectionError,
    APITimeoutError,
    BinanceError,
    ConfigurationError,
    ResponseDecodeError,
    WeightBudgetExceededError,
    error_code,
    error_from_answer,
    error_message,
)
from ..spec import SPEC, Operation
from .call import Answer, Call
from .network.base import Outgoing
from .retries import RetryPolicy

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
INVALID_TIMESTAMP = SPEC.error_code("INVALID_TIMESTAMP")
MALFORMED = SPEC.error_codes["MANDATORY_PARAM_EMPTY_OR_MALFORMED"]
MALFORMED_TIMESTAMP = MALFORMED.messages["default"].text.replace("%s", SPEC.timestamp_parameter)
"""-1102 naming the timestamp: what the exchange answers to a timestamp no clock can give."""
NOT_SENT = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.ProxyError,
    httpx.UnsupportedProtocol,
)
"""Faults that happen before a request leaves: the exchange never counted it."""


class Settings(msgspec.Struct, frozen=True, gc=False):
    """What a client's calls share: where they go, how they are signed, and the policies."""

    base_url: str
    """The API root, without a trailing slash."""
    origin: Origin
    auth: BinanceAuth | None
    clock: ServerClock
    headers: tuple[tuple[str, str], ...]
    """Sent with every request (the user's ``headers``, ``Accept-Encoding``)."""
    timeout: httpx.Timeout
    deadline: float
    retry: RetryPolicy
    budget: Budget | None
    max_response_bytes: int
    follow_redirects: bool = False
    max_redirects: int = 20


# What the policy asks of its driver.


class Send(msgspec.Struct, frozen=True, gc=False):
    """Send ``outgoing``; the attempt must be over by ``by`` (time.monotonic()). ``weight`` is
    what was reserved for it: given back if the call is cancelled before the request leaves."""

    outgoing: Outgoing
    by: float
    weight: int = 0


class Sleep(msgspec.Struct, frozen=True, gc=False):
    seconds: float


class Reserve(msgspec.Struct, frozen=True, gc=False):
    """Charge ``weight`` to the budget; the driver answers 0, or the seconds to wait first."""

    weight: int
    by: float


class Observe(msgspec.Struct, frozen=True, gc=False):
    """Tell the budget the exchange's count for this minute."""

    used: int
    by: float


class Refund(msgspec.Struct, frozen=True, gc=False):
    """Give the budget back ``weight`` reserved for a request that never left."""

    weight: int
    by: float


Action = Send | Sleep | Reserve | Observe | Refund
Outcome = Answer | httpx.TransportError | float | None
"""What the driver sends back: the answer or the transport's error (Send), the wait (Reserve),
or None."""


class Finished(msgspec.Struct, frozen=True, gc=False):
    """The answer a call ends with, and its deadline (reading the body must keep to it)."""

    answer: Answer
    ends: float


def as_binance_error(exc: Exception) -> BinanceError:
    """The BinanceError for a transport's error, holding nothing of the request it came from."""
    if isinstance(exc, BinanceError):
        return exc
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"request timed out ({type(exc).__name__})")
    if isinstance(exc, httpx.InvalidURL):
        return ConfigurationError(f"cannot build the request URL: {redacted_urls(str(exc))}")
    return APIConnectionError(
        f"request failed without a response ({type(exc).__name__}: {redacted_urls(str(exc))})"
    )


def _timeouts(timeout: httpx.Timeout, left: float) -> dict[str, float | None]:
    """The attempt's httpx timeouts, none longer than what is left of the deadline."""
    return {
        part: left if given is None else min(given, left)
        for part, given in (
            ("connect", timeout.connect),
            ("read", timeout.read),
            ("write", timeout.write),
            ("pool", timeout.pool),
        )
    }


def _log_attempt(outgoing: Outgoing, outcome: Outcome, attempt: int, started: float) -> None:
    elapsed_ms = (time.perf_counter() - started) * 1000
    path, _, query = outgoing.url.partition("?")
    what = f"{outgoing.method} {httpx.URL(path).path} (attempt {attempt + 1})"
    if isinstance(outcome, Answer):
        used = used_weight_1m(outcome.headers)
        logger.info(
            "%s -> %d in %.1f ms, used weight %s", what, outcome.status_code, elapsed_ms, used
        )
        logger.debug("query: %s", redacted_query(query.encode()))
    else:
        logger.info("%s failed after %.1f ms: %s", what, elapsed_ms, type(outcome).__name__)


class Policy:
    """The plan of every call of one client (see the module's docstring)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def _outgoing(
        self, operation: Operation, query: bytes, timeout: httpx.Timeout, ends: float
    ) -> Outgoing:
        """One attempt's request, signed now when the operation is signed."""
        left = ends - time.monotonic()
        if left <= 0:
            raise APITimeoutError("the call's deadline passed before its next attempt")
        settings = self.settings
        headers = list(settings.headers)
        auth = settings.auth
        if operation.keyed:
            if auth is None:
                raise ConfigurationError(
                    f"{operation.operation_id} needs an API key: use signed_client()"
                )
            headers.append(auth.api_key_header)
            if operation.signed:
                query = auth.signed_query(query)
        url = settings.base_url + operation.path
        return Outgoing(
            operation.method,
            f"{url}?{query.decode('ascii')}" if query else url,
            headers,
            _timeouts(timeout, left),
        )

    def plan(self, call: Call) -> Generator[Action, Outcome, Finished]:
        """Every attempt and wait of ``call``, until the answer it ends with."""
        settings = self.settings
        retry = settings.retry
        ends = time.monotonic() + (settings.deadline if call.deadline is None else call.deadline)
        retries = retry.max_retries if call.max_retries is None else call.max_retries
        timeout = settings.timeout if call.timeout is None else call.timeout
        operation = call.operation
        attempt, resynced = 0, False
        while True:
            if settings.budget is not None:
                yield from self._reserve(call.weight, ends)
            outgoing = self._outgoing(operation, call.query, timeout, ends)
            started = time.perf_counter()
            reserved = call.weight if settings.budget is not None else 0
            outcome = yield from self._exchange(outgoing, timeout, ends, reserved)
            if logger.isEnabledFor(logging.INFO):
                _log_attempt(outgoing, outcome, attempt, started)
            if isinstance(outcome, httpx.TransportError):
                if settings.budget is not None and isinstance(outcome, NOT_SENT):
                    yield Refund(call.weight, ends)
                delay = retry.delay_after_error(operation.method, attempt, retries)
                if delay is None or delay >= ends - time.monotonic():
                    raise as_binance_error(outcome)
            else:
                if not resynced and operation.signed and _is_clock_error(outcome):
                    resynced = True
                    if (yield from self._resync(timeout, ends)):
                        continue
                    return Finished(outcome, ends)
                delay = retry.delay_after_response(
                    operation.method, outcome.status_code, outcome.headers, attempt, retries
                )
                if delay is None or delay >= ends - time.monotonic():
                    return Finished(outcome, ends)
            logger.info("retrying %s %s in %.2f s", operation.method, operation.path, delay)
            yield Sleep(delay)
            attempt += 1

    def _reserve(self, weight: int, ends: float) -> Generator[Action, Outcome, None]:
        """Wait, within the deadline, until the budget has room for ``weight``, and charge it."""
        while True:
            wait = yield Reserve(weight, ends)
            assert isinstance(wait, float | int)
            if not wait:
                return
            if wait >= ends - time.monotonic():
                raise WeightBudgetExceededError(
                    f"a call of weight {weight} must wait {wait:.1f} s for the weight budget, "
                    "longer than what is left of its deadline",
                    retry_after=wait,
                )
            logger.info("weight budget spent: waiting %.2f s", wait)
            yield Sleep(wait)

    def _exchange(
        self, outgoing: Outgoing, timeout: httpx.Timeout, ends: float, reserved: int
    ) -> Generator[Action, Outcome, Answer | httpx.TransportError]:
        """Send ``outgoing`` and follow the redirects the client is told to follow."""
        settings = self.settings
        hops = 0
        while True:
            outcome = yield Send(outgoing, ends, reserved if hops == 0 else 0)
            assert isinstance(outcome, Answer | httpx.TransportError)
            if isinstance(outcome, httpx.TransportError):
                return outcome
            used = used_weight_1m(outcome.headers)
            if settings.budget is not None and used is not None:
                yield Observe(used, ends)
            location = outcome.headers.get("Location")
            if not (
                settings.follow_redirects
                and outcome.status_code in REDIRECT_STATUSES
                and location is not None
            ):
                return outcome
            hops += 1
            if hops > settings.max_redirects:
                raise APIConnectionError("too many redirects")
            outgoing = self._redirected(outgoing, outcome.status_code, location, timeout, ends)

    def _redirected(
        self, outgoing: Outgoing, status: int, location: str, timeout: httpx.Timeout, ends: float
    ) -> Outgoing:
        try:
            url = httpx.URL(outgoing.url).join(location)
        except (httpx.InvalidURL, ValueError):
            raise APIConnectionError("a redirect to a Location that is not a URL") from None
        require_origin(url, self.settings.origin)
        left = ends - time.monotonic()
        if left <= 0:
            raise APITimeoutError("the call's deadline passed while following redirects")
        method = "GET" if status == 303 else outgoing.method
        return Outgoing(method, str(url), outgoing.headers, _timeouts(timeout, left))

    def _resync(self, timeout: httpx.Timeout, ends: float) -> Generator[Action, Outcome, bool]:
        """Correct the clock from the exchange's time; False if it could not be read, in which
        case a clock no real exchange could agree with goes back to local time."""
        clock = self.settings.clock
        outcome, sent_at, received_at = yield from self._ask_time(timeout, ends)
        try:
            self._take_time(outcome, sent_at, received_at)
        except BinanceError:
            if not clock.is_sane():
                clock.reset()
            return False
        logger.info("clock resynced: offset %+d ms", clock.offset_ms)
        return True

    def read_clock(self, call_deadline: float | None) -> Generator[Action, Outcome, int]:
        """Measure the offset to the exchange's clock now (``sync_clock``); the offset in ms."""
        settings = self.settings
        ends = time.monotonic() + (settings.deadline if call_deadline is None else call_deadline)
        outcome, sent_at, received_at = yield from self._ask_time(settings.timeout, ends)
        self._take_time(outcome, sent_at, received_at)
        return settings.clock.offset_ms

    def _ask_time(
        self, timeout: httpx.Timeout, ends: float
    ) -> Generator[Action, Outcome, tuple[Answer | httpx.TransportError, int, int]]:
        """Send the spec's clock operation: its outcome, and the local times around it."""
        operation = SPEC.clock
        weight = operation.weight([])
        reserved = weight if self.settings.budget is not None else 0
        if reserved:
            yield from self._reserve(weight, ends)
        outgoing = self._outgoing(operation, b"", timeout, ends)
        clock = self.settings.clock
        sent_at = clock.local_ms()
        outcome = yield from self._exchange(outgoing, timeout, ends, reserved)
        if reserved and isinstance(outcome, NOT_SENT):
            yield Refund(reserved, ends)
        return outcome, sent_at, clock.local_ms()

    def _take_time(
        self, outcome: Answer | httpx.TransportError, sent_at: int, received_at: int
    ) -> None:
        """Correct the clock from the exchange's answer, or raise the typed error it is."""
        if isinstance(outcome, httpx.TransportError):
            raise as_binance_error(outcome)
        if outcome.status_code != 200:
            raise error_from_answer(outcome.status_code, outcome.headers, outcome.content)
        field = SPEC.clock.clock_field or ""
        server_time = server_time_of(outcome.content)
        problem = None
        if server_time is None:
            problem = "not a count of milliseconds"
        elif not self.settings.clock.observe(server_time, sent_at, received_at):
            problem = f"{server_time} is not a time a real clock can show"
        if problem is not None:
            raise ResponseDecodeError(
                problem,
                status_code=outcome.status_code,
                headers=outcome.headers,
                content=outcome.content,
                field=field,
            )


_CLOCK_BODY = msgspec.json.Decoder(dict[str, object])


def server_time_of(content: bytes) -> int | None:
    """The exchange's time in the clock operation's answer, if it holds a count of ms there."""
    try:
        body = _CLOCK_BODY.decode(content)
    except (msgspec.DecodeError, RecursionError):
        return None
    value = body.get(SPEC.clock.clock_field or "")
    return value if type(value) is int and value >= 0 else None


def _is_clock_error(answer: Answer) -> bool:
    """-1021, or -1102 naming the timestamp: the exchange refused the request's time."""
    if answer.status_code != 400:
        return False
    code = error_code(answer.content)
    return code == INVALID_TIMESTAMP or (
        code == MALFORMED.code and error_message(answer.content) == MALFORMED_TIMESTAMP
    )


__all__ = ["Finished", "Policy", "Settings"]
