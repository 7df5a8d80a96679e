"""An ``OrderChange`` of the mock's account as the ORDER_TRADE_UPDATE Binance would push.

The event is built from the order as REST shows it after the change, with asyncapi.yaml's
generated models (so the wire keys are the spec's): ``E`` is the change's time, ``T`` and
``o.T`` the order's ``updateTime``, ``x`` the change's kind (named after the execution
types), ``l``/``L`` its fill, ``z`` the order's ``executedQty``. Stream and REST cannot
disagree. A REMOVED change (a test took the order away) has no event: Binance has none.

Decisions where Binance is silent or the mock models nothing:
- ``i`` (the account alias) is ``ACCOUNT_ALIAS``: the mock has one account;
- ``ma`` (margin asset) is the pair's base coin ("BTC" for BTCUSD), as on every COIN-M
  contract;
- the mock charges no commission, so ``N``/``n`` (optional on the page) are not sent;
  ``rp``, ``b`` and ``a`` are "0" and ``m`` (maker) is false: the mock has no book, no
  position and no counterparty;
- ``t`` is the fill's trade id (the stream counts fills from 1), 0 when the event is no fill;
- ``er`` is "0" on every event: the mock records no expiry reason;
- the optional fields are sent when the order has them (``cp``, ``pP``, ``V``, ``pm``;
  ``AP``/``cr`` from a trailing stop's ``activatePrice``/``priceRate``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from binance_coinm.models import ExecutionType, OrderTradeUpdateEvent, OrderTradeUpdateOrder

from ..changes import ChangeKind, OrderChange
from ..orders import pair_of

ACCOUNT_ALIAS = "mock"
QUOTE = "USD"
"""The quote of every COIN-M pair: the rest of the pair is the margin asset."""
ZERO = Decimal(0)
NO_EXPIRY_REASON = "0"


def margin_asset(symbol: str) -> str:
    return pair_of(symbol).removesuffix(QUOTE)


def order_trade_update(change: OrderChange, trade_id: int) -> dict[str, Any] | None:
    """The event of ``change`` as JSON (``trade_id`` counts for a TRADE only); None for
    REMOVED."""
    if change.kind is ChangeKind.REMOVED:
        return None
    order, fill = change.order, change.fill
    body = OrderTradeUpdateOrder(
        symbol=order.symbol,
        client_order_id=order.client_order_id,
        side=order.side,
        order_type=order.type,
        time_in_force=order.time_in_force,
        original_quantity=order.orig_qty,
        original_price=order.price,
        average_price=order.avg_price,
        stop_price=order.stop_price,
        execution_type=ExecutionType(change.kind.value),
        order_status=order.status,
        order_id=order.order_id,
        last_filled_quantity=ZERO if fill is None else fill.quantity,
        cumulative_filled_quantity=order.executed_qty,
        last_filled_price=ZERO if fill is None else fill.price,
        margin_asset=margin_asset(order.symbol),
        trade_time=order.update_time,
        trade_id=0 if fill is None else trade_id,
        realized_profit=ZERO,
        bids_notional=ZERO,
        asks_notional=ZERO,
        is_maker=False,
        reduce_only=order.reduce_only,
        working_type=order.working_type,
        original_order_type=order.orig_type,
        position_side=order.position_side,
        close_position=order.close_position,
        activation_price=order.activate_price,
        callback_rate=order.price_rate,
        price_protect=order.price_protect,
        self_trade_prevention_mode=order.self_trade_prevention_mode,
        price_match=order.price_match,
        expiry_reason=NO_EXPIRY_REASON,
    )
    event = OrderTradeUpdateEvent(
        event_type="ORDER_TRADE_UPDATE",
        event_time=change.time_ms,
        transaction_time=order.update_time,
        account_alias=ACCOUNT_ALIAS,
        order=body,
    )
    return event.to_dict()
