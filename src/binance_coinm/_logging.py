"""The client's log lines: off unless the user enables the ``binance_coinm`` logger.

``BINANCE_COINM_LOG=info`` (or ``debug``) turns them on to stderr without touching logging
configuration in code. Queries are logged with the signature redacted; keys never are.
"""

from __future__ import annotations

import logging
import os
import re

logger = logging.getLogger("binance_coinm")
logger.addHandler(logging.NullHandler())

_SIGNATURE = re.compile(rb"(^|&)signature=[^&]*")
_QUERY = re.compile(r"\?[^\s'\"]*")
_USERINFO = re.compile(r"(//)[^/@\s'\"]*@")


def redacted_query(query: bytes) -> str:
    return _SIGNATURE.sub(rb"\1signature=<redacted>", query).decode("ascii", errors="replace")


def redacted_urls(text: str) -> str:
    """``text`` (an error message, say) with the query and credentials of any URL cut out."""
    return _USERINFO.sub(r"\1<credentials>@", _QUERY.sub("?<query>", text))


def configure_from_environment() -> None:
    """Honour ``BINANCE_COINM_LOG`` once, when a client is built."""
    level = os.environ.get("BINANCE_COINM_LOG", "").upper()
    if level in {"DEBUG", "INFO", "WARNING"} and not any(
        isinstance(h, logging.StreamHandler) for h in logger.handlers
    ):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(level)
