"""The safety bounds of the WXR reader, in one place so callers can see and tune them."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["MAX_BODY_TAGS", "Limits"]

MAX_BODY_TAGS = 200_000


@dataclass(frozen=True, slots=True, kw_only=True)
class Limits:
    """Bounds that keep time and memory finite on hostile input."""

    max_gzip_ratio: float = 100.0
    """Refuse a ``.gz`` input that expands more than this many times its compressed size (real
    exports expand 4 to 20 times; a gzip bomb a thousand times)."""
    gzip_ratio_grace: int = 16 << 20
    """Bytes of output allowed before the ratio is checked, so tiny files are not judged early."""
    max_prolog_bytes: int = 1 << 20
    """Bytes read while looking for the root element before giving up."""
    chunk_size: int = 1 << 20
    """Bytes read from the input at a time."""
    max_body_tags: int = MAX_BODY_TAGS
    """Most tags (``<``) one post's content, excerpt or comment is converted with. Real
    posts have a few hundred (the corpus at most 1,252); converting a body to Markdown takes
    about 400 bytes a tag, so 6 million tags (48 MB) would take gigabytes. A body past this is
    kept as its text, reported as ``body-too-complex``."""
