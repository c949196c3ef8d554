"""What an input is — a WordPress export, a saved HTML page, or a plain-text scrape — and how
to read the pages.

The first bytes decide, not the name: gzip data or an XML document (``<?xml``, ``<rss``) is
an export, HTML markup a page, and text without markup a scrape; a name's suffix
(``.html``, ``.txt``...) decides only between a page and a scrape whose first bytes could be
either. Binary data (a zip archive, an image, a PDF) goes to the export reader, whose error
names the file and says what it looks like. Exports are streamed by the WXR reader; a page is
read whole (pages are small, and :data:`wxrkit.html.MAX_PAGE_BYTES` bounds them).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import BinaryIO, Literal

from wxrkit.errors import ParseError
from wxrkit.html import parse_html
from wxrkit.models import ScrapedPage
from wxrkit.text import parse_text

__all__ = [
    "EXPORT_SUFFIXES",
    "PAGE_SUFFIXES",
    "Identity",
    "Source",
    "SourceKind",
    "identity_of",
    "kind_of",
    "label_of",
    "read_page",
]

SourceKind = Literal["wxr", "html", "text"]
Source = Path | BinaryIO
"""An input: a file, or a stream (standard input)."""


Identity = tuple[int, int, int, int]
"""What tells one version of a file from another: device, inode, size, modification time."""


def identity_of(source: Source) -> Identity | None:
    """The :data:`Identity` of a file input now; None for a stream or an unreadable file
    (the reader says why)."""
    if not isinstance(source, Path):
        return None
    try:
        found = source.stat()
    except OSError:
        return None
    return (found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns)


def label_of(source: Source) -> str:
    """What messages call an input: its path, or the stream's name."""
    return str(source) if isinstance(source, Path) else str(getattr(source, "name", "<stdin>"))


EXPORT_SUFFIXES = (".xml", ".xml.gz", ".wxr", ".gz")
"""Suffixes of export files (a folder given as input contributes these)."""
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt")
"""Suffixes of saved pages and text scrapes (a folder given as input contributes these)."""

_SNIFF = 4096
_HTML_START = re.compile(
    rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S
)
_XML_START = re.compile(rb"\s*(?:<\?xml|<rss\b|<!--)", re.I)
_GZIP_MAGIC = b"\x1f\x8b"
_FIRST_ELEMENT = re.compile(rb"\s*<([A-Za-z][\w.:-]*)")
_HTML_ELEMENTS = frozenset(
    b"a article aside b blockquote body br div em figure footer form h1 h2 h3 h4 h5 h6 head "
    b"header hr html i img li link main meta nav ol p pre script section span strong style "
    b"table title ul".split()
)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


_BINARY = (b"PK\x03\x04", b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff")


def _sniff(head: bytes, name: str = "") -> SourceKind:  # noqa: PLR0911 - a decision table: each signature returns its kind
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    if head.startswith(_GZIP_MAGIC):
        return "wxr"
    if _HTML_START.match(head):
        return "html"
    if _XML_START.match(head):
        # an XML prolog may still start an XHTML page
        return "html" if re.search(rb"<html\b", head, re.I) and b"<rss" not in head else "wxr"
    by_name: SourceKind | None = (
        "html"
        if name.endswith((".html", ".htm", ".xhtml"))
        else "text"
        if name.endswith(".txt")
        else None
    )
    if not head or head.startswith(_BINARY) or b"\x00" in head:
        # Nothing, or no text at all: the export reader says what it is ("the input is
        # empty", "a zip archive", "not XML"), naming the file. An empty page is a page.
        return by_name if not head and by_name is not None else "wxr"
    element = _FIRST_ELEMENT.match(head)
    if element is not None:
        # Markup: an HTML element starts a page (or a fragment of one), any other an XML
        # document for the export reader (an <item> fragment, or a feed it will name).
        return "html" if element.group(1).lower() in _HTML_ELEMENTS else "wxr"
    if by_name is not None:
        return by_name
    return "text" if b"<" not in head[:200] else "html"


def kind_of(source: Source) -> SourceKind:
    """The kind of input ``source`` is, by its first bytes (see the module's text)."""
    if isinstance(source, Path):
        try:
            with source.open("rb") as handle:
                head = handle.read(_SNIFF)
        except OSError:
            return "wxr"  # the export reader says why the file cannot be read, naming it
        return _sniff(head, source.name.lower())
    peek = getattr(source, "peek", None)
    head = peek(_SNIFF)[:_SNIFF] if peek is not None else b""
    return _sniff(head)


def read_page(source: Source, kind: SourceKind, *, strict: bool = False) -> ScrapedPage:
    """Read a page input (``kind`` ``html`` or ``text``) whole, within the size bound; with
    ``strict``, its first repair or oddity is a :class:`ParseError`, as in an export."""
    name = label_of(source)
    page = parse_html(source, source=name) if kind == "html" else parse_text(source, source=name)
    if strict and page.diagnostics:
        first = page.diagnostics[0]
        raise ParseError(
            f"{first.message} [{first.code}; strict mode turns every repair into an error: "
            "read without --strict to have it repaired and reported]",
            source=first.source or name,
            line=first.line,
            column=first.column,
        )
    return page
