"""Where the command writes: its output on stdout, notes and errors on stderr.

An error is one line, ``binance-coinm: error: ...``. A reader that stops early
(``| head -1``): the rest is dropped silently and the exit status is 0, whatever the size of
the output (a status of 141 would only appear once the output outgrows the pipe's buffer,
failing ``set -o pipefail`` scripts at random).
"""

from __future__ import annotations

import os
import shutil
import sys

from .format.escape import printable

PROG = "binance-coinm"


def note(message: str) -> None:
    """A remark on stderr that is not an error (``no open orders``)."""
    print(f"{PROG}: {printable(message)}", file=sys.stderr)


def fail(message: str) -> int:
    """Report an error in one line; the exit status, 1."""
    print(f"{PROG}: error: {printable(message)}", file=sys.stderr)
    return 1


def usage_line(message: str, prog: str) -> str:
    """A usage error as the command reports it (exit status 2)."""
    return f"{PROG}: error: {printable(message)} (see '{prog} --help')\n"


def usage_error(message: str, prog: str) -> int:
    """Report a usage error found after parsing; the exit status, 2."""
    sys.stderr.write(usage_line(message, prog))
    return 2


def terminal_width() -> int | None:
    """The width of the terminal stdout is (``COLUMNS`` first), or None for a pipe or a file,
    which gets the full table."""
    if sys.stdout is None or not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size().columns


def _stdout_to_devnull() -> None:
    """After a failed write, so that Python's flush at exit does not fail (and report) again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def write(lines: list[str]) -> int:
    """Write ``lines``; the exit status."""
    ended = emit(lines)
    return 0 if ended is None else ended


def emit(lines: list[str]) -> int | None:
    """Write ``lines`` and flush them; None once written, or the exit status to end with when
    they cannot be: 0 if the reader stopped reading, 1 on a failure (reported).

    Line by line, so that a reader that stops early raises BrokenPipeError at the next line
    instead of depending on what CPython does with one large write that it cuts short."""
    if sys.stdout is None:  # started with stdout closed (`>&-`)
        return fail("cannot write the output: standard output is closed")
    try:
        for line in lines:
            sys.stdout.write(line + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        _stdout_to_devnull()
        return 0
    except UnicodeEncodeError as error:  # PYTHONIOENCODING=ascii, a latin-1 locale
        _stdout_to_devnull()
        shown = error.object[error.start : error.end]
        return fail(f"cannot write the output: {shown!r} cannot be encoded as {error.encoding}")
    except OSError as error:
        _stdout_to_devnull()
        return fail(f"cannot write the output: {error.strerror or error}")
    return None
