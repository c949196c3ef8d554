"""What an input is — a WordPress export, a saved HTML page, or a plain-text scrape — and how
to read the pages.

Known suffixes decide (``.xml``, ``.wxr``, ``.gz`` exports; ``.html``, ``.htm``, ``.xhtml``
pages; ``.txt`` scrapes); anything else, standard input included, is recognised by its first
bytes. Exports are streamed by the WXR reader; a page is read whole (pages are small, and
:data:`wxrkit.html.MAX_PAGE_BYTES` bounds them).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import BinaryIO, Literal

from wxrkit.errors import LimitExceededError
from wxrkit.html import MAX_PAGE_BYTES, parse_html
from wxrkit.models import ScrapedPage
from wxrkit.text import parse_text

__all__ = ["EXPORT_SUFFIXES", "PAGE_SUFFIXES", "SourceKind", "kind_of", "read_page"]

SourceKind = Literal["wxr", "html", "text"]

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
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def _sniff(head: bytes) -> SourceKind:
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
    return "text" if b"<" not in head[:200] else "html"


def kind_of(source: Path | BinaryIO) -> SourceKind:
    """The kind of input ``source`` is, by its suffix, else by its first bytes."""
    if isinstance(source, Path):
        name = source.name.lower()
        if name.endswith(EXPORT_SUFFIXES):
            return "wxr"
        if name.endswith((".html", ".htm", ".xhtml")):
            return "html"
        if name.endswith(".txt"):
            return "text"
        with source.open("rb") as handle:
            return _sniff(handle.read(_SNIFF))
    peek = getattr(source, "peek", None)
    head = peek(_SNIFF)[:_SNIFF] if peek is not None else b""
    return _sniff(head) if head else "wxr"


def read_page(source: Path | BinaryIO, kind: SourceKind) -> ScrapedPage:
    """Read a page input (``kind`` ``html`` or ``text``) whole, within the size bound."""
    name = str(source) if isinstance(source, Path) else str(getattr(source, "name", "<stdin>"))
    if isinstance(source, Path):
        size = source.stat().st_size
        if size > MAX_PAGE_BYTES:
            raise LimitExceededError(
                f"{size:,} bytes is more than the {MAX_PAGE_BYTES:,} a page is read up to; is "
                "it really one post page?",
                source=name,
            )
        data = source.read_bytes()
    else:
        data = source.read(MAX_PAGE_BYTES + 1)
        if len(data) > MAX_PAGE_BYTES:
            raise LimitExceededError(
                f"more than the {MAX_PAGE_BYTES:,} bytes a page is read up to", source=name
            )
    if kind == "html":
        return parse_html(data, source=name)
    return parse_text(data, source=name)
