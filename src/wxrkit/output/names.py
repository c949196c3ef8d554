"""File names from slugs that can never leave the output folder nor overwrite each other.

A slug is untrusted text: it may be ``../../etc/passwd``, an absolute path, a Windows reserved
name (``con``, ``nul``), empty, hundreds of bytes long, or shared by two posts. Names keep
non-ASCII letters readable (``été``, ``हिन्दी``), replace what file systems refuse, and are
made unique in the order posts come, so the same export always gives the same names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

__all__ = ["MAX_NAME_BYTES", "UniqueNames", "safe_name"]

MAX_NAME_BYTES = 120
"""Longest name (before the extension and any collision suffix); file systems allow 255."""

_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
_SPACES = re.compile(r"[\s]+")
_DASHES = re.compile(r"-{2,}")
# Windows reserves these device names before the first dot too ("con.txt", "COM1.md").
_RESERVED = re.compile(r"(?i)con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$")


def _truncate(name: str, limit: int) -> str:
    """At most ``limit`` bytes of UTF-8, cut between characters."""
    if len(name.encode("utf-8")) <= limit:
        return name
    kept: list[str] = []
    size = 0
    for char in name:
        size += len(char.encode("utf-8"))
        if size > limit:
            break
        kept.append(char)
    return "".join(kept).rstrip("-. ")


_KEPT_FORMAT = frozenset("\u200c\u200d")
"""The zero-width (non-)joiners: Persian and Indic words are spelled with them."""


def _visible(text: str) -> str:
    """``text`` without control and format characters: C1 controls, zero-width spaces, soft
    hyphens and bidirectional overrides (with U+202E, ``evil\u202egpj.md`` shows as
    ``evildm.jpg``) have no place in a file name."""
    if text.isascii():
        return text
    return "".join(
        char
        for char in text
        if char in _KEPT_FORMAT or unicodedata.category(char) not in ("Cc", "Cf")
    )


def safe_name(text: str, fallback: str) -> str:
    """One path component from ``text`` (a slug or title); ``fallback`` when nothing is left."""
    name = _visible(unicodedata.normalize("NFC", text))
    name = _UNSAFE.sub("-", name)
    name = _SPACES.sub("-", name.strip())
    name = _DASHES.sub("-", name).strip("-. ")
    name = _truncate(name, MAX_NAME_BYTES)
    if not name or name in {".", ".."}:
        name = fallback
    base, dot, rest = name.partition(".")
    if _RESERVED.fullmatch(base):
        name = f"{base}-{dot}{rest}"
    return name


class UniqueNames:
    """Hands out names unique within each folder, case-insensitively, first come first served.

    ``take`` records a (case-folded) name and says whether it was free; by default a set in
    memory, in ``convert`` a table on disk (:class:`wxrkit.output.ledger.TakenNames`).
    """

    def __init__(self, take: Callable[[str], bool] | None = None) -> None:
        if take is None:
            taken: set[str] = set()

            def take(key: str) -> bool:
                if key in taken:
                    return False
                taken.add(key)
                return True

        self._take = take
        self._next: dict[str, int] = {}
        """Per (case-folded) name that was taken when asked for: the number to try next.
        Names are never given back, so every number below it is taken: 10,000 untitled
        drafts are named in 10,000 steps, not 50 million."""

    def claim(self, folder: str, stem: str, extension: str) -> str:
        """``folder/stem.ext``, or ``folder/stem-2.ext``, ``-3``... when taken."""
        candidate = f"{stem}{extension}"
        if self._take(f"{folder}/{candidate}".casefold()):
            return f"{folder}/{candidate}" if folder else candidate
        key = f"{folder}/{stem}\x00{extension}".casefold()
        number = self._next.get(key, 2)
        candidate = f"{stem}-{number}{extension}"
        while not self._take(f"{folder}/{candidate}".casefold()):
            number += 1
            candidate = f"{stem}-{number}{extension}"
        self._next[key] = number + 1
        return f"{folder}/{candidate}" if folder else candidate
