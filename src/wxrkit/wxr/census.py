"""Counting an export's items by scanning its bytes, independently of the XML parser.

The count is what "nothing lost" is checked against: items seen in the file must equal items
read plus items reported lost. The scan counts ``<item>`` start tags outside CDATA sections
and comments (post bodies quote markup, ``<item>`` included), knows nothing else of XML, and
so cannot share a mistake with the parser.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable

from wxrkit.wxr.limits import Limits
from wxrkit.wxr.source import Input, open_source

__all__ = ["count_items"]

_OPENER = re.compile(rb"<!\[CDATA\[|<!--|<item[\s>/]")
_CLOSERS = {b"<![CDATA[": b"]]>", b"<!--": b"-->"}
_CHUNK = 1 << 20
_CARRY = 16  # longer than any token, so a token cut by a chunk boundary is seen whole next time
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


def _as_utf8(head: bytes) -> Callable[[bytes, bool], bytes] | None:
    """For a UTF-16 or UTF-32 document (by its first bytes), a function from its chunks to
    UTF-8 ones (so that ``<item`` is found as in any other export); None for the rest."""
    for start, encoding in _WIDE:
        if head.startswith(start):
            # a malformed unit becomes U+FFFD: a count of tags does not depend on it
            decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
            return lambda chunk, final: decoder.decode(chunk, final).encode("utf-8")
    return None


def count_items(data: Input, limits: Limits | None = None) -> int:
    """The ``<item>`` start tags of an export (path, bytes or seekable binary file).

    Markup is searched for the next opener only; the inside of a CDATA section or comment,
    most of an export's bytes, is skipped with one ``find`` for its closer.
    """
    source = open_source(data, limits or Limits())
    stream = source.open()
    try:
        count = 0
        closer: bytes | None = None  # while inside a section: what ends it
        pending = b""
        transcode: Callable[[bytes, bool], bytes] | None = None
        first = True
        while True:
            chunk = stream.read(_CHUNK)
            final = not chunk
            if first:
                transcode, first = _as_utf8(chunk), False
            if transcode is not None:
                chunk = transcode(chunk, final)
            buffer = pending + chunk
            position = 0
            while True:
                if closer is not None:
                    end = buffer.find(closer, position)
                    if end < 0:  # the section goes on; its closer may be cut at the end
                        pending = buffer[max(len(buffer) - len(closer) + 1, position) :]
                        break
                    position, closer = end + len(closer), None
                    continue
                match = _OPENER.search(buffer, position)
                if match is None or (not final and match.start() > len(buffer) - _CARRY):
                    pending = buffer[max(len(buffer) - _CARRY, position) :] if not final else b""
                    break
                position = match.end()
                closer = _CLOSERS.get(match.group())
                if closer is None:
                    count += 1
            if final:
                return count
    finally:
        close = getattr(stream, "close", None)
        if source.owned and close is not None:
            close()
