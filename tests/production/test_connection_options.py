"""What the user passes in httpx_args about the connection is honoured, sync and async.

httpx ignores ``verify``, ``cert``, ``limits``, ``http2`` and ``proxy`` once a transport is
given, and a ``proxy`` would route around it: the client builds its own transports from them.
"""

from __future__ import annotations

import datetime
import importlib.util
import ipaddress
import socket
import ssl
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from binance_coinm import current_all_open_orders, errors, signed_client

from . import loopback

MODES = ["sync", "async"]


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key, as PEM files."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@pytest.fixture
def tls_server(certificate: tuple[Path, Path]) -> Iterator[loopback.Loopback]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    with loopback.serving(loopback.respond(body=[]), tls=context) as server:
        yield server


@pytest.mark.parametrize("mode", MODES)
def test_a_certificate_nobody_trusts_is_refused_by_default(
    tls_server: loopback.Loopback, mode: str
) -> None:
    with pytest.raises(errors.APIConnectionError):
        loopback.fetch(tls_server.url, mode)


@pytest.mark.parametrize("mode", MODES)
def test_verify_false_is_honoured(tls_server: loopback.Loopback, mode: str) -> None:
    assert loopback.fetch(tls_server.url, mode, httpx_args={"verify": False}) == []


@pytest.mark.parametrize("mode", MODES)
def test_verify_with_an_ssl_context_is_honoured(
    tls_server: loopback.Loopback, certificate: tuple[Path, Path], mode: str
) -> None:
    context = ssl.create_default_context(cafile=str(certificate[0]))
    assert loopback.fetch(tls_server.url, mode, httpx_args={"verify": context}) == []


@pytest.mark.parametrize("mode", MODES)
def test_verify_with_a_ca_file_is_honoured(
    tls_server: loopback.Loopback, certificate: tuple[Path, Path], mode: str
) -> None:
    with pytest.deprecated_call(match="verify=<str>"):  # httpx's own warning for this form
        assert (
            loopback.fetch(tls_server.url, mode, httpx_args={"verify": str(certificate[0])}) == []
        )


def proxied_origin(head: bytes) -> bytes:
    return head.split(b" ")[1]


@pytest.mark.parametrize("mode", MODES)
def test_an_explicit_proxy_carries_the_calls_and_retries_still_apply(mode: str) -> None:
    first = loopback.respond(503, {"code": -1001, "msg": "x"})
    with loopback.serving(loopback.in_turn(first, loopback.respond(body=[]))) as proxy:
        orders = loopback.fetch(
            "http://dapi.example:81", mode, max_retries=1, httpx_args={"proxy": proxy.url}
        )
    assert orders == []
    assert [proxied_origin(h).split(b"?")[0] for h in proxy.heads] == [
        b"http://dapi.example:81/dapi/v1/openOrders"
    ] * 2


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "route",
    [{}, {"follow_redirects": True}],
    ids=["straight to the transport", "through httpx.Client"],
)
def test_the_environment_proxy_is_used_unless_trust_env_is_off(
    mode: str, route: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Through httpx.Client too: it must not mount a proxy transport of its own around the
    # client's, the proxy is the client's transport's business.
    with loopback.serving(loopback.respond(body=[])) as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        assert loopback.fetch("http://dapi.example:81", mode, httpx_args=route) == []
        assert len(proxy.heads) == 1
        with pytest.raises(errors.APIConnectionError):
            loopback.fetch("http://dapi.example:81", mode, httpx_args={**route, "trust_env": False})
        assert len(proxy.heads) == 1


def test_mounts_are_refused() -> None:
    with pytest.raises(errors.ConfigurationError, match="mounts"):
        signed_client("key", "secret", httpx_args={"mounts": {}})


@pytest.mark.parametrize("name", ["auth", "base_url", "timeout"])
def test_httpx_args_that_would_undo_the_client_are_refused(name: str) -> None:
    with pytest.raises(errors.ConfigurationError, match=name):
        signed_client("key", "secret", httpx_args={name: None})


def test_a_sync_call_through_an_async_only_transport_is_a_configuration_error() -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        raise AssertionError("never called")

    client = signed_client("key", "secret", httpx_args={"transport": httpx.ASGITransport(app)})
    with client, pytest.raises(errors.ConfigurationError, match="async calls only"):
        current_all_open_orders.sync(client=client)


BAD_CONNECTION_OPTIONS = {
    "verify: a missing CA file": {"verify": "/nonexistent/ca.pem"},
    "verify: not a CA": {"verify": 5},
    "cert: a missing file": {"cert": "/nonexistent/client.pem"},
    "limits: not Limits": {"limits": "x"},
    "proxy: an unknown scheme": {"proxy": "ftp://proxy.invalid"},
    "proxy: not a URL": {"proxy": 5},
    "local_address: not an address": {"local_address": 5},
    "an unknown argument": {"bogus": 1},
    "event_hooks: not hooks": {"event_hooks": 5},
    "cookies: not cookies": {"cookies": 5},
    "headers: not ASCII": {"headers": {"X-Note": "\u00e9"}},
}


@pytest.mark.parametrize(
    "httpx_args", BAD_CONNECTION_OPTIONS.values(), ids=list(BAD_CONNECTION_OPTIONS)
)
def test_httpx_args_that_httpx_refuses_are_refused_when_the_client_is_built(
    httpx_args: dict[str, Any],
) -> None:
    with pytest.raises(errors.ConfigurationError, match="httpx_args"):
        signed_client("key", "secret", httpx_args=httpx_args)


def test_an_environment_proxy_that_httpx_refuses_is_a_configuration_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "ftp://proxy.invalid")
    with pytest.raises(errors.ConfigurationError, match="proxy"):
        signed_client("key", "secret")


def test_http2_without_its_package_is_a_configuration_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "h2" else real(name, *a)
    )
    with pytest.raises(errors.ConfigurationError, match="h2"):
        signed_client("key", "secret", httpx_args={"http2": True})


@pytest.mark.parametrize(
    "option",
    [{"socket_options": [(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)]}, {"http2": True}],
    ids=["socket_options", "http2"],
)
def test_an_async_call_with_options_aiohttp_cannot_apply_is_refused(
    option: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(  # as if h2 were installed: the async transport still has no HTTP/2
        importlib.util,
        "find_spec",
        lambda name, *a: real("json") if name == "h2" else real(name, *a),
    )
    client = signed_client("key", "secret", base_url="http://127.0.0.1:9", httpx_args=option)

    async def call() -> None:
        async with client:
            await current_all_open_orders.asyncio(client=client)

    with pytest.raises(errors.ConfigurationError, match="async"):
        anyio.run(call)


def test_connection_options_beside_a_given_transport_are_refused() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=[]))
    with pytest.raises(errors.ConfigurationError, match="verify"):
        signed_client("key", "secret", httpx_args={"transport": transport, "verify": False})


def test_a_given_transport_is_used_whatever_proxy_the_environment_sets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=[]))
    client = signed_client("key", "secret", httpx_args={"transport": transport})
    with client:
        assert current_all_open_orders.sync(client=client) == []


@pytest.mark.parametrize("mode", MODES)
def test_an_environment_proxy_without_a_scheme_is_read_as_http(
    mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with loopback.serving(loopback.respond(body=[])) as proxy:
        monkeypatch.setenv("HTTP_PROXY", f"127.0.0.1:{proxy.port}")
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        assert loopback.fetch("http://dapi.example:81", mode) == []
        assert len(proxy.heads) == 1


@pytest.mark.parametrize(
    "httpx_args",
    [{"proxy": "ftp://user:hunter2@proxy.invalid"}, {"headers": {"X-Note": "hunter2\u00e9"}}],
    ids=["a proxy httpx refuses", "headers httpx refuses"],
)
def test_a_refused_connection_option_carries_nothing_of_what_refused_it(
    httpx_args: dict[str, Any],
) -> None:
    with pytest.raises(errors.ConfigurationError) as caught:
        signed_client("key", "secret", httpx_args=httpx_args)
    error = caught.value
    assert (error.__cause__, error.__context__) == (None, None)
    told = "".join(traceback.format_exception(error))
    assert "hunter2" not in told
