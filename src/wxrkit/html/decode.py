"""Bytes of a saved page to text: byte-order mark, then the declared charset, then detection.

A declaration is trusted only if the bytes decode under it; saved pages often declare UTF-8
and hold Windows-1252, or the reverse. Nothing is decoded with ``errors="ignore"``: the last
resort replaces the bytes no encoding explains and reports how many there were.
"""

from __future__ import annotations

import codecs

import charset_normalizer
from bs4.dammit import EncodingDetector

from wxrkit.errors import Diagnostic

__all__ = ["decode_page"]

_SNIFF_BYTES = (
    8192  # where a meta charset has to be, by the HTML standard's prescan (1024) and then some
)


def _normalized(name: str | None) -> str | None:
    if not name:
        return None
    try:
        found = codecs.lookup(name).name
    except (LookupError, ValueError):  # unknown, or not a name at all ("utf\x00-8")
        return None
    # The HTML standard decodes "iso-8859-1" and "ascii" labels as windows-1252.
    return "cp1252" if found in {"latin-1", "iso8859-1", "ascii"} else found


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_page(data: bytes, source: str | None = None) -> tuple[str, str, list[Diagnostic]]:
    """``data`` as text, the encoding used, and what was repaired or guessed."""
    diagnostics: list[Diagnostic] = []
    body, bom_encoding = EncodingDetector.strip_byte_order_mark(data)
    if bom_encoding:
        text = _try(body, bom_encoding)
        if text is not None:
            return text, bom_encoding, diagnostics
    declared_label = EncodingDetector.find_declared_encoding(data[:_SNIFF_BYTES], is_html=True)
    declared = _normalized(declared_label)
    if declared_label and declared is None:
        diagnostics.append(
            Diagnostic(
                code="unknown-charset",
                message=f"the page declares the unknown charset {declared_label!r}; "
                "detected instead",
                source=source,
            )
        )
    # Valid UTF-8 with multi-byte sequences is next to impossible in single-byte text, while
    # pages saved as UTF-8 under an old Latin-1 declaration are common: UTF-8 goes first.
    for encoding in ("utf-8", declared):
        if encoding is None:
            continue
        text = _try(data, encoding)
        if text is not None:
            if declared and encoding != declared and not data.isascii():
                diagnostics.append(_mismatch(declared, encoding, source))
            return text, encoding, diagnostics
    best = charset_normalizer.from_bytes(data).best()
    if best is not None:
        detected = _normalized(best.encoding) or best.encoding
        text = _try(data, detected)
        if text is not None:
            diagnostics.append(_mismatch(declared, detected, source))
            return text, detected, diagnostics
    text = data.decode("cp1252", errors="replace")
    diagnostics.append(
        Diagnostic(
            code="invalid-bytes",
            message="no encoding explains every byte; decoded as Windows-1252 with the "
            "undecodable bytes replaced by U+FFFD",
            source=source,
            count=max(text.count("\ufffd"), 1),
        )
    )
    return text, "cp1252", diagnostics


def _mismatch(declared: str | None, used: str, source: str | None) -> Diagnostic:
    said = f"declares {declared}" if declared else "declares no charset"
    return Diagnostic(
        code="charset-detected",
        message=f"the page {said} but decodes as {used}; read as {used}",
        source=source,
    )
