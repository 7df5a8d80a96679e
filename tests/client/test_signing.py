"""The signing hook: what Binance verifies, computed over exactly the bytes that are sent."""

from __future__ import annotations

import hashlib
import hmac
import logging
from urllib.parse import parse_qsl

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from binance_coinm import BinanceAuth, HmacSigner, current_all_open_orders, errors, signed_client
from binance_coinm.clock import ServerClock

DOC_SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
DOC_QUERY = (
    b"symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1"
    b"&recvWindow=5000&timestamp=1499827319559"
)
DOC_SIGNATURE = "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"
HOST = "dapi.binance.com"
KEY = "test-api-key"


def verify(request: httpx.Request, secret: str) -> bool:
    """An independent verifier: HMAC over the raw query the server receives, signature last."""
    raw = request.url.query
    payload, sep, signature = raw.rpartition(b"&signature=")
    expected = hmac.new(secret.encode(), payload + request.content, hashlib.sha256).hexdigest()
    return bool(sep) and hmac.compare_digest(expected, signature.decode())


def auth(secret: str = DOC_SECRET, **kwargs: object) -> BinanceAuth:
    return BinanceAuth(KEY, HmacSigner(secret), base_url=f"https://{HOST}", **kwargs)  # type: ignore[arg-type]


def signed(request: httpx.Request, binance_auth: BinanceAuth) -> httpx.Request:
    flow = binance_auth.sync_auth_flow(request)
    return next(flow)


def test_signer_matches_binance_documented_example() -> None:
    assert HmacSigner(DOC_SECRET).sign(DOC_QUERY) == DOC_SIGNATURE


def test_signature_is_last_and_covers_timestamp_and_recv_window() -> None:
    request = httpx.Request("GET", f"https://{HOST}/dapi/v1/openOrders?symbol=BTCUSD_PERP")
    sent = signed(request, auth(recv_window=5000, clock=ServerClock(lambda: 1499827319559)))
    query = sent.url.query.decode()
    assert query.startswith("symbol=BTCUSD_PERP&recvWindow=5000&timestamp=1499827319559&signature=")
    assert verify(sent, DOC_SECRET)


def test_a_request_signed_again_carries_one_fresh_timestamp_and_one_signature() -> None:
    """As when a caller sends the same httpx.Request twice: the second signing replaces the
    first's stamp and signature instead of adding to them."""
    now = iter([1499827319559, 1499827320000])
    binance_auth = auth(recv_window=5000, clock=ServerClock(lambda: next(now)))
    request = httpx.Request("GET", f"https://{HOST}/dapi/v1/openOrders?symbol=BTCUSD_PERP")
    signed(request, binance_auth)
    again = signed(request, binance_auth)
    names = [name for name, _ in parse_qsl(again.url.query.decode())]
    assert names == ["symbol", "recvWindow", "timestamp", "signature"]
    assert dict(parse_qsl(again.url.query.decode()))["timestamp"] == "1499827320000"
    assert verify(again, DOC_SECRET)


def test_api_key_header_is_set() -> None:
    request = httpx.Request("GET", f"https://{HOST}/dapi/v1/openOrders")
    assert signed(request, auth()).headers["X-MBX-APIKEY"] == KEY


def test_per_call_recv_window_is_not_duplicated() -> None:
    request = httpx.Request("GET", f"https://{HOST}/dapi/v1/openOrders?recvWindow=1000")
    query = signed(request, auth(recv_window=5000)).url.query.decode()
    assert [k for k, _ in parse_qsl(query)].count("recvWindow") == 1
    assert "recvWindow=1000" in query


def test_each_signing_takes_a_fresh_timestamp() -> None:
    times = iter([1000, 2000])
    binance_auth = auth(clock=ServerClock(lambda: next(times)))
    first = signed(httpx.Request("GET", f"https://{HOST}/x"), binance_auth)
    second = signed(httpx.Request("GET", f"https://{HOST}/x"), binance_auth)
    assert (b"timestamp=1000" in first.url.query, b"timestamp=2000" in second.url.query) == (
        True,
        True,
    )


parameter_values = st.text(
    alphabet=st.characters(codec="utf-8"), min_size=1, max_size=20
) | st.sampled_from(["a b", "&", "=", "+", "%", "%20", "a&b=c", "é", "€", "BTC/USD@1"])


@settings(max_examples=200, deadline=None)
@given(params=st.dictionaries(st.sampled_from(["symbol", "pair", "note", "x"]), parameter_values))
def test_independent_verifier_accepts_any_parameter_values(params: dict[str, str]) -> None:
    seen: list[httpx.Request] = []

    def server(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200 if verify(request, DOC_SECRET) else 400, json=[])

    with httpx.Client(
        base_url=f"https://{HOST}", auth=auth(), transport=httpx.MockTransport(server)
    ) as client:
        response = client.get("/dapi/v1/openOrders", params=params)
    assert response.status_code == 200
    received = dict(parse_qsl(seen[0].url.query.decode()))
    assert {name: received[name] for name in params} == params


@pytest.mark.parametrize(
    ("key", "secret", "missing"), [("", "s", "API key"), ("k", "", "API secret")]
)
def test_missing_credentials_fail_before_sending(key: str, secret: str, missing: str) -> None:
    with pytest.raises(errors.ConfigurationError, match=missing):
        signed_client(key, secret)


def test_credentials_default_to_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BINANCE_API_KEY", "env-key")
    monkeypatch.setenv("BINANCE_API_SECRET", "env-secret")
    seen: list[httpx.Request] = []

    def server(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=[])

    client = signed_client(httpx_args={"transport": httpx.MockTransport(server)})
    current_all_open_orders.sync(client=client)
    assert seen[0].headers["X-MBX-APIKEY"] == "env-key"
    assert verify(seen[0], "env-secret")


def test_api_key_with_spaces_is_refused() -> None:
    with pytest.raises(errors.ConfigurationError, match="printable ASCII"):
        signed_client("bad key", "secret")


def test_request_to_another_host_is_refused_unsigned() -> None:
    sent: list[httpx.Request] = []

    def server(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=[])

    client = signed_client(KEY, DOC_SECRET)
    with (
        httpx.Client(auth=client.auth, transport=httpx.MockTransport(server)) as plain,
        pytest.raises(errors.ConfigurationError, match="refusing to sign"),
    ):
        plain.get("https://evil.example/dapi/v1/openOrders")
    assert sent == []


def test_secret_and_key_never_appear_in_reprs_or_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=[]))
    client = signed_client(KEY, DOC_SECRET, httpx_args={"transport": transport})
    current_all_open_orders.sync(client=client)
    binance_auth = client.auth
    assert isinstance(binance_auth, BinanceAuth)
    texts = [repr(client), repr(binance_auth), repr(binance_auth._signer), caplog.text]
    for text in texts:
        assert DOC_SECRET not in text
        assert KEY not in text


def test_missing_secret_error_does_not_echo_the_key() -> None:
    with pytest.raises(errors.ConfigurationError) as caught:
        signed_client("my-secret-looking-key", "")
    assert "my-secret-looking-key" not in str(caught.value)


@settings(max_examples=100, deadline=None)
@given(
    symbol=st.from_regex(r"[A-Z0-9_]{1,32}", fullmatch=True),
    recv_window=st.integers(1, 60_000),
)
def test_generated_endpoint_signs_the_exact_query_it_sends(symbol: str, recv_window: int) -> None:
    seen: list[httpx.Request] = []

    def server(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200 if verify(request, DOC_SECRET) else 400, json=[])

    client = signed_client(KEY, DOC_SECRET, httpx_args={"transport": httpx.MockTransport(server)})
    with client:
        current_all_open_orders.sync(
            client=client, symbol=symbol, recv_window=recv_window, max_retries=0
        )
    received = dict(parse_qsl(seen[0].url.query.decode()))
    assert (received["symbol"], received["recvWindow"]) == (symbol, str(recv_window))
