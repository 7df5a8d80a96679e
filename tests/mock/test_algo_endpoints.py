"""The Algo Service's read endpoints on the mock: Current All Algo Open Orders lists the NEW and
TRIGGERING algo orders, Query Algo Order finds one within USDⓈ-M's limits, and Current All
Open Orders holds none of them."""

from __future__ import annotations

import json
from typing import Any

import pytest

from binance_coinm.mock import MockExchange, Reply, seed_algo_orders

from .conftest import NOW_MS, FrozenClock, get, signed_query

OPEN_ALGO_ORDERS = "/dapi/v1/openAlgoOrders"
ALGO_ORDER = "/dapi/v1/algoOrder"
DAY_MS = 86_400_000
STOP_SELL = {
    "symbol": "BTCUSD_PERP",
    "side": "SELL",
    "order_type": "STOP_MARKET",
    "quantity": 5,
    "trigger_price": "80000",
}
CONDITIONAL = {"STOP", "STOP_MARKET", "TAKE_PROFIT", "TAKE_PROFIT_MARKET", "TRAILING_STOP_MARKET"}


def signed(exchange: MockExchange, params: dict[str, Any]) -> bytes:
    return signed_query(params, timestamp=exchange.server_time_ms())


def answer(exchange: MockExchange, path: str, **params: Any) -> Any:
    reply = get(exchange, signed(exchange, params), path=path)
    assert reply.status == 200, reply.body
    return json.loads(reply.body)


def refusal(exchange: MockExchange, path: str, **params: Any) -> tuple[int, int]:
    reply = get(exchange, signed(exchange, params), path=path)
    return reply.status, json.loads(reply.body)["code"]


def listed_ids(exchange: MockExchange, **params: Any) -> list[int]:
    return [algo["algoId"] for algo in answer(exchange, OPEN_ALGO_ORDERS, **params)]


def used_weight(reply: Reply) -> int:
    return int(reply.headers["X-MBX-USED-WEIGHT-1M"])


# Current All Algo Open Orders.


def test_open_algo_orders_are_the_new_and_triggering_ones(exchange: MockExchange) -> None:
    statuses = [algo["algoStatus"] for algo in answer(exchange, OPEN_ALGO_ORDERS)]
    assert sorted(statuses) == ["NEW"] * 4 + ["TRIGGERING"]


def test_open_algo_orders_are_served_as_stored(exchange: MockExchange) -> None:
    assert answer(exchange, OPEN_ALGO_ORDERS) == [a.to_dict() for a in exchange.algo_orders]


def test_symbol_selects_that_contract_only(exchange: MockExchange) -> None:
    found = answer(exchange, OPEN_ALGO_ORDERS, symbol="ETHUSD_PERP")
    assert [algo["symbol"] for algo in found] == ["ETHUSD_PERP", "ETHUSD_PERP"]


def test_algo_id_selects_that_algo_order_only(exchange: MockExchange) -> None:
    wanted = exchange.algo_orders[2].algo_id
    assert listed_ids(exchange, algoId=wanted) == [wanted]


def test_algo_type_selects_the_orders_of_that_type(exchange: MockExchange) -> None:
    assert listed_ids(exchange, algoType="CONDITIONAL") == [a.algo_id for a in exchange.algo_orders]


def test_an_algo_type_no_algo_order_has_is_an_empty_list(exchange: MockExchange) -> None:
    assert answer(exchange, OPEN_ALGO_ORDERS, algoType="TWAP") == []


def test_an_unknown_symbol_is_1121(exchange: MockExchange) -> None:
    assert refusal(exchange, OPEN_ALGO_ORDERS, symbol="NOPE_PERP") == (400, -1121)


def test_a_listed_symbol_without_algo_orders_is_an_empty_list(exchange: MockExchange) -> None:
    assert answer(exchange, OPEN_ALGO_ORDERS, symbol="SOLUSD_PERP") == []


def test_a_triggered_algo_order_is_no_longer_listed(exchange: MockExchange) -> None:
    algo = exchange.add_algo_order(**STOP_SELL)
    exchange.trigger(algo.algo_id)
    assert algo.algo_id not in listed_ids(exchange)


def test_a_held_trigger_stays_listed_as_triggering(exchange: MockExchange) -> None:
    algo = exchange.add_algo_order(**STOP_SELL)
    exchange.trigger(algo.algo_id, hold=True)
    (found,) = answer(exchange, OPEN_ALGO_ORDERS, algoId=algo.algo_id)
    assert found["algoStatus"] == "TRIGGERING"


def test_open_algo_orders_weigh_1_with_symbol_and_40_without(exchange: MockExchange) -> None:
    with_symbol = get(exchange, signed_query({"symbol": "BTCUSD_PERP"}), path=OPEN_ALGO_ORDERS)
    without = get(exchange, signed_query(), path=OPEN_ALGO_ORDERS)
    assert (used_weight(with_symbol), used_weight(without)) == (1, 41)


# Query Algo Order.


def test_an_algo_order_is_found_by_its_id(exchange: MockExchange) -> None:
    algo = exchange.algo_orders[1]
    assert answer(exchange, ALGO_ORDER, algoId=algo.algo_id) == algo.to_dict()


def test_an_algo_order_is_found_by_its_client_algo_id(exchange: MockExchange) -> None:
    algo = exchange.algo_orders[1]
    assert answer(exchange, ALGO_ORDER, clientAlgoId=algo.client_algo_id) == algo.to_dict()


def test_a_client_algo_id_finds_the_latest_algo_order(
    exchange: MockExchange, clock: FrozenClock
) -> None:
    first = exchange.add_algo_order(**STOP_SELL, client_algo_id="again")
    exchange.cancel_algo_order(first.algo_id)
    clock.now_ms += 1
    latest = exchange.add_algo_order(**STOP_SELL, client_algo_id="again")
    assert answer(exchange, ALGO_ORDER, clientAlgoId="again")["algoId"] == latest.algo_id


def test_a_triggered_algo_order_is_found(exchange: MockExchange) -> None:
    found = answer(exchange, ALGO_ORDER, algoId=2148602)
    assert (found["algoStatus"], found["actualOrderId"]) == ("TRIGGERED", "1917643")


def test_an_unknown_algo_order_is_2013(exchange: MockExchange) -> None:
    assert refusal(exchange, ALGO_ORDER, algoId=1) == (400, -2013)
    assert refusal(exchange, ALGO_ORDER, clientAlgoId="never-placed") == (400, -2013)


def test_query_algo_order_weighs_1(exchange: MockExchange) -> None:
    reply = get(exchange, signed_query({"algoId": 2148602}), path=ALGO_ORDER)
    assert used_weight(reply) == 1


def aged(exchange: MockExchange, days: float, end: str | None) -> int:
    """An algo order created ``days`` before now, ended by ``end`` (a method) right then."""
    algo = exchange.add_algo_order(**STOP_SELL, create_time=int(NOW_MS - days * DAY_MS))
    if end is not None:
        getattr(exchange, end)(algo.algo_id)
    return algo.algo_id


@pytest.mark.parametrize("end", ["cancel_algo_order", "expire_algo_order"])
def test_one_ended_without_a_fill_is_found_for_3_days(exchange: MockExchange, end: str) -> None:
    kept, gone = aged(exchange, 3, end), aged(exchange, 3 + 1e-6, end)
    assert answer(exchange, ALGO_ORDER, algoId=kept)["algoId"] == kept
    assert refusal(exchange, ALGO_ORDER, algoId=gone) == (400, -2013)


def test_one_still_new_is_found_after_3_days(exchange: MockExchange) -> None:
    algo_id = aged(exchange, 4, None)
    assert answer(exchange, ALGO_ORDER, algoId=algo_id)["algoStatus"] == "NEW"


def test_one_that_filled_is_found_after_3_days(exchange: MockExchange) -> None:
    algo_id = aged(exchange, 4, None)
    exchange.fill(exchange.trigger(algo_id).order_id, price="80000")
    assert answer(exchange, ALGO_ORDER, algoId=algo_id)["algoStatus"] == "FINISHED"


def test_one_cancelled_after_a_fill_is_found_after_3_days(exchange: MockExchange) -> None:
    algo = exchange.add_algo_order(
        **STOP_SELL, algo_status="CANCELED", actual_qty="1", create_time=NOW_MS - 4 * DAY_MS
    )
    assert answer(exchange, ALGO_ORDER, algoId=algo.algo_id)["actualQty"] == "1"


def test_any_is_found_for_90_days_only(exchange: MockExchange) -> None:
    kept, gone = aged(exchange, 90, None), aged(exchange, 90 + 1e-6, None)
    assert answer(exchange, ALGO_ORDER, algoId=kept)["algoId"] == kept
    assert refusal(exchange, ALGO_ORDER, algoId=gone) == (400, -2013)


def test_the_limits_follow_the_clock(exchange: MockExchange, clock: FrozenClock) -> None:
    algo_id = aged(exchange, 0, "cancel_algo_order")
    clock.now_ms += 3 * DAY_MS + 1
    assert refusal(exchange, ALGO_ORDER, algoId=algo_id) == (400, -2013)


# Current All Open Orders.


def test_open_orders_hold_no_conditional_type(exchange: MockExchange) -> None:
    orders = answer(exchange, "/dapi/v1/openOrders")
    assert {order["type"] for order in orders} & CONDITIONAL == set()


def test_open_orders_hold_the_order_a_trigger_placed(exchange: MockExchange) -> None:
    placed = exchange.trigger(exchange.add_algo_order(**STOP_SELL).algo_id)
    found = [o for o in answer(exchange, "/dapi/v1/openOrders") if o["orderId"] == placed.order_id]
    assert [(o["type"], o["origType"]) for o in found] == [("MARKET", "STOP_MARKET")]


def test_open_orders_hold_no_algo_id(exchange: MockExchange) -> None:
    ids = {order["orderId"] for order in answer(exchange, "/dapi/v1/openOrders")}
    assert ids & {algo["algoId"] for algo in seed_algo_orders()} == set()
