"""Reading a response body whole, decompressed, and never larger than the client allows.

Every transport reads the body itself, so that a body cut short or stalled is a transport
error the retry policy sees, and so that a small gzip body cannot inflate into gigabytes:
decompression stops as soon as the output passes the limit (zlib's ``max_length``).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

import httpx

from ..errors import ResponseDecodeError, ResponseTooLargeError
from .call import Answer

ACCEPT_ENCODING = "gzip, deflate"
"""What the client asks for: the encodings it decompresses with a bound."""
_GZIP = 16 + zlib.MAX_WBITS
ENCODING_HEADERS = (b"content-encoding", b"content-length", b"transfer-encoding")
"""Headers that describe the body as sent, not as read (decompressed)."""


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


def encoding_of(headers: httpx.Headers) -> str:
    return str(headers.get("Content-Encoding", "")).strip().lower()


def declared_length(headers: httpx.Headers) -> int | None:
    value = headers.get("Content-Length", "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 19 else None


def is_plain(headers: httpx.Headers) -> bool:
    return encoding_of(headers) in ("", "identity")


def refused(status: int, headers: httpx.Headers, limit: int, exc: Exception) -> Exception:
    """The client's error for a body that cannot be read (too large, or not what it claims)."""
    if isinstance(exc, BodyTooLarge):
        return ResponseTooLargeError(
            f"HTTP {status}: the body is larger than max_response_bytes={limit}",
            status_code=status,
            headers=headers,
        )
    return ResponseDecodeError(str(exc), status_code=status, headers=headers, content=b"")


class Reader:
    """Collects one body's chunks, decompressed, within the limit."""

    def __init__(self, headers: httpx.Headers, limit: int) -> None:
        length = declared_length(headers)
        if length is not None and is_plain(headers) and length > limit:
            raise BodyTooLarge
        self._inflater = _Inflater(encoding_of(headers), limit)
        self._chunks: list[bytes] = []

    def feed(self, raw: bytes) -> None:
        self._chunks.extend(self._inflater.feed(raw))

    def finish(self) -> bytes:
        self._chunks.append(self._inflater.finish())
        return b"".join(self._chunks)


def answer_of(response: httpx.Response, content: bytes) -> Answer:
    """The Answer for ``response`` holding ``content``, already decompressed: the headers
    that described the encoded body go, so that nothing reads the body twice."""
    headers = response.headers
    if not is_plain(headers):
        headers = httpx.Headers(
            [(name, value) for name, value in headers.raw if name.lower() not in ENCODING_HEADERS]
        )
    return Answer(response.status_code, headers, content)


def read(response: httpx.Response, limit: int) -> Answer:
    """``response``'s whole body (sync)."""
    try:
        if response.is_stream_consumed:  # built in memory (a mock transport): read already
            if len(response.content) > limit:
                raise BodyTooLarge
            return Answer(response.status_code, response.headers, response.content)
        reader = Reader(response.headers, limit)
        for raw in response.iter_raw():
            reader.feed(raw)
        return answer_of(response, reader.finish())
    except (BodyTooLarge, UnreadableEncoding) as exc:
        error = refused(response.status_code, response.headers, limit, exc)
    finally:
        response.close()
    raise error


async def aread(response: httpx.Response, limit: int) -> Answer:
    """``response``'s whole body (async)."""
    try:
        if response.is_stream_consumed:
            if len(response.content) > limit:
                raise BodyTooLarge
            return Answer(response.status_code, response.headers, response.content)
        reader = Reader(response.headers, limit)
        async for raw in response.aiter_raw():
            reader.feed(raw)
        return answer_of(response, reader.finish())
    except (BodyTooLarge, UnreadableEncoding) as exc:
        error = refused(response.status_code, response.headers, limit, exc)
    finally:
        await response.aclose()
    raise error
