"""Fixed open orders the command's tests show: the spec's examples, varied field by field.

Tests of what the command prints read these, never the mock's seeded orders (which change).
Ordinary orders: two limits on BTCUSD_PERP (one partly filled, reduce-only), a market order
on ETHUSD_PERP that algo order 2148630 placed when it triggered, a limit on SOLUSD_PERP.
Algo orders: one of each long type name, on BTCUSD and ETHUSD contracts.
"""

from __future__ import annotations

from typing import Any

from binance_coinm.spec import SPEC
from binance_coinm_rest.api.trade import (
    current_all_algo_open_orders,
    current_all_open_orders,
    query_algo_order,
    query_current_open_order,
)

ORDERS_PATH = current_all_open_orders.ENDPOINT.operation.path
ALGO_ORDERS_PATH = current_all_algo_open_orders.ENDPOINT.operation.path
ORDER_PATH = query_current_open_order.ENDPOINT.operation.path
ALGO_ORDER_PATH = query_algo_order.ENDPOINT.operation.path

_ORDER = SPEC.operations["currentAllOpenOrders"].example[0]
_ALGO = SPEC.operations["currentAllAlgoOpenOrders"].example[0]


def order(**fields: Any) -> dict[str, Any]:
    """An ordinary open order: a plain GTC limit unless ``fields`` say otherwise."""
    plain = {
        "symbol": "BTCUSD_PERP", "pair": "BTCUSD", "type": "LIMIT", "origType": "LIMIT",
        "status": "NEW", "side": "BUY", "positionSide": "BOTH", "stopPrice": "0",
        "executedQty": "0", "timeInForce": "GTC", "reduceOnly": False,
    }  # fmt: skip
    unlike_a_limit = ("activatePrice", "priceRate")
    body = {k: v for k, v in _ORDER.items() if k not in unlike_a_limit}
    return {**body, **plain, **fields}


def algo_order(**fields: Any) -> dict[str, Any]:
    """An algo order not yet triggered: the spec's take-profit unless ``fields`` say otherwise."""
    return {**_ALGO, **fields}


ORDERS = [
    order(orderId=1917641, clientOrderId="order-0000", price="86250.5", origQty="12",
          time=1795478400000),
    order(orderId=1917642, clientOrderId="order-0001", side="SELL", status="PARTIALLY_FILLED",
          price="91000.0", origQty="5", executedQty="2", timeInForce="GTX", reduceOnly=True,
          time=1795478460000),
    order(orderId=1917647, clientOrderId="order-0002", symbol="ETHUSD_PERP", pair="ETHUSD",
          side="SELL", type="MARKET", origType="TAKE_PROFIT_MARKET", price="0", origQty="7",
          time=1795478760000),
    order(orderId=1917652, clientOrderId="order-0003", symbol="SOLUSD_PERP", pair="SOLUSD",
          price="142.385", origQty="3", time=1795479060000),
]  # fmt: skip

ALGO_ORDERS = [
    algo_order(algoId=2148627, clientAlgoId="algo-0000", orderType="TAKE_PROFIT",
               triggerPrice="105000.0", price="105000.0", createTime=1795478520000),
    algo_order(algoId=2148628, clientAlgoId="algo-0001", symbol="BTCUSD_261225",
               orderType="STOP_MARKET", triggerPrice="84000.0", price="0.0", quantity="3",
               workingType="MARK_PRICE", createTime=1795478580000),
    algo_order(algoId=2148630, clientAlgoId="algo-0002", symbol="ETHUSD_PERP",
               orderType="TAKE_PROFIT_MARKET", algoStatus="TRIGGERING", triggerPrice="2800.00",
               price="0.0", quantity="7", actualOrderId="1917647", createTime=1795478640000),
    algo_order(algoId=2148631, clientAlgoId="algo-0003", symbol="ETHUSD_261225",
               orderType="TRAILING_STOP_MARKET", triggerPrice="0.0", price="0.0",
               activatePrice="3300.00", callbackRate="1.5", createTime=1795478700000),
]  # fmt: skip
"""What the tests' Algo Service holds (the pair BTCUSD's first two, ETHUSD's last two)."""
