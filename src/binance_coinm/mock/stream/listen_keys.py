"""The mock's listenKeys: one per API key, alive a fixed time after its start or keepalive.

Binance gives each API key one active listenKey: starting again answers the same key (and
extends it), a keepalive extends it from the moment it is sent, closing it ends it. A key
is alive while the exchange's clock is before its expiry; the stream hub expires the keys
whose time came (``next_expiry``) and tells their connections.

Memory stays bounded: only API keys the exchange knows reach this table (the key check
comes first), it holds one entry per such key, and a key that expired or was closed is gone.
"""

from __future__ import annotations

import secrets
import string

from attrs import define, field

KEY_LENGTH = 64
"""Binance's keys are 60 to 64 letters and digits (the spec's examples); the mock's are 64."""
ALPHABET = string.ascii_letters + string.digits


def new_listen_key() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(KEY_LENGTH))


@define
class ListenKey:
    """One live key: whose it is and until when it lives (ms on the exchange's clock)."""

    api_key: str = field(repr=False)
    value: str = field(repr=False)
    expires_ms: int


class ListenKeys:
    """The live listenKeys, by API key and by value."""

    def __init__(self) -> None:
        self._by_api_key: dict[str, ListenKey] = {}
        self._by_value: dict[str, ListenKey] = {}

    def __repr__(self) -> str:
        return f"ListenKeys({len(self._by_value)} live)"

    def __len__(self) -> int:
        return len(self._by_value)

    @property
    def values(self) -> tuple[str, ...]:
        """The live keys, oldest first."""
        return tuple(self._by_value)

    def get(self, value: str) -> ListenKey | None:
        return self._by_value.get(value)

    def start(self, api_key: str, expires_ms: int) -> ListenKey:
        """The API key's live key, now living until ``expires_ms``, or a new one."""
        key = self._by_api_key.get(api_key)
        if key is None:
            key = ListenKey(api_key, new_listen_key(), expires_ms)
            self._by_api_key[api_key] = self._by_value[key.value] = key
        key.expires_ms = expires_ms
        return key

    def keepalive(self, api_key: str, expires_ms: int) -> ListenKey | None:
        """The API key's live key, now living until ``expires_ms``; None if it has none."""
        key = self._by_api_key.get(api_key)
        if key is not None:
            key.expires_ms = expires_ms
        return key

    def remove(self, key: ListenKey) -> None:
        self._by_api_key.pop(key.api_key, None)
        self._by_value.pop(key.value, None)

    def for_api_key(self, api_key: str) -> ListenKey | None:
        return self._by_api_key.get(api_key)

    def next_expiry(self) -> ListenKey | None:
        """The key that expires first, if any."""
        return min(self._by_value.values(), key=lambda key: key.expires_ms, default=None)
