"""Addresses found in pages and exports, taken apart without trusting them: a malformed one
(``http://[``) is no address, not an exception, and one that would run code when followed
(``javascript:``) is no link."""

from __future__ import annotations

import re
from urllib.parse import SplitResult, urlsplit

__all__ = [
    "ALLOWED_SCHEMES",
    "is_safe_url",
    "may_have_scheme_ahead",
    "safe_url",
    "split_url",
    "url_path",
]

_NOTHING = SplitResult("", "", "", "", "")


def split_url(url: str | None) -> SplitResult:
    """``url`` split into its parts; all empty when it is missing or malformed."""
    if not url:
        return _NOTHING
    try:
        return urlsplit(url)
    except ValueError:  # an unbalanced "[" in the host, and the like
        return _NOTHING


def url_path(url: str | None) -> str:
    """The path of ``url``; empty when it is missing or malformed."""
    return split_url(url).path


ALLOWED_SCHEMES = frozenset(
    "http https ftp ftps mailto news irc irc6 ircs gopher nntp feed telnet mms rtsp sms svn tel "  # noqa: SIM905
    "fax xmpp webcal urn".split()
)
"""WordPress's own list of the protocols a link may use (``wp_allowed_protocols``): what kses
lets through in a post. ``javascript:``, ``vbscript:``, ``data:`` and the rest are not on it."""
_IMAGE_DATA = re.compile(r"data:image/(?:png|jpe?g|gif|webp|avif|bmp|x-icon)[;,]", re.I)
"""Image data a browser only displays (never SVG: it can hold scripts)."""
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_SCHEME_LETTERS = re.compile(r"(?:[a-zA-Z][a-zA-Z0-9+.\-]*)?")
_IGNORED_BY_BROWSERS = re.compile(r"[\t\n\r]|^[\x00-\x20]+")


def is_safe_url(url: str, *, image: bool = False) -> bool:
    """Whether a link to ``url`` (attribute text, entities already decoded) can only go
    somewhere, never run something: relative, a fragment, or one of
    :data:`ALLOWED_SCHEMES`; with ``image``, also image data.

    The scheme is read as a browser reads it: leading spaces and controls skipped, tabs and
    line breaks anywhere ignored (``java\\tscript:`` is ``javascript:``).
    """
    seen = _IGNORED_BY_BROWSERS.sub("", url)
    scheme = _SCHEME.match(seen)
    if scheme is None:
        return True  # relative: a path, a query, a fragment
    if scheme.group(1).lower() in ALLOWED_SCHEMES:
        return True
    return image and _IMAGE_DATA.match(seen) is not None


def may_have_scheme_ahead(start: str) -> bool:
    """Whether a URL that starts with ``start`` (entities decoded) can still turn out to have
    a scheme: nothing but ignored characters and a scheme's letters so far, no colon yet."""
    seen = _IGNORED_BY_BROWSERS.sub("", start)
    return _SCHEME_LETTERS.fullmatch(seen) is not None


def safe_url(url: str | None, *, image: bool = False) -> str | None:
    """``url`` where :func:`is_safe_url`, else None."""
    return url if url is not None and is_safe_url(url, image=image) else None
