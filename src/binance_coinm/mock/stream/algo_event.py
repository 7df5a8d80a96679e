"""A change of an algo (conditional) order as the ALGO_UPDATE Binance would push.

Made from the account's ``AlgoChange``: its ``fields`` are the algo order's REST JSON after
the change (before it, for REMOVED). As with order events, the event is the REST record
renamed by the
generated models: ``E`` the change's time, ``T`` the algo order's ``updateTime``, ``X`` its
``algoStatus``. REMOVED (a test took the order away) has no event.

Decisions where Binance is silent (COIN-M has no ALGO_UPDATE page; the keys are USDⓈ-M's,
as asyncapi.yaml says):
- the matching-engine fields are sent when the REST record has them: ``ai`` from
  ``actualOrderId``, ``ap`` from ``actualPrice``, ``aq`` from ``actualQty``, ``act`` from
  ``actualType``; so are ``V``, ``pm`` and ``gtd``;
- ``tt`` is the record's ``triggerTime`` (0 until it triggers);
- ``rm`` (a failure reason) and ``ia`` (USDⓈ-M's trailing-stop activation) are never sent:
  the mock refuses no algo order once placed, and COIN-M documents no ``ia``.
"""

from __future__ import annotations

from typing import Any

from binance_coinm.models import AlgoOrder, AlgoUpdateEvent, AlgoUpdateOrder

from ..changes import AlgoChange, AlgoChangeKind


def algo_update(change: AlgoChange) -> dict[str, Any] | None:
    """The event of ``change`` as JSON; None for REMOVED."""
    if change.kind is AlgoChangeKind.REMOVED:
        return None
    algo = AlgoOrder.from_dict(change.fields)
    body = AlgoUpdateOrder(
        client_algo_id=algo.client_algo_id,
        algo_id=algo.algo_id,
        algo_type=algo.algo_type,
        order_type=algo.order_type,
        symbol=algo.symbol,
        side=algo.side,
        position_side=algo.position_side,
        time_in_force=algo.time_in_force,
        quantity=algo.quantity,
        algo_status=algo.algo_status,
        trigger_price=algo.trigger_price,
        price=algo.price,
        working_type=algo.working_type,
        close_position=algo.close_position,
        price_protect=algo.price_protect,
        reduce_only=algo.reduce_only,
        trigger_time=algo.trigger_time,
        actual_order_id=algo.actual_order_id,
        average_price=algo.actual_price,
        executed_quantity=algo.actual_qty,
        actual_order_type=algo.actual_type,
        self_trade_prevention_mode=algo.self_trade_prevention_mode,
        price_match=algo.price_match,
        good_till_date=algo.good_till_date,
    )
    event = AlgoUpdateEvent(
        event_type="ALGO_UPDATE",
        event_time=change.time_ms,
        transaction_time=algo.update_time,
        algo_order=body,
    )
    return event.to_dict()
