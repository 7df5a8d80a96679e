"""Every open order in one call: the matching engine's and the Algo Service's, or an error."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest

from binance_coinm import AllOpenOrders, all_open_orders, errors, signed_client
from binance_coinm.spec import SPEC

ORDERS = SPEC.operations["currentAllOpenOrders"]
ALGO = SPEC.operations["currentAllAlgoOpenOrders"]
ORDER: dict[str, Any] = json.loads(
    (Path(__file__).resolve().parents[1] / "fixtures" / "open_orders_example_zh.json").read_text()
)[0]
ALGO_ORDER: dict[str, Any] = ALGO.example[0]
Handler = Callable[[httpx.Request], httpx.Response]
Read = Callable[..., AllOpenOrders]


def answer(body: Any, used: int) -> httpx.Response:
    return httpx.Response(200, json=body, headers={"X-MBX-USED-WEIGHT-1M": str(used)})


def exchange(orders: list[Any], algo: list[Any]) -> Handler:
    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path == ALGO.path:
            return answer(algo, 7)
        assert request.url.path == ORDERS.path
        return answer(orders, 5)

    return handle


@pytest.fixture(params=["sync", "async"])
def read(request: pytest.FixtureRequest) -> Read:
    def run(handler: Handler, **arguments: Any) -> AllOpenOrders:
        transport = httpx.MockTransport(handler)
        client = signed_client("key", "secret", max_retries=0, httpx_args={"transport": transport})
        if request.param == "sync":
            with client:
                return all_open_orders.sync(client=client, **arguments)

        async def call() -> AllOpenOrders:
            async with client:
                return await all_open_orders.asyncio(client=client, **arguments)

        return anyio.run(call)

    return run


def test_it_holds_what_both_reads_answer(read: Read) -> None:
    found = read(exchange([ORDER], [ALGO_ORDER]), symbol="BTCUSD_PERP")
    assert [o.to_dict() for o in found.orders] == [ORDER]
    assert [a.to_dict() for a in found.algo_orders] == [ALGO_ORDER]
    assert len(found) == 2


@pytest.mark.parametrize(
    ("arguments", "weight"), [({"symbol": "BTCUSD_PERP"}, 2), ({"pair": "BTCUSD"}, 80), ({}, 80)]
)
def test_it_costs_the_weight_of_both_reads(
    read: Read, arguments: dict[str, str], weight: int
) -> None:
    found = read(exchange([], []), **arguments)
    expected = ORDERS.weight(list(arguments)) + ALGO.weight([k for k in arguments if k != "pair"])
    assert found.weight == expected == weight
    assert found.used_weight_1m == 7


def test_a_pair_keeps_the_algo_orders_of_its_contracts(read: Read) -> None:
    eth = {**ALGO_ORDER, "symbol": "ETHUSD_PERP", "algoId": 2}
    found = read(exchange([], [ALGO_ORDER, eth]), pair="ETHUSD")
    assert [a.symbol for a in found.algo_orders] == ["ETHUSD_PERP"]


@pytest.mark.parametrize("failing", [ORDERS.path, ALGO.path])
def test_if_either_read_fails_the_call_raises(read: Read, failing: str) -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path == failing:
            return httpx.Response(400, json={"code": -1121, "msg": "Invalid symbol."})
        return exchange([ORDER], [ALGO_ORDER])(request)

    with pytest.raises(errors.InvalidRequestError) as caught:
        read(handle, symbol="BTCUSD_PERP")
    assert caught.value.code == -1121
    assert (caught.value.__cause__, caught.value.__context__) == (None, None)


def test_an_order_placed_by_a_listed_algo_order_is_linked_to_it(read: Read) -> None:
    triggering = {**ALGO_ORDER, "algoStatus": "TRIGGERING", "actualOrderId": str(ORDER["orderId"])}
    other = {**ORDER, "orderId": ORDER["orderId"] + 1}
    found = read(exchange([ORDER, other], [triggering]))
    placed, unplaced = found.orders
    assert found.placed_by(placed) == found.algo_orders[0]
    assert found.placed_by(unplaced) is None


def test_async_reads_both_at_once() -> None:
    arrived: list[str] = []
    both = anyio.Event()

    class Together(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            arrived.append(request.url.path)
            if len(arrived) == 2:
                both.set()
            with anyio.fail_after(5):
                await both.wait()  # neither answer comes before both requests are in flight
            return exchange([ORDER], [ALGO_ORDER])(request)

    async def call() -> AllOpenOrders:
        client = signed_client("key", "secret", httpx_args={"transport": Together()})
        async with client:
            return await all_open_orders.asyncio(client=client)

    assert len(anyio.run(call)) == 2
    assert sorted(arrived) == sorted([ORDERS.path, ALGO.path])
