"""Whatever a request holds, the mock answers it as Binance would: a declared status with
Binance's JSON error body, or a 200 of the spec's shape; never an exception, never a 5xx it
was not told to send."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote_from_bytes

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from binance_coinm.mock import DEMO_API_KEY, MockExchange
from binance_coinm.spec import SPEC

from .conftest import NOW_MS, FrozenClock, sign, spec_checked

KNOWN_PATHS = sorted({operation.path for operation in SPEC.operations.values()})
PARAMETER_NAMES = sorted(
    {parameter.name for operation in SPEC.operations.values() for parameter in operation.parameters}
)

methods = st.one_of(
    st.sampled_from(["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "get", ""]),
    st.text(max_size=8),
)
paths = st.one_of(
    st.sampled_from([*KNOWN_PATHS, "/openapi.yaml", "/", "", "/dapi/v1/openOrders/"]),
    st.text(max_size=40),
    st.builds(lambda path, tail: path + tail, st.sampled_from(KNOWN_PATHS), st.text(max_size=5)),
)
values = st.one_of(
    st.binary(max_size=12),
    st.sampled_from([b"", b"%", b"%zz", b"%FF%FE", b"%00", b"+", b"1e5", b"-1", b"0x10", b"\xff"]),
    st.integers(min_value=-(10**30), max_value=10**30).map(lambda n: str(n).encode()),
    st.just(b"9" * 5000),
    st.sampled_from([b"BTCUSD_PERP", b"BTCUSD", b"true", b"%42TCUSD_PERP", str(NOW_MS).encode()]),
)
names = st.one_of(
    st.sampled_from([*PARAMETER_NAMES, "signature", "timestamp"]).map(str.encode),
    st.binary(max_size=8),
)
pairs = st.lists(st.tuples(names, values), max_size=6)


@st.composite
def raw_queries(draw: st.DrawFn) -> bytes:
    """Query bytes, as sent or percent-escaped, signed with the demo secret or not."""
    escape = draw(st.booleans())
    query = b"&".join(
        (quote_from_bytes(name).encode() + b"=" + quote_from_bytes(value).encode())
        if escape
        else name + b"=" + value
        for name, value in draw(pairs)
    )
    if draw(st.booleans()):
        query = sign(query)
    return draw(st.one_of(st.just(query), st.binary(max_size=64)))


headers = st.dictionaries(
    st.one_of(st.sampled_from(["x-mbx-apikey", "content-type", "host"]), st.text(max_size=8)),
    st.one_of(st.just(DEMO_API_KEY), st.text(max_size=70)),
    max_size=3,
)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(
    method=methods,
    path=paths,
    raw_query=raw_queries(),
    sent_headers=headers,
    body=st.binary(max_size=64),
    client_ip=st.one_of(st.just("127.0.0.1"), st.text(max_size=12)),
)
def test_every_request_gets_a_declared_binance_answer(
    spec: dict[str, Any],
    method: str,
    path: str,
    raw_query: bytes,
    sent_headers: dict[str, str],
    body: bytes,
    client_ip: str,
) -> None:
    exchange = spec_checked(spec, clock=FrozenClock(NOW_MS))
    reply = exchange.answer(method, path, raw_query, sent_headers, body, client_ip=client_ip)
    assert reply.status < 500, reply.body  # a 5xx here would be the mock failing


class BrokenHandlerExchange(MockExchange):
    """Fails in its business, as a bug of the mock would."""

    def server_time_ms(self) -> int:
        raise RuntimeError("a bug of the mock")


def test_a_failure_of_the_mock_is_still_binance_s_500_and_a_logged_traceback(
    spec: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    exchange = BrokenHandlerExchange()
    with caplog.at_level(logging.ERROR, logger="binance_coinm.mock"):
        reply = exchange.answer("GET", "/dapi/v1/time", b"", {}, b"")
    assert (reply.status, reply.body) == (
        500,
        b'{"code":-1001,"msg":"Internal error; unable to process your request. Please try again."}',
    )
    assert "a bug of the mock" in caplog.text
