# Generated from openapi.yaml by `make generate`. Do not edit: change the spec or generator/.
"""The generated bindings of Binance's COIN-M futures REST API (see openapi.yaml)."""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
