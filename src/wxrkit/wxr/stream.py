"""Turns an input's bytes into the UTF-8 chunks the XML parser is fed.

Two passes exist. The direct pass leaves a UTF-8 document's bytes as they are (past the prolog),
so well-formed exports cost nothing extra. The repairing pass decodes, strips control characters
and repairs markup (see :mod:`wxrkit.wxr.repair`); the reader uses it when the direct pass hits
a defect, or from the start for inputs that cannot be read twice.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import Protocol

from wxrkit.errors import ParseError
from wxrkit.wxr.diagnostic_log import DiagnosticLog
from wxrkit.wxr.limits import Limits
from wxrkit.wxr.prolog import SNIFF_CHARS, Prolog, parse_prolog, sniff_declared_encoding
from wxrkit.wxr.repair import ControlStripper, FallbackDecoder, MarkupRepairer

__all__ = ["PreparedStream"]

_SURROGATE = re.compile("[\ud800-\udfff]")

_UTF8_NAMES = {"utf_8", "ascii"}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class _Readable(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


def _normalized(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name.replace("-", "_")
    except (LookupError, ValueError):
        return encoding.lower()


class PreparedStream:
    """Iterates the parser-ready chunks of one read; :attr:`prolog` is set by the first chunk."""

    def __init__(self, raw: _Readable, log: DiagnosticLog, limits: Limits, *, repair: bool) -> None:
        self.raw = raw
        self.log = log
        self.limits = limits
        self.repair = repair
        self.prolog: Prolog | None = None
        self.direct: bool | None = None
        """Whether the bytes past the prolog go to the parser as they are (known once the
        first chunk is read)."""

    def __iter__(self) -> Iterator[bytes]:
        size = self.limits.chunk_size
        head = self.raw.read(max(size, SNIFF_CHARS))
        encoding = "utf-8"
        for bom, name in _BOMS:
            if head.startswith(bom):
                encoding = name
                head = head[len(bom) :]
                break
        else:
            if head[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
                encoding = "utf-16-le" if head[0] == 0x3C else "utf-16-be"
            else:
                encoding = sniff_declared_encoding(head) or "utf-8"
                if _normalized(encoding).startswith(("utf_16", "utf_32")):
                    # The declaration was read as ASCII, so the bytes are not UTF-16 or -32.
                    self.log.add(
                        "encoding-mismatch",
                        f"the file declares {encoding} but is written in an ASCII-compatible "
                        "encoding; read as UTF-8",
                        1,
                    )
                    encoding = "utf-8"
        direct = self.direct = not self.repair and _normalized(encoding) in _UTF8_NAMES
        if direct:
            yield from self._direct(head, size)
        else:
            yield from self._decoded(head, size, encoding)

    def _prolog(self, text: str, final: bool) -> Prolog | None:
        prolog = parse_prolog(text, self.log, final=final)
        if prolog is None and len(text) > self.limits.max_prolog_bytes:
            raise ParseError(
                f"no root element in the first {self.limits.max_prolog_bytes} bytes; "
                "this is not a WordPress export",
                source=self.log.source,
                line=1,
            )
        return prolog

    def _direct(self, head: bytes, size: int) -> Iterator[bytes]:
        # Latin-1 maps bytes to code points one to one, so the prolog's indices are byte offsets.
        final = False
        while (prolog := self._prolog(head.decode("latin-1"), final)) is None:
            more = self.raw.read(size)
            final = not more
            head += more
        self.prolog = prolog
        yield prolog.apply(head.decode("latin-1")).encode("latin-1") + head[prolog.end :]
        while chunk := self.raw.read(size):
            yield chunk

    def _decoded(self, head: bytes, size: int, encoding: str) -> Iterator[bytes]:
        decoder = FallbackDecoder(encoding, self.log)
        strip = ControlStripper(self.log)
        markup = MarkupRepairer(self.log) if self.repair else None
        pending = ""
        data = head
        while True:
            final = not data
            text = decoder.decode(data, final=final)
            if self.repair:
                text = strip(text)
            if self.prolog is None:
                pending += text
                prolog = self._prolog(pending, final)
                if prolog is None:
                    data = self.raw.read(size)
                    continue
                self.prolog = prolog
                text = prolog.apply(pending) + pending[prolog.end :]
                pending = ""
            if markup is not None:
                text = markup.feed(text, final=final)
            if _SURROGATE.search(text):
                # UTF-7 and the like can spell lone surrogates, which no UTF-8 holds
                found = len(_SURROGATE.findall(text))
                self.log.add(
                    "invalid-characters",
                    f"{found} lone surrogate(s) decoded from {encoding} were replaced by U+FFFD",
                )
                text = _SURROGATE.sub("\ufffd", text)
            if text:
                yield text.encode("utf-8")
            if final:
                return
            data = self.raw.read(size)
