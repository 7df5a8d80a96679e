"""Run one code block (of the README, of the docs, or a whole example script) against an
in-process mock exchange, as a reader would run it.

    python snippet_runner.py README.md 42 [ARGUMENTS...] < block.py

Reads the block from stdin; the name and line make tracebacks point into the README, and the
arguments after them are the block's ``sys.argv[1:]``. It needs
only the installed package (the tests run it in the dev venv and in a venv holding just the
built wheel) and sets up, before the block runs:

- the network blocked: resolving or connecting to anything but loopback raises, and any
  attempt makes the run fail even if the block catches the error;
- ``binance_coinm.signed_client`` (and so ``BinanceCoinM``) wrapped so that a client built
  without a transport or connection options of its own gets one in-process mock exchange's
  (one with connection options is built as asked; a call through it would meet the blocked
  network). The rest (arguments, environment, checks) is the real function, so the block's
  code is exactly what a reader would type;
- the mock knowing the placeholder credentials ``API_KEY`` / ``API_SECRET`` besides its demo
  ones, which ``BINANCE_API_KEY`` / ``BINANCE_API_SECRET`` hold;
- a fresh temporary working folder holding ``key.pem``, an Ed25519 key encrypted with the
  passphrase ``...`` (what the README writes for one);
- the two globals a reader has after the Quickstart: ``client``, a signed client, and
  ``coinm``, a ``BinanceCoinM`` (every other name a block uses, it imports itself, so that it
  runs as copied);
- top-level ``await``, as in ``python -m asyncio``.
"""

from __future__ import annotations

import ast
import asyncio
import functools
import inspect
import ipaddress
import os
import socket
import sys
import tempfile
from typing import Any

import binance_coinm
import binance_coinm.client.signed
from binance_coinm.calls.network.options import TRANSPORT_OPTIONS
from binance_coinm.mock import DEMO_API_KEY, DEMO_API_SECRET, MockExchange

PLACEHOLDER_KEY, PLACEHOLDER_SECRET, PLACEHOLDER_PASSPHRASE = "API_KEY", "API_SECRET", "..."
BLOCKED: list[str] = []


def _is_loopback(host: object) -> bool:
    if host is None or host == "localhost":
        return True
    try:
        return ipaddress.ip_address(str(host).strip("[]")).is_loopback
    except ValueError:
        return False


def _refuse(target: str) -> OSError:
    BLOCKED.append(target)
    print(f"snippet_runner: blocked a network connection to {target}", file=sys.stderr)
    return ConnectionRefusedError(f"README snippets may not use the network ({target})")


def block_the_network() -> None:
    real_getaddrinfo = socket.getaddrinfo
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not _is_loopback(host.decode() if isinstance(host, bytes) else host):
            raise _refuse(str(host))
        return real_getaddrinfo(host, *args, **kwargs)

    def guarded(connect: Any) -> Any:
        @functools.wraps(connect)
        def wrapper(self: socket.socket, address: Any) -> Any:
            if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
                raise _refuse(f"{address[0]}:{address[1]}")
            return connect(self, address)

        return wrapper

    socket.getaddrinfo = getaddrinfo
    socket.socket.connect = guarded(real_connect)  # type: ignore[method-assign]
    socket.socket.connect_ex = guarded(real_connect_ex)  # type: ignore[method-assign]


def route_clients_to(exchange: MockExchange) -> None:
    real = binance_coinm.client.signed.signed_client

    @functools.wraps(real)
    def signed_client(*args: Any, **kwargs: Any) -> binance_coinm.AuthenticatedClient:
        httpx_args = dict(kwargs.pop("httpx_args", None) or {})
        if not any(name in httpx_args for name in TRANSPORT_OPTIONS):
            httpx_args.setdefault("transport", exchange.transport())
        return real(*args, httpx_args=httpx_args, **kwargs)

    binance_coinm.signed_client = binance_coinm.client.signed.signed_client = signed_client


def write_key_file(path: str) -> None:
    # cryptography is a dependency of the package; importing it here costs only this runner.
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519

    pem = ed25519.Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(PLACEHOLDER_PASSPHRASE.encode()),
    )
    with open(path, "wb") as file:
        file.write(pem)


def run(source: str, filename: str, first_line: int) -> None:
    code = compile(
        "\n" * (first_line - 1) + source, filename, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
    )
    namespace: dict[str, Any] = {"__name__": "__main__"}
    namespace["client"] = binance_coinm.signed_client()
    namespace["coinm"] = binance_coinm.BinanceCoinM()
    result = eval(code, namespace)  # noqa: S307 - the README's own code, the point of the test
    if inspect.iscoroutine(result):
        asyncio.run(result)


def main() -> int:
    filename, first_line = sys.argv[1], int(sys.argv[2])
    sys.argv = [filename, *sys.argv[3:]]
    source = sys.stdin.read()
    exchange = MockExchange()
    exchange.add_key(PLACEHOLDER_KEY, PLACEHOLDER_SECRET)
    os.environ.update(BINANCE_API_KEY=DEMO_API_KEY, BINANCE_API_SECRET=DEMO_API_SECRET)
    for name in ("BINANCE_PRIVATE_KEY_PATH", "BINANCE_PRIVATE_KEY_PASSPHRASE"):
        os.environ.pop(name, None)
    block_the_network()
    route_clients_to(exchange)
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)
        write_key_file("key.pem")
        run(source, filename, first_line)
    return 1 if BLOCKED else 0


if __name__ == "__main__":
    raise SystemExit(main())
