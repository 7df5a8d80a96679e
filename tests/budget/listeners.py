"""Loopback listeners that stand where a Redis should be and misbehave: one that hangs up on
every connection (counting them), one that never answers, one that answers nonsense."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Behaviour = Callable[[socket.socket], None]


class Listener:
    def __init__(self, behaviour: Behaviour) -> None:
        self.behaviour = behaviour
        self.accepted = 0
        self.server = socket.create_server(("127.0.0.1", 0))
        self.stopping = threading.Event()
        self.connections: list[socket.socket] = []

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.server.getsockname()[1]}/0"

    def serve(self) -> None:
        while not self.stopping.is_set():
            try:
                connection, _ = self.server.accept()
            except OSError:  # closed: the listener stops
                return
            self.accepted += 1
            self.connections.append(connection)
            self.behaviour(connection)


def hang_up(connection: socket.socket) -> None:
    connection.close()


def stay_silent(connection: socket.socket) -> None:
    """Keep the connection open and read nothing: the listener closes it when it stops."""


def answer_ok(connection: socket.socket) -> None:
    """A simple-string OK to every command: no answer the pool's script gives."""

    def answer() -> None:
        with contextlib.suppress(OSError):
            while connection.recv(65536):
                connection.sendall(b"+OK\r\n")

    threading.Thread(target=answer, daemon=True).start()


@contextmanager
def listening(behaviour: Behaviour) -> Iterator[Listener]:
    listener = Listener(behaviour)
    thread = threading.Thread(target=listener.serve, daemon=True)
    thread.start()
    try:
        yield listener
    finally:
        listener.stopping.set()
        listener.server.shutdown(socket.SHUT_RDWR)  # wakes the accept() in progress
        listener.server.close()
        thread.join(timeout=5)
        for connection in listener.connections:
            connection.close()
