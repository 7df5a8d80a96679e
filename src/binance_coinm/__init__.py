"""binance-coinm: a typed client for Binance COIN-M futures.

The endpoint functions and models are generated from openapi.yaml (package
``binance_coinm_rest``); this package holds everything else: the clients, signing (HMAC, RSA,
Ed25519), the exchange's clock, retries, the deadline, the weight budget, the errors, and
``signed_client``, which builds a client from all of them. Import from here.
"""

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from binance_coinm_rest.api.market import check_server_time
    from binance_coinm_rest.api.trade import current_all_open_orders, query_current_open_order

    from . import errors, models, types
    from ._version import __version__
    from .client import (
        DEFAULT_TIMEOUT,
        PRODUCTION_URL,
        TESTNET_URL,
        async_sync_clock,
        signed_client,
        sync_clock,
    )
    from .clients import AuthenticatedClient, Client
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

_EXPORTS = {
    "__version__": "._version",
    "APIConnectionError": ".errors",
    "APIResponseError": ".errors",
    "APIStatusError": ".errors",
    "APITimeoutError": ".errors",
    "ArgumentTypeError": ".errors",
    "async_sync_clock": ".client",
    "AuthenticatedClient": ".clients",
    "AuthenticationError": ".errors",
    "BinanceAuth": ".signing",
    "BinanceError": ".errors",
    "BinanceTransport": ".transport",
    "check_server_time": "binance_coinm_rest.api.market.check_server_time",
    "Client": ".clients",
    "ConfigurationError": ".errors",
    "current_all_open_orders": "binance_coinm_rest.api.trade.current_all_open_orders",
    "DEFAULT_DEADLINE": ".transport",
    "DEFAULT_MAX_RESPONSE_BYTES": ".transport",
    "DEFAULT_TIMEOUT": ".client",
    "DEFAULT_WEIGHT_LIMIT": ".ratelimit",
    "Ed25519Signer": ".signing",
    "errors": ".errors",
    "ExecutionStatusUnknownError": ".errors",
    "ForbiddenError": ".errors",
    "HmacSigner": ".signing",
    "InvalidRequestError": ".errors",
    "IPBannedError": ".errors",
    "load_private_key_signer": ".signing",
    "models": ".models",
    "NotFoundError": ".errors",
    "Order": ".models",
    "OrderNotFoundError": ".errors",
    "OrderSide": ".models",
    "OrderStatus": ".models",
    "OrderType": ".models",
    "PositionSide": ".models",
    "PriceMatch": ".models",
    "PRODUCTION_URL": ".client",
    "query_current_open_order": "binance_coinm_rest.api.trade.query_current_open_order",
    "RateLimitError": ".errors",
    "Response": ".types",
    "ResponseDecodeError": ".errors",
    "ResponseTooLargeError": ".errors",
    "RetryPolicy": ".retries",
    "RsaSigner": ".signing",
    "SelfTradePreventionMode": ".models",
    "ServerClock": ".clock",
    "ServerError": ".errors",
    "ServerTime": ".models",
    "signed_client": ".client",
    "sync_clock": ".client",
    "TESTNET_URL": ".client",
    "TimeInForce": ".models",
    "TimestampError": ".errors",
    "types": ".types",
    "UNSET": ".types",
    "Unset": ".types",
    "WeightBudget": ".ratelimit",
    "WeightBudgetExceededError": ".errors",
    "WorkingType": ".models",
}
"""Where each public name lives: it is imported on first use, so that ``import binance_coinm``
costs little and the mock's pytest plugin, which lives here, costs nothing when unused."""

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


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if module.endswith(f".{name}"):
        return importlib.import_module(module, __name__)
    return getattr(importlib.import_module(module, __name__), name)
