"""Every call ends by its deadline, whatever the server does; failed bodies are retried in it.

Against real sockets on 127.0.0.1, sync and async alike. Wall times are asserted only as
"ended by the deadline plus a margin": speed itself is measured in `make bench`.
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import anyio
import pytest

from binance_coinm import DEFAULT_DEADLINE, current_all_open_orders, errors, signed_client
from binance_coinm.models import Order

from . import loopback

MARGIN = 1.0
"""Seconds a call may run past its deadline: the last socket operation's slack and the test's."""
Call = Callable[..., list[Order]]


@pytest.fixture(params=["sync", "async"])
def call(request: pytest.FixtureRequest) -> Call:
    """One call through a fresh client, sync or async; ``client_options`` go to signed_client."""

    def run(url: str, call_options: dict[str, Any], **client_options: Any) -> list[Order]:
        client = signed_client("key", "secret", base_url=url, **client_options)
        if request.param == "sync":
            with client:
                return current_all_open_orders.sync(client=client, **call_options)

        async def run_async() -> list[Order]:
            async with client:
                coroutine: Awaitable[list[Order]] = current_all_open_orders.asyncio(
                    client=client, **call_options
                )
                return await coroutine

        return anyio.run(run_async)

    return run


def ends_by(seconds: float, call: Call, url: str, **options: Any) -> errors.BinanceError:
    started = time.monotonic()
    with pytest.raises(errors.BinanceError) as caught:
        call(url, {}, **options)
    assert time.monotonic() - started < seconds + MARGIN
    return caught.value


@pytest.mark.parametrize(
    "behaviour",
    [
        loopback.never_answer,
        loopback.stall_after_headers,
        loopback.drip_body(0.2),
        loopback.drip_headers(0.2),
    ],
    ids=["never answers", "stalls after headers", "drips its body", "drips its headers"],
)
def test_a_call_ends_by_its_deadline_whatever_the_server_does(
    call: Call, behaviour: loopback.Behaviour
) -> None:
    with loopback.serving(behaviour) as server:
        error = ends_by(1.5, call, server.url, timeout=2.0, deadline=1.5)
    assert isinstance(error, errors.APITimeoutError)


def slow_redirect(conn: socket.socket, head: bytes, number: int) -> None:
    loopback.STOP.wait(0.3)
    loopback.respond(302, b"", Location="/dapi/v1/openOrders")(conn, head, number)


def test_the_redirects_a_call_follows_share_its_deadline(call: Call) -> None:
    with loopback.serving(slow_redirect) as server:
        error = ends_by(1.0, call, server.url, deadline=1.0, httpx_args={"follow_redirects": True})
        hops = len(server.heads)
    assert isinstance(error, errors.APITimeoutError)
    assert hops <= 4


def test_a_per_call_deadline_overrides_the_client(call: Call) -> None:
    with loopback.serving(loopback.drip_body(0.1)) as server:
        started = time.monotonic()
        with pytest.raises(errors.APITimeoutError):
            call(server.url, {"deadline": 0.8}, timeout=5.0, deadline=30.0)
        assert time.monotonic() - started < 0.8 + MARGIN


def test_with_default_settings_a_dead_exchange_ends_in_about_the_default_deadline() -> None:
    with loopback.serving(loopback.never_answer) as server:
        started = time.monotonic()
        client = signed_client("key", "secret", base_url=server.url)
        with client, pytest.raises(errors.APITimeoutError):
            current_all_open_orders.sync(client=client)
        elapsed = time.monotonic() - started
        heads = len(server.heads)
    assert DEFAULT_DEADLINE == 15.0
    assert DEFAULT_DEADLINE - 1 < elapsed < DEFAULT_DEADLINE + MARGIN
    assert heads == 3


@pytest.mark.parametrize(
    "failure",
    [loopback.cut_body, loopback.stall_after_headers],
    ids=["a body cut short", "a body that stalls"],
)
def test_a_failed_body_is_retried_like_any_failed_get(
    call: Call, failure: loopback.Behaviour
) -> None:
    with loopback.serving(loopback.in_turn(failure, loopback.respond(body=[]))) as server:
        assert call(server.url, {}, timeout=0.5, deadline=5.0) == []
    assert len(server.heads) == 2


def test_the_retries_stop_at_the_deadline(call: Call) -> None:
    with loopback.serving(loopback.respond(500, {"code": -1001, "msg": "x"})) as server:
        error = ends_by(1.0, call, server.url, deadline=1.0, max_retries=50)
    assert isinstance(error, errors.ServerError)


def test_a_body_that_inflates_past_the_limit_is_refused(call: Call) -> None:
    with (
        loopback.serving(loopback.gzip_bomb(200 * 1024 * 1024)) as server,
        pytest.raises(errors.ResponseTooLargeError, match="max_response_bytes"),
    ):
        call(server.url, {}, deadline=10.0)


def test_a_body_larger_than_a_small_limit_is_refused_by_its_length(call: Call) -> None:
    with (
        loopback.serving(loopback.respond(body=b"[" + b" " * 5000 + b"]")) as server,
        pytest.raises(errors.ResponseTooLargeError),
    ):
        call(server.url, {}, max_response_bytes=1000)


def test_a_gzip_body_within_the_limit_is_read(call: Call) -> None:
    with (
        loopback.serving(loopback.gzip_bomb(10)) as server,
        pytest.raises(errors.ResponseDecodeError) as caught,
    ):
        call(server.url, {})
    assert caught.value.content == b" " * 10


def test_a_gzip_header_on_a_plain_body_is_a_decode_error(call: Call) -> None:
    behaviour = loopback.respond(body=b"[]", Content_Encoding="gzip")
    with (
        loopback.serving(behaviour) as server,
        pytest.raises(errors.ResponseDecodeError, match=r"compressed|valid"),
    ):
        call(server.url, {})


def test_an_unknown_content_encoding_is_a_decode_error(call: Call) -> None:
    behaviour = loopback.respond(body=b"[]", Content_Encoding="br")
    with (
        loopback.serving(behaviour) as server,
        pytest.raises(errors.ResponseDecodeError, match="Content-Encoding"),
    ):
        call(server.url, {})


ORDER = json.loads(
    (Path(__file__).parents[1] / "fixtures" / "open_orders_example_zh.json").read_text("utf-8")
)[0]


def large_body_failing_at_the_end() -> bytes:
    """About 32 MiB of orders (the default body limit) whose very last one breaks the spec."""
    order = json.dumps(ORDER).encode()
    count = (32 * 1024 * 1024 - 1024) // (len(order) + 1)
    bad = json.dumps({**ORDER, "orderId": "not a number"}).encode()
    return b"[" + b",".join([order] * (count - 1) + [bad]) + b"]"


def test_a_bad_item_at_the_end_of_a_large_body_is_named() -> None:
    body = large_body_failing_at_the_end()
    with loopback.serving(loopback.respond(body=body)) as server:
        error = ends_by(10.0, loopback_call, server.url)
    assert isinstance(error, errors.ResponseDecodeError)
    assert (error.index, error.field) == (body.count(b'"orderId"') - 1, "orderId")


def loopback_call(url: str, call_options: dict[str, Any], **client_options: Any) -> list[Order]:
    return loopback.fetch(url, "sync", **client_options)
