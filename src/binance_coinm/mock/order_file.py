"""Orders from a JSON file, for ``python -m binance_coinm.mock --orders FILE``.

The file holds a list of orders, each Binance's JSON object or ``Order.to_dict()``'s (so a
saved answer of Current All Open Orders will do), read by the rules of
``MockExchange.add_order_json``. Anything wrong is one ConfigurationError that names the
file and, for an order, its place in the list.
"""

from __future__ import annotations

import json
from pathlib import Path

from binance_coinm.errors import ConfigurationError

from .exchange import MockExchange


def _document(path: Path) -> object:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigurationError(f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigurationError(f"{path} is not UTF-8 text") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigurationError(
            f"{path} is not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:
        raise ConfigurationError(f"{path} is not JSON the mock reads: nested too deeply") from None


def replace_orders(exchange: MockExchange, path: Path) -> int:
    """Make the file's orders the exchange's only ones, with no algo order (the seeded ones
    would name orders no longer there); returns how many there are."""
    orders = _document(path)
    if not isinstance(orders, list):
        raise ConfigurationError(f"{path} must hold a JSON list of orders")
    for algo_order in exchange.account.algo_orders_json():
        exchange.remove_algo_order(algo_order["algoId"])
    for order in exchange.orders:
        exchange.remove_order(order.order_id)
    for index, order in enumerate(orders):
        try:
            exchange.add_order_json(order)
        except ConfigurationError as exc:
            raise ConfigurationError(f"{path}: order {index}: {exc}") from None
    return len(orders)
