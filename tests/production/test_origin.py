"""The API key goes to the configured origin only: scheme, host and port, redirects included."""

from __future__ import annotations

import httpx
import pytest

from binance_coinm import BinanceAuth, HmacSigner, errors

from . import loopback


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_a_redirect_to_another_port_is_refused_and_sends_nothing_there(
    mode: str, status: int
) -> None:
    with loopback.serving(loopback.respond(body=[])) as elsewhere:
        redirect = loopback.respond(status, b"", Location=f"{elsewhere.url}/dapi/v1/openOrders")
        with (
            loopback.serving(redirect) as origin,
            pytest.raises(errors.ConfigurationError) as caught,
        ):
            loopback.fetch(origin.url, mode, httpx_args={"follow_redirects": True})
        assert elsewhere.heads == []
    assert "refusing to send a request to http://127.0.0.1:" in str(caught.value)


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("location", ["https://127.0.0.1:{port}/x", "http://localhost:{port}/x"])
def test_a_redirect_to_another_scheme_or_host_is_refused(mode: str, location: str) -> None:
    with loopback.serving(loopback.respond(body=[])) as origin:
        origin.behaviour = loopback.respond(302, b"", Location=location.format(port=origin.port))
        with pytest.raises(errors.ConfigurationError):
            loopback.fetch(origin.url, mode, httpx_args={"follow_redirects": True})
        assert len(origin.heads) == 1


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_redirect_within_the_origin_is_followed_when_asked(mode: str) -> None:
    with loopback.serving(loopback.respond(body=[])) as origin:
        redirect = loopback.respond(307, b"", Location=f"{origin.url}/dapi/v1/openOrders?moved=1")
        origin.behaviour = loopback.in_turn(redirect, loopback.respond(body=[]))
        assert loopback.fetch(origin.url, mode, httpx_args={"follow_redirects": True}) == []
        assert b"moved=1" in origin.heads[1]


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_redirects_are_not_followed_by_default(mode: str) -> None:
    with (
        loopback.serving(loopback.respond(302, b"", Location="http://localhost:1/x")) as origin,
        pytest.raises(errors.APIStatusError) as caught,
    ):
        loopback.fetch(origin.url, mode)
    assert caught.value.status_code == 302


def test_the_signer_refuses_a_request_to_another_port() -> None:
    auth = BinanceAuth("key", HmacSigner("secret"), base_url="https://dapi.binance.com")
    request = httpx.Request("GET", "https://dapi.binance.com:8443/dapi/v1/openOrders")
    with pytest.raises(errors.ConfigurationError, match="refusing to sign"):
        auth.sign_request(request)
    assert "X-MBX-APIKEY" not in request.headers


def test_the_origin_compares_default_ports_as_equal() -> None:
    auth = BinanceAuth("key", HmacSigner("secret"), base_url="https://dapi.binance.com")
    request = httpx.Request("GET", "https://dapi.binance.com:443/dapi/v1/openOrders")
    auth.sign_request(request)
    assert request.headers["X-MBX-APIKEY"] == "key"
