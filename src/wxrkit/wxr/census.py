"""Finding an export's items by scanning its bytes, independently of the XML parser.

The count is what "nothing lost" is checked against: items seen in the file must equal items
read plus items reported lost. The scan finds ``<item>`` start tags outside CDATA sections
and comments (post bodies quote markup, ``<item>`` included), knows nothing else of XML, and
so cannot share a mistake with the parser.

The same scan gives where each item starts (a byte offset and a line), which is what lets
``convert --jobs N`` hand byte ranges of one export to several processes
(:mod:`wxrkit.wxr.ranges`), and each item's ``<wp:post_type>``, so that the attachments and
reusable blocks the posts need can be read before the posts, without a pass of the parser.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from wxrkit.wxr.limits import Limits
from wxrkit.wxr.source import Input, open_source

__all__ = ["UNREADABLE_TYPE", "ScannedItem", "count_items", "plain_post_types", "scan_items"]

_OPENER = re.compile(rb"<!\[CDATA\[|<!--|<item[\s>/]|<wp:post_type>")
_SKIPPED = (
    # Everything that is not an opener, CDATA sections and comments included, in one match:
    # the sections of an item (forty or so) cost one call of the regex engine, not forty.
    rb"(?:[^<]++|<!\[CDATA\[(?:[^\]]++|\](?!\]>))*+\]\]>|<!--(?:[^-]++|-(?!->))*+-->"
    rb"|<(?!item[\s>/]|wp:post_type>|!\[CDATA\[|!--)%s)*+"
)
_SKIP = re.compile(_SKIPPED % rb"(?=[\x00-\xff]{16})")
"""Before the last chunk: a ``<`` is passed over only when what follows it is in the buffer
(an opener cut by the chunk's end stays for the next buffer)."""
_SKIP_FINAL = re.compile(_SKIPPED % b"")
_CLOSERS = {b"<![CDATA[": b"]]>", b"<!--": b"-->"}
_TYPE_VALUE = re.compile(rb"\s*(?:<!\[CDATA\[([^\]<&]*)\]\]>|([^<&]*))\s*</wp:post_type>")
_TYPE_LOOKAHEAD = 256
"""Bytes a post type's value and closing tag fit in; more is not a type WordPress writes."""
_CHUNK = 1 << 20
_WIDE = (  # the first bytes of a document in a wider encoding (XML 1.0, appendix F)
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"<\x00", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
)
UNREADABLE_TYPE = "\x00unreadable"
"""The post type of an item whose ``<wp:post_type>`` holds more than a plain name (an entity,
markup): only the parser can say what it is."""


@dataclass(frozen=True, slots=True)
class ScannedItem:
    """One ``<item>`` start tag as the byte scan found it."""

    offset: int
    """Where ``<item`` starts, in bytes from the start of the (decompressed) file; for a
    UTF-16 or UTF-32 file, in its UTF-8 transcoding."""
    line: int
    """The line it is on, from 1."""
    post_type: str
    """Its first ``<wp:post_type>`` as written (``""`` when it has none; ``post`` is then
    meant), or :data:`UNREADABLE_TYPE`."""


def _as_utf8(head: bytes) -> Callable[[bytes, bool], bytes] | None:
    """For a UTF-16 or UTF-32 document (by its first bytes), a function from its chunks to
    UTF-8 ones (so that ``<item`` is found as in any other export); None for the rest."""
    for start, encoding in _WIDE:
        if head.startswith(start):
            # a malformed unit becomes U+FFFD: a count of tags does not depend on it
            decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
            return lambda chunk, final: decoder.decode(chunk, final).encode("utf-8")
    return None


def _type_of(value: re.Match[bytes] | None) -> str:
    if value is None:
        return UNREADABLE_TYPE
    written = value.group(1) if value.group(1) is not None else value.group(2)
    return written.decode("utf-8", "replace").strip()


_TAG_NAME_TAIL = re.compile(rb"[\w.-]*:?$")


def plain_post_types(path: str | os.PathLike[str], start: int) -> bool:
    """Whether, from byte ``start`` on, every element that could give an item its post type
    is written ``<wp:post_type>`` and no ``wp`` prefix is declared again: only then are the
    types :func:`scan_items` reads the parser's. A ``<wp:post_type >``, a ``<x:post_type>``
    of a prefix bound to WordPress's namespace on an item, or an item that binds ``wp`` to
    another namespace are valid XML that the scan would misread. Text that only looks like
    one (in a CDATA section) answers False too: the export is then read whole, which is
    slower, never wrong. Two searches for fixed strings a megabyte at a time."""
    carry = b""
    with open(path, "rb") as file:
        file.seek(start)
        while True:
            chunk = file.read(_CHUNK)
            buffer = carry + chunk
            if b"xmlns:wp" in buffer:
                return False
            # A name is judged once the ">" after it is in the buffer; what a chunk's end
            # cuts is judged again, whole, at the start of the next buffer.
            judged = len(buffer) if not chunk else len(buffer) - _TAG_SPAN
            found = buffer.find(b"post_type", max(0, len(carry) - _TAG_SPAN))
            while 0 <= found < judged:
                if not _plain_type_tag(buffer, found):
                    return False
                found = buffer.find(b"post_type", found + 1)
            if not chunk:
                return True
            carry = buffer[-_TYPE_LOOKAHEAD:]


_TAG_SPAN = 10
"""``post_type>``: how far past a name's start it is judged."""


def _plain_type_tag(buffer: bytes, at: int) -> bool:
    """Whether the ``post_type`` at ``at`` is in ``<wp:post_type>``, ``</wp:post_type>``, or
    not in a tag at all (a meta key, a query string: ``?post_type=product``)."""
    if buffer.startswith(b"<wp:", at - 4) or buffer.startswith(b"</wp:", at - 5):
        return buffer.startswith(b">", at + 9)
    name = _TAG_NAME_TAIL.search(buffer, max(0, at - 64), at)
    before = name.start() if name is not None else at
    return not (buffer.startswith(b"<", before - 1) or buffer.startswith(b"</", before - 2))


def count_items(data: Input, limits: Limits | None = None) -> int:
    """The ``<item>`` start tags of an export (path, bytes or seekable binary file)."""
    return sum(1 for _ in scan_items(data, limits))


def scan_items(data: Input, limits: Limits | None = None) -> Iterator[ScannedItem]:  # noqa: PLR0912, PLR0915 - one loop over the chunks, its state local
    """The ``<item>`` start tags of an export, in order, each with its offset, line and post
    type (see :class:`ScannedItem`)."""
    source = open_source(data, limits or Limits())
    stream = source.open()
    try:
        closer: bytes | None = None  # while inside a section cut by a chunk boundary
        pending = b""
        base = 0  # the offset of the buffer's first byte
        line = 1  # the line of the buffer's byte at `counted`
        transcode: Callable[[bytes, bool], bytes] | None = None
        first = True
        item: tuple[int, int] | None = None  # the item whose post type is still looked for
        typed = False
        while True:
            chunk = stream.read(_CHUNK)
            final = not chunk
            if first:
                transcode, first = _as_utf8(chunk), False
            if transcode is not None:
                chunk = transcode(chunk, final)
            buffer = pending + chunk
            skip = _SKIP_FINAL.match if final else _SKIP.match
            position = counted = 0
            cut = len(buffer)
            while True:
                if closer is not None:
                    end = buffer.find(closer, position)
                    if end < 0:  # the section goes on; its closer may be cut at the end
                        cut = max(len(buffer) - len(closer) + 1, position)
                        break
                    position, closer = end + len(closer), None
                position = skip(buffer, position).end()  # type: ignore[union-attr]
                match = _OPENER.match(buffer, position)
                if match is None:  # the end, or an opener cut by it
                    cut = len(buffer) if final else position
                    break
                token = match.group()
                if token in _CLOSERS:  # a section the skip could not close in this buffer
                    position, closer = match.end(), _CLOSERS[token]
                    continue
                if token == b"<wp:post_type>":
                    value = _TYPE_VALUE.match(buffer, match.end())
                    if value is None and not final and len(buffer) - position < _TYPE_LOOKAHEAD:
                        cut = position  # read on: the value may be cut by the boundary
                        break
                    if item is not None and not typed:
                        yield ScannedItem(*item, _type_of(value))
                        typed = True
                    position = value.end() if value else match.end()
                    continue
                if item is not None and not typed:
                    yield ScannedItem(*item, "")
                line += buffer.count(b"\n", counted, match.start())
                counted = match.start()
                item, typed = (base + match.start(), line), False
                position = match.end()
            if final:
                if item is not None and not typed:
                    yield ScannedItem(*item, "")
                return
            line += buffer.count(b"\n", counted, cut)
            pending = buffer[cut:]
            base += cut
    finally:
        close = getattr(stream, "close", None)
        if source.owned and close is not None:
            close()
