"""Reading a response body whole, decompressed, and never larger than the client allows.

The transport reads every body itself, so that a body cut short or stalled is a transport
error the retry policy sees, and so that a small gzip body cannot inflate into gigabytes:
decompression stops as soon as the output passes the limit (zlib's ``max_length``).
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator, Iterator

import httpx

ACCEPT_ENCODING = "gzip, deflate"
"""What the client asks for: the encodings it decompresses with a bound."""
_GZIP = 16 + zlib.MAX_WBITS


class BodyTooLarge(Exception):
    """The body, decompressed, is larger than the limit."""


class UnreadableEncoding(Exception):
    """The body's Content-Encoding is unknown, or the body is not what it claims to be."""


class _Inflater:
    """Decompresses one Content-Encoding, never producing more than ``limit`` bytes in all."""

    def __init__(self, encoding: str, limit: int) -> None:
        if encoding in ("gzip", "x-gzip"):
            self._zlib: zlib._Decompress | None = zlib.decompressobj(_GZIP)
        elif encoding == "deflate":
            self._zlib = zlib.decompressobj()
        elif encoding in ("", "identity"):
            self._zlib = None
        else:
            raise UnreadableEncoding(f"unsupported Content-Encoding {encoding!r}")
        self._left = limit

    def _count(self, data: bytes) -> bytes:
        self._left -= len(data)
        if self._left < 0:
            raise BodyTooLarge
        return data

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self._zlib is None:
            yield self._count(data)
            return
        try:
            while data:
                yield self._count(self._zlib.decompress(data, self._left + 1))
                data = self._zlib.unconsumed_tail
        except zlib.error as exc:
            raise UnreadableEncoding(f"the body is not valid {exc}") from None

    def finish(self) -> bytes:
        if self._zlib is None:
            return b""
        if not self._zlib.eof:
            raise UnreadableEncoding("the compressed body ends early")
        return self._count(self._zlib.flush())


def _encoding(response: httpx.Response) -> str:
    return str(response.headers.get("Content-Encoding", "")).strip().lower()


def _declared_length(response: httpx.Response) -> int | None:
    value = response.headers.get("Content-Length", "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 19 else None


def _whole(response: httpx.Response, body: bytes, request: httpx.Request) -> httpx.Response:
    """A response like ``response`` holding ``body``, already decompressed."""
    headers = [
        (name, value)
        for name, value in response.headers.raw
        if name.lower() not in (b"content-encoding", b"content-length", b"transfer-encoding")
    ]
    return httpx.Response(
        response.status_code,
        headers=headers,
        content=body,
        request=request,
        extensions=response.extensions,
    )


def _plain_and_fits(response: httpx.Response, limit: int) -> bool:
    if response.is_stream_consumed:  # built in memory (a mock transport): read already
        if len(response.content) > limit:
            raise BodyTooLarge
        return True
    if _encoding(response) not in ("", "identity"):
        return False
    length = _declared_length(response)
    if length is not None and length > limit:
        raise BodyTooLarge
    return length is not None


def read(response: httpx.Response, limit: int, request: httpx.Request) -> httpx.Response:
    """``response`` with its whole body read (sync)."""
    try:
        if _plain_and_fits(response, limit):
            response.read()
            return response
        inflater = _Inflater(_encoding(response), limit)
        chunks = [part for raw in response.iter_raw() for part in inflater.feed(raw)]
        chunks.append(inflater.finish())
    finally:
        response.close()
    return _whole(response, b"".join(chunks), request)


async def aread(response: httpx.Response, limit: int, request: httpx.Request) -> httpx.Response:
    """``response`` with its whole body read (async)."""
    try:
        if _plain_and_fits(response, limit):
            await response.aread()
            return response
        inflater = _Inflater(_encoding(response), limit)
        chunks = [part async for raw in _raw(response) for part in inflater.feed(raw)]
        chunks.append(inflater.finish())
    finally:
        await response.aclose()
    return _whole(response, b"".join(chunks), request)


async def _raw(response: httpx.Response) -> AsyncIterator[bytes]:
    async for chunk in response.aiter_raw():
        yield chunk
