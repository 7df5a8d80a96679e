"""A trader's script, written against the documented API only, as a user would write it.

``mypy --strict`` checks it with the rest of the tree (``make typecheck``) and, in
``tests/packaging``, against nothing but the installed wheel; each ``assert_type`` turns a
documented type into a check that fails if the library's signatures drift or decay to Any.
``test_user_script.py`` runs every function against the mock exchange, so it is real code.
"""

from __future__ import annotations

import asyncio
import sys
from decimal import Decimal
from typing import assert_type

import httpx

import binance_coinm
from binance_coinm import (
    TESTNET_URL,
    UNSET,
    AuthenticatedClient,
    Order,
    OrderStatus,
    OrderType,
    Response,
    Unset,
    current_all_open_orders,
    query_current_open_order,
    signed_client,
)
from binance_coinm.errors import APIStatusError, BinanceError, OrderNotFoundError, RateLimitError


def remaining_notional(order: Order) -> Decimal:
    """Price times the contracts still to fill, exactly."""
    assert_type(order.price, Decimal)
    assert_type(order.orig_qty, Decimal)
    return order.price * (order.orig_qty - order.executed_qty)


def activation_price(order: Order) -> Decimal | None:
    """A trailing stop's activation price; other orders leave the field UNSET."""
    assert_type(order.activate_price, Decimal | Unset)
    if order.activate_price is UNSET:
        return None
    assert_type(order.activate_price, Decimal)
    return order.activate_price


def describe(order: Order) -> str:
    assert_type(order.type, OrderType)
    assert_type(order.status, OrderStatus)
    kind = "limit" if order.type is OrderType.LIMIT else order.type.value.lower()
    pair = "?" if isinstance(order.pair, Unset) else order.pair
    known = "" if order.status.is_known else " (a status this client does not know)"
    return f"{order.symbol} ({pair}) {order.side} {kind} {order.price}{known}"


def open_limit_orders(client: AuthenticatedClient, symbol: str | None) -> list[Order]:
    """Open LIMIT orders of one symbol, or of every symbol when ``symbol`` is None."""
    orders = current_all_open_orders.sync(
        client=client, symbol=symbol, pair=None, recv_window=None, timeout=None
    )
    assert_type(orders, list[Order])
    return [order for order in orders if order.type is OrderType.LIMIT]


def weight_of_a_pair(client: AuthenticatedClient, pair: str) -> int | None:
    """The weight used this minute after reading every open order of ``pair``."""
    response = current_all_open_orders.sync_detailed(
        client=client, pair=pair, max_retries=None, deadline=None
    )
    assert_type(response, Response[list[Order]])
    assert_type(response.status_code, int)
    assert_type(response.headers, httpx.Headers)
    assert_type(response.parsed, list[Order])
    assert_type(response.used_weight_1m, int | None)
    return response.used_weight_1m


async def open_orders_of_pairs(client: AuthenticatedClient, pairs: list[str]) -> dict[str, int]:
    """How many orders are open on each pair, read concurrently."""
    results = await asyncio.gather(
        *(current_all_open_orders.asyncio(client=client, pair=pair) for pair in pairs)
    )
    assert_type(results, list[list[Order]])
    return {pair: len(orders) for pair, orders in zip(pairs, results, strict=True)}


def still_open(client: AuthenticatedClient, symbol: str, order_id: int) -> Order | None:
    """The order if it is still open, None once it was filled or cancelled."""
    try:
        order = query_current_open_order.sync(
            client=client, symbol=symbol, order_id=order_id, orig_client_order_id=None
        )
    except OrderNotFoundError:
        return None
    assert_type(order, Order)
    return order


def refusal(client: AuthenticatedClient, symbol: str) -> tuple[int | None, str] | None:
    """Binance's code and message if it refuses to list ``symbol``'s orders, else None."""
    try:
        current_all_open_orders.sync(client=client, symbol=symbol)
    except RateLimitError as error:
        assert_type(error.retry_after, int | None)
        raise
    except binance_coinm.InvalidRequestError as error:
        assert_type(error.code, int | None)
        return error.code, error.msg
    except APIStatusError as error:
        assert_type(error.status_code, int)
        raise
    return None


def main() -> int:
    """List the open LIMIT orders on the testnet, with BINANCE_API_KEY / BINANCE_API_SECRET."""
    try:
        with signed_client(base_url=TESTNET_URL, timeout=10.0, recv_window=None) as client:
            for order in open_limit_orders(client, None):
                print(describe(order), remaining_notional(order))
    except BinanceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
