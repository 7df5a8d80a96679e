"""The same-origin rule: the API key and every request go to the configured origin only."""

from __future__ import annotations

from typing import NamedTuple

import httpx

from ..errors import ConfigurationError

DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}


class Origin(NamedTuple):
    """Where a request goes, as the same-origin rule compares it: scheme, host and port."""

    scheme: str
    host: str
    port: int | None

    @property
    def label(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}"


def origin_of(url: httpx.URL) -> Origin:
    return Origin(url.scheme, url.host, url.port or DEFAULT_PORTS.get(url.scheme))


def require_origin(url: httpx.URL, origin: Origin, what: str = "send a request") -> None:
    """Refuse, before anything leaves, a request to any origin but ``origin``."""
    found = origin_of(url)
    if found != origin:
        raise ConfigurationError(
            f"refusing to {what} to {found.label}: this client is for {origin.label}"
        )
