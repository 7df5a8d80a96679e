"""The shape of the account's algo order change records, as the stream reads them.

The account reports each change of an algo (conditional) order as one record: ``kind``
(an enum: NEW, TRIGGERING, TRIGGERED, FINISHED, CANCELED, EXPIRED, REMOVED), ``fields``
(the algo order's REST JSON after the change, before it for REMOVED) and ``time_ms``. The
stream depends on that shape only, not on the class that has it.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any, Protocol, runtime_checkable

REMOVED = "REMOVED"
"""The kind of a change that took the order away as if it never was: no event."""


@runtime_checkable
class AlgoChangeRecord(Protocol):
    """One change to one algo order, as the account reports it."""

    @property
    def kind(self) -> enum.Enum: ...

    @property
    def fields(self) -> Mapping[str, Any]: ...

    @property
    def time_ms(self) -> int: ...
