"""The mock exchange's state and its answer to one request, independent of how it arrives.

Everything but the business is read from the spec it runs on (``SPEC`` unless told
otherwise): the route (method and path to operation), the parameters and their rules,
whether the operation is signed, its weight, and every error code, text and status. The
business, what an operation answers once its request passed, is in ``handlers``.

The order of checks is Binance's: weight (charged before the API key is checked, as the
exchange counts every request), then for keyed operations (signed ones, and USER_STREAM's
listenKey calls) the API key, then the parameters, then for signed ones the signature and
the timestamp.

Decisions where Binance's documentation is silent or only indirect:
- an unknown path is 404 with -1000 "Not found."; a known path with another method is 405
  with -1000 "Method not allowed." and ``Allow`` listing the spec's methods for it;
- weight is counted per client IP, as Binance counts it, or per API key if configured so
  (``MockConfig.weight_per``); a request is charged before anything of it is read;
- the 503 "Service Unavailable." fault carries -1001 (DISCONNECTED), the 503 "Unknown
  error" fault -1000 (UNKNOWN): Binance documents the texts, not their codes.

``GET /openapi.yaml`` is the mock's own route: it serves the spec the installed package
ships (schemathesis reads it there).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from importlib.resources import files
from typing import Any

from attrs import Factory, define, field

from binance_coinm.errors import ConfigurationError
from binance_coinm.models import AlgoOrder, Order
from binance_coinm.spec import SPEC, Operation, Spec

from .account import Account
from .asgi import ASGIApp, asgi_app
from .changes import Subscriber
from .config import MockConfig
from .contracts import Contract, Contracts
from .faults import Fault, Faults
from .handlers import HANDLERS, Call
from .orders import CONTRACT_SIZE_USD, seed_algo_orders, seed_orders
from .parameters import check_parameters, parse_query, sent_names
from .rejections import Rejection, error_reply
from .reply import DEFAULT_CLIENT_IP, Reply, json_reply
from .stream import MockStreamConnector, StreamFaults, StreamHub
from .transport import MockExchangeTransport
from .verification import TIMESTAMP, KeyRing, PublicKey, check_timestamp
from .weights import WeightLimiter

logger = logging.getLogger(__name__.rpartition(".")[0])
DEMO_API_KEY = "mockDemoApiKey0000000000000000000000000000000000000000000000000001"
DEMO_API_SECRET = "mockDemoApiSecret000000000000000000000000000000000000000000000001"  # noqa: S105 - public demo secret of the mock
SPEC_PATH = "/openapi.yaml"
HTML_ERROR_PAGE = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n"
)


def _wall_clock_ms() -> int:
    return time.time_ns() // 1_000_000


def _seeded_account(exchange: MockExchange) -> Account:
    contracts = Contracts.seeded(exchange.spec)
    return Account(contracts, exchange.server_time_ms, seed_orders(), seed_algo_orders())


def _weight_limiter(exchange: MockExchange) -> WeightLimiter:
    config = exchange.config
    return WeightLimiter(
        config.weight_limit,
        ban_after=config.ban_after,
        ban_seconds=config.ban_seconds,
        window=config.weight_window,
    )


@define(kw_only=True)
class MockExchange:
    """A stateful stand-in for Binance's COIN-M REST API: orders, contracts, keys, clock, weight.

    ``spec`` is the API it serves (``binance_coinm.spec.load(document)`` for another
    document); an operation without a handler answers its 200 example. ``clock`` returns the
    exchange's own time in ms; ``faults.clock_skew_ms`` moves it. ``account`` holds the
    contracts, orders and algo orders (the seeded ones to begin with), which the methods
    below change.
    """

    spec: Spec = field(default=SPEC, repr=False)
    config: MockConfig = field(factory=MockConfig)
    keys: KeyRing = field(factory=KeyRing)
    clock: Callable[[], int] = _wall_clock_ms
    weights: WeightLimiter = field(default=Factory(_weight_limiter, takes_self=True))
    faults: Faults = field(factory=Faults)
    account: Account = field(default=Factory(_seeded_account, takes_self=True))
    streams: StreamHub = field(default=Factory(StreamHub.following, takes_self=True), repr=False)
    """The user-data stream: listenKeys, connections, the events of the account's changes."""

    def __attrs_post_init__(self) -> None:
        unanswerable = [
            operation.operation_id
            for operation in self.spec.operations.values()
            if operation.operation_id not in HANDLERS and operation.example is None
        ]
        if unanswerable:
            raise ConfigurationError(f"no handler and no 200 example for {', '.join(unanswerable)}")
        self.keys.add(DEMO_API_KEY, DEMO_API_SECRET)

    def add_key(self, api_key: str, secret_or_public_key: str | PublicKey) -> None:
        """Accept ``api_key``, signed with this HMAC secret or RSA/Ed25519 public key."""
        self.keys.add(api_key, secret_or_public_key)

    # The account, as a test changes it; every change reaches the REST answers at once.

    @property
    def orders(self) -> tuple[Order, ...]:
        """The open ordinary orders, oldest first: what Current All Open Orders answers."""
        return self.account.open_orders()

    def order(self, order_id: int) -> Order:
        """The order with this id, open or not (a filled or cancelled order stays)."""
        return self.account.order(order_id)

    def add_order(self, order: Order | None = None, /, **fields: object) -> Order:
        """Add an order and return it as stored: ``order`` (an ``Order``), with ``fields``
        (keywords named as ``Order`` names its fields) given or changed.

        A field not given is filled in: ``order_id`` the next free id, ``client_order_id``
        from it, ``time`` and ``update_time`` the exchange's clock, ``status`` NEW, ``pair``
        the symbol's, ``orig_type`` the type, Binance's zeros for the prices and fills (see
        ``account._defaults``); ``UNSET`` leaves an optional field out. The order must be one
        the client reads (``Order.from_dict``) on a listed contract, or ConfigurationError
        names the field. Decimals are Decimal, int or exact text: a float is refused. A
        conditional ``type`` (STOP, TAKE_PROFIT...) is refused: ``add_algo_order()`` adds those.
        """
        return self.account.add_order(order, **fields)

    def add_order_json(self, document: object) -> Order:
        """Add an order given as a decoded JSON object: Binance's, or ``Order.to_dict()``'s."""
        return self.account.add_order_json(document)

    def change_order(self, order_id: int, /, **fields: object) -> Order:
        """Change fields of an order (not its id); ``update_time`` becomes now unless given."""
        return self.account.change_order(order_id, **fields)

    def remove_order(self, order_id: int) -> Order:
        """Take an order away, as if it had never been placed; returns it as it was."""
        return self.account.remove_order(order_id)

    def fill(self, order_id: int, quantity: object = None, *, price: object = None) -> Order:
        """Fill ``quantity`` contracts of an open order (the rest, by default) at ``price``
        (its limit price, by default): PARTIALLY_FILLED, or FILLED and no longer open."""
        return self.account.fill(order_id, quantity, price=price)

    def cancel(self, order_id: int) -> Order:
        """Cancel an open order: CANCELED, no longer open."""
        return self.account.cancel(order_id)

    def expire(self, order_id: int) -> Order:
        """Expire an open order: EXPIRED, no longer open."""
        return self.account.expire(order_id)

    @property
    def algo_orders(self) -> tuple[AlgoOrder, ...]:
        """The NEW and TRIGGERING algo orders, oldest first: what Current All Algo Open Orders
        answers."""
        return self.account.listed_algo_orders()

    def algo_order(self, algo_id: int) -> AlgoOrder:
        """The algo order with this id, whatever its status."""
        return self.account.algo_order(algo_id)

    def add_algo_order(self, algo: AlgoOrder | None = None, /, **fields: object) -> AlgoOrder:
        """Add an algo (conditional) order and return it as stored: ``algo`` (an
        ``AlgoOrder``), with ``fields`` (keywords named as ``AlgoOrder`` names its fields)
        given or changed.

        Give ``symbol``, ``side``, ``order_type`` (STOP, STOP_MARKET, TAKE_PROFIT,
        TAKE_PROFIT_MARKET, TRAILING_STOP_MARKET), ``quantity``, and ``trigger_price`` but for
        a trailing stop; STOP and TAKE_PROFIT also ``price``. The rest is filled in as
        ``algo_orders.defaults`` says: the next free ``algo_id``, status NEW, the exchange's
        clock... The rules are ``add_order``'s: ConfigurationError names a field the spec or
        the account refuses, ArgumentTypeError a float.
        """
        return self.account.add_algo_order(algo, **fields)

    def add_algo_order_json(self, document: object) -> AlgoOrder:
        """Add an algo order given as a decoded JSON object: Binance's, or ``to_dict()``'s."""
        return self.account.add_algo_order_json(document)

    def remove_algo_order(self, algo_id: int) -> AlgoOrder:
        """Take an algo order away, as if it had never been placed; returns it as it was."""
        return self.account.remove_algo_order(algo_id)

    def cancel_algo_order(self, algo_id: int) -> AlgoOrder:
        """Cancel a NEW algo order: CANCELED, no longer listed."""
        return self.account.cancel_algo_order(algo_id)

    def expire_algo_order(self, algo_id: int) -> AlgoOrder:
        """Expire a NEW algo order (the system cancelled it): EXPIRED, no longer listed."""
        return self.account.expire_algo_order(algo_id)

    def trigger(self, algo_id: int, *, price: object = None, hold: bool = False) -> Order:
        """Meet a NEW algo order's condition at ``price`` (its trigger price by default): it
        places its ordinary order, returned, and goes TRIGGERING then TRIGGERED; ``hold``
        stops at TRIGGERING, and a second ``trigger`` finishes it. Once the placed order is
        filled, cancelled or expired, the algo order is FINISHED."""
        return self.account.trigger(algo_id, price=price, hold=hold)

    def on_change(self, subscriber: Subscriber) -> Callable[[], None]:
        """Call ``subscriber`` with each OrderChange and AlgoChange from now on; returns what
        unsubscribes."""
        return self.account.on_change(subscriber)

    @property
    def contracts(self) -> tuple[Contract, ...]:
        """The listed contracts: the symbols (and their pairs) requests may name."""
        return tuple(self.account.contracts)

    def add_contract(self, symbol: str, *, contract_size: object = CONTRACT_SIZE_USD) -> Contract:
        """List a contract (``BTCUSD_PERP``, ``XRPUSD_270326``): its symbol and its pair become
        valid in requests and orders. ``contract_size`` is USD per contract."""
        return self.account.contracts.add(symbol, contract_size)

    def server_time_ms(self) -> int:
        """The exchange's time: its clock moved by the clock-skew fault."""
        return self.clock() + self.faults.clock_skew_ms

    @property
    def stream_faults(self) -> StreamFaults:
        """What the user-data stream is told to do wrong (``drop()``, ``delay_ms``...)."""
        return self.streams.faults

    def stream_connector(self) -> MockStreamConnector:
        """The user-data stream in-process, as a ``Connector`` for UserDataStream and
        LiveOpenOrders (their ``url`` is then any ``ws://`` URL, ``ws://mock/ws``)."""
        return MockStreamConnector(self.streams)

    @property
    def app(self) -> ASGIApp:
        """The ASGI application serving this exchange and its stream (uvicorn,
        httpx.ASGITransport)."""
        return asgi_app(self, self.streams)

    def transport(self, *, client_ip: str = DEFAULT_CLIENT_IP) -> MockExchangeTransport:
        """An httpx transport answering from this exchange in-process, sync and async, to a
        caller at ``client_ip`` (the address weight is counted by)."""
        return MockExchangeTransport(self, client_ip=client_ip)

    def answer(
        self,
        method: str,
        path: str,
        raw_query: bytes,
        headers: Mapping[str, str],
        body: bytes,
        *,
        client_ip: str = DEFAULT_CLIENT_IP,
    ) -> Reply:
        """The exchange's reply to one request from ``client_ip``; ``headers`` must have
        lower-case names."""
        try:
            reply = self._route(method, path, raw_query, headers, body, client_ip)
        except Exception:
            # A bug of the mock: still Binance's answer to a failure on its side (500, -1001),
            # and the traceback in the log, so that a test sees an exchange error, not a crash.
            logger.exception("the mock exchange failed to answer %s %.100s", method, path)
            reply = Rejection("DISCONNECTED").reply(self.spec)
        fault = self.faults.take()
        if fault is not None:
            reply = self._spoil(reply, fault)
        return Reply(reply.status, reply.headers, reply.body, self.faults.latency, fault)

    def _route(
        self,
        method: str,
        path: str,
        raw_query: bytes,
        headers: Mapping[str, str],
        body: bytes,
        client_ip: str,
    ) -> Reply:
        if (method, path) == ("GET", SPEC_PATH):
            spec = files("binance_coinm_spec").joinpath("openapi.yaml").read_bytes()
            return Reply(200, {"Content-Type": "application/yaml"}, spec)
        operation = self.spec.operation_at(method, path)
        if operation is None:
            return self._no_operation(path)
        now = self.server_time_ms()
        self.streams.tick()
        api_key = headers.get(self.spec.api_key_header.lower(), "")
        client = client_ip if self.config.weight_per == "ip" else api_key
        try:
            used = self.weights.charge(client, operation.weight(sent_names(raw_query)), now)
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
        if operation.keyed:
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
        account = self.account
        orders, algo_orders = account.open_orders_json(), account.algo_orders_json()
        return handler(
            Call(params, now, orders, algo_orders, account.contracts, api_key, self.streams)
        )

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
