"""binance-coinm: a typed client for Binance COIN-M futures.

The endpoint functions and models are generated from openapi.yaml (package
``binance_coinm_rest``); this package adds what the spec cannot say: signing and the
one-call way to build a signed client.
"""

from binance_coinm_rest import errors
from binance_coinm_rest.api.market import check_server_time
from binance_coinm_rest.api.trade import current_all_open_orders
from binance_coinm_rest.client import AuthenticatedClient, Client
from binance_coinm_rest.models import (
    Order,
    OrderSide,
    OrderStatus,
    OrderType,
    PositionSide,
    PriceMatch,
    SelfTradePreventionMode,
    TimeInForce,
    WorkingType,
)
from binance_coinm_rest.types import UNSET, Response, Unset

from .client import PRODUCTION_URL, TESTNET_URL, signed_client
from .signing import BinanceAuth, HmacSigner

__all__ = [
    "PRODUCTION_URL",
    "TESTNET_URL",
    "UNSET",
    "AuthenticatedClient",
    "BinanceAuth",
    "Client",
    "HmacSigner",
    "Order",
    "OrderSide",
    "OrderStatus",
    "OrderType",
    "PositionSide",
    "PriceMatch",
    "Response",
    "SelfTradePreventionMode",
    "TimeInForce",
    "Unset",
    "WorkingType",
    "check_server_time",
    "current_all_open_orders",
    "errors",
    "signed_client",
]
