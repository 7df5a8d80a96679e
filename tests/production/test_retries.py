"""Bounded retries with backoff, each attempt signed afresh; 4xx never retried (sync and async)."""

from __future__ import annotations

from urllib.parse import parse_qs

import httpx
import pytest

from binance_coinm import RetryPolicy, errors, signed_client
from binance_coinm.mock import Fault

from .conftest import ClientFactory, ControlledClock, Fetch, RecordingExchange

OPEN_ORDERS = "/dapi/v1/openOrders"


def timestamps(exchange: RecordingExchange) -> list[str]:
    return [
        parse_qs(query.decode())["timestamp"][0]
        for path, query in exchange.requests
        if path == OPEN_ORDERS
    ]


def test_server_errors_are_retried_until_success(
    exchange: RecordingExchange, make_client: ClientFactory, fetch: Fetch, clock: ControlledClock
) -> None:
    exchange.faults.add(Fault.SERVER_ERROR, times=2)
    orders = fetch(client=make_client(max_retries=2), symbol="BTCUSD_PERP")
    assert len(orders) == 4
    assert exchange.paths() == [OPEN_ORDERS] * 3
    assert len(clock.sleeps) == 2
    assert 0.375 <= clock.sleeps[0] <= 0.5
    assert 0.75 <= clock.sleeps[1] <= 1.0


def test_each_attempt_is_signed_with_a_fresh_timestamp(
    exchange: RecordingExchange, make_client: ClientFactory, fetch: Fetch
) -> None:
    exchange.faults.add(Fault.SERVER_ERROR, times=2)
    fetch(client=make_client(), symbol="BTCUSD_PERP")
    stamps = timestamps(exchange)
    assert len(set(stamps)) == 3
    assert stamps == sorted(stamps)


def test_retries_are_bounded_by_max_retries(
    exchange: RecordingExchange, make_client: ClientFactory, fetch: Fetch
) -> None:
    exchange.faults.add(Fault.SERVICE_UNAVAILABLE, times=5)
    with pytest.raises(errors.ServerError) as caught:
        fetch(client=make_client(max_retries=2))
    assert caught.value.msg == "Service Unavailable."
    assert len(exchange.requests) == 3


def test_per_call_max_retries_overrides_the_client(
    exchange: RecordingExchange, make_client: ClientFactory, fetch: Fetch
) -> None:
    exchange.faults.add(Fault.SERVER_ERROR, times=5)
    with pytest.raises(errors.ServerError):
        fetch(client=make_client(max_retries=4), max_retries=0)
    assert len(exchange.requests) == 1


def test_client_errors_are_not_retried(
    exchange: RecordingExchange, make_client: ClientFactory, fetch: Fetch
) -> None:
    with pytest.raises(errors.InvalidRequestError) as caught:
        fetch(client=make_client(), symbol="XRPUSD_PERP")
    assert caught.value.code == -1121
    assert len(exchange.requests) == 1


def test_bad_signature_is_not_retried(
    exchange: RecordingExchange, make_client: ClientFactory, fetch: Fetch
) -> None:
    with pytest.raises(errors.AuthenticationError):
        fetch(client=make_client(api_secret="wrong"))
    assert len(exchange.requests) == 1


def test_dropped_connection_is_retried_for_get(
    exchange: RecordingExchange, make_client: ClientFactory, fetch: Fetch
) -> None:
    exchange.faults.add(Fault.DROPPED_CONNECTION)
    assert len(fetch(client=make_client(), pair="SOLUSD")) == 2
    assert len(exchange.requests) == 2


def test_dropped_connections_past_the_budget_raise_connection_error(
    exchange: RecordingExchange, make_client: ClientFactory, fetch: Fetch
) -> None:
    exchange.faults.add(Fault.DROPPED_CONNECTION, times=3)
    with pytest.raises(errors.APIConnectionError):
        fetch(client=make_client(max_retries=2))


def test_html_error_page_past_the_budget_is_a_server_error_with_a_snippet(
    exchange: RecordingExchange, make_client: ClientFactory, fetch: Fetch
) -> None:
    exchange.faults.add(Fault.HTML_ERROR_PAGE, times=3)
    with pytest.raises(errors.ServerError) as caught:
        fetch(client=make_client(max_retries=2))
    assert (caught.value.status_code, caught.value.code) == (502, None)
    assert "502 Bad Gateway" in caught.value.msg


def test_unknown_execution_status_is_its_own_error(
    exchange: RecordingExchange, make_client: ClientFactory, fetch: Fetch
) -> None:
    exchange.faults.add(Fault.UNKNOWN_STATUS)
    with pytest.raises(errors.ExecutionStatusUnknownError):
        fetch(client=make_client(max_retries=0))


def test_truncated_json_is_a_decode_error(
    exchange: RecordingExchange, make_client: ClientFactory, fetch: Fetch
) -> None:
    exchange.faults.add(Fault.TRUNCATED_JSON)
    with pytest.raises(errors.ResponseDecodeError) as caught:
        fetch(client=make_client())
    assert caught.value.snippet.startswith('[{"avgPrice"')


def test_429_waits_retry_after_then_succeeds(
    exchange: RecordingExchange, make_client: ClientFactory, fetch: Fetch, clock: ControlledClock
) -> None:
    exchange.weights.limit = 40
    client = make_client(weight_limit=None, deadline=60)
    fetch(client=client)
    assert len(fetch(client=client)) == 8
    assert clock.sleeps == [45.0]


def test_a_retry_after_longer_than_the_deadline_left_raises_at_once(
    exchange: RecordingExchange, make_client: ClientFactory, fetch: Fetch, clock: ControlledClock
) -> None:
    exchange.weights.limit = 40
    client = make_client(weight_limit=None, deadline=30)
    fetch(client=client)
    with pytest.raises(errors.RateLimitError) as caught:
        fetch(client=client)
    assert (caught.value.retry_after, clock.sleeps) == (45, [])


def test_ban_longer_than_max_retry_after_raises_ip_banned(
    exchange: RecordingExchange, make_client: ClientFactory, fetch: Fetch
) -> None:
    exchange.weights.limit = 40
    exchange.weights.ban_after = 0
    client = make_client(weight_limit=None)
    fetch(client=client)
    with pytest.raises(errors.IPBannedError) as caught:
        fetch(client=client)
    assert (caught.value.status_code, caught.value.retry_after) == (418, 120.0)


@pytest.mark.parametrize("value", ["0", "-5", "nan"])
def test_a_418_whose_retry_after_is_no_positive_count_raises_at_once(
    fetch: Fetch, value: str
) -> None:
    seen: list[httpx.Request] = []

    def banned(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(418, headers={"Retry-After": value}, json={"code": -1003, "msg": "b"})

    client = signed_client("key", "secret", httpx_args={"transport": httpx.MockTransport(banned)})
    with client, pytest.raises(errors.IPBannedError) as caught:
        fetch(client=client)
    assert (len(seen), caught.value.retry_after) == (1, None)


def test_too_many_redirects_is_an_api_connection_error(fetch: Fetch) -> None:
    def loop(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "/dapi/v1/openOrders"})

    client = signed_client(
        "key",
        "secret",
        httpx_args={"transport": httpx.MockTransport(loop), "follow_redirects": True},
    )
    with client, pytest.raises(errors.APIConnectionError, match="too many redirects"):
        fetch(client=client)


def test_the_backoff_stays_a_number_however_many_retries_are_allowed() -> None:
    policy = RetryPolicy(max_retries=5000, initial_delay=1e-300, max_delay=1e-6)
    assert 0 < policy.backoff(4999) <= 1e-6


@pytest.mark.parametrize("value", ["99999999999999999999", "0000000000000120"])
@pytest.mark.parametrize("status", [418, 429])
def test_a_retry_after_of_many_digits_is_a_long_wait_not_retried(
    fetch: Fetch, status: int, value: str
) -> None:
    seen: list[httpx.Request] = []

    def limited(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        body = {"code": -1003, "msg": "limited"}
        return httpx.Response(status, headers={"Retry-After": value}, json=body)

    client = signed_client("key", "secret", httpx_args={"transport": httpx.MockTransport(limited)})
    with client, pytest.raises(errors.RateLimitError) as caught:
        fetch(client=client)
    assert len(seen) == 1
    assert caught.value.retry_after is not None
    assert caught.value.retry_after >= 120
