"""Fixtures for the command's tests: the command run as a process (to pipes, or to a
terminal of a given size), and exchanges on loopback.

``mock_url`` is the bundled mock exchange, for tests that do not depend on what it holds (its
seeded orders change). ``canned`` is a plain ``http.server`` that answers whatever a test
sets, per path, and records what it was asked: for every test of what the command shows,
for bodies the mock never sends (a time past year 9999, control characters), for hanging on
a request, and as a proxy that shows which host the command would reach.
"""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import struct
import subprocess
import sys
import termios
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import msgspec
import pytest

from binance_coinm.mock import DEMO_API_KEY, DEMO_API_SECRET, MockExchange
from binance_coinm.mock.server import serving

from .canned import ALGO_ORDER_PATH, ALGO_ORDERS, ALGO_ORDERS_PATH, ORDER_PATH, ORDERS, ORDERS_PATH

Run = Callable[..., subprocess.CompletedProcess[str]]
Spawn = Callable[..., subprocess.Popen[str]]
OnTerminal = Callable[..., subprocess.CompletedProcess[str]]


class CannedExchange:
    """A loopback server answering each GET (or POST) with what ``answer`` set for its path
    (or for every path), ``[]`` when nothing was set.

    ``requests`` holds each request's path and query (``host:port`` for a CONNECT, when it
    serves as ``HTTPS_PROXY``); with ``stall`` set, a GET is answered only once ``release``
    is set (``arrived`` says one came in).
    """

    def __init__(self) -> None:
        self.answers: dict[str | None, tuple[int, bytes]] = {None: (200, b"[]")}
        self.requests: list[tuple[str, dict[str, list[str]]]] = []
        self.stall = False
        self.arrived = threading.Event()
        self.release = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def answer(self, body: Any, status: int = 200, *, path: str | None = None) -> None:
        """Answer GETs of ``path`` (of every path not given its own, when None) so."""
        self.answer_bytes(msgspec.json.encode(body), status, path=path)

    def answer_bytes(self, body: bytes, status: int = 200, *, path: str | None = None) -> None:
        self.answers[path] = (status, body)

    def paths(self) -> list[str]:
        """The paths asked for, in order."""
        return [path for path, _ in self.requests]

    def __enter__(self) -> CannedExchange:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        exchange = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                """As for a GET (``startUserDataStream`` is a POST)."""
                self.do_GET()

            def do_GET(self) -> None:
                url = urlsplit(self.path)
                exchange.requests.append((url.path, parse_qs(url.query)))
                exchange.arrived.set()
                if exchange.stall:
                    exchange.release.wait(timeout=30)
                status, body = exchange.answers.get(url.path, exchange.answers[None])
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_CONNECT(self) -> None:
                """As an HTTPS proxy: record the host and port asked for, and refuse."""
                exchange.requests.append((self.path, {}))
                self.send_error(502)

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: the tests read the command's stderr, not the server's."""

        return Handler


@pytest.fixture(scope="module")
def mock_url() -> Iterator[str]:
    with serving(MockExchange()) as url:
        yield url


@pytest.fixture
def canned() -> Iterator[CannedExchange]:
    with CannedExchange() as exchange:
        yield exchange


@pytest.fixture
def env() -> dict[str, str]:
    """A user's environment: the demo keys, no other BINANCE_* setting, no proxy (the tests
    talk to loopback), stdout buffered (``PYTHONUNBUFFERED``, which CI runners often set,
    changes how writes fail), and no ``COLUMNS`` (a test gives the width it means)."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("BINANCE_")
        and not k.lower().endswith("_proxy")
        and k not in ("PYTHONUNBUFFERED", "COLUMNS")
    }
    return {**clean, "BINANCE_API_KEY": DEMO_API_KEY, "BINANCE_API_SECRET": DEMO_API_SECRET}


def _command(*args: str | bytes) -> list[str | bytes]:
    return [sys.executable, "-m", "binance_coinm.cli", *args]


@pytest.fixture
def spawn(env: dict[str, str]) -> Spawn:
    """Start the command with text pipes for stdout and stderr (unless told otherwise)."""

    def spawn(*args: str | bytes, **options: Any) -> subprocess.Popen[str]:
        options.setdefault("stdout", subprocess.PIPE)
        options.setdefault("env", env)
        return subprocess.Popen(_command(*args), stderr=subprocess.PIPE, text=True, **options)

    return spawn


@pytest.fixture
def run(spawn: Spawn) -> Run:
    """Run the command to its end: exit status, stdout and stderr."""

    def run(*args: str | bytes, **options: Any) -> subprocess.CompletedProcess[str]:
        with spawn(*args, **options) as process:
            stdout, stderr = process.communicate(timeout=60)
        return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)

    return run


@pytest.fixture
def interruptible() -> Iterator[None]:
    """A child inherits an ignored SIGINT (a background job's), so make sure it is not ignored."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def _read_until_closed(fd: int) -> bytes:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: every process holding the terminal has closed it
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


@pytest.fixture
def on_terminal(env: dict[str, str]) -> OnTerminal:
    """Run the command to its end with stdout a terminal ``columns`` wide (a pseudo-terminal);
    stdout as the terminal shows it, with ``\n`` line ends."""

    def run(*args: str, columns: int) -> subprocess.CompletedProcess[str]:
        controller, terminal = pty.openpty()
        fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
        try:
            with subprocess.Popen(
                _command(*args), stdout=terminal, stderr=subprocess.PIPE, env=env, text=True
            ) as process:
                os.close(terminal)
                stdout = _read_until_closed(controller).decode().replace("\r\n", "\n")
                _, stderr = process.communicate(timeout=60)
        finally:
            os.close(controller)
        return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)

    return run


@pytest.fixture
def holding(canned: CannedExchange) -> CannedExchange:
    """The canned exchange holding ``canned.ORDERS`` and ``canned.ALGO_ORDERS`` (each single
    read answers the first of its kind)."""
    canned.answer(ORDERS, path=ORDERS_PATH)
    canned.answer(ALGO_ORDERS, path=ALGO_ORDERS_PATH)
    canned.answer(ORDERS[0], path=ORDER_PATH)
    canned.answer(ALGO_ORDERS[0], path=ALGO_ORDER_PATH)
    return canned
