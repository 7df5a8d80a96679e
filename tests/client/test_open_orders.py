"""The generated current_all_open_orders: typed orders back, or a typed error."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from binance_coinm import (
    UNSET,
    Order,
    OrderStatus,
    OrderType,
    current_all_open_orders,
    errors,
    signed_client,
)
from binance_coinm._headers import used_weight_1m
from binance_coinm.client.base import AuthenticatedClient

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EXAMPLE = json.loads((FIXTURES / "open_orders_example_zh.json").read_text(encoding="utf-8"))


def client_answering(
    status: int = 200, *, body: bytes | None = None, headers: dict[str, str] | None = None
) -> AuthenticatedClient:
    content = json.dumps(EXAMPLE).encode() if body is None else body

    def server(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=content, headers=headers or {})

    transport = httpx.MockTransport(server)
    return signed_client("key", "secret", max_retries=0, httpx_args={"transport": transport})


def order_with(**fields: Any) -> bytes:
    return json.dumps([{**EXAMPLE[0], **fields}]).encode()


def test_returns_typed_orders_with_decimal_prices() -> None:
    [order] = current_all_open_orders.sync(client=client_answering(), symbol="BTCUSD_200925")
    assert isinstance(order, Order)
    assert (order.orig_qty, order.stop_price, order.activate_price) == (
        Decimal("0.40"),
        Decimal("9300"),
        Decimal("9020"),
    )
    assert (order.type, order.status, order.pair) == (
        OrderType.TRAILING_STOP_MARKET,
        OrderStatus.NEW,
        "BTCUSD",
    )


def test_round_trip_of_the_page_example_is_lossless() -> None:
    orders = current_all_open_orders.sync(client=client_answering())
    assert [order.to_dict() for order in orders] == EXAMPLE


def test_every_parsed_value_has_its_spec_type_and_no_float() -> None:
    [order] = current_all_open_orders.sync(client=client_answering())
    kinds = {name: type(getattr(order, name)) for name in order.__struct_fields__}
    assert {name for name, kind in kinds.items() if kind is Decimal} == {
        "avg_price", "cum_base", "executed_qty", "orig_qty", "price", "stop_price",
        "activate_price", "price_rate",
    }  # fmt: skip
    assert all(issubclass(kind, Decimal | int | str) for kind in kinds.values())
    assert float not in {type(value) for value in order.to_dict().values()}


def test_known_enum_values_are_known() -> None:
    [order] = current_all_open_orders.sync(client=client_answering())
    assert order.status.is_known
    assert order.side.is_known


def test_trailing_stop_fields_are_unset_when_absent() -> None:
    body = json.dumps(
        [{k: v for k, v in EXAMPLE[0].items() if k not in {"activatePrice", "priceRate"}}]
    )
    [order] = current_all_open_orders.sync(client=client_answering(body=body.encode()))
    assert "activatePrice" not in order.to_dict()
    assert order.activate_price is UNSET
    assert order.price_rate is UNSET


def test_binance_error_body_becomes_a_typed_error() -> None:
    client = client_answering(
        400,
        body=b'{"code": -1121, "msg": "Invalid symbol."}',
        headers={"X-MBX-USED-WEIGHT-1M": "7"},
    )
    with pytest.raises(errors.InvalidRequestError) as caught:
        current_all_open_orders.sync(client=client, symbol="NOPE")
    error = caught.value
    assert (error.code, error.msg, error.status_code, error.used_weight_1m) == (
        -1121,
        "Invalid symbol.",
        400,
        7,
    )


@pytest.mark.parametrize(
    ("status", "code", "error_class"),
    [
        (400, -1021, errors.TimestampError),
        (400, -1022, errors.AuthenticationError),
        (401, -2015, errors.AuthenticationError),
        (401, -2014, errors.AuthenticationError),
        (400, -1102, errors.InvalidRequestError),
        (400, -1130, errors.InvalidRequestError),
        (403, -1002, errors.AuthenticationError),
        (404, -1000, errors.NotFoundError),
        (429, -1003, errors.RateLimitError),
        (418, -1003, errors.IPBannedError),
        (500, -1001, errors.ServerError),
        (408, -1007, errors.ServerError),
    ],
)
def test_error_class_follows_code_and_status(
    status: int, code: int, error_class: type[errors.APIStatusError]
) -> None:
    client = client_answering(status, body=json.dumps({"code": code, "msg": "m"}).encode())
    with pytest.raises(error_class) as caught:
        current_all_open_orders.sync(client=client)
    assert (caught.value.code, caught.value.status_code) == (code, status)


def test_waf_403_without_binance_code_is_forbidden() -> None:
    with pytest.raises(errors.ForbiddenError):
        current_all_open_orders.sync(client=client_answering(403, body=b"<html>WAF</html>"))


def test_rate_limit_error_carries_retry_after() -> None:
    client = client_answering(
        429, body=b'{"code": -1003, "msg": "Too many requests."}', headers={"Retry-After": "17"}
    )
    with pytest.raises(errors.RateLimitError) as caught:
        current_all_open_orders.sync(client=client)
    assert caught.value.retry_after == 17


def test_unknown_execution_status_503_has_its_own_class() -> None:
    body = b'{"code": -1000, "msg": "Unknown error, please check your request or try again later."}'
    with pytest.raises(errors.ExecutionStatusUnknownError):
        current_all_open_orders.sync(client=client_answering(503, body=body))


def test_html_error_page_is_a_server_error_with_a_snippet() -> None:
    body = b"<html>\n<head><title>502 Bad Gateway</title></head>\n<body>nginx</body></html>"
    with pytest.raises(errors.ServerError) as caught:
        current_all_open_orders.sync(client=client_answering(502, body=body))
    assert caught.value.code is None
    assert "502 Bad Gateway" in caught.value.msg


def test_connection_failure_is_an_api_connection_error() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("Connection refused", request=request)

    client = signed_client(
        "key", "secret", max_retries=0, httpx_args={"transport": httpx.MockTransport(refuse)}
    )
    with pytest.raises(errors.APIConnectionError) as caught:
        current_all_open_orders.sync(client=client)
    assert "signature" not in str(caught.value)


def test_timeout_is_an_api_timeout_error() -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    client = signed_client(
        "key", "secret", max_retries=0, httpx_args={"transport": httpx.MockTransport(slow)}
    )
    with pytest.raises(errors.APITimeoutError):
        current_all_open_orders.sync(client=client)


def test_detailed_variant_gives_status_headers_and_used_weight() -> None:
    client = client_answering(headers={"X-MBX-USED-WEIGHT-1M": "41"})
    response = current_all_open_orders.sync_detailed(client=client, pair="BTCUSD")
    assert (response.status_code, response.used_weight_1m, len(response.parsed)) == (200, 41, 1)


@pytest.mark.anyio
async def test_async_detailed_variant_gives_status_headers_and_used_weight() -> None:
    client = client_answering(headers={"X-MBX-USED-WEIGHT-1M": "41"})
    response = await current_all_open_orders.asyncio_detailed(client=client, pair="BTCUSD")
    assert (response.status_code, response.used_weight_1m, len(response.parsed)) == (200, 41, 1)


def test_a_used_weight_header_that_is_not_ascii_digits_is_not_read() -> None:
    headers = httpx.Headers([(b"X-MBX-USED-WEIGHT-1M", b"\xb2")])  # latin-1 superscript two
    assert used_weight_1m(headers) is None


def test_sends_symbol_pair_and_recv_window_signed() -> None:
    seen: list[httpx.Request] = []

    def server(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=[])

    client = signed_client("key", "secret", httpx_args={"transport": httpx.MockTransport(server)})
    current_all_open_orders.sync(client=client, symbol="BTCUSD_PERP", recv_window=3000)
    query = seen[0].url.query.decode()
    assert query.startswith("symbol=BTCUSD_PERP&recvWindow=3000&timestamp=")
    assert "&signature=" in query
    assert seen[0].url.path == "/dapi/v1/openOrders"


@pytest.mark.anyio
async def test_asyncio_returns_typed_orders() -> None:
    [order] = await current_all_open_orders.asyncio(client=client_answering())
    assert order.price_rate == Decimal("0.3")


@pytest.mark.anyio
async def test_asyncio_detailed_raises_typed_errors() -> None:
    client = client_answering(
        401, body=b'{"code": -2015, "msg": "Invalid API-key, IP, or permissions for action."}'
    )
    with pytest.raises(errors.AuthenticationError, match="-2015"):
        await current_all_open_orders.asyncio_detailed(client=client)
