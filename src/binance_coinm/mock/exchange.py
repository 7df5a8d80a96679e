"""The mock exchange's state and its answer to one request, independent of how it arrives.

The ASGI app (for a real server or httpx.ASGITransport) and the in-process httpx transport
both hand requests to ``MockExchange.answer`` and only differ in how they wait and send.

Decisions where Binance's documentation is silent or only indirect:
- ``symbol`` and ``pair`` together: -1128 "Combination of optional parameters invalid.",
  since sibling COIN-M endpoints document that they "cannot be sent together".
- an unknown ``symbol`` or ``pair``: -1121 "Invalid symbol." (Binance answers -1121 for an
  unknown symbol since the migration; it used to return an empty list).
- an unknown path: 404 with -1000 "Not found."; a wrong method on a known path: 405.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from importlib.resources import files
from typing import Any

import msgspec
from attrs import define, field

from . import rejections
from .asgi import ASGIApp, asgi_app
from .faults import Fault, Faults
from .orders import SYMBOLS_BY_PAIR, pair_of, seed_orders
from .rejections import Rejection
from .transport import MockExchangeTransport
from .verification import KeyRing, PublicKey, check_signed_request
from .weights import DEFAULT_LIMIT, WeightLimiter

DEMO_API_KEY = "mockDemoApiKey0000000000000000000000000000000000000000000000000001"
DEMO_API_SECRET = "mockDemoApiSecret000000000000000000000000000000000000000000000001"  # noqa: S105 - public demo secret of the mock
OPEN_ORDERS_PATH = "/dapi/v1/openOrders"
TIME_PATH = "/dapi/v1/time"
SPEC_PATH = "/openapi.yaml"
USED_WEIGHT_HEADER = "X-MBX-USED-WEIGHT-1M"
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


@define(frozen=True)
class Reply:
    """One answer: status, headers and body, plus how to deliver it."""

    status: int
    headers: dict[str, str]
    body: bytes
    delay: float = 0.0
    dropped: bool = False


@define
class MockExchange:
    """A stateful stand-in for Binance's COIN-M REST API: open orders, keys, clock and weight.

    ``clock`` returns the exchange's own time in ms; ``faults.clock_skew_ms`` moves it.
    """

    orders: list[dict[str, Any]] = field(factory=seed_orders)
    keys: KeyRing = field(factory=KeyRing)
    clock: Callable[[], int] = _wall_clock_ms
    weights: WeightLimiter = field(factory=lambda: WeightLimiter(DEFAULT_LIMIT))
    faults: Faults = field(factory=Faults)

    def __attrs_post_init__(self) -> None:
        self.keys.add(DEMO_API_KEY, DEMO_API_SECRET)

    def add_key(self, api_key: str, secret_or_public_key: str | PublicKey) -> None:
        """Accept ``api_key``, signed with this HMAC secret or RSA/Ed25519 public key."""
        self.keys.add(api_key, secret_or_public_key)

    def server_time_ms(self) -> int:
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
        return Reply(reply.status, reply.headers, reply.body, self.faults.latency, reply.dropped)

    def _route(
        self, method: str, path: str, raw_query: bytes, headers: Mapping[str, str], body: bytes
    ) -> Reply:
        if path not in {OPEN_ORDERS_PATH, TIME_PATH, SPEC_PATH}:
            return self._rejected(rejections.not_found(), {})
        if method != "GET":
            return Reply(
                405,
                {"Allow": "GET", "Content-Type": "application/json"},
                b'{"code":-1000,"msg":"Method not allowed."}',
            )
        if path == SPEC_PATH:
            return Reply(
                200,
                {"Content-Type": "application/yaml"},
                files("binance_coinm_rest").joinpath("openapi.yaml").read_bytes(),
            )
        now = self.server_time_ms()
        api_key = headers.get("x-mbx-apikey", "")
        try:
            if path == TIME_PATH:
                used = self.weights.charge(api_key, 1, now)
                return _json(200, {"serverTime": now}, {USED_WEIGHT_HEADER: str(used)})
            weight = 1 if _has_param(raw_query, b"symbol") else 40
            used = self.weights.charge(api_key, weight, now)
        except Rejection as rejection:
            return self._rejected(rejection, {})
        weight_header = {USED_WEIGHT_HEADER: str(used)}
        try:
            self.keys.identify(headers)
            params = check_signed_request(
                self.keys, api_key, raw_query, body, {"symbol", "pair"}, now
            )
            orders = self._open_orders(params.get("symbol"), params.get("pair"))
        except Rejection as rejection:
            return self._rejected(rejection, weight_header)
        return _json(200, orders, weight_header)

    def _open_orders(self, symbol: str | None, pair: str | None) -> list[dict[str, Any]]:
        if symbol is not None and pair is not None:
            raise rejections.invalid_combination()
        if symbol is not None:
            if (
                pair_of(symbol) not in SYMBOLS_BY_PAIR
                or symbol not in SYMBOLS_BY_PAIR[pair_of(symbol)]
            ):
                raise rejections.invalid_symbol()
            return [order for order in self.orders if order["symbol"] == symbol]
        if pair is not None:
            if pair not in SYMBOLS_BY_PAIR:
                raise rejections.invalid_symbol()
            return [order for order in self.orders if order["pair"] == pair]
        return list(self.orders)

    @staticmethod
    def _rejected(rejection: Rejection, headers: Mapping[str, str]) -> Reply:
        return _json(
            rejection.status,
            {"code": rejection.code, "msg": rejection.msg},
            {**headers, **rejection.headers},
        )

    @staticmethod
    def _spoil(reply: Reply, fault: Fault) -> Reply:
        weight = {k: v for k, v in reply.headers.items() if k == USED_WEIGHT_HEADER}
        if fault is Fault.SERVER_ERROR:
            return _json(
                500,
                {
                    "code": -1001,
                    "msg": "Internal error; unable to process your request. Please try again.",
                },
                weight,
            )
        if fault is Fault.SERVICE_UNAVAILABLE:
            return _json(503, {"code": -1001, "msg": "Service Unavailable."}, weight)
        if fault is Fault.UNKNOWN_STATUS:
            return _json(503, {"code": -1000, "msg": UNKNOWN_STATUS_MSG}, weight)
        if fault is Fault.HTML_ERROR_PAGE:
            return Reply(502, {"Content-Type": "text/html"}, HTML_ERROR_PAGE)
        if fault is Fault.TRUNCATED_JSON:
            return Reply(reply.status, reply.headers, reply.body[: max(len(reply.body) // 2, 1)])
        return Reply(reply.status, reply.headers, reply.body, dropped=True)


def _has_param(raw_query: bytes, name: bytes) -> bool:
    return any(part.partition(b"=")[0] == name for part in raw_query.split(b"&"))
