"""The mock exchange's state and its answer to one request, independent of how it arrives.

The ASGI app (for a real server or httpx.ASGITransport) and the in-process httpx transport
both hand requests to ``MockExchange.answer`` and only differ in how they wait and send.

Decisions where Binance's documentation is silent or only indirect:
- ``symbol`` and ``pair`` together: -1128 "Combination of optional parameters invalid.",
  since sibling COIN-M endpoints document that they "cannot be sent together".
- an unknown ``symbol`` or ``pair``: -1121 "Invalid symbol." (Binance answers -1121 for an
  unknown symbol since the migration; it used to return an empty list).
- an unknown path: 404 with -1000 "Not found." (the spec's NotFound); a wrong method on a
  known path: 405 with ``Allow: GET``.
- weight is charged before the API key is checked, as the exchange counts every request
  from an IP; the mock counts per API key instead (see ``weights``).
- ``GET /openapi.yaml`` serves the spec the generator copies into ``binance_coinm_rest``,
  so an installed package has it too, and a test keeps the copy equal to the repo's.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from functools import partial
from importlib.resources import files
from typing import Any

import msgspec
from attrs import Factory, define, field

from . import rejections
from .asgi import ASGIApp, asgi_app
from .config import MockConfig
from .faults import Fault, Faults
from .orders import SYMBOLS_BY_PAIR, pair_of, seed_orders
from .rejections import Rejection
from .transport import MockExchangeTransport
from .verification import KeyRing, PublicKey, check_signed_request
from .weights import WeightLimiter

DEMO_API_KEY = "mockDemoApiKey0000000000000000000000000000000000000000000000000001"
DEMO_API_SECRET = "mockDemoApiSecret000000000000000000000000000000000000000000000001"  # noqa: S105 - public demo secret of the mock
OPEN_ORDERS_PATH = "/dapi/v1/openOrders"
TIME_PATH = "/dapi/v1/time"
SPEC_PATH = "/openapi.yaml"
USED_WEIGHT_HEADER = "X-MBX-USED-WEIGHT-1M"
INTERNAL_ERROR_MSG = "Internal error; unable to process your request. Please try again."
UNKNOWN_STATUS_MSG = "Unknown error, please check your request or try again later."
HTML_ERROR_PAGE = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n"
)


def _wall_clock_ms() -> int:
    return time.time_ns() // 1_000_000


def _json(status: int, payload: Any, headers: Mapping[str, str] | None = None) -> Reply:
    return Reply(
        status,
        {"Content-Type": "application/json", **(headers or {})},
        msgspec.json.encode(payload),
    )


def _weight_limiter(exchange: MockExchange) -> WeightLimiter:
    config = exchange.config
    return WeightLimiter(
        config.weight_limit, ban_after=config.ban_after, ban_seconds=config.ban_seconds
    )


@define(frozen=True)
class Reply:
    """One answer: status, headers and body, plus how to deliver it."""

    status: int
    headers: dict[str, str]
    body: bytes
    delay: float = 0.0
    fault: Fault | None = None
    """The fault that spoiled this answer, if one did."""

    @property
    def dropped(self) -> bool:
        """Whether the connection is to be closed halfway through the body."""
        return self.fault is Fault.DROPPED_CONNECTION


@define(kw_only=True)
class MockExchange:
    """A stateful stand-in for Binance's COIN-M REST API: open orders, keys, clock and weight.

    ``clock`` returns the exchange's own time in ms; ``faults.clock_skew_ms`` moves it.
    """

    config: MockConfig = field(factory=MockConfig)
    orders: list[dict[str, Any]] = field(factory=seed_orders)
    keys: KeyRing = field(factory=KeyRing)
    clock: Callable[[], int] = _wall_clock_ms
    weights: WeightLimiter = field(default=Factory(_weight_limiter, takes_self=True))
    faults: Faults = field(factory=Faults)

    def __attrs_post_init__(self) -> None:
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
            reply = _spoil(reply, fault)
        return Reply(reply.status, reply.headers, reply.body, self.faults.latency, fault)

    def _route(
        self, method: str, path: str, raw_query: bytes, headers: Mapping[str, str], body: bytes
    ) -> Reply:
        if path not in {OPEN_ORDERS_PATH, TIME_PATH, SPEC_PATH}:
            return _rejected(rejections.not_found())
        if method != "GET":
            return _rejected(rejections.method_not_allowed(), {"Allow": "GET"})
        if path == SPEC_PATH:
            spec = files("binance_coinm_rest").joinpath("openapi.yaml").read_bytes()
            return Reply(200, {"Content-Type": "application/yaml"}, spec)
        now = self.server_time_ms()
        api_key = headers.get("x-mbx-apikey", "")
        if path == TIME_PATH:
            return self._charged(api_key, 1, now, lambda: {"serverTime": now})
        weight = 1 if _has_param(raw_query, b"symbol") else 40
        answer = partial(self._signed_open_orders, headers, raw_query, body, now)
        return self._charged(api_key, weight, now, answer)

    def _charged(self, api_key: str, weight: int, now: int, payload: Callable[[], Any]) -> Reply:
        """Charge the request's weight, then answer ``payload()``, or the refusal, with it."""
        try:
            used = self.weights.charge(api_key, weight, now)
        except Rejection as rejection:
            return _rejected(rejection)
        weight_header = {USED_WEIGHT_HEADER: str(used)}
        try:
            return _json(200, payload(), weight_header)
        except Rejection as rejection:
            return _rejected(rejection, weight_header)

    def _signed_open_orders(
        self, headers: Mapping[str, str], raw_query: bytes, body: bytes, now: int
    ) -> list[dict[str, Any]]:
        api_key = self.keys.identify(headers)
        params = check_signed_request(self.keys, api_key, raw_query, body, {"symbol", "pair"}, now)
        return self._open_orders(params.get("symbol"), params.get("pair"))

    def _open_orders(self, symbol: str | None, pair: str | None) -> list[dict[str, Any]]:
        if symbol is not None and pair is not None:
            raise rejections.invalid_combination()
        if symbol is not None:
            if symbol not in SYMBOLS_BY_PAIR.get(pair_of(symbol), ()):
                raise rejections.invalid_symbol()
            return [order for order in self.orders if order["symbol"] == symbol]
        if pair is not None:
            if pair not in SYMBOLS_BY_PAIR:
                raise rejections.invalid_symbol()
            return [order for order in self.orders if order["pair"] == pair]
        return list(self.orders)


def _rejected(rejection: Rejection, headers: Mapping[str, str] | None = None) -> Reply:
    return _json(
        rejection.status,
        {"code": rejection.code, "msg": rejection.msg},
        {**(headers or {}), **rejection.headers},
    )


def _spoil(reply: Reply, fault: Fault) -> Reply:
    """``reply`` as ``fault`` turns it; the used-weight header survives a Binance-side error."""
    weight = {k: v for k, v in reply.headers.items() if k == USED_WEIGHT_HEADER}
    if fault is Fault.SERVER_ERROR:
        return _json(500, {"code": -1001, "msg": INTERNAL_ERROR_MSG}, weight)
    if fault is Fault.SERVICE_UNAVAILABLE:
        return _json(503, {"code": -1001, "msg": "Service Unavailable."}, weight)
    if fault is Fault.UNKNOWN_STATUS:
        return _json(503, {"code": -1000, "msg": UNKNOWN_STATUS_MSG}, weight)
    if fault is Fault.HTML_ERROR_PAGE:
        return Reply(502, {"Content-Type": "text/html"}, HTML_ERROR_PAGE)
    if fault is Fault.TRUNCATED_JSON:
        return Reply(reply.status, reply.headers, reply.body[: max(len(reply.body) // 2, 1)])
    return reply


def _has_param(raw_query: bytes, name: bytes) -> bool:
    return any(part.partition(b"=")[0] == name for part in raw_query.split(b"&"))
