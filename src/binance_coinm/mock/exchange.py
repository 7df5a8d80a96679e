"""The mock exchange's state and its answer to one request, independent of how it arrives.

Everything but the business is read from the spec it runs on (``SPEC`` unless told
otherwise): the route (method and path to operation), the parameters and their rules,
whether the operation is signed, its weight, and every error code, text and status. The
business, what an operation answers once its request passed, is in ``handlers``.

The order of checks is Binance's: weight (charged before the API key is checked, as the
exchange counts every request), then for signed operations the API key, then the
parameters, then the signature, then the timestamp.

Decisions where Binance's documentation is silent or only indirect:
- an unknown path is 404 with -1000 "Not found."; a known path with another method is 405
  with -1000 "Method not allowed." and ``Allow`` listing the spec's methods for it;
- the exchange counts weight per IP; the mock counts per API key (see ``weights``);
- the 503 "Service Unavailable." fault carries -1001 (DISCONNECTED), the 503 "Unknown
  error" fault -1000 (UNKNOWN): Binance documents the texts, not their codes.

``GET /openapi.yaml`` is the mock's own route: it serves the spec the installed package
ships (schemathesis reads it there).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from importlib.resources import files
from typing import Any

from attrs import Factory, define, field

from binance_coinm.spec import SPEC, Operation, Spec

from .asgi import ASGIApp, asgi_app
from .config import MockConfig
from .faults import Fault, Faults
from .handlers import HANDLERS, Call
from .orders import seed_orders
from .parameters import check_parameters, parse_query, sent_names
from .rejections import Rejection, error_reply
from .reply import Reply, json_reply
from .transport import MockExchangeTransport
from .verification import TIMESTAMP, KeyRing, PublicKey, check_timestamp
from .weights import WeightLimiter

DEMO_API_KEY = "mockDemoApiKey0000000000000000000000000000000000000000000000000001"
DEMO_API_SECRET = "mockDemoApiSecret000000000000000000000000000000000000000000000001"  # noqa: S105 - public demo secret of the mock
SPEC_PATH = "/openapi.yaml"
HTML_ERROR_PAGE = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n"
)


def _wall_clock_ms() -> int:
    return time.time_ns() // 1_000_000


def _weight_limiter(exchange: MockExchange) -> WeightLimiter:
    config = exchange.config
    return WeightLimiter(
        config.weight_limit, ban_after=config.ban_after, ban_seconds=config.ban_seconds
    )


@define(kw_only=True)
class MockExchange:
    """A stateful stand-in for Binance's COIN-M REST API: open orders, keys, clock and weight.

    ``spec`` is the API it serves (``binance_coinm.spec.load(document)`` for another
    document); an operation without a handler answers its 200 example. ``clock`` returns the
    exchange's own time in ms; ``faults.clock_skew_ms`` moves it.
    """

    spec: Spec = field(default=SPEC, repr=False)
    config: MockConfig = field(factory=MockConfig)
    orders: list[dict[str, Any]] = field(factory=seed_orders)
    keys: KeyRing = field(factory=KeyRing)
    clock: Callable[[], int] = _wall_clock_ms
    weights: WeightLimiter = field(default=Factory(_weight_limiter, takes_self=True))
    faults: Faults = field(factory=Faults)

    def __attrs_post_init__(self) -> None:
        unanswerable = [
            operation.operation_id
            for operation in self.spec.operations.values()
            if operation.operation_id not in HANDLERS and operation.example is None
        ]
        if unanswerable:
            raise ValueError(f"no handler and no 200 example for {', '.join(unanswerable)}")
        self.keys.add(DEMO_API_KEY, DEMO_API_SECRET)

    def add_key(self, api_key: str, secret_or_public_key: str | PublicKey) -> None:
        """Accept ``api_key``, signed with this HMAC secret or RSA/Ed25519 public key."""
        self.keys.add(api_key, secret_or_public_key)

    def server_time_ms(self) -> int:
        """The exchange's time: its clock moved by the clock-skew fault."""
        return self.clock() + self.faults.clock_skew_ms

    @property
    def app(self) -> ASGIApp:
        """The ASGI application serving this exchange (uvicorn, httpx.ASGITransport)."""
        return asgi_app(self)

    def transport(self) -> MockExchangeTransport:
        """An httpx transport answering from this exchange in-process, sync and async."""
        return MockExchangeTransport(self)

    def answer(
        self, method: str, path: str, raw_query: bytes, headers: Mapping[str, str], body: bytes
    ) -> Reply:
        """The exchange's reply to one request; ``headers`` must have lower-case names."""
        reply = self._route(method, path, raw_query, headers, body)
        fault = self.faults.take()
        if fault is not None:
            reply = self._spoil(reply, fault)
        return Reply(reply.status, reply.headers, reply.body, self.faults.latency, fault)

    def _route(
        self, method: str, path: str, raw_query: bytes, headers: Mapping[str, str], body: bytes
    ) -> Reply:
        if (method, path) == ("GET", SPEC_PATH):
            spec = files("binance_coinm_spec").joinpath("openapi.yaml").read_bytes()
            return Reply(200, {"Content-Type": "application/yaml"}, spec)
        operation = self.spec.operation_at(method, path)
        if operation is None:
            return self._no_operation(path)
        now = self.server_time_ms()
        api_key = headers.get(self.spec.api_key_header.lower(), "")
        try:
            used = self.weights.charge(api_key, operation.weight(sent_names(raw_query)), now)
        except Rejection as rejection:
            return rejection.reply(self.spec)
        try:
            payload = self._checked_answer(operation, api_key, raw_query, body, now)
        except Rejection as rejection:
            return rejection.reply(self.spec, used)
        return json_reply(200, payload, {self.spec.used_weight_header: str(used)})

    def _no_operation(self, path: str) -> Reply:
        allowed = sorted(op.method for op in self.spec.operations.values() if op.path == path)
        if not allowed:
            return Rejection("UNKNOWN", "not-found").reply(self.spec)
        reply = Rejection("UNKNOWN", "method-not-allowed").reply(self.spec)
        return Reply(reply.status, {**reply.headers, "Allow": ", ".join(allowed)}, reply.body)

    def _checked_answer(
        self, operation: Operation, api_key: str, raw_query: bytes, body: bytes, now: int
    ) -> Any:
        """What ``operation`` answers, once the request passed everything Binance checks."""
        if operation.signed:
            self.keys.identify(api_key)
        params = parse_query(raw_query)
        check_parameters(operation, params)
        if operation.signed:
            self.keys.verify(api_key, raw_query, body)
            window = self.spec.recv_window
            sent_window = int(params.get(window.name, window.default))
            check_timestamp(int(params[TIMESTAMP]), sent_window, now)
        handler = HANDLERS.get(operation.operation_id)
        if handler is None:
            return operation.example
        return handler(Call(params, now, self.orders))

    def _spoil(self, reply: Reply, fault: Fault) -> Reply:
        """``reply`` as ``fault`` turns it; the used-weight header survives a Binance-side error."""
        spec = self.spec
        weight = {k: v for k, v in reply.headers.items() if k == spec.used_weight_header}
        disconnected, unknown = spec.error_codes["DISCONNECTED"], spec.error_codes["UNKNOWN"]
        if fault is Fault.SERVER_ERROR:
            return error_reply(disconnected.code, disconnected.messages["default"], (), weight)
        if fault is Fault.SERVICE_UNAVAILABLE:
            message = spec.messages["service-unavailable"][0]
            return error_reply(disconnected.code, message, (), weight)
        if fault is Fault.UNKNOWN_STATUS:
            message = spec.messages["execution-status-unknown"][0]
            return error_reply(unknown.code, message, (), weight)
        if fault is Fault.HTML_ERROR_PAGE:
            return Reply(502, {"Content-Type": "text/html"}, HTML_ERROR_PAGE)
        if fault is Fault.TRUNCATED_JSON:
            return Reply(reply.status, reply.headers, reply.body[: max(len(reply.body) // 2, 1)])
        return reply
