"""Whatever a test does to the mock's orders and algo orders, Current All Open Orders never lists
a conditional type, Current All Algo Open Orders lists exactly the NEW and TRIGGERING algo
orders, and every change record holds fields its model reads."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from binance_coinm import errors
from binance_coinm.mock import AlgoChange, Change, MockExchange
from binance_coinm.models import AlgoOrder, Order

from .conftest import NOW_MS, FrozenClock, get, signed_query

CONDITIONAL = ["STOP", "STOP_MARKET", "TAKE_PROFIT", "TAKE_PROFIT_MARKET", "TRAILING_STOP_MARKET"]
SYMBOLS = ["BTCUSD_PERP", "ETHUSD_PERP", "BTCUSD_261225"]
PRICE = "80000"


def algo_fields(order_type: str, symbol: str, side: str) -> dict[str, Any]:
    """An algo order's keywords with the prices its type needs (a trailing stop's activation)."""
    fields: dict[str, Any] = {"symbol": symbol, "side": side, "order_type": order_type}
    fields["quantity"] = 3
    if order_type == "TRAILING_STOP_MARKET":
        fields["activate_price"] = PRICE
    else:
        fields["trigger_price"] = PRICE
    if order_type in ("STOP", "TAKE_PROFIT"):
        fields["price"] = PRICE
    return fields


class ConditionalOrders(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.clock = FrozenClock(NOW_MS)
        self.exchange = MockExchange(clock=self.clock)
        self.changes: list[Change] = []
        self.exchange.on_change(self.changes.append)

    def _answer(self, path: str) -> list[dict[str, Any]]:
        reply = get(self.exchange, signed_query(timestamp=self.clock.now_ms), path=path)
        assert reply.status == 200, reply.body
        answer: list[dict[str, Any]] = json.loads(reply.body)
        return answer

    def _algo_ids(self) -> list[int]:
        return [algo["algoId"] for algo in self.exchange.account.algo_orders_json()]

    @rule(
        order_type=st.sampled_from(CONDITIONAL),
        symbol=st.sampled_from(SYMBOLS),
        side=st.sampled_from(["BUY", "SELL"]),
    )
    def add_algo_order(self, order_type: str, symbol: str, side: str) -> None:
        self.exchange.add_algo_order(**algo_fields(order_type, symbol, side))

    @rule(symbol=st.sampled_from(SYMBOLS), order_type=st.sampled_from(["LIMIT", "MARKET"]))
    def add_order(self, symbol: str, order_type: str) -> None:
        price = PRICE if order_type == "LIMIT" else "0"
        self.exchange.add_order(symbol=symbol, side="BUY", type=order_type, orig_qty=2, price=price)

    @precondition(lambda self: self._algo_ids())
    @rule(data=st.data(), hold=st.booleans())
    def trigger(self, data: st.DataObject, hold: bool) -> None:
        algo_id = data.draw(st.sampled_from(self._algo_ids()))
        status = self.exchange.algo_order(algo_id).algo_status
        accepted = status == "NEW" or (status == "TRIGGERING" and not hold)
        try:
            self.exchange.trigger(algo_id, hold=hold)
        except errors.ConfigurationError:
            assert not accepted
        else:
            assert accepted

    @precondition(lambda self: self._algo_ids())
    @rule(data=st.data(), end=st.sampled_from(["cancel_algo_order", "expire_algo_order"]))
    def end_algo_order(self, data: st.DataObject, end: str) -> None:
        algo_id = data.draw(st.sampled_from(self._algo_ids()))
        status = self.exchange.algo_order(algo_id).algo_status
        try:
            getattr(self.exchange, end)(algo_id)
        except errors.ConfigurationError:
            assert status != "NEW"
        else:
            assert status == "NEW"

    @precondition(lambda self: self._algo_ids())
    @rule(data=st.data())
    def remove_algo_order(self, data: st.DataObject) -> None:
        self.exchange.remove_algo_order(data.draw(st.sampled_from(self._algo_ids())))

    @precondition(lambda self: self.exchange.orders)
    @rule(data=st.data(), close=st.sampled_from(["fill", "cancel", "expire", "partly"]))
    def close_order(self, data: st.DataObject, close: str) -> None:
        order = data.draw(st.sampled_from(self.exchange.orders))
        if close == "partly":
            if order.orig_qty - order.executed_qty > 1:
                self.exchange.fill(order.order_id, 1, price=PRICE)
        elif close == "fill":
            self.exchange.fill(order.order_id, price=PRICE)
        else:
            getattr(self.exchange, close)(order.order_id)

    @rule()
    def time_passes(self) -> None:
        self.clock.now_ms += 1000

    @invariant()
    def open_orders_list_no_conditional_type(self) -> None:
        assert {order["type"] for order in self._answer("/dapi/v1/openOrders")} <= {
            "LIMIT",
            "MARKET",
        }

    @invariant()
    def open_algo_orders_are_exactly_the_new_and_triggering_ones(self) -> None:
        listed = self._answer("/dapi/v1/openAlgoOrders")
        waiting = [
            algo
            for algo in self.exchange.account.algo_orders_json()
            if algo["algoStatus"] in ("NEW", "TRIGGERING")
        ]
        assert listed == waiting

    @invariant()
    def every_change_reads_as_its_model(self) -> None:
        for change in self.changes:
            model = AlgoOrder if isinstance(change, AlgoChange) else Order
            model.from_dict(dict(change.fields))
        self.changes.clear()


ConditionalOrders.TestCase.settings = settings(
    max_examples=25, stateful_step_count=25, deadline=None, derandomize=True
)
test_conditional_orders_never_open = ConditionalOrders.TestCase
