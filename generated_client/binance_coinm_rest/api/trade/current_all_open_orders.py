# Generated from openapi.yaml by `make generate`. Do not edit: change the spec or generator/.
from typing import Any

import httpx
import orjson

from ... import errors
from ...client import AuthenticatedClient
from ...models.order import Order
from ...types import UNSET, Response, Unset

DECODE_ERRORS = (ValueError, TypeError, KeyError, AttributeError, ArithmeticError)
"""What reading a body that does not match the spec raises (orjson's and Decimal's errors included)."""


def _get_kwargs(
    *,
    symbol: str | Unset = UNSET,
    pair: str | Unset = UNSET,
    recv_window: int | Unset = UNSET,
) -> dict[str, Any]:
    params: dict[str, Any] = {}

    params["symbol"] = symbol

    params["pair"] = pair

    params["recvWindow"] = recv_window

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    return {
        "method": "get",
        "url": "/dapi/v1/openOrders",
        "params": params,
    }


def _parse_response(response: httpx.Response) -> list[Order]:
    if response.status_code == 200:
        try:
            response_200 = []
            _response_200 = orjson.loads(response.content)
            for response_200_item_data in _response_200:
                response_200_item = Order.from_dict(response_200_item_data)

                response_200.append(response_200_item)

        except DECODE_ERRORS as exc:
            raise errors.decode_error(response, exc) from exc
        return response_200
    raise errors.error_from_response(response)


def _build_response(response: httpx.Response) -> Response[list[Order]]:
    return Response(
        status_code=response.status_code,
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    symbol: str | Unset = UNSET,
    pair: str | Unset = UNSET,
    recv_window: int | Unset = UNSET,
) -> Response[list[Order]]:
    """Current All Open Orders (USER_DATA)

    Get all open orders on a symbol, on every symbol of a pair, or on every symbol.
    **Careful** when calling this without `symbol`: it costs 40 times as much weight.

    Weight: **1** with `symbol`, **40** without (with `pair` alone, or with neither).

    `symbol` and `pair` are not meant to be sent together: sibling COIN-M endpoints
    document "symbol and pair cannot be sent together", and this page is silent.

    Args:
        symbol (str | Unset): A COIN-M contract symbol.
        pair (str | Unset): An underlying pair.
        recv_window (int | Unset):

    Raises:
        errors.APIStatusError: Binance answered with an error; the subclass says which
            (AuthenticationError, InvalidRequestError, TimestampError, RateLimitError, ...).
        errors.ResponseDecodeError: The success body does not match the spec.
        errors.APIConnectionError: No response arrived (APITimeoutError on a timeout).

    Returns:
        Response[list[Order]]: status, headers (``used_weight_1m``) and the parsed value.
    """

    with errors.transport_errors():
        response = client.get_httpx_client().request(
            **_get_kwargs(
                symbol=symbol,
                pair=pair,
                recv_window=recv_window,
            )
        )
    return _build_response(response)


def sync(
    *,
    client: AuthenticatedClient,
    symbol: str | Unset = UNSET,
    pair: str | Unset = UNSET,
    recv_window: int | Unset = UNSET,
) -> list[Order]:
    """Current All Open Orders (USER_DATA)

    Get all open orders on a symbol, on every symbol of a pair, or on every symbol.
    **Careful** when calling this without `symbol`: it costs 40 times as much weight.

    Weight: **1** with `symbol`, **40** without (with `pair` alone, or with neither).

    `symbol` and `pair` are not meant to be sent together: sibling COIN-M endpoints
    document "symbol and pair cannot be sent together", and this page is silent.

    Args:
        symbol (str | Unset): A COIN-M contract symbol.
        pair (str | Unset): An underlying pair.
        recv_window (int | Unset):

    Raises:
        errors.APIStatusError: Binance answered with an error; the subclass says which
            (AuthenticationError, InvalidRequestError, TimestampError, RateLimitError, ...).
        errors.ResponseDecodeError: The success body does not match the spec.
        errors.APIConnectionError: No response arrived (APITimeoutError on a timeout).

    Returns:
        list[Order]
    """

    return sync_detailed(
        client=client,
        symbol=symbol,
        pair=pair,
        recv_window=recv_window,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    symbol: str | Unset = UNSET,
    pair: str | Unset = UNSET,
    recv_window: int | Unset = UNSET,
) -> Response[list[Order]]:
    """Current All Open Orders (USER_DATA)

    Get all open orders on a symbol, on every symbol of a pair, or on every symbol.
    **Careful** when calling this without `symbol`: it costs 40 times as much weight.

    Weight: **1** with `symbol`, **40** without (with `pair` alone, or with neither).

    `symbol` and `pair` are not meant to be sent together: sibling COIN-M endpoints
    document "symbol and pair cannot be sent together", and this page is silent.

    Args:
        symbol (str | Unset): A COIN-M contract symbol.
        pair (str | Unset): An underlying pair.
        recv_window (int | Unset):

    Raises:
        errors.APIStatusError: Binance answered with an error; the subclass says which
            (AuthenticationError, InvalidRequestError, TimestampError, RateLimitError, ...).
        errors.ResponseDecodeError: The success body does not match the spec.
        errors.APIConnectionError: No response arrived (APITimeoutError on a timeout).

    Returns:
        Response[list[Order]]: status, headers (``used_weight_1m``) and the parsed value.
    """

    with errors.transport_errors():
        response = await client.get_async_httpx_client().request(
            **_get_kwargs(
                symbol=symbol,
                pair=pair,
                recv_window=recv_window,
            )
        )
    return _build_response(response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    symbol: str | Unset = UNSET,
    pair: str | Unset = UNSET,
    recv_window: int | Unset = UNSET,
) -> list[Order]:
    """Current All Open Orders (USER_DATA)

    Get all open orders on a symbol, on every symbol of a pair, or on every symbol.
    **Careful** when calling this without `symbol`: it costs 40 times as much weight.

    Weight: **1** with `symbol`, **40** without (with `pair` alone, or with neither).

    `symbol` and `pair` are not meant to be sent together: sibling COIN-M endpoints
    document "symbol and pair cannot be sent together", and this page is silent.

    Args:
        symbol (str | Unset): A COIN-M contract symbol.
        pair (str | Unset): An underlying pair.
        recv_window (int | Unset):

    Raises:
        errors.APIStatusError: Binance answered with an error; the subclass says which
            (AuthenticationError, InvalidRequestError, TimestampError, RateLimitError, ...).
        errors.ResponseDecodeError: The success body does not match the spec.
        errors.APIConnectionError: No response arrived (APITimeoutError on a timeout).

    Returns:
        list[Order]
    """

    return (
        await asyncio_detailed(
            client=client,
            symbol=symbol,
            pair=pair,
            recv_window=recv_window,
        )
    ).parsed
