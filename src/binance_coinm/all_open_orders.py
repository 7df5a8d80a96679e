"""Every open order of an account, as Binance keeps them since 2026-06-30: one call, one answer.

Since the COIN-M / USDⓈ-M integration, conditional orders (stop, take-profit, trailing stop)
live in the Algo Service: ``currentAllOpenOrders`` answers matching-engine orders only, and
``currentAllAlgoOpenOrders`` lists the conditional ones until they trigger. This reads both
(concurrently in async code) and returns them together, with the weight of both. If either
read fails the call raises: a partial answer is never presented as the whole.

A conditional order that triggers places an ordinary order; while the algo order is listed
(``TRIGGERING``) its ``actual_order_id`` names that order, and ``placed_by()`` links them.
"""

from __future__ import annotations

import time
from collections.abc import Mapping

import anyio
import httpx
import msgspec

from binance_coinm_rest.api.trade import current_all_algo_open_orders, current_all_open_orders
from binance_coinm_rest.models import AlgoOrder, Order

from .client.base import AuthenticatedClient, bare
from .errors import APITimeoutError, BinanceError
from .types import Response

MIN_SECONDS = 0.001


class AllOpenOrders(msgspec.Struct, frozen=True):
    """The open orders of both services, read together."""

    orders: list[Order]
    """Ordinary orders in the matching engine (``currentAllOpenOrders``)."""
    algo_orders: list[AlgoOrder]
    """Conditional orders in the Algo Service not yet triggered (``currentAllAlgoOpenOrders``)."""
    weight: int
    """The request weight both reads cost, by the spec's rules."""
    used_weight_1m: int | None
    """The exchange's count for this IP after both reads (the higher of the two answers)."""

    def placed_by(self, order: Order) -> AlgoOrder | None:
        """The listed conditional order that placed ``order``, if one did."""
        return self._placers().get(order.order_id)

    def _placers(self) -> Mapping[int, AlgoOrder]:
        return {
            int(algo.actual_order_id): algo
            for algo in self.algo_orders
            if isinstance(algo.actual_order_id, str) and algo.actual_order_id
        }

    def __len__(self) -> int:
        return len(self.orders) + len(self.algo_orders)


def of_pair(algo_orders: list[AlgoOrder], pair: str) -> list[AlgoOrder]:
    """The algo orders of a pair's contracts (``BTCUSD_PERP`` is BTCUSD's): the Algo Service
    takes no ``pair``."""
    return [algo for algo in algo_orders if algo.symbol.partition("_")[0] == pair]


def _combined(
    orders: Response[list[Order]], algo: Response[list[AlgoOrder]], pair: str | None
) -> AllOpenOrders:
    counts = [n for n in (orders.used_weight_1m, algo.used_weight_1m) if n is not None]
    algo_orders = algo.parsed if pair is None else of_pair(algo.parsed, pair)
    return AllOpenOrders(
        orders=orders.parsed,
        algo_orders=algo_orders,
        weight=0,
        used_weight_1m=max(counts) if counts else None,
    )


def weight(symbol: str | None, pair: str | None) -> int:
    """What reading every open order costs, by the spec's weight rules of both reads."""
    orders = current_all_open_orders.ENDPOINT.call({"symbol": symbol, "pair": pair})
    algo = current_all_algo_open_orders.ENDPOINT.call({"symbol": symbol})
    return orders.weight + algo.weight


def sync(
    *,
    client: AuthenticatedClient,
    symbol: str | None = None,
    pair: str | None = None,
    recv_window: int | None = None,
    timeout: float | httpx.Timeout | None = None,
    max_retries: int | None = None,
    deadline: float | None = None,
) -> AllOpenOrders:
    """Every open order: the matching engine's, then the Algo Service's, within one deadline.

    ``symbol`` reads one contract (weight 1 + 1); ``pair`` every contract of a pair (40 + 40:
    the Algo Service takes no pair, so its orders are read whole and kept by pair); neither,
    every contract (40 + 40). Raises what either read raises.
    """
    try:
        ends = time.monotonic() + (client.settings.deadline if deadline is None else deadline)
        orders = current_all_open_orders.sync_detailed(
            client=client, symbol=symbol, pair=pair, recv_window=recv_window,
            timeout=timeout, max_retries=max_retries, deadline=_left(ends),
        )  # fmt: skip
        algo = current_all_algo_open_orders.sync_detailed(
            client=client, symbol=symbol, recv_window=recv_window,
            timeout=timeout, max_retries=max_retries, deadline=_left(ends),
        )  # fmt: skip
        found = _combined(orders, algo, pair)
    except BinanceError as exc:
        error = bare(exc)
    else:
        return msgspec.structs.replace(found, weight=weight(symbol, pair))
    raise error


async def asyncio(
    *,
    client: AuthenticatedClient,
    symbol: str | None = None,
    pair: str | None = None,
    recv_window: int | None = None,
    timeout: float | httpx.Timeout | None = None,
    max_retries: int | None = None,
    deadline: float | None = None,
) -> AllOpenOrders:
    """``sync``, with both reads in flight at once; the first failure cancels the other."""
    orders: list[Response[list[Order]]] = []
    algo: list[Response[list[AlgoOrder]]] = []

    async def read_orders() -> None:
        orders.append(
            await current_all_open_orders.asyncio_detailed(
                client=client, symbol=symbol, pair=pair, recv_window=recv_window,
                timeout=timeout, max_retries=max_retries, deadline=deadline,
            )
        )  # fmt: skip

    async def read_algo() -> None:
        algo.append(
            await current_all_algo_open_orders.asyncio_detailed(
                client=client, symbol=symbol, recv_window=recv_window,
                timeout=timeout, max_retries=max_retries, deadline=deadline,
            )
        )  # fmt: skip

    try:
        async with anyio.create_task_group() as reads:
            reads.start_soon(read_orders)
            reads.start_soon(read_algo)
    except* BinanceError as group:
        error = bare(_first(group))
    else:
        found = _combined(orders[0], algo[0], pair)
        return msgspec.structs.replace(found, weight=weight(symbol, pair))
    raise error


def _first(group: BaseExceptionGroup[BinanceError]) -> BinanceError:
    """The first BinanceError of a group (the other read was cancelled, or failed too)."""
    found = group.exceptions[0]
    return _first(found) if isinstance(found, BaseExceptionGroup) else found


def _left(ends: float) -> float:
    """What is left of the whole call's deadline, for its next read."""
    left = ends - time.monotonic()
    if left < MIN_SECONDS:
        raise APITimeoutError("the call's deadline passed between its two reads")
    return left
