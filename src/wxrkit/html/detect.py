"""What made a page: WordPress (self-hosted), WordPress.com, Blogger, or another engine.

The generator ``<meta>`` decides when present; many sites remove it, so asset paths and the
markup each engine writes count as evidence too. The evidence is kept on the result.
"""

from __future__ import annotations

import re

__all__ = ["BLOGGER", "ENGINES", "OTHER", "WORDPRESS", "WORDPRESS_COM", "detect_engine"]

WORDPRESS = "wordpress"
WORDPRESS_COM = "wordpress.com"
BLOGGER = "blogger"
OTHER = "other"
ENGINES = (WORDPRESS, WORDPRESS_COM, BLOGGER, OTHER)
"""The engines :func:`detect_engine` tells apart."""

# (engine, what the evidence is called, pattern over the page's markup)
_EVIDENCE = (
    (WORDPRESS_COM, "WordPress.com assets (s0.wp.com, stats.wp.com)", r"//s[0-9]\.wp\.com/|//stats\.wp\.com/|//pixel\.wp\.com/"),
    (WORDPRESS_COM, "WordPress.com comment form (highlander)", r"highlander_comment|HighlanderComments"),
    (WORDPRESS_COM, "a wordpress.com site address", r"https?://[a-z0-9-]+\.wordpress\.com/"),
    (WORDPRESS, "wp-content/wp-includes paths", r"/wp-content/|/wp-includes/"),
    (WORDPRESS, "WordPress REST API link", r"""rel=["']https://api\.w\.org/["']"""),
    (WORDPRESS, "WordPress block classes", r"""class=["'][^"']*\bwp-block-"""),
    (WORDPRESS, "WordPress post classes", r"""class=["'][^"']*\bpost-\d+\b[^"']*\bhentry\b"""),
    (BLOGGER, "Blogger markup", r"""xmlns:b=["']http://www\.google\.com/2005/gml/b|blogger\.com/static/|\.blogspot\.com/"""),
)  # fmt: skip
_COMPILED = tuple((engine, name, re.compile(pattern)) for engine, name, pattern in _EVIDENCE)
_SCAN = 400_000  # characters looked at for evidence: the head and the start of the body


def _from_generator(generator: str) -> str | None:
    lowered = generator.strip().lower()
    if lowered.startswith("wordpress.com"):
        return WORDPRESS_COM
    if lowered.startswith("wordpress"):
        return WORDPRESS
    if lowered.startswith("blogger"):
        return BLOGGER
    return None


def detect_engine(markup: str, generator: str) -> tuple[str, tuple[str, ...]]:
    """The engine that made the page, and the evidence for it."""
    evidence: list[str] = []
    by_generator = _from_generator(generator)
    if generator:
        evidence.append(f"generator={generator.strip()}")
    head = markup[:_SCAN]
    found: dict[str, list[str]] = {}
    for engine, name, pattern in _COMPILED:
        if pattern.search(head):
            found.setdefault(engine, []).append(name)
    if by_generator is not None:
        return by_generator, tuple(evidence + found.get(by_generator, []))
    # WordPress.com sites run WordPress, so its own evidence is more specific and wins.
    for engine in (WORDPRESS_COM, WORDPRESS, BLOGGER):
        if engine in found:
            return engine, tuple(evidence + found[engine])
    return OTHER, tuple(evidence)
