"""binance-coinm: a typed client for Binance COIN-M futures.

The endpoint functions and models are generated from openapi.yaml (package
``binance_coinm_rest``); this package holds everything else: the clients, signing (HMAC, RSA,
Ed25519), the exchange's clock, retries, the deadline, the weight budget, the errors, and
``signed_client``, which builds a client from all of them. Import from here.
"""

from typing import TYPE_CHECKING

from binance_coinm_rest.api.market import check_server_time
from binance_coinm_rest.api.trade import current_all_open_orders, query_current_open_order

from . import errors, models, types
from ._base_client import AuthenticatedClient, Client
from .client import (
    DEFAULT_TIMEOUT,
    PRODUCTION_URL,
    TESTNET_URL,
    async_sync_clock,
    signed_client,
    sync_clock,
)
from .clock import ServerClock
from .errors import (
    APIConnectionError,
    APIResponseError,
    APIStatusError,
    APITimeoutError,
    ArgumentTypeError,
    AuthenticationError,
    BinanceError,
    ConfigurationError,
    ExecutionStatusUnknownError,
    ForbiddenError,
    InvalidRequestError,
    IPBannedError,
    NotFoundError,
    OrderNotFoundError,
    RateLimitError,
    ResponseDecodeError,
    ResponseTooLargeError,
    ServerError,
    TimestampError,
    WeightBudgetExceededError,
)
from .models import (
    Order,
    OrderSide,
    OrderStatus,
    OrderType,
    PositionSide,
    PriceMatch,
    SelfTradePreventionMode,
    ServerTime,
    TimeInForce,
    WorkingType,
)
from .ratelimit import DEFAULT_WEIGHT_LIMIT, WeightBudget
from .retries import RetryPolicy
from .signing import BinanceAuth, Ed25519Signer, HmacSigner, RsaSigner, load_private_key_signer
from .transport import DEFAULT_DEADLINE, DEFAULT_MAX_RESPONSE_BYTES, BinanceTransport
from .types import UNSET, Response, Unset

if TYPE_CHECKING:
    __version__: str


def __getattr__(name: str) -> object:
    """``__version__``, read from the installed distribution when asked (it costs an import)."""
    if name == "__version__":
        from ._version import __version__

        return __version__
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DEFAULT_DEADLINE",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_TIMEOUT",
    "DEFAULT_WEIGHT_LIMIT",
    "PRODUCTION_URL",
    "TESTNET_URL",
    "UNSET",
    "APIConnectionError",
    "APIResponseError",
    "APIStatusError",
    "APITimeoutError",
    "ArgumentTypeError",
    "AuthenticatedClient",
    "AuthenticationError",
    "BinanceAuth",
    "BinanceError",
    "BinanceTransport",
    "Client",
    "ConfigurationError",
    "Ed25519Signer",
    "ExecutionStatusUnknownError",
    "ForbiddenError",
    "HmacSigner",
    "IPBannedError",
    "InvalidRequestError",
    "NotFoundError",
    "Order",
    "OrderNotFoundError",
    "OrderSide",
    "OrderStatus",
    "OrderType",
    "PositionSide",
    "PriceMatch",
    "RateLimitError",
    "Response",
    "ResponseDecodeError",
    "ResponseTooLargeError",
    "RetryPolicy",
    "RsaSigner",
    "SelfTradePreventionMode",
    "ServerClock",
    "ServerError",
    "ServerTime",
    "TimeInForce",
    "TimestampError",
    "Unset",
    "WeightBudget",
    "WeightBudgetExceededError",
    "WorkingType",
    "__version__",
    "async_sync_clock",
    "check_server_time",
    "current_all_open_orders",
    "errors",
    "load_private_key_signer",
    "models",
    "query_current_open_order",
    "signed_client",
    "sync_clock",
    "types",
]
