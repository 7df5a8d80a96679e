"""The account's algo orders, by algo id: what it holds, and what it accepts to hold.

The account changes them, under its lock and through its one ``_apply``; this book only
reads, checks and stores (see ``account``). An algo order's ``algoId`` is unique in the book,
its ``clientAlgoId`` among the listed (NEW, TRIGGERING) algo orders.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any

from binance_coinm.errors import ArgumentTypeError, ConfigurationError
from binance_coinm.models import AlgoOrder

from . import algo_orders as algo
from .changes import AlgoChange, AlgoChangeKind
from .contracts import Contracts
from .order_fields import ALGO


class AlgoBook:
    """Algo orders as Binance's JSON objects, oldest first."""

    def __init__(self, contracts: Contracts) -> None:
        self._contracts = contracts
        self._algo_orders: dict[int, Mapping[str, Any]] = {}
        self.last_id = 0
        """The highest algo id the book has held: the next added one takes the one after."""

    def __len__(self) -> int:
        return len(self._algo_orders)

    def __iter__(self) -> Iterator[Mapping[str, Any]]:
        return iter(tuple(self._algo_orders.values()))

    def get(self, algo_id: object) -> Mapping[str, Any]:
        if type(algo_id) is not int:
            raise ArgumentTypeError(f"algo_id must be an int, got {algo_id!r:.60}")
        fields = self._algo_orders.get(algo_id)
        if fields is None:
            raise ConfigurationError(f"the mock's account has no algo order {algo_id}")
        return fields

    def store(self, change: AlgoChange) -> None:
        """Keep the algo order of ``change`` as it now is, or drop it (REMOVED)."""
        if change.kind is AlgoChangeKind.REMOVED:
            del self._algo_orders[change.algo_id]
        else:
            self._algo_orders[change.algo_id] = change.fields
            self.last_id = max(self.last_id, change.algo_id)

    def seed(self, fields: Mapping[str, Any], algo_order: AlgoOrder) -> None:
        """Hold a starting algo order: no change, as nobody is subscribed yet."""
        self._algo_orders[algo_order.algo_id] = fields
        self.last_id = max(self.last_id, algo_order.algo_id)

    def validated(
        self, document: dict[str, Any], *, by_keywords: bool, replacing: int | None = None
    ) -> tuple[Mapping[str, Any], AlgoOrder]:
        """``document`` as the book keeps an algo order, once the spec and the book accept it
        (``replacing``: the id of the algo order it is to replace)."""

        def label(key: str) -> str:
            return ALGO.label(key, by_keywords=by_keywords)

        algo_order = ALGO.checked(document, by_keywords=by_keywords)
        algo.check_conditions(algo_order, by_keywords=by_keywords)
        if self._contracts.get(algo_order.symbol) is None:
            raise ConfigurationError(
                f"{algo_order.symbol!r} is no listed contract: exchange.add_contract("
                f"{algo_order.symbol!r}) (--contract {algo_order.symbol} on the command line) "
                "lists it"
            )
        if algo_order.algo_id != replacing and algo_order.algo_id in self._algo_orders:
            raise ConfigurationError(
                f"algo order field {label('algoId')!r}: the account already has algo order "
                f"{algo_order.algo_id}"
            )
        if algo.is_listed(document):
            for other_id, other in self._algo_orders.items():
                if (
                    other_id != algo_order.algo_id
                    and algo.is_listed(other)
                    and other["clientAlgoId"] == algo_order.client_algo_id
                ):
                    raise ConfigurationError(
                        f"algo order field {label('clientAlgoId')!r}: algo order {other_id} has "
                        f"client algo id {algo_order.client_algo_id!r} already"
                    )
        return MappingProxyType(document), algo_order
