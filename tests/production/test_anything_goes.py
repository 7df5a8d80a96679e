"""Whatever a server answers and a caller passes, the outcome is a result or a BinanceError.

Property tests: hypothesis draws answers (status, headers, body) and arguments (of the call
and of the client); nothing else may come out, and bad arguments are refused before anything
is sent.
"""

from __future__ import annotations

import contextlib
import json
from typing import Any

import anyio
import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from binance_coinm import (
    RetryPolicy,
    current_all_open_orders,
    errors,
    query_current_open_order,
    signed_client,
    sync_clock,
)

ORDER = json.loads(
    '{"avgPrice":"0.0","clientOrderId":"abc","cumBase":"0","executedQty":"0","orderId":1,'
    '"origQty":"0.40","origType":"LIMIT","price":"1","reduceOnly":false,"side":"BUY",'
    '"positionSide":"BOTH","status":"NEW","stopPrice":"0","closePosition":false,'
    '"symbol":"BTCUSD_PERP","time":1,"timeInForce":"GTC","type":"LIMIT","updateTime":1,'
    '"workingType":"CONTRACT_PRICE"}'
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=8,
)  # fmt: skip
bodies = st.one_of(
    st.binary(max_size=64),
    json_values.map(lambda value: json.dumps(value).encode()),
    st.dictionaries(st.sampled_from(sorted(ORDER)), json_values, max_size=3).map(
        lambda changes: json.dumps([{**ORDER, **changes}]).encode()
    ),
    st.sampled_from([b"[" * 3000 + b"]" * 3000, b'{"code": -1021}', b'{"code": true}']),
)
header_values = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=12)
headers = st.dictionaries(
    st.sampled_from(
        ["Retry-After", "X-MBX-USED-WEIGHT-1M", "Content-Type", "Content-Encoding", "Location"]
    ),
    header_values,
    max_size=4,
)
answers = st.tuples(st.integers(100, 599), headers, bodies)
QUICK_RETRY = RetryPolicy(max_retries=1, initial_delay=0.001, max_delay=0.001, max_retry_after=0.5)
"""One retry, at once; a Retry-After (at least 1 s) is never waited for."""


def client_for(answer: tuple[int, dict[str, str], bytes]) -> Any:
    status, fields, body = answer

    def server(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, headers=fields, stream=httpx.ByteStream(body))

    return signed_client(
        "key",
        "secret",
        deadline=2.0,
        retry=QUICK_RETRY,
        httpx_args={"transport": httpx.MockTransport(server)},
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=answers)
def test_any_answer_gives_orders_or_a_binance_error(
    answer: tuple[int, dict[str, str], bytes],
) -> None:
    with client_for(answer) as client:
        try:
            orders = current_all_open_orders.sync(client=client, symbol="BTCUSD_PERP")
        except errors.BinanceError:
            return
    assert answer[0] == 200
    assert isinstance(orders, list)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=answers)
def test_any_answer_to_an_async_call_gives_orders_or_a_binance_error(
    answer: tuple[int, dict[str, str], bytes],
) -> None:
    async def run() -> None:
        async with client_for(answer) as client:
            with contextlib.suppress(errors.BinanceError):
                await query_current_open_order.asyncio(client=client, symbol="X", order_id=1)

    anyio.run(run)


@settings(max_examples=100, deadline=None)
@given(answer=answers)
def test_any_answer_to_the_clock_sync_gives_an_offset_or_a_binance_error(
    answer: tuple[int, dict[str, str], bytes],
) -> None:
    with client_for(answer) as client, contextlib.suppress(errors.BinanceError):
        assert isinstance(sync_clock(client), int)


@pytest.mark.parametrize("body", [b'{"serverTime": "123"}', b'{"serverTime": -5}'])
def test_a_server_time_that_is_no_time_is_a_decode_error(body: bytes) -> None:
    with (
        client_for((200, {}, body)) as client,
        pytest.raises(errors.ResponseDecodeError, match="serverTime"),
    ):
        sync_clock(client)


any_value = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=40),
    st.binary(max_size=4),
    st.lists(st.integers(), max_size=2), st.just("\ud800"), st.just("A" * 100_000),
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(symbol=any_value, pair=any_value, recv_window=any_value, options=st.dictionaries(
    st.sampled_from(["timeout", "max_retries", "deadline"]), any_value, max_size=2
))  # fmt: skip
def test_any_call_arguments_are_sent_or_refused_before_anything_is_sent(
    symbol: Any, pair: Any, recv_window: Any, options: dict[str, Any]
) -> None:
    sent: list[httpx.Request] = []

    def server(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=[])

    client = signed_client("key", "secret", httpx_args={"transport": httpx.MockTransport(server)})
    with client:
        try:
            current_all_open_orders.sync(
                client=client, symbol=symbol, pair=pair, recv_window=recv_window, **options
            )
        except errors.ConfigurationError:
            assert sent == []
        else:
            assert len(sent) == 1


client_arguments = st.fixed_dictionaries(
    {},
    optional={
        name: any_value
        for name in (
            "api_key", "api_secret", "base_url", "recv_window", "timeout", "deadline",
            "max_retries", "weight_limit", "on_weight_exceeded", "max_response_bytes",
            "private_key_passphrase",
        )
    },
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(arguments=client_arguments)
def test_any_client_arguments_build_a_client_or_raise_a_configuration_error(
    arguments: dict[str, Any],
) -> None:
    arguments.setdefault("api_key", "key")
    arguments.setdefault("api_secret", "secret")
    try:
        client = signed_client(**arguments)
    except errors.ConfigurationError:
        return
    client.close()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"base_url": "https://dapi.binance.com/?x=1"}, "query"),
        ({"base_url": "https://dapi.binance.com/#x"}, "fragment"),
        ({"base_url": "https://user:pw@dapi.binance.com"}, "credentials"),
        ({"base_url": "http://[::1"}, "not a URL"),
        ({"base_url": "ftp://dapi.binance.com"}, "http"),
        ({"timeout": float("nan")}, "timeout"),
        ({"timeout": "x"}, "timeout"),
        ({"timeout": -1}, "timeout"),
        ({"deadline": 0}, "deadline"),
        ({"max_retries": None}, "max_retries"),
        ({"recv_window": "5000"}, "recv_window"),
        ({"recv_window": 1.5}, "recv_window"),
        ({"recv_window": True}, "recv_window"),
        ({"weight_limit": "x"}, "weight_limit"),
        ({"weight_limit": 0}, "weight_limit"),
        ({"on_weight_exceeded": "bogus"}, "on_weight_exceeded"),
        ({"base_url": "http://xn--a.example/"}, "not a URL"),
        ({"base_url": "http://127.0.0.1:99999"}, "port"),
        ({"timeout": 10**400}, "timeout"),
        ({"deadline": 1e300}, "deadline"),
        ({"retry": "three times"}, "retry"),
    ],
)
def test_a_bad_client_argument_is_named_in_the_error(options: dict[str, Any], message: str) -> None:
    with pytest.raises(errors.ConfigurationError, match=message):
        signed_client("key", "secret", **options)


@pytest.mark.parametrize(
    "base_url",
    [
        "https://trader:hunter2@dapi.binance.com",
        "https://trader:hun'ter2@dapi.binance.com",
        'https://trader:hun"ter2@dapi.binance.com',
        "https://trader:hun ter2@dapi.binance.com",
        "https://trader:hunter2/x@dapi.binance.com",
        "https:trader:hunter2@dapi.binance.com",
    ],
)
def test_a_refused_base_url_is_shown_without_its_credentials(base_url: str) -> None:
    with pytest.raises(errors.ConfigurationError) as caught:
        signed_client("key", "secret", base_url=base_url)
    assert "hun" not in str(caught.value)


@pytest.mark.parametrize("client", [None, "client", httpx.Client()], ids=["None", "str", "httpx"])
def test_a_call_without_one_of_our_clients_is_an_argument_type_error(client: object) -> None:
    with pytest.raises(errors.ArgumentTypeError, match="client must be"):
        current_all_open_orders.sync(client=client)  # type: ignore[arg-type]

    async def call() -> None:
        await current_all_open_orders.asyncio(client=client)  # type: ignore[arg-type]

    with pytest.raises(errors.ArgumentTypeError, match="client must be"):
        anyio.run(call)


@pytest.mark.parametrize("order_id", [2**63, 2**200])
def test_an_order_id_beyond_int64_is_refused_before_anything_is_sent(order_id: int) -> None:
    sent: list[httpx.Request] = []

    def server(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200)

    client = signed_client("key", "secret", httpx_args={"transport": httpx.MockTransport(server)})
    with client, pytest.raises(errors.ConfigurationError, match="order_id"):
        query_current_open_order.sync(client=client, symbol="BTCUSD_PERP", order_id=order_id)
    assert sent == []


def test_a_bad_argument_type_is_also_a_type_error() -> None:
    with pytest.raises(TypeError):
        signed_client("key", "secret", recv_window="5000")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="recv_window"):
        signed_client("key", "secret", recv_window=0)
