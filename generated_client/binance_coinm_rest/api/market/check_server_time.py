# Generated from openapi.yaml by `make generate`. Do not edit: change the spec or generator/.
from typing import Any

import httpx
import orjson

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.server_time import ServerTime
from ...types import Response

DECODE_ERRORS = (ValueError, TypeError, KeyError, AttributeError, ArithmeticError)
"""What reading a body that does not match the spec raises (orjson's and Decimal's errors included)."""


def _get_kwargs() -> dict[str, Any]:

    return {
        "method": "get",
        "url": "/dapi/v1/time",
    }


def _parse_response(response: httpx.Response) -> ServerTime:
    if response.status_code == 200:
        try:
            response_200 = ServerTime.from_dict(orjson.loads(response.content))

        except DECODE_ERRORS as exc:
            raise errors.decode_error(response, exc) from exc
        return response_200
    raise errors.error_from_response(response)


def _build_response(response: httpx.Response) -> Response[ServerTime]:
    return Response(
        status_code=response.status_code,
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ServerTime]:
    """Check server time

    The exchange's clock in milliseconds. Clients use it to correct the `timestamp` of
    signed requests when their own clock drifts (-1021).

    Weight: 1.

    Raises:
        errors.APIStatusError: Binance answered with an error; the subclass says which
            (AuthenticationError, InvalidRequestError, TimestampError, RateLimitError, ...).
        errors.ResponseDecodeError: The success body does not match the spec.
        errors.APIConnectionError: No response arrived (APITimeoutError on a timeout).

    Returns:
        Response[ServerTime]: status, headers (``used_weight_1m``) and the parsed value.
    """

    with errors.transport_errors():
        response = client.get_httpx_client().request(**_get_kwargs())
    return _build_response(response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> ServerTime:
    """Check server time

    The exchange's clock in milliseconds. Clients use it to correct the `timestamp` of
    signed requests when their own clock drifts (-1021).

    Weight: 1.

    Raises:
        errors.APIStatusError: Binance answered with an error; the subclass says which
            (AuthenticationError, InvalidRequestError, TimestampError, RateLimitError, ...).
        errors.ResponseDecodeError: The success body does not match the spec.
        errors.APIConnectionError: No response arrived (APITimeoutError on a timeout).

    Returns:
        ServerTime
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ServerTime]:
    """Check server time

    The exchange's clock in milliseconds. Clients use it to correct the `timestamp` of
    signed requests when their own clock drifts (-1021).

    Weight: 1.

    Raises:
        errors.APIStatusError: Binance answered with an error; the subclass says which
            (AuthenticationError, InvalidRequestError, TimestampError, RateLimitError, ...).
        errors.ResponseDecodeError: The success body does not match the spec.
        errors.APIConnectionError: No response arrived (APITimeoutError on a timeout).

    Returns:
        Response[ServerTime]: status, headers (``used_weight_1m``) and the parsed value.
    """

    with errors.transport_errors():
        response = await client.get_async_httpx_client().request(**_get_kwargs())
    return _build_response(response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> ServerTime:
    """Check server time

    The exchange's clock in milliseconds. Clients use it to correct the `timestamp` of
    signed requests when their own clock drifts (-1021).

    Weight: 1.

    Raises:
        errors.APIStatusError: Binance answered with an error; the subclass says which
            (AuthenticationError, InvalidRequestError, TimestampError, RateLimitError, ...).
        errors.ResponseDecodeError: The success body does not match the spec.
        errors.APIConnectionError: No response arrived (APITimeoutError on a timeout).

    Returns:
        ServerTime
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
