"""A failure of the network or of HTTP itself is the same typed error whatever the transport.

Async calls go through aiohttp by default; what it raises is read the way the sync transport
reads the same fault: an APIConnectionError (an APITimeoutError only for a timeout), retried
like any failed GET, holding neither the signed URL nor the API key, and each attempt is one
request the server sees.
"""

from __future__ import annotations

import socket
import traceback
from typing import Any

import anyio
import pytest

from binance_coinm import current_all_open_orders, errors, signed_client

from . import loopback

MODES = ["sync", "async"]
KEY = "key-that-must-stay-home"


def malformed(answer: bytes) -> loopback.Behaviour:
    def behaviour(conn: socket.socket, head: bytes, number: int) -> None:
        conn.sendall(answer)

    return behaviour


def close_at_once(conn: socket.socket, head: bytes, number: int) -> None:
    conn.close()


MALFORMED = {
    "status line": b"HTTP/1.1 2000 OK\r\nContent-Length: 2\r\n\r\n[]",
    "header line": b"HTTP/1.1 200 OK\r\nno colon here\r\nContent-Length: 2\r\n\r\n[]",
    "chunk size": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n[]\r\n0\r\n\r\n",
}


def failure(url: str, mode: str, **options: object) -> errors.BinanceError:
    with pytest.raises(errors.BinanceError) as caught:
        loopback.fetch(url, mode, api_key=KEY, **options)
    return caught.value


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("answer", MALFORMED.values(), ids=list(MALFORMED))
def test_a_malformed_answer_is_a_connection_error_holding_no_url_or_key(
    mode: str, answer: bytes
) -> None:
    with loopback.serving(malformed(answer)) as server:
        error = failure(server.url, mode, max_retries=0)
    assert type(error) is errors.APIConnectionError
    frames = traceback.TracebackException.from_exception(error, capture_locals=True).stack
    told = str(error) + "".join(
        repr(frame.locals) for frame in frames if "binance_coinm" in frame.filename
    )
    assert "signature=" not in told
    assert KEY not in told
    assert (error.__cause__, error.__context__) == (None, None)


@pytest.mark.parametrize("mode", MODES)
def test_a_malformed_answer_is_retried_like_any_failed_get(mode: str) -> None:
    with loopback.serving(malformed(MALFORMED["status line"])) as server:
        failure(server.url, mode, max_retries=1)
        assert len(server.heads) == 2


@pytest.mark.parametrize("mode", MODES)
def test_a_refused_connection_is_a_connection_error_not_a_timeout(mode: str) -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    error = failure(f"http://127.0.0.1:{port}", mode, max_retries=0)
    assert type(error) is errors.APIConnectionError


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("max_retries", [0, 2])
def test_every_attempt_is_one_request(mode: str, max_retries: int) -> None:
    with loopback.serving(close_at_once) as server:
        failure(server.url, mode, max_retries=max_retries)
        assert len(server.heads) == max_retries + 1


def test_an_async_client_serves_one_event_loop_after_another() -> None:
    # anyio.run once per call: each run has its own event loop, and the client follows it.
    with loopback.serving(loopback.respond(body=[])) as server:
        client = signed_client("key", "secret", base_url=server.url)

        async def call() -> list[Any]:
            return await current_all_open_orders.asyncio(client=client)

        assert anyio.run(call) == []
        assert anyio.run(call) == []

        async def close() -> None:
            await client.aclose()

        anyio.run(close)


@pytest.mark.parametrize("mode", MODES)
def test_a_call_through_a_closed_client_is_a_configuration_error(mode: str) -> None:
    with loopback.serving(loopback.respond(body=[])) as server:
        client = signed_client("key", "secret", base_url=server.url)
        if mode == "sync":
            with client:
                current_all_open_orders.sync(client=client)
            with pytest.raises(errors.ConfigurationError, match="closed"):
                current_all_open_orders.sync(client=client)
            return

        async def twice() -> None:
            async with client:
                await current_all_open_orders.asyncio(client=client)
            await current_all_open_orders.asyncio(client=client)

        with pytest.raises(errors.ConfigurationError, match="closed"):
            anyio.run(twice)
        assert len(server.heads) == 1


def closed_by(way: str, client: Any) -> None:
    if way == "close()":
        client.close()
    elif way == "aclose()":
        anyio.run(client.aclose)
    elif way == "with":
        with client:
            pass
    else:

        async def leave() -> None:
            async with client:
                pass

        anyio.run(leave)


def call_once(mode: str, client: Any) -> None:
    if mode == "sync":
        current_all_open_orders.sync(client=client)
        return

    async def call() -> None:
        await current_all_open_orders.asyncio(client=client)

    anyio.run(call)


@pytest.mark.parametrize("way", ["close()", "aclose()", "with", "async with"])
@pytest.mark.parametrize("mode", MODES)
def test_a_client_closed_any_way_refuses_calls_of_either_kind(way: str, mode: str) -> None:
    with loopback.serving(loopback.respond(body=[])) as server:
        client = signed_client("key", "secret", base_url=server.url)
        call_once("sync", client)
        closed_by(way, client)
        with pytest.raises(errors.ConfigurationError, match="closed"):
            call_once(mode, client)
        assert len(server.heads) == 1
