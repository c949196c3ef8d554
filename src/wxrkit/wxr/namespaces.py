"""Namespace families of WXR: elements are matched by family, never by one hard-coded URI.

WordPress has written ``http://wordpress.org/export/1.0/`` to ``.../1.2/``; WordPress.com writes
``https://``. Every such URI belongs to the ``wp`` family (and ``.../excerpt/`` to ``excerpt``).
Prefixes a document uses without declaring them are bound by the reader to ``urn:wxrkit:
undeclared:<prefix>``, which belongs to the family of that well-known prefix and is reported.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["KNOWN_PREFIXES", "UNDECLARED_URN", "Classifier", "family_of_uri"]

WP: Final = "wp"
EXCERPT: Final = "excerpt"
CONTENT: Final = "content"
DC: Final = "dc"
NONE: Final = ""
"""The family of elements in no namespace (plain RSS: ``title``, ``link``, ``item``...)."""

KNOWN_PREFIXES: Final[dict[str, str]] = {
    "wp": "http://wordpress.org/export/1.2/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "atom": "http://www.w3.org/2005/Atom",
    "media": "http://search.yahoo.com/mrss/",
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "slash": "http://purl.org/rss/1.0/modules/slash/",
    "sy": "http://purl.org/rss/1.0/modules/syndication/",
    "georss": "http://www.georss.org/georss",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
}
"""Prefixes found in exports, with the URI each stands for; used to bind undeclared ones."""

UNDECLARED_URN: Final = "urn:wxrkit:undeclared:"

_WP_URI = re.compile(r"https?://(?:www\.)?wordpress\.(?:org|com)/export/\d+\.\d+/?\Z")
_EXCERPT_URI = re.compile(r"https?://(?:www\.)?wordpress\.(?:org|com)/export/\d+\.\d+/excerpt/?\Z")
_FIXED = {
    "http://purl.org/rss/1.0/modules/content/": CONTENT,
    "http://purl.org/dc/elements/1.1/": DC,
}


def family_of_uri(uri: str) -> str | None:
    """The family a namespace URI belongs to (``wp``, ``excerpt``, ``content``, ``dc``), or None."""
    if uri.startswith(UNDECLARED_URN):
        prefix = uri[len(UNDECLARED_URN) :]
        return prefix if prefix in (WP, EXCERPT, CONTENT, DC) else None
    if _WP_URI.match(uri):
        return WP
    if _EXCERPT_URI.match(uri):
        return EXCERPT
    return _FIXED.get(uri.rstrip("/") + "/") if uri.startswith("http://purl.org/") else None


class Classifier:
    """Maps lxml tags (``{uri}local``) to ``(family, local)``; cached, as exports use few tags."""

    __slots__ = ("_cache", "fresh_undeclared")

    def __init__(self) -> None:
        self._cache: dict[str, tuple[str | None, str]] = {}
        self.fresh_undeclared: list[str] = []
        """Prefixes bound for lack of a declaration, met since the reader last reported them."""

    def __call__(self, tag: object) -> tuple[str | None, str]:
        """``(family, local)``; family is ``""`` for no namespace and None for foreign ones."""
        if not isinstance(tag, str):
            return (None, "")
        hit = self._cache.get(tag)
        if hit is not None:
            return hit
        if tag.startswith("{"):
            uri, _, local = tag[1:].partition("}")
            result = (family_of_uri(uri), local)
            if uri.startswith(UNDECLARED_URN):
                self.fresh_undeclared.append(uri[len(UNDECLARED_URN) :])
        else:
            result = (NONE, tag)
        self._cache[tag] = result
        return result
