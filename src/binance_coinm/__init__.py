"""binance-coinm: a typed client for Binance COIN-M futures.

The endpoint functions and models are generated from openapi.yaml (package
``binance_coinm_rest``); this package holds everything else: the clients, signing (HMAC, RSA,
Ed25519), the exchange's clock, retries, the deadline, the weight budget, the errors, and
``signed_client``, which builds a client from all of them. Import from here.
"""

import importlib
from typing import TYPE_CHECKING

from binance_coinm_rest.places import PLACES

if TYPE_CHECKING:
    from binance_coinm_rest import names
    from binance_coinm_rest.names import *  # noqa: F403 - every endpoint module and model

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
    from .ratelimit import DEFAULT_WEIGHT_LIMIT, WeightBudget
    from .retries import RetryPolicy
    from .signing import BinanceAuth, Ed25519Signer, HmacSigner, RsaSigner, load_private_key_signer
    from .transport import DEFAULT_DEADLINE, DEFAULT_MAX_RESPONSE_BYTES, BinanceTransport
    from .types import UNSET, Response, Unset

_EXPORTS = {
    **PLACES,
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
    "Client": ".clients",
    "ConfigurationError": ".errors",
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
    "OrderNotFoundError": ".errors",
    "PRODUCTION_URL": ".client",
    "RateLimitError": ".errors",
    "Response": ".types",
    "ResponseDecodeError": ".errors",
    "ResponseTooLargeError": ".errors",
    "RetryPolicy": ".retries",
    "RsaSigner": ".signing",
    "ServerClock": ".clock",
    "ServerError": ".errors",
    "signed_client": ".client",
    "sync_clock": ".client",
    "TESTNET_URL": ".client",
    "TimestampError": ".errors",
    "types": ".types",
    "UNSET": ".types",
    "Unset": ".types",
    "WeightBudget": ".ratelimit",
    "WeightBudgetExceededError": ".errors",
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
    "OrderNotFoundError",
    "RateLimitError",
    "Response",
    "ResponseDecodeError",
    "ResponseTooLargeError",
    "RetryPolicy",
    "RsaSigner",
    "ServerClock",
    "ServerError",
    "TimestampError",
    "Unset",
    "WeightBudget",
    "WeightBudgetExceededError",
    "__version__",
    "async_sync_clock",
    "errors",
    "load_private_key_signer",
    "models",
    "signed_client",
    "sync_clock",
    "types",
]
if TYPE_CHECKING:
    __all__ += names.__all__
else:  # the same names, without importing them
    __all__ += list(PLACES)


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if module.endswith(f".{name}"):
        return importlib.import_module(module, __name__)
    return getattr(importlib.import_module(module, __name__), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
