"""The contracts the mock lists: a symbol is valid once its contract is listed, and so is its pair.

A COIN-M symbol is its underlying pair, an underscore and the delivery (``BTCUSD_PERP``,
``BTCUSD_261225``); the symbol and the pair must also be values a client may send, by the
patterns of the spec's ``symbol`` and ``pair`` parameters.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from decimal import Decimal

from attrs import define

from binance_coinm.errors import ArgumentTypeError, ConfigurationError
from binance_coinm.spec import Spec

from .orders import CONTRACT_SIZE_USD, SYMBOLS_BY_PAIR, pair_of


@define(frozen=True)
class Contract:
    """One listed contract."""

    symbol: str
    pair: str
    contract_size: Decimal
    """USD per contract: what a fill of one contract is worth (see ``Account.fill``)."""


def _pattern_of(spec: Spec, name: str) -> re.Pattern[str] | None:
    """The pattern the spec gives the query parameter ``name``, wherever it is declared."""
    for operation in spec.operations.values():
        parameter = operation.parameter(name)
        if parameter is not None and parameter.pattern is not None:
            return parameter.pattern
    return None


def _size(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise ArgumentTypeError(
            f"contract_size must be a Decimal, an int or a decimal str, got {value!r:.60}"
        )
    try:
        size = Decimal(value)
    except ArithmeticError:
        size = Decimal("NaN")
    if not (size.is_finite() and size > 0):
        raise ConfigurationError(f"contract_size must be a positive number, got {value!r:.60}")
    return size


class Contracts:
    """The listed contracts, by symbol; safe to read and extend from several threads."""

    def __init__(self, spec: Spec, listed: Iterable[Contract] = ()) -> None:
        self._symbol_pattern = _pattern_of(spec, "symbol")
        self._pair_pattern = _pattern_of(spec, "pair")
        self._lock = threading.Lock()
        self._by_symbol = {contract.symbol: contract for contract in listed}

    @classmethod
    def seeded(cls, spec: Spec) -> Contracts:
        """The contracts a fresh exchange lists: ``SYMBOLS_BY_PAIR``, 100 USD each."""
        return cls(
            spec,
            (
                Contract(symbol, pair, CONTRACT_SIZE_USD)
                for pair, symbols in SYMBOLS_BY_PAIR.items()
                for symbol in symbols
            ),
        )

    def __repr__(self) -> str:
        return f"Contracts({', '.join(self._by_symbol)})"

    def __iter__(self) -> Iterator[Contract]:
        with self._lock:
            return iter(tuple(self._by_symbol.values()))

    def get(self, symbol: str) -> Contract | None:
        return self._by_symbol.get(symbol)

    def lists_pair(self, pair: str) -> bool:
        with self._lock:
            return any(contract.pair == pair for contract in self._by_symbol.values())

    def add(self, symbol: object, contract_size: object = CONTRACT_SIZE_USD) -> Contract:
        """List ``symbol`` (once: listing it again changes nothing but its size)."""
        if not isinstance(symbol, str):
            raise ArgumentTypeError(f"symbol must be a str, got {symbol!r:.60}")
        pair, _, delivery = symbol.partition("_")
        if not (
            pair
            and delivery
            and (self._symbol_pattern is None or self._symbol_pattern.fullmatch(symbol))
            and (self._pair_pattern is None or self._pair_pattern.fullmatch(pair))
        ):
            raise ConfigurationError(
                f"a contract symbol is PAIR_DELIVERY as a client sends it "
                f"(BTCUSD_PERP, ETHUSD_270326), not {symbol!r:.60}"
            )
        contract = Contract(symbol, pair_of(symbol), _size(contract_size))
        with self._lock:
            self._by_symbol[symbol] = contract
        return contract
