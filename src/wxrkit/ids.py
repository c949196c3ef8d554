"""Ids read from untrusted text.

WordPress ids are 64-bit database integers, and so are SQLite's, where a run keeps its
attachments: a longer number in an export or a page (``post-99999999999999999999``) is not an
id, and must not reach SQLite (``OverflowError``) nor Python's 4,300-digit limit on reading an
integer (``ValueError``).
"""

from __future__ import annotations

import re

__all__ = ["MAX_ID", "parse_id"]

MAX_ID = 2**63 - 1
_ID = re.compile(r"[+-]?[0-9]{1,19}")  # ASCII only: int() reads other scripts' digits too


def parse_id(text: str) -> int | None:
    """The integer ``text`` spells (surrounding spaces allowed), or None when it is not a
    64-bit one."""
    text = text.strip()
    if not _ID.fullmatch(text):
        return None
    value = int(text)
    return value if -MAX_ID - 1 <= value <= MAX_ID else None
