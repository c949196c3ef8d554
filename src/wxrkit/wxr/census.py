"""Counting an export's items by scanning its bytes, independently of the XML parser.

The count is what "nothing lost" is checked against: items seen in the file must equal items
read plus items reported lost. The scan counts ``<item>`` start tags outside CDATA sections
and comments (post bodies quote markup, ``<item>`` included), knows nothing else of XML, and
so cannot share a mistake with the parser.
"""

from __future__ import annotations

import re

from wxrkit.wxr.limits import Limits
from wxrkit.wxr.source import Input, open_source

__all__ = ["count_items"]

_TOKEN = re.compile(rb"<!\[CDATA\[|\]\]>|<!--|-->|<item[\s>/]")
_CHUNK = 1 << 20
_CARRY = 16  # longer than any token, so a token cut by a chunk boundary is seen whole next time


def count_items(data: Input, limits: Limits | None = None) -> int:
    """The ``<item>`` start tags of an export (path, bytes or seekable binary file)."""
    source = open_source(data, limits or Limits())
    stream = source.open()
    try:
        count = 0
        in_cdata = in_comment = False
        pending = b""
        while True:
            chunk = stream.read(_CHUNK)
            buffer = pending + chunk
            final = not chunk
            limit = len(buffer) if final else max(len(buffer) - _CARRY, 0)
            position = 0
            for match in _TOKEN.finditer(buffer):
                if match.start() >= limit:
                    break
                position = match.end()
                token = match.group()
                if in_cdata:
                    in_cdata = token != b"]]>"
                elif in_comment:
                    in_comment = token != b"-->"
                elif token == b"<![CDATA[":
                    in_cdata = True
                elif token == b"<!--":
                    in_comment = True
                elif token.startswith(b"<item"):
                    count += 1
            if final:
                return count
            pending = buffer[max(position, limit) :]
    finally:
        close = getattr(stream, "close", None)
        if source.owned and close is not None:
            close()
