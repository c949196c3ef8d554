"""Opening an input (a path, bytes or a binary file) as a stream of bytes, gunzipping on the fly.

A :class:`ByteSource` can be reopened from the start when the input allows it (paths, bytes,
seekable files): the reader's fast path parses without repairs and, only when the parser meets a
defect, reads again with repairs on. A pipe cannot be reopened, so it is read with repairs from
the start.
"""

from __future__ import annotations

import gzip
import io
import os
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO, Protocol, TypeAlias

from wxrkit.errors import InputNotFoundError, LimitExceededError, NotAnExportError, ParseError
from wxrkit.wxr.limits import Limits

__all__ = ["ByteSource", "Input", "open_source"]


class _Readable(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


Input: TypeAlias = "str | os.PathLike[str] | bytes | bytearray | memoryview | BinaryIO"

_GZIP_MAGIC = b"\x1f\x8b"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


@dataclass(frozen=True, slots=True)
class ByteSource:
    """A named input that yields its (decompressed) bytes."""

    name: str
    """What messages call the input: the path, ``<bytes>`` or the file's ``name``."""
    _opener: Callable[[], _Readable]
    reopenable: bool
    """Whether :meth:`open` may be called more than once."""
    compressed: bool
    """Whether the input was gzip-compressed."""
    owned: bool
    """Whether the streams :meth:`open` returns are wxrkit's to close (not a caller's file)."""

    def open(self) -> _Readable:
        """A stream of the input's bytes from the start."""
        return self._opener()


class _Prefixed:
    """A stream that first returns bytes already read (to sniff them), then the rest."""

    def __init__(self, head: bytes, rest: _Readable) -> None:
        self._head = head
        self._rest = rest

    def read(self, size: int = -1, /) -> bytes:
        if self._head:
            if size < 0 or size >= len(self._head):
                head, self._head = self._head, b""
                more = self._rest.read(size - len(head) if size >= 0 else -1)
                return head + more
            head, self._head = self._head[:size], self._head[size:]
            return head
        return self._rest.read(size)


class _CountingReader:
    """Counts the compressed bytes the decompressor pulls, for the ratio guard."""

    def __init__(self, raw: _Readable) -> None:
        self._raw = raw
        self.count = 0

    def read(self, size: int = -1, /) -> bytes:
        data = self._raw.read(size)
        self.count += len(data)
        return data


class _GzipGuard:
    """Gunzips while refusing outputs far larger than their input (gzip bombs)."""

    def __init__(self, raw: _Readable, name: str, limits: Limits) -> None:
        self._counter = _CountingReader(raw)
        self._gzip = gzip.GzipFile(fileobj=self._counter, mode="rb")  # type: ignore[call-overload]
        self._name = name
        self._limits = limits
        self._out = 0

    def read(self, size: int = -1, /) -> bytes:
        try:
            data: bytes = self._gzip.read(size)
        except (OSError, EOFError, zlib.error) as error:
            raise ParseError(
                f"the gzip data is damaged after {self._out} bytes ({error}); "
                "check the download or decompress the file to see how much is intact",
                source=self._name,
            ) from error
        self._out += len(data)
        limits = self._limits
        if self._out > limits.gzip_ratio_grace and self._out > limits.max_gzip_ratio * max(
            self._counter.count, 1
        ):
            raise LimitExceededError(
                f"the gzip data expands more than {limits.max_gzip_ratio:g} times "
                f"({self._counter.count} bytes to more than {self._out}); this looks like a "
                "decompression bomb. If the file is genuine, raise Limits.max_gzip_ratio",
                source=self._name,
            )
        return data

    def close(self) -> None:
        self._gzip.close()
        close = getattr(self._counter._raw, "close", None)
        if close is not None:
            close()


_NOT_TEXT = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
}


def _sniff_container(head: bytes, name: str) -> None:
    if head.startswith(_ZIP_MAGIC):
        raise NotAnExportError(
            "this is a zip archive, not a WordPress export; unzip it and pass the .xml inside",
            source=name,
        )
    for magic, what in _NOT_TEXT.items():
        if head.startswith(magic):
            raise NotAnExportError(
                f"this is {what}, not a WordPress export (nor a saved page or a text scrape); "
                "pass the export (WordPress: Tools > Export) or the pages instead",
                source=name,
            )


def open_source(data: Input, limits: Limits, name: str | None = None) -> ByteSource:  # noqa: PLR0911 - one return per kind of input
    """Wrap a path, bytes or binary file as a :class:`ByteSource`."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        payload = bytes(data)
        label = name or "<bytes>"
        _sniff_container(payload[:4], label)
        if payload.startswith(_GZIP_MAGIC):
            return ByteSource(
                label, lambda: _GzipGuard(io.BytesIO(payload), label, limits), True, True, True
            )
        return ByteSource(label, lambda: io.BytesIO(payload), True, False, True)

    if isinstance(data, str) and data.lstrip("\ufeff \t\r\n").startswith("<"):
        # A document, not a path: no file name starts with "<", and taking 25,000
        # characters of XML as one gave "File name too long".
        return open_source(data.encode("utf-8"), limits, name or "<string>")

    if isinstance(data, (str, os.PathLike)):
        path = os.fspath(data)
        label = name or path
        try:
            with open(path, "rb") as probe:
                head = probe.read(4)
        except FileNotFoundError as error:
            raise InputNotFoundError(
                "no such file; check the path (a document given as a str must start with <)",
                source=label,
            ) from error
        except IsADirectoryError as error:
            raise ParseError(
                "this is a folder, not a file; pass the export inside it (wxrkit convert "
                "takes folders)",
                source=label,
            ) from error
        except OSError as error:
            raise ParseError(f"cannot open the file: {error.strerror}", source=label) from error
        _sniff_container(head, label)
        if head.startswith(_GZIP_MAGIC):
            return ByteSource(
                label, lambda: _GzipGuard(open(path, "rb"), label, limits), True, True, True
            )
        return ByteSource(label, lambda: open(path, "rb"), True, False, True)

    stream = data
    label = name or str(getattr(stream, "name", "<stream>"))
    start: int | None = None
    try:
        if stream.seekable():
            start = stream.tell()
    except (AttributeError, OSError, ValueError):
        start = None
    head = stream.read(4)
    if not isinstance(head, bytes):
        raise TypeError("wxrkit reads binary files: open the file with 'rb'")
    _sniff_container(head, label)
    compressed = head.startswith(_GZIP_MAGIC)

    if start is not None:
        origin = start

        def reopen() -> _Readable:
            stream.seek(origin)
            return _GzipGuard(stream, label, limits) if compressed else stream

        return ByteSource(label, reopen, True, compressed, False)

    opened: list[bool] = []

    def once() -> _Readable:
        if opened:
            raise RuntimeError("a non-seekable stream can be read only once")
        opened.append(True)
        rest = _Prefixed(head, stream)
        return _GzipGuard(rest, label, limits) if compressed else rest

    return ByteSource(label, once, False, compressed, False)
