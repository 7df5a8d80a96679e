"""Serve a MockExchange over HTTP on loopback, in a background thread or from the command line.

The server also carries the user-data stream's WebSockets, and pings them as Binance does:
every ``server-ping-interval-minutes`` of asyncapi.yaml, dropping a connection whose pong
has not come within ``pong-timeout-minutes``.

uvicorn is an optional dependency (``binance-coinm[mock]``): it is imported only when a
server is made, and its absence is a MockServerError that says how to install it.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from binance_coinm.spec import stream

from .asgi import ConnectionDropped
from .exchange import MockExchange

if TYPE_CHECKING:
    import uvicorn

SECONDS_PER_MINUTE = 60
UVICORN_MISSING = "the mock's HTTP server needs uvicorn: pip install 'binance-coinm[mock]'"


class MockServerError(Exception):
    """The mock exchange's HTTP server cannot run; the message says why, in one line."""


class _HideDroppedConnections(logging.Filter):
    """A dropped connection is a fault the test asked for, not an error worth a traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], ConnectionDropped))


def require_loopback(host: str) -> None:
    """The mock accepts any signature it is told to: it must never listen beyond this machine."""
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        raise ValueError(f"the mock exchange listens on loopback only, not {host!r}")


def listening_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host`` and ``port``, for the server to listen on.

    Made with ``IPPROTO_TCP`` rather than protocol 0: asyncio puts the connections it accepts
    in TCP_NODELAY mode only when the listening socket says it is TCP. Without it Nagle's
    algorithm and the client's delayed ACK hold each kept-alive answer some 40 ms.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise MockServerError(f"cannot listen on {host} port {port}: {exc.strerror}") from None
    return sock


def server_for(exchange: MockExchange, host: str = "127.0.0.1") -> uvicorn.Server:
    """A quiet uvicorn server for ``exchange``; ``host`` must be a loopback address."""
    require_loopback(host)
    try:
        import uvicorn  # optional: only a server needs it
    except ImportError:
        raise MockServerError(UVICORN_MISSING) from None
    facts = stream()
    config = uvicorn.Config(
        exchange.app,
        host=host,
        lifespan="off",
        log_level="error",
        access_log=False,
        ws_ping_interval=facts.server_ping_interval_minutes * SECONDS_PER_MINUTE,
        ws_ping_timeout=facts.pong_timeout_minutes * SECONDS_PER_MINUTE,
    )
    server_log = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, _HideDroppedConnections) for f in server_log.filters):
        server_log.addFilter(_HideDroppedConnections())
    return uvicorn.Server(config)


@contextmanager
def serving(exchange: MockExchange, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve ``exchange`` in a background thread; yields its base URL, stops on exit."""
    server = server_for(exchange, host)
    sock = listening_socket(host, port)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        while not server.started:
            if not thread.is_alive():
                raise MockServerError("the mock exchange's server did not start")
            time.sleep(0.01)
        bound_host, bound_port = sock.getsockname()[:2]
        shown = f"[{bound_host}]" if ":" in bound_host else bound_host
        yield f"http://{shown}:{bound_port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
