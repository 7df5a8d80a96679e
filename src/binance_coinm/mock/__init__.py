"""A mock Binance COIN-M exchange to test trading code against, in-process or on loopback.

    exchange = MockExchange()
    client = signed_client(DEMO_API_KEY, DEMO_API_SECRET, base_url="https://dapi.binance.com",
                           httpx_args={"transport": exchange.transport()})

It reads openapi.yaml for everything but its business: routes, parameters and their rules,
signing, weights and every error. It checks keys, signatures, timestamps and parameters as
Binance does, counts request weight per IP, and can be told to misbehave
(``exchange.faults``). Tests shape its account with ``add_order``, ``fill``, ``cancel``,
``add_algo_order``, ``trigger``, ``add_contract``... (see ``MockExchange``). Its user-data
stream (``exchange.streams``) hands out listenKeys and sends every account change as its
event, in-process (``exchange.stream_connector()``) or over a WebSocket, and misbehaves on
demand (``exchange.stream_faults``). ``python -m binance_coinm.mock`` serves it on
127.0.0.1; the pytest plugin offers ``binance_mock_exchange``, ``binance_mock_client``,
``binance_mock_async_client``, ``binance_mock_client_no_backoff`` and ``binance_mock_server``.

Names are imported on first use, so that the pytest plugin, which lives in this package,
costs nothing in a test session that does not use it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .account import Account
    from .changes import AlgoChange, AlgoChangeKind, Change, ChangeKind, Fill, OrderChange
    from .config import MockConfig
    from .contracts import Contract
    from .exchange import DEMO_API_KEY, DEMO_API_SECRET, MockExchange
    from .faults import Fault, Faults
    from .orders import SYMBOLS_BY_PAIR, seed_algo_orders, seed_orders
    from .rejections import Rejection
    from .reply import DEFAULT_CLIENT_IP, Answerer, Reply
    from .stream import StreamFaults, StreamHub
    from .transport import MockExchangeTransport

_MODULES = {
    "Account": ".account",
    "AlgoChange": ".changes",
    "AlgoChangeKind": ".changes",
    "Change": ".changes",
    "ChangeKind": ".changes",
    "Contract": ".contracts",
    "Fill": ".changes",
    "OrderChange": ".changes",
    "DEFAULT_CLIENT_IP": ".reply",
    "DEMO_API_KEY": ".exchange",
    "DEMO_API_SECRET": ".exchange",
    "SYMBOLS_BY_PAIR": ".orders",
    "Answerer": ".reply",
    "Fault": ".faults",
    "Faults": ".faults",
    "MockConfig": ".config",
    "MockExchange": ".exchange",
    "MockExchangeTransport": ".transport",
    "Rejection": ".rejections",
    "Reply": ".reply",
    "seed_algo_orders": ".orders",
    "seed_orders": ".orders",
    "StreamFaults": ".stream",
    "StreamHub": ".stream",
}

__all__ = [
    "DEFAULT_CLIENT_IP",
    "DEMO_API_KEY",
    "DEMO_API_SECRET",
    "SYMBOLS_BY_PAIR",
    "Account",
    "AlgoChange",
    "AlgoChangeKind",
    "Answerer",
    "Change",
    "ChangeKind",
    "Contract",
    "Fault",
    "Faults",
    "Fill",
    "MockConfig",
    "MockExchange",
    "MockExchangeTransport",
    "OrderChange",
    "Rejection",
    "Reply",
    "StreamFaults",
    "StreamHub",
    "seed_algo_orders",
    "seed_orders",
]


def __getattr__(name: str) -> object:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module, __name__), name)
