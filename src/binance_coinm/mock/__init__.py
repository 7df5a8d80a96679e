"""A mock Binance COIN-M exchange to test trading code against, in-process or on loopback.

    exchange = MockExchange()
    client = signed_client(DEMO_API_KEY, DEMO_API_SECRET, base_url="https://dapi.binance.com",
                           httpx_args={"transport": exchange.transport()})

It reads openapi.yaml for everything but its business: routes, parameters and their rules,
signing, weights and every error. It checks keys, signatures, timestamps and parameters as
Binance does, counts request weight, and can be told to misbehave (``exchange.faults``).
``python -m binance_coinm.mock`` serves it on 127.0.0.1; the pytest plugin offers
``mock_exchange`` and ``mock_client``.
"""

from .config import MockConfig
from .examples import success_examples
from .exchange import DEMO_API_KEY, DEMO_API_SECRET, MockExchange
from .faults import Fault, Faults
from .orders import SYMBOLS_BY_PAIR, seed_orders
from .rejections import Rejection
from .reply import Answerer, Reply
from .transport import MockExchangeTransport

__all__ = [
    "DEMO_API_KEY",
    "DEMO_API_SECRET",
    "SYMBOLS_BY_PAIR",
    "Answerer",
    "Fault",
    "Faults",
    "MockConfig",
    "MockExchange",
    "MockExchangeTransport",
    "Rejection",
    "Reply",
    "seed_orders",
    "success_examples",
]
