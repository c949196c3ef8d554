"""Addresses found in pages, taken apart without trusting them: a malformed one (``http://[``)
is no address, not an exception."""

from __future__ import annotations

from urllib.parse import SplitResult, urlsplit

__all__ = ["split_url", "url_path"]

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
