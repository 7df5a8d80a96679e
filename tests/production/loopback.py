"""Servers on 127.0.0.1 that misbehave the way real networks and hostile servers do.

Each answers every request on its own connection with a behaviour: a function given the
connection, the request head it read and the request's number (0, 1, ...). Behaviours that
wait forever stop when the server does.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import socket
import ssl
import threading
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any

import anyio

from binance_coinm import current_all_open_orders, signed_client
from binance_coinm.models import Order

Behaviour = Callable[[socket.socket, bytes, int], None]
STOP = threading.Event()


def _head(status: int, headers: dict[str, str], length: int | None) -> bytes:
    lines = [
        f"HTTP/1.1 {status} X",
        "Connection: close",
        *(f"{k}: {v}" for k, v in headers.items()),
    ]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def respond(status: int = 200, body: bytes | Any = b"[]", **headers: str) -> Behaviour:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    fields = {
        "Content-Type": "application/json",
        **{k.replace("_", "-"): v for k, v in headers.items()},
    }

    def behaviour(conn: socket.socket, head: bytes, number: int) -> None:
        conn.sendall(_head(status, fields, len(content)) + content)

    return behaviour


def never_answer(conn: socket.socket, head: bytes, number: int) -> None:
    STOP.wait(60)


def stall_after_headers(conn: socket.socket, head: bytes, number: int) -> None:
    conn.sendall(_head(200, {}, 100))
    STOP.wait(60)


def drip_body(interval: float) -> Behaviour:
    def behaviour(conn: socket.socket, head: bytes, number: int) -> None:
        conn.sendall(_head(200, {}, 100_000))
        while not STOP.wait(interval):
            conn.sendall(b" ")

    return behaviour


def drip_headers(interval: float) -> Behaviour:
    def behaviour(conn: socket.socket, head: bytes, number: int) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\n")
        while not STOP.wait(interval):
            conn.sendall(b"X-Drip: y\r\n")

    return behaviour


def cut_body(conn: socket.socket, head: bytes, number: int) -> None:
    conn.sendall(_head(200, {}, 1000) + b'[{"avgPri')


def gzip_bomb(inflated_bytes: int) -> Behaviour:
    body = gzip.compress(b" " * inflated_bytes, compresslevel=9)

    def behaviour(conn: socket.socket, head: bytes, number: int) -> None:
        conn.sendall(_head(200, {"Content-Encoding": "gzip"}, len(body)) + body)

    return behaviour


def in_turn(*behaviours: Behaviour) -> Behaviour:
    """The first request gets the first behaviour, and so on; the last one repeats."""

    def behaviour(conn: socket.socket, head: bytes, number: int) -> None:
        behaviours[min(number, len(behaviours) - 1)](conn, head, number)

    return behaviour


class Loopback:
    """One server; ``heads`` keeps the head of every request it received."""

    def __init__(self, behaviour: Behaviour, tls: ssl.SSLContext | None = None) -> None:
        self.behaviour = behaviour
        self.heads: list[bytes] = []
        self._tls = tls
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._lock = threading.Lock()
        self.port = self._listener.getsockname()[1]

    @property
    def url(self) -> str:
        return f"{'https' if self._tls else 'http'}://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        try:
            if self._tls is not None:
                conn = self._tls.wrap_socket(conn, server_side=True)
            head = b""
            while b"\r\n\r\n" not in head:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                head += chunk
            with self._lock:
                number = len(self.heads)
                self.heads.append(head)
            self.behaviour(conn, head, number)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() in the server thread
        self._listener.close()


@contextmanager
def serving(behaviour: Behaviour, tls: ssl.SSLContext | None = None) -> Iterator[Loopback]:
    STOP.clear()
    server = Loopback(behaviour, tls)
    thread = threading.Thread(target=server._serve, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        STOP.set()
        server.close()
        thread.join(timeout=5)


def fetch(url: str, mode: str, api_key: str = "key", **client_options: Any) -> list[Order]:
    """Current open orders from ``url`` through a fresh client, sync or async, sent once."""
    options = {"max_retries": 0, **client_options}
    client = signed_client(api_key, "secret", base_url=url, **options)
    if mode == "sync":
        with client:
            return current_all_open_orders.sync(client=client)

    async def run() -> list[Order]:
        async with client:
            coroutine: Awaitable[list[Order]] = current_all_open_orders.asyncio(client=client)
            return await coroutine

    return anyio.run(run)
