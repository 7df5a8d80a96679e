# Generated from openapi.yaml by `make generate`. Do not edit: change the spec or generator/.
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.order_side import ORDER_SIDE_BY_VALUE, OrderSide
from ..models.order_status import ORDER_STATUS_BY_VALUE, OrderStatus
from ..models.order_type import ORDER_TYPE_BY_VALUE, OrderType
from ..models.position_side import POSITION_SIDE_BY_VALUE, PositionSide
from ..models.price_match import PRICE_MATCH_BY_VALUE, PriceMatch
from ..models.self_trade_prevention_mode import (
    SELF_TRADE_PREVENTION_MODE_BY_VALUE,
    SelfTradePreventionMode,
)
from ..models.time_in_force import TIME_IN_FORCE_BY_VALUE, TimeInForce
from ..models.working_type import WORKING_TYPE_BY_VALUE, WorkingType
from ..types import UNSET, Unset, decimal_from_json

_KNOWN_KEYS = frozenset(
    {
        "avgPrice",
        "clientOrderId",
        "cumBase",
        "executedQty",
        "orderId",
        "origQty",
        "origType",
        "price",
        "reduceOnly",
        "side",
        "positionSide",
        "status",
        "stopPrice",
        "closePosition",
        "symbol",
        "time",
        "timeInForce",
        "type",
        "updateTime",
        "workingType",
        "priceProtect",
        "priceMatch",
        "selfTradePreventionMode",
        "pair",
        "activatePrice",
        "priceRate",
    }
)


@_attrs_define
class Order:
    """An open order, as Current All Open Orders returns it."""

    avg_price: Decimal
    """Average fill price."""
    client_order_id: str
    """The order id chosen by the client."""
    cum_base: Decimal
    """Filled amount, in the base asset."""
    executed_qty: Decimal
    """Filled quantity, in contracts."""
    order_id: int
    """The exchange's order id."""
    orig_qty: Decimal
    """Ordered quantity, in contracts."""
    orig_type: OrderType
    """Order type (also used for `origType`)."""
    price: Decimal
    """Limit price; "0" for market-style orders."""
    reduce_only: bool
    """Whether the order can only reduce a position."""
    side: OrderSide
    """Order side."""
    position_side: PositionSide
    """Position side; `BOTH` in one-way mode."""
    status: OrderStatus
    """Order status. `EXPIRED_IN_MATCH` marks an order expired by self-trade prevention."""
    stop_price: Decimal
    """Trigger price; to be ignored for `TRAILING_STOP_MARKET`."""
    close_position: bool
    """Whether this is a Close-All conditional order."""
    symbol: str
    """A COIN-M contract symbol."""
    time: int
    """Order time, ms since the Unix epoch."""
    time_in_force: TimeInForce
    """Time in force: good till cancel, immediate or cancel, fill or kill, good till
    crossing (post only)."""
    type_: OrderType
    """Order type (also used for `origType`)."""
    update_time: int
    """Last update time, ms since the Unix epoch."""
    working_type: WorkingType
    """The price that triggers a conditional order."""
    price_protect: bool
    """Whether the conditional order's trigger is protected."""
    price_match: PriceMatch
    """Price match mode."""
    self_trade_prevention_mode: SelfTradePreventionMode
    """Self-trade prevention mode."""
    pair: str | Unset = UNSET
    """The underlying pair. Shown in the Chinese page's example, missing from the English
    one, so it is optional."""
    activate_price: Decimal | Unset = UNSET
    """Activation price; returned only for `TRAILING_STOP_MARKET` orders."""
    price_rate: Decimal | Unset = UNSET
    """Callback rate in percent; returned only for `TRAILING_STOP_MARKET` orders."""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    """Fields the spec does not describe (yet), kept as decoded."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON object this model was read from: decimals as exact strings, enums as values."""
        field_dict: dict[str, Any] = dict(self.additional_properties)
        field_dict.update(
            {
                "avgPrice": format(self.avg_price, "f"),
                "clientOrderId": self.client_order_id,
                "cumBase": format(self.cum_base, "f"),
                "executedQty": format(self.executed_qty, "f"),
                "orderId": self.order_id,
                "origQty": format(self.orig_qty, "f"),
                "origType": self.orig_type.value,
                "price": format(self.price, "f"),
                "reduceOnly": self.reduce_only,
                "side": self.side.value,
                "positionSide": self.position_side.value,
                "status": self.status.value,
                "stopPrice": format(self.stop_price, "f"),
                "closePosition": self.close_position,
                "symbol": self.symbol,
                "time": self.time,
                "timeInForce": self.time_in_force.value,
                "type": self.type_.value,
                "updateTime": self.update_time,
                "workingType": self.working_type.value,
                "priceProtect": self.price_protect,
                "priceMatch": self.price_match.value,
                "selfTradePreventionMode": self.self_trade_prevention_mode.value,
            }
        )
        if not isinstance(self.pair, Unset):
            field_dict["pair"] = self.pair
        if not isinstance(self.activate_price, Unset):
            field_dict["activatePrice"] = format(self.activate_price, "f")
        if not isinstance(self.price_rate, Unset):
            field_dict["priceRate"] = format(self.price_rate, "f")
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Read a decoded JSON object.

        Raises KeyError, TypeError or ValueError (decimal.InvalidOperation is one) when the
        object does not match the spec; the endpoint functions turn these into
        errors.ResponseDecodeError.
        """
        d = src_dict
        pair = d.get("pair", UNSET)
        activate_price = d.get("activatePrice", UNSET)
        price_rate = d.get("priceRate", UNSET)
        obj = cls(
            decimal_from_json(d["avgPrice"]),
            d["clientOrderId"],
            decimal_from_json(d["cumBase"]),
            decimal_from_json(d["executedQty"]),
            d["orderId"],
            decimal_from_json(d["origQty"]),
            ORDER_TYPE_BY_VALUE.get(d["origType"]) or OrderType(d["origType"]),
            decimal_from_json(d["price"]),
            d["reduceOnly"],
            ORDER_SIDE_BY_VALUE.get(d["side"]) or OrderSide(d["side"]),
            POSITION_SIDE_BY_VALUE.get(d["positionSide"])
            or PositionSide(d["positionSide"]),
            ORDER_STATUS_BY_VALUE.get(d["status"]) or OrderStatus(d["status"]),
            decimal_from_json(d["stopPrice"]),
            d["closePosition"],
            d["symbol"],
            d["time"],
            TIME_IN_FORCE_BY_VALUE.get(d["timeInForce"])
            or TimeInForce(d["timeInForce"]),
            ORDER_TYPE_BY_VALUE.get(d["type"]) or OrderType(d["type"]),
            d["updateTime"],
            WORKING_TYPE_BY_VALUE.get(d["workingType"])
            or WorkingType(d["workingType"]),
            d["priceProtect"],
            PRICE_MATCH_BY_VALUE.get(d["priceMatch"]) or PriceMatch(d["priceMatch"]),
            SELF_TRADE_PREVENTION_MODE_BY_VALUE.get(d["selfTradePreventionMode"])
            or SelfTradePreventionMode(d["selfTradePreventionMode"]),
            pair,
            UNSET
            if isinstance(activate_price, Unset)
            else decimal_from_json(activate_price),
            UNSET if isinstance(price_rate, Unset) else decimal_from_json(price_rate),
        )
        if len(d) > 23 + (pair is not UNSET) + (activate_price is not UNSET) + (
            price_rate is not UNSET
        ):
            obj.additional_properties = {
                k: v for k, v in d.items() if k not in _KNOWN_KEYS
            }
        return obj
