"""The safety bounds of the WXR reader, in one place so callers can see and tune them."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Limits"]


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
