"""Faults the mock can be told to inject, as the client sees them."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from binance_coinm import check_server_time, errors, signed_client
from binance_coinm.mock import DEFAULT_CLIENT_IP, DEMO_API_KEY, DEMO_API_SECRET, Fault, MockExchange

from .conftest import NOW_MS, get, signed_query

TIME_URL = "https://dapi.binance.com/dapi/v1/time"


def test_server_error_is_500_with_1001(exchange: MockExchange) -> None:
    exchange.faults.add(Fault.SERVER_ERROR)
    reply = get(exchange, signed_query())
    assert (reply.status, json.loads(reply.body)) == (
        500,
        {"code": -1001, "msg": "Internal error; unable to process your request. Please try again."},
    )


def test_unknown_status_is_503_with_binance_message(exchange: MockExchange) -> None:
    exchange.faults.add(Fault.UNKNOWN_STATUS)
    reply = get(exchange, signed_query())
    assert (reply.status, json.loads(reply.body)["msg"]) == (
        503,
        "Unknown error, please check your request or try again later.",
    )


def test_service_unavailable_is_503(exchange: MockExchange) -> None:
    exchange.faults.add(Fault.SERVICE_UNAVAILABLE)
    reply = get(exchange, signed_query())
    assert (reply.status, json.loads(reply.body)["msg"]) == (503, "Service Unavailable.")


def test_server_side_errors_keep_the_used_weight_header(exchange: MockExchange) -> None:
    exchange.faults.add(Fault.SERVER_ERROR)
    assert get(exchange, signed_query()).headers["X-MBX-USED-WEIGHT-1M"] == "40"


def test_html_error_page_is_502_text_html(exchange: MockExchange) -> None:
    exchange.faults.add(Fault.HTML_ERROR_PAGE)
    reply = get(exchange, signed_query())
    assert (reply.status, reply.headers["Content-Type"], reply.body[:6]) == (
        502,
        "text/html",
        b"<html>",
    )


def test_truncated_json_cannot_be_decoded(exchange: MockExchange) -> None:
    exchange.faults.add(Fault.TRUNCATED_JSON)
    reply = get(exchange, signed_query())
    assert reply.status == 200
    with pytest.raises(json.JSONDecodeError):
        json.loads(reply.body)


def test_faults_are_one_shot_in_order(exchange: MockExchange) -> None:
    exchange.faults.add(Fault.SERVER_ERROR, times=2)
    exchange.faults.add(Fault.UNKNOWN_STATUS)
    assert exchange.faults.pending == 3
    assert [get(exchange, signed_query()).status for _ in range(4)] == [500, 500, 503, 200]
    assert exchange.faults.pending == 0


def test_reply_names_the_fault_that_spoiled_it(exchange: MockExchange) -> None:
    exchange.faults.add(Fault.TRUNCATED_JSON)
    assert [get(exchange, signed_query()).fault for _ in range(2)] == [Fault.TRUNCATED_JSON, None]


def test_dropped_connection_raises_httpx_remote_protocol_error(exchange: MockExchange) -> None:
    exchange.faults.add(Fault.DROPPED_CONNECTION)
    with (
        httpx.Client(transport=exchange.transport()) as client,
        pytest.raises(httpx.RemoteProtocolError),
    ):
        client.get(TIME_URL)


@pytest.mark.anyio
async def test_dropped_connection_raises_httpx_error_async(exchange: MockExchange) -> None:
    exchange.faults.add(Fault.DROPPED_CONNECTION)
    async with httpx.AsyncClient(transport=exchange.transport()) as client:
        with pytest.raises(httpx.RemoteProtocolError):
            await client.get(TIME_URL)


@pytest.mark.anyio
async def test_dropped_connection_through_asgi_transport_is_an_httpx_error(
    exchange: MockExchange,
) -> None:
    exchange.faults.add(Fault.DROPPED_CONNECTION)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=exchange.app)) as client:
        with pytest.raises(httpx.RemoteProtocolError):
            await client.get(TIME_URL)


def test_latency_delays_the_answer(exchange: MockExchange) -> None:
    exchange.faults.latency = 0.05
    with httpx.Client(transport=exchange.transport()) as client:
        started = time.perf_counter()
        client.get(TIME_URL)
    assert time.perf_counter() - started >= 0.05


@pytest.mark.anyio
async def test_latency_delays_the_async_answer(exchange: MockExchange) -> None:
    exchange.faults.latency = 0.05
    async with httpx.AsyncClient(transport=exchange.transport()) as client:
        started = time.perf_counter()
        await client.get(TIME_URL)
    assert time.perf_counter() - started >= 0.05


@pytest.mark.parametrize("skew_ms", [-7000, 7000])
def test_clock_skew_moves_the_exchange_clock(exchange: MockExchange, skew_ms: int) -> None:
    exchange.faults.clock_skew_ms = skew_ms
    assert get(exchange, signed_query(timestamp=NOW_MS)).status == 400
    assert get(exchange, signed_query(timestamp=NOW_MS + skew_ms)).status == 200


def test_clock_skew_shows_in_server_time(exchange: MockExchange) -> None:
    exchange.faults.clock_skew_ms = -2500
    reply = get(exchange, b"", path="/dapi/v1/time", api_key=None)
    assert json.loads(reply.body) == {"serverTime": NOW_MS - 2500}


def test_latency_past_the_read_timeout_raises_read_timeout(exchange: MockExchange) -> None:
    exchange.faults.latency = 5.0
    with httpx.Client(transport=exchange.transport(), timeout=0.05) as client:
        started = time.perf_counter()
        with pytest.raises(httpx.ReadTimeout):
            client.get(TIME_URL)
    assert 0.05 <= time.perf_counter() - started < 1.0


@pytest.mark.anyio
async def test_latency_past_the_read_timeout_raises_read_timeout_async(
    exchange: MockExchange,
) -> None:
    exchange.faults.latency = 5.0
    async with httpx.AsyncClient(transport=exchange.transport(), timeout=0.05) as client:
        started = time.perf_counter()
        with pytest.raises(httpx.ReadTimeout):
            await client.get(TIME_URL)
    assert 0.05 <= time.perf_counter() - started < 1.0


def test_latency_within_the_read_timeout_is_answered(exchange: MockExchange) -> None:
    exchange.faults.latency = 0.05
    with httpx.Client(transport=exchange.transport(), timeout=2.0) as client:
        assert client.get(TIME_URL).status_code == 200


def test_timed_out_request_was_still_executed(exchange: MockExchange) -> None:
    exchange.faults.latency = 5.0
    with (
        httpx.Client(transport=exchange.transport(), timeout=0.01) as client,
        pytest.raises(httpx.ReadTimeout),
    ):
        client.get(TIME_URL)
    assert exchange.weights.used(DEFAULT_CLIENT_IP, exchange.server_time_ms()) == 1


@pytest.mark.parametrize(
    ("timeout", "deadline"), [(0.05, 15.0), (5.0, 0.1)], ids=["timeout", "deadline"]
)
def test_signed_client_times_out_on_a_slow_exchange(
    exchange: MockExchange, timeout: float, deadline: float
) -> None:
    exchange.faults.latency = 5.0
    client = signed_client(
        DEMO_API_KEY,
        DEMO_API_SECRET,
        max_retries=0,
        timeout=timeout,
        deadline=deadline,
        httpx_args={"transport": exchange.transport()},
    )
    started = time.perf_counter()
    with client, pytest.raises(errors.APITimeoutError):
        check_server_time.sync(client=client)
    assert time.perf_counter() - started < 1.0


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("timeout", "deadline"), [(0.05, 15.0), (5.0, 0.1)], ids=["timeout", "deadline"]
)
async def test_signed_client_times_out_on_a_slow_exchange_async(
    exchange: MockExchange, timeout: float, deadline: float
) -> None:
    exchange.faults.latency = 5.0
    client = signed_client(
        DEMO_API_KEY,
        DEMO_API_SECRET,
        max_retries=0,
        timeout=timeout,
        deadline=deadline,
        httpx_args={"transport": exchange.transport()},
    )
    started = time.perf_counter()
    async with client:
        with pytest.raises(errors.APITimeoutError):
            await check_server_time.asyncio(client=client)
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize("seconds", [-1, -0.001, float("nan"), float("inf"), 3600.5])
def test_latency_out_of_range_is_refused(seconds: float) -> None:
    with pytest.raises(errors.ConfigurationError, match="latency must be 0 to 3600 seconds"):
        MockExchange().faults.latency = seconds


@pytest.mark.parametrize("seconds", ["0.5", True, None])
def test_latency_that_is_no_number_is_an_argument_type_error(seconds: object) -> None:
    with pytest.raises(errors.ArgumentTypeError, match="latency must be a number"):
        MockExchange().faults.latency = seconds  # type: ignore[assignment]


def test_a_refused_latency_leaves_the_latency_as_it_was() -> None:
    faults = MockExchange().faults
    faults.latency = 0.25
    with pytest.raises(errors.ConfigurationError):
        faults.latency = -1
    assert faults.latency == 0.25


@pytest.mark.parametrize("skew_ms", [86_400_001, -86_400_001, 10**30])
def test_clock_skew_past_a_day_is_refused(skew_ms: int) -> None:
    with pytest.raises(errors.ConfigurationError, match="clock_skew_ms must be within"):
        MockExchange().faults.clock_skew_ms = skew_ms


@pytest.mark.parametrize("skew_ms", [1.5, "7000", False])
def test_clock_skew_that_is_no_int_is_an_argument_type_error(skew_ms: object) -> None:
    with pytest.raises(errors.ArgumentTypeError, match="clock_skew_ms must be an int"):
        MockExchange().faults.clock_skew_ms = skew_ms  # type: ignore[assignment]


@pytest.mark.parametrize("times", [0, -3])
def test_a_fault_for_no_request_is_refused(times: int) -> None:
    with pytest.raises(errors.ConfigurationError, match="times must be at least 1"):
        MockExchange().faults.add(Fault.SERVER_ERROR, times=times)


@pytest.mark.parametrize(
    ("fault", "times"), [("server_error", 1), (Fault.SERVER_ERROR, 2.0), (Fault.SERVER_ERROR, True)]
)
def test_a_fault_or_count_of_another_type_is_an_argument_type_error(
    fault: object, times: object
) -> None:
    with pytest.raises(errors.ArgumentTypeError):
        MockExchange().faults.add(fault, times=times)  # type: ignore[arg-type]


def test_a_fault_queued_a_trillion_times_costs_one_entry() -> None:
    faults = MockExchange().faults
    faults.add(Fault.SERVER_ERROR, times=10**12)
    faults.add(Fault.TRUNCATED_JSON)
    assert (faults.take(), faults.pending) == (Fault.SERVER_ERROR, 10**12)
    assert "server_errorx999999999999" in repr(faults)
