"""binance-coinm: a typed client for Binance COIN-M futures.

The endpoint functions and models are generated from openapi.yaml (package
``binance_coinm_rest``); this package adds what the spec cannot say: signing (HMAC, RSA,
Ed25519), the exchange's clock, retries, the weight budget, and one call that builds a signed
client from all of them.
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

from .client import PRODUCTION_URL, TESTNET_URL, async_sync_clock, signed_client, sync_clock
from .clock import ServerClock
from .ratelimit import WeightBudget
from .retries import RetryPolicy
from .signing import BinanceAuth, Ed25519Signer, HmacSigner, RsaSigner, load_private_key_signer
from .transport import BinanceTransport

__all__ = [
    "PRODUCTION_URL",
    "TESTNET_URL",
    "UNSET",
    "AuthenticatedClient",
    "BinanceAuth",
    "BinanceTransport",
    "Client",
    "Ed25519Signer",
    "HmacSigner",
    "Order",
    "OrderSide",
    "OrderStatus",
    "OrderType",
    "PositionSide",
    "PriceMatch",
    "Response",
    "RetryPolicy",
    "RsaSigner",
    "SelfTradePreventionMode",
    "ServerClock",
    "TimeInForce",
    "Unset",
    "WeightBudget",
    "WorkingType",
    "async_sync_clock",
    "check_server_time",
    "current_all_open_orders",
    "errors",
    "load_private_key_signer",
    "signed_client",
    "sync_clock",
]
