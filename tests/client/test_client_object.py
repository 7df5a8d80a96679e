"""The client objects: every operation of the spec as a method of its tag's resource."""

from __future__ import annotations

import inspect
from typing import Any

import anyio
import pytest

from binance_coinm import (
    AsyncBinanceCoinM,
    BinanceCoinM,
    Response,
    current_all_open_orders,
    errors,
    signed_client,
)
from binance_coinm.client.signed import SignedClientOptions
from binance_coinm.mock import DEMO_API_KEY, DEMO_API_SECRET, MockExchange
from binance_coinm.spec import SPEC
from binance_coinm_rest.api.trade import TradeResource


def mocked(exchange: MockExchange) -> dict[str, Any]:
    return {"httpx_args": {"transport": exchange.transport()}}


def snake(operation_id: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in operation_id)


def test_every_operation_of_the_spec_is_a_method_of_its_tags_resource(
    spec: dict[str, Any],
) -> None:
    coinm = BinanceCoinM(DEMO_API_KEY, DEMO_API_SECRET)
    operations = [
        operation
        for path_item in spec["paths"].values()
        for operation in path_item.values()
        if isinstance(operation, dict) and "operationId" in operation
    ]
    assert len(operations) == len(SPEC.operations)
    for operation in operations:
        (tag,) = operation["tags"]
        for twin in (coinm, coinm.with_raw_response):
            method = getattr(getattr(twin, snake(tag).lstrip("_")), snake(operation["operationId"]))
            assert callable(method)


def test_a_method_calls_the_same_function_with_the_same_result() -> None:
    exchange = MockExchange()
    with BinanceCoinM(DEMO_API_KEY, DEMO_API_SECRET, **mocked(exchange)) as coinm:
        by_method = coinm.trade.current_all_open_orders(symbol="BTCUSD_PERP")
        by_function = current_all_open_orders.sync(client=coinm.client, symbol="BTCUSD_PERP")
    assert by_method == by_function


def test_a_method_takes_the_functions_arguments() -> None:
    method = inspect.signature(TradeResource.current_all_open_orders)
    function = inspect.signature(current_all_open_orders.sync)
    assert list(method.parameters)[1:] == [p for p in function.parameters if p != "client"]


def test_the_raw_response_variant_is_one_attribute_away() -> None:
    exchange = MockExchange()
    with BinanceCoinM(DEMO_API_KEY, DEMO_API_SECRET, **mocked(exchange)) as coinm:
        response = coinm.with_raw_response.trade.current_all_open_orders(symbol="BTCUSD_PERP")
    assert isinstance(response, Response)
    assert (response.status_code, response.used_weight_1m, len(response.parsed)) == (200, 1, 4)


def test_the_async_twin_awaits_the_same_methods() -> None:
    exchange = MockExchange()

    async def read() -> tuple[int, int]:
        async with AsyncBinanceCoinM(DEMO_API_KEY, DEMO_API_SECRET, **mocked(exchange)) as coinm:
            orders = await coinm.trade.current_all_open_orders(symbol="BTCUSD_PERP")
            raw = await coinm.with_raw_response.market.check_server_time()
            return len(orders), raw.status_code

    assert anyio.run(read) == (4, 200)


def test_leaving_the_context_closes_the_client() -> None:
    with BinanceCoinM(DEMO_API_KEY, DEMO_API_SECRET, **mocked(MockExchange())) as coinm:
        pass
    with pytest.raises(errors.ConfigurationError, match="closed"):
        coinm.trade.current_all_open_orders()


def test_it_can_wrap_a_client_built_elsewhere() -> None:
    client = signed_client(DEMO_API_KEY, DEMO_API_SECRET, **mocked(MockExchange()))
    with BinanceCoinM(client=client) as coinm:
        assert coinm.client is client
        assert len(coinm.market.check_server_time().to_dict()) == 1


def test_a_client_and_credentials_together_are_refused() -> None:
    client = signed_client(DEMO_API_KEY, DEMO_API_SECRET)
    with pytest.raises(errors.ConfigurationError, match="not both"):
        BinanceCoinM(DEMO_API_KEY, client=client)


def test_a_client_that_is_no_client_is_refused() -> None:
    with pytest.raises(errors.ArgumentTypeError, match="AuthenticatedClient"):
        BinanceCoinM(client="https://dapi.binance.com")  # type: ignore[arg-type]


def test_the_options_are_signed_clients_own() -> None:
    keywords = [
        name
        for name, parameter in inspect.signature(signed_client).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
    ]
    assert list(SignedClientOptions.__annotations__) == keywords
