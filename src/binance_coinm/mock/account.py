"""The exchange's account: its contracts, its orders and algo orders, every change in one place.

Tests change the orders through the exchange (``add_order``, ``fill``, ``add_algo_order``,
``trigger``...); each change is one ``OrderChange`` or ``AlgoChange`` that ``_apply`` stores
and then hands to every subscriber (``on_change``), under the account's lock, so subscribers
see the changes in the order they were made. ``_apply`` also finishes an algo order when the
order it placed closes, right after that order's change (see ``algo_orders``).

An order is open while its status is not final (FILLED, CANCELED, EXPIRED,
EXPIRED_IN_MATCH): a status the spec does not list yet is open, as the order it marks may
still trade. Closed orders stay in the account, as on Binance, until a test removes them.

Decisions of the mock where Binance has no equivalent:
- a fill's price defaults to the order's limit price; its base amount is contracts times
  the contract's size in USD over the price (8 decimals, as the seeded ``cumBase``); the
  average price is the fills' prices weighted by their quantities;
- an order's id is unique in the account, its ``clientOrderId`` among the open orders (for
  algo orders, see ``algo_book``);
- ``cancel_algo_order`` takes only a NEW algo order: one that placed its order ends when that
  order is cancelled (``cancel``);
- removing a placed order leaves its algo order as it is (removing is a test's edit).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, DecimalException, localcontext
from types import MappingProxyType
from typing import Any

import msgspec

from binance_coinm.errors import ArgumentTypeError, ConfigurationError
from binance_coinm.models import AlgoOrder, AlgoStatus, Order, OrderStatus

from . import algo_orders as algo
from .algo_book import AlgoBook
from .changes import AlgoChange, AlgoChangeKind, Change, ChangeKind, Fill, OrderChange, Subscriber
from .contracts import Contracts
from .order_fields import ALGO, ORDER, as_algo_order, as_order, decimal_text

FINAL_STATUSES = frozenset(
    {OrderStatus.FILLED, OrderStatus.CANCELED, OrderStatus.EXPIRED, OrderStatus.EXPIRED_IN_MATCH}
)
BASE_DECIMALS = Decimal("1e-8")
_PRECISION = 200
"""Digits of the fill arithmetic: decimals the spec allows may be long; the mock stays exact."""


def _is_open(fields: Mapping[str, Any]) -> bool:
    return fields.get("status") not in FINAL_STATUSES


def _defaults(order_id: object, now_ms: int, given: Mapping[str, Any]) -> dict[str, Any]:
    """What an added order holds unless given: Binance's values for a new, unfilled order."""
    kind = given.get("type")
    return {
        "orderId": order_id,
        "clientOrderId": f"mock-{order_id}",
        "status": OrderStatus.NEW.value,
        "time": now_ms,
        "updateTime": given.get("time", now_ms),
        "price": "0",
        "stopPrice": "0",
        "executedQty": "0",
        "cumBase": "0",
        "avgPrice": "0.0",
        "reduceOnly": False,
        "closePosition": False,
        "positionSide": "BOTH",
        "timeInForce": "GTC",
        "workingType": "CONTRACT_PRICE",
        "priceProtect": False,
        "priceMatch": "NONE",
        "selfTradePreventionMode": "NONE",
        **({"origType": kind} if kind is not None else {}),
    }


def _decimal_argument(value: object, label: str) -> Decimal:
    if isinstance(value, float):
        raise ArgumentTypeError(f"{label} must be exact (a Decimal or a decimal str), not {value}")
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise ArgumentTypeError(f"{label} must be a Decimal, an int or a decimal str")
    try:
        number = Decimal(value)
    except DecimalException:
        number = Decimal("NaN")
    if not number.is_finite():
        raise ConfigurationError(f"{label} must be a finite number, got {value!r:.60}")
    return number


def _mean_price(fields: Mapping[str, Any], quantity: Decimal, price: Decimal) -> Decimal:
    executed = Decimal(fields["executedQty"])
    mean = (Decimal(fields["avgPrice"]) * executed + price * quantity) / (executed + quantity)
    return mean if mean == mean.quantize(BASE_DECIMALS) else mean.quantize(BASE_DECIMALS)


class Account:
    """Contracts and orders (Binance's JSON objects, by order id); see the module's docstring."""

    def __init__(
        self,
        contracts: Contracts,
        clock: Callable[[], int],
        orders: Iterable[Mapping[str, Any]] = (),
        algo_orders: Iterable[Mapping[str, Any]] = (),
    ) -> None:
        self.contracts = contracts
        self._clock = clock
        self._lock = threading.RLock()
        self._orders: dict[int, Mapping[str, Any]] = {}
        self._algo_book = AlgoBook(contracts)
        self._subscribers: list[Subscriber] = []
        self._last_order_id = 0
        for seeded in orders:  # the starting state, not a change: no subscriber yet
            fields, order = self._validated(ORDER.from_json(seeded), by_keywords=False)
            self._orders[order.order_id] = fields
            self._last_order_id = max(self._last_order_id, order.order_id)
        for seeded in algo_orders:
            document = ALGO.from_json(seeded)
            self._algo_book.seed(*self._algo_book.validated(document, by_keywords=False))

    def __repr__(self) -> str:
        return (
            f"Account({len(self._orders)} orders, {len(self._algo_book)} algo orders, "
            f"{len(tuple(self.contracts))} contracts)"
        )

    # Reading.

    def open_orders_json(self) -> list[dict[str, Any]]:
        """The open orders as the exchange sends them, oldest first."""
        with self._lock:
            return [dict(fields) for fields in self._orders.values() if _is_open(fields)]

    def open_orders(self) -> tuple[Order, ...]:
        """The open orders, oldest first."""
        return tuple(as_order(fields) for fields in self.open_orders_json())

    def order(self, order_id: int) -> Order:
        """The order with this id, open or not."""
        with self._lock:
            return as_order(self._get(order_id))

    def algo_orders_json(self) -> list[dict[str, Any]]:
        """Every algo order, whatever its status, as the exchange sends them, oldest first."""
        with self._lock:
            return [dict(fields) for fields in self._algo_book]

    def listed_algo_orders(self) -> tuple[AlgoOrder, ...]:
        """The NEW and TRIGGERING algo orders, oldest first."""
        with self._lock:
            listed = [fields for fields in self._algo_book if algo.is_listed(fields)]
            return tuple(as_algo_order(fields) for fields in listed)

    def algo_order(self, algo_id: int) -> AlgoOrder:
        """The algo order with this id, whatever its status."""
        with self._lock:
            return as_algo_order(self._algo_book.get(algo_id))

    # Changing: each ends in _apply.

    def add_order(self, order: Order | None = None, /, **fields: object) -> Order:
        """Add ``order`` with ``fields`` changed (see ``MockExchange.add_order``)."""
        if order is not None and not isinstance(order, Order):
            raise ArgumentTypeError(f"order must be an Order, got {type(order).__name__}")
        given = {} if order is None else ORDER.given(order)
        document, left_out = ORDER.from_keywords({**given, **fields})
        extras = {} if order is None else order.additional_properties
        return self._add({**extras, **document}, left_out, by_keywords=True)

    def add_order_json(self, document: object) -> Order:
        """Add an order given as a decoded JSON object (see ``order_fields``)."""
        return self._add(ORDER.from_json(document), frozenset(), by_keywords=False)

    def change_order(self, order_id: int, /, **fields: object) -> Order:
        """Change fields of an order, open or not; ``updateTime`` becomes now unless given."""
        if "order_id" in fields:
            raise ConfigurationError(
                "an order's order_id cannot change: remove_order() it and add_order() another"
            )
        given, left_out = ORDER.from_keywords(fields)
        with self._lock:
            now = self._clock()
            document = {**self._get(order_id), "updateTime": now, **given}
            symbol = given.get("symbol")
            contract = self.contracts.get(symbol) if isinstance(symbol, str) else None
            if contract is not None and "pair" in document and "pair" not in given:
                document["pair"] = contract.pair
            for key in left_out:
                document.pop(key, None)
            changed, order = self._validated(document, by_keywords=True, replacing=order_id)
            self._apply(OrderChange(ChangeKind.AMENDMENT, changed, now))
            return order

    def remove_order(self, order_id: int) -> Order:
        """Take an order out of the account, as if it had never been placed."""
        with self._lock:
            fields = self._get(order_id)
            self._apply(OrderChange(ChangeKind.REMOVED, fields, self._clock()))
            return as_order(fields)

    def fill(self, order_id: int, quantity: object = None, *, price: object = None) -> Order:
        """Fill ``quantity`` contracts of an open order (all that is left by default) at
        ``price`` (its limit price by default): PARTIALLY_FILLED, or FILLED once whole."""
        with self._lock, localcontext() as exact:
            exact.prec = _PRECISION
            fields = self._get_open(order_id, "filled")
            left = Decimal(fields["origQty"]) - Decimal(fields["executedQty"])
            size = left if quantity is None else _decimal_argument(quantity, "quantity")
            if not 0 < size <= left:
                raise ConfigurationError(
                    f"quantity must be more than 0 and at most the {decimal_text(left)} "
                    f"left to fill, got {decimal_text(size)}"
                )
            at = Decimal(fields["price"]) if price is None else _decimal_argument(price, "price")
            if at <= 0:
                raise ConfigurationError(
                    f"order {order_id} has no limit price to fill at: give fill(..., price=...)"
                )
            contract = self.contracts.get(fields["symbol"])
            assert contract is not None  # an order's contract is listed, and stays listed
            executed = Decimal(fields["executedQty"]) + size
            base = (size * contract.contract_size / at).quantize(BASE_DECIMALS)
            now = self._clock()
            document = {
                **fields,
                "executedQty": decimal_text(executed),
                "cumBase": decimal_text(Decimal(fields["cumBase"]) + base),
                "avgPrice": decimal_text(_mean_price(fields, size, at)),
                "status": (
                    OrderStatus.FILLED if executed == Decimal(fields["origQty"])
                    else OrderStatus.PARTIALLY_FILLED
                ).value,
                "updateTime": now,
            }  # fmt: skip
            changed, order = self._validated(document, by_keywords=True, replacing=order_id)
            self._apply(OrderChange(ChangeKind.TRADE, changed, now, Fill(size, at)))
            return order

    def cancel(self, order_id: int) -> Order:
        """Cancel an open order: CANCELED, out of the open orders."""
        return self._close(order_id, ChangeKind.CANCELED, OrderStatus.CANCELED)

    def expire(self, order_id: int) -> Order:
        """Expire an open order (its time in force ran out): EXPIRED, out of the open orders."""
        return self._close(order_id, ChangeKind.EXPIRED, OrderStatus.EXPIRED)

    def add_algo_order(self, algo_order: AlgoOrder | None = None, /, **fields: object) -> AlgoOrder:
        """Add ``algo_order`` with ``fields`` changed (see ``MockExchange.add_algo_order``)."""
        if algo_order is not None and not isinstance(algo_order, AlgoOrder):
            raise ArgumentTypeError(
                f"algo_order must be an AlgoOrder, got {type(algo_order).__name__}"
            )
        given = {} if algo_order is None else ALGO.given(algo_order)
        document, left_out = ALGO.from_keywords({**given, **fields})
        extras = {} if algo_order is None else algo_order.additional_properties
        return self._add_algo({**extras, **document}, left_out, by_keywords=True)

    def add_algo_order_json(self, document: object) -> AlgoOrder:
        """Add an algo order given as a decoded JSON object (see ``order_fields``)."""
        return self._add_algo(ALGO.from_json(document), frozenset(), by_keywords=False)

    def remove_algo_order(self, algo_id: int) -> AlgoOrder:
        """Take an algo order out of the account, as if it had never been placed."""
        with self._lock:
            fields = self._algo_book.get(algo_id)
            self._apply(AlgoChange(AlgoChangeKind.REMOVED, fields, self._clock()))
            return as_algo_order(fields)

    def cancel_algo_order(self, algo_id: int) -> AlgoOrder:
        """Cancel a NEW algo order: CANCELED, no longer listed."""
        return self._end_algo(algo_id, AlgoChangeKind.CANCELED, AlgoStatus.CANCELED)

    def expire_algo_order(self, algo_id: int) -> AlgoOrder:
        """Expire a NEW algo order (the system cancelled it): EXPIRED, no longer listed."""
        return self._end_algo(algo_id, AlgoChangeKind.EXPIRED, AlgoStatus.EXPIRED)

    def trigger(self, algo_id: int, *, price: object = None, hold: bool = False) -> Order:
        """Meet a NEW algo order's condition at ``price``: it places its order (TRIGGERING),
        which is in the matching engine (TRIGGERED) unless ``hold``; triggering a TRIGGERING
        one makes it TRIGGERED. Returns the placed order. Nothing changes if it is refused."""
        with self._lock:
            fields = self._algo_book.get(algo_id)
            status = fields["algoStatus"]
            now = self._clock()
            if status == AlgoStatus.TRIGGERING and price is None and not hold:
                placed_order = self._get(int(fields["actualOrderId"]))
                self._apply_algo(AlgoChangeKind.TRIGGERED, fields, AlgoStatus.TRIGGERED, now)
                return as_order(placed_order)
            if status != AlgoStatus.NEW:
                raise ConfigurationError(
                    f"algo order {algo_id} is {status}: only a NEW one can be triggered, and a "
                    "TRIGGERING one finished (trigger() with no price and no hold)"
                )
            at = None if price is None else _decimal_argument(price, "price")
            met = algo.condition_price(fields, at)
            placed = algo.placed_order(fields, self._last_order_id + 1, met, now)
            contract = self.contracts.get(placed["symbol"])
            assert contract is not None  # an algo order's contract is listed, and stays listed
            placed = {**_defaults(placed["orderId"], now, placed), "pair": contract.pair, **placed}
            order_fields, order = self._validated(placed, by_keywords=False)
            triggering, _ = self._algo_book.validated(
                algo.triggering(fields, placed, now), by_keywords=False, replacing=algo_id
            )
            self._apply(AlgoChange(AlgoChangeKind.TRIGGERING, triggering, now))
            self._apply(OrderChange(ChangeKind.NEW, order_fields, now))
            now_triggering = self._algo_book.get(algo_id)
            if not hold and algo.places(now_triggering, order_fields):
                self._apply_algo(
                    AlgoChangeKind.TRIGGERED, now_triggering, AlgoStatus.TRIGGERED, now
                )
            return order

    def on_change(self, subscriber: Subscriber) -> Callable[[], None]:
        """Call ``subscriber`` with every change from now on, in order, under the account's
        lock (its exception reaches whoever made the change). Returns what unsubscribes it."""
        if not callable(subscriber):
            raise ArgumentTypeError(f"a subscriber must be callable, got {subscriber!r:.60}")
        with self._lock:
            self._subscribers.append(subscriber)

        def unsubscribe() -> None:
            with self._lock:
                if subscriber in self._subscribers:
                    self._subscribers.remove(subscriber)

        return unsubscribe

    def _apply(self, change: Change) -> None:
        """The one place the orders change: store ``change``, then tell every subscriber; an
        order that closes then finishes the algo order that placed it."""
        with self._lock:
            if isinstance(change, AlgoChange):
                self._algo_book.store(change)
            elif change.kind is ChangeKind.REMOVED:
                del self._orders[change.order_id]
            else:
                self._orders[change.order_id] = change.fields
                self._last_order_id = max(self._last_order_id, change.order_id)
            for subscriber in tuple(self._subscribers):
                subscriber(change)
            if isinstance(change, OrderChange) and change.kind is not ChangeKind.REMOVED:
                self._finish_placer(change)

    def _finish_placer(self, change: OrderChange) -> None:
        """FINISHED for the algo order that placed the order of ``change``, if it closed."""
        if _is_open(change.fields):
            return
        for fields in self._algo_book:
            if algo.places(fields, change.fields):
                document = algo.finished(fields, change.fields, change.time_ms)
                finished, _ = self._algo_book.validated(
                    document, by_keywords=False, replacing=fields["algoId"]
                )
                self._apply(AlgoChange(AlgoChangeKind.FINISHED, finished, change.time_ms))

    # Helpers.

    def _add(self, given: dict[str, Any], left_out: frozenset[str], *, by_keywords: bool) -> Order:
        with self._lock:
            now = self._clock()
            document = {**_defaults(given.get("orderId", self._last_order_id + 1), now, given)}
            symbol = given.get("symbol")
            contract = self.contracts.get(symbol) if isinstance(symbol, str) else None
            if contract is not None:
                document["pair"] = contract.pair
            document.update(given)
            for key in left_out:
                document.pop(key, None)
            fields, order = self._validated(document, by_keywords=by_keywords)
            self._apply(OrderChange(ChangeKind.NEW, fields, now))
            return order

    def _add_algo(
        self, given: dict[str, Any], left_out: frozenset[str], *, by_keywords: bool
    ) -> AlgoOrder:
        with self._lock:
            now = self._clock()
            document = algo.defaults(given.get("algoId", self._algo_book.last_id + 1), now, given)
            document.update(given)
            for key in left_out:
                document.pop(key, None)
            fields, algo_order = self._algo_book.validated(document, by_keywords=by_keywords)
            self._apply(AlgoChange(AlgoChangeKind.NEW, fields, now))
            return algo_order

    def _end_algo(self, algo_id: int, kind: AlgoChangeKind, status: AlgoStatus) -> AlgoOrder:
        with self._lock:
            fields = self._algo_book.get(algo_id)
            if fields["algoStatus"] != AlgoStatus.NEW:
                raise ConfigurationError(
                    f"algo order {algo_id} is {fields['algoStatus']}: only a NEW one can be "
                    f"{kind.value.lower()}"
                )
            return self._apply_algo(kind, fields, status, self._clock())

    def _apply_algo(
        self, kind: AlgoChangeKind, fields: Mapping[str, Any], status: AlgoStatus, now: int
    ) -> AlgoOrder:
        document = algo.with_status(fields, status, now)
        changed, algo_order = self._algo_book.validated(
            document, by_keywords=False, replacing=fields["algoId"]
        )
        self._apply(AlgoChange(kind, changed, now))
        return algo_order

    def _close(self, order_id: int, kind: ChangeKind, status: OrderStatus) -> Order:
        with self._lock:
            now = self._clock()
            fields = self._get_open(order_id, kind.value.lower())
            document = {**fields, "status": status.value, "updateTime": now}
            changed, order = self._validated(document, by_keywords=True, replacing=order_id)
            self._apply(OrderChange(kind, changed, now))
            return order

    def _get(self, order_id: object) -> Mapping[str, Any]:
        if type(order_id) is not int:
            raise ArgumentTypeError(f"order_id must be an int, got {order_id!r:.60}")
        fields = self._orders.get(order_id)
        if fields is None:
            raise ConfigurationError(f"the mock's account has no order {order_id}")
        return fields

    def _get_open(self, order_id: object, done: str) -> Mapping[str, Any]:
        fields = self._get(order_id)
        if not _is_open(fields):
            raise ConfigurationError(
                f"order {order_id} is {fields['status']}: only an open order can be {done}"
            )
        return fields

    def _validated(
        self, document: dict[str, Any], *, by_keywords: bool, replacing: int | None = None
    ) -> tuple[Mapping[str, Any], Order]:
        """``document`` as the account keeps it, once the spec and the account accept it."""

        def label(key: str) -> str:
            return ORDER.label(key, by_keywords=by_keywords)

        order = ORDER.checked(document, by_keywords=by_keywords)
        algo.refuse_conditional_type(order.type)
        contract = self.contracts.get(order.symbol)
        if contract is None:
            raise ConfigurationError(
                f"{order.symbol!r} is no listed contract: exchange.add_contract({order.symbol!r})"
                f" (--contract {order.symbol} on the command line) lists it"
            )
        if order.pair is not msgspec.UNSET and order.pair != contract.pair:
            raise ConfigurationError(
                f"order field {label('pair')!r} is {order.pair!r}, but {order.symbol} is a "
                f"contract of {contract.pair}"
            )
        if order.order_id != replacing and order.order_id in self._orders:
            raise ConfigurationError(
                f"order field {label('orderId')!r}: the account already has order {order.order_id}"
            )
        if _is_open(document):
            for other_id, other in self._orders.items():
                if (
                    other_id != order.order_id
                    and _is_open(other)
                    and (other["clientOrderId"] == order.client_order_id)
                ):
                    raise ConfigurationError(
                        f"order field {label('clientOrderId')!r}: open order {other_id} has "
                        f"client order id {order.client_order_id!r} already"
                    )
        return MappingProxyType(document), order
