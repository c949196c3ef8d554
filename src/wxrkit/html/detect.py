"""What made a page: WordPress (self-hosted), WordPress.com, Blogger, or another engine.

The generator ``<meta>`` decides when present; many sites remove it, so asset paths and the
markup each engine writes count as evidence too. The evidence is kept on the result.
"""

from __future__ import annotations

from wxrkit.html.tree import Document

__all__ = ["BLOGGER", "ENGINES", "OTHER", "WORDPRESS", "WORDPRESS_COM", "detect_engine"]

WORDPRESS = "wordpress"
WORDPRESS_COM = "wordpress.com"
BLOGGER = "blogger"
OTHER = "other"
ENGINES = (WORDPRESS, WORDPRESS_COM, BLOGGER, OTHER)
"""The engines :func:`detect_engine` tells apart."""

# (engine, what the evidence is called, substrings of the markup any of which is evidence)
_MARKUP_EVIDENCE = (
    (
        WORDPRESS_COM,
        "WordPress.com comment form (highlander)",
        ("highlander_comment", "HighlanderComments"),
    ),
    (
        WORDPRESS_COM,
        "WordPress.com assets",
        ("//s0.wp.com/wp-content/themes/", "//s1.wp.com/wp-content/themes/", "wpcom-"),
    ),
    (
        WORDPRESS_COM + "?",
        "WordPress.com services (also used by Jetpack on self-hosted sites)",
        ("//s0.wp.com/", "//stats.wp.com/", "//i0.wp.com/", "//i1.wp.com/", "//i2.wp.com/"),
    ),
    (WORDPRESS, "wp-content/wp-includes paths", ("/wp-content/", "/wp-includes/")),
    (WORDPRESS, "WordPress REST API link", ("https://api.w.org/",)),
    (WORDPRESS, "Yoast SEO markup (a WordPress plugin)", ("yoast-schema-graph",)),
    (
        BLOGGER,
        "Blogger markup",
        ("http://www.google.com/2005/gml/b", "blogger.com/static/", "//www.blogger.com/"),
    ),
)


def _from_generator(generator: str) -> str | None:
    lowered = generator.strip().lower()
    if lowered.startswith("wordpress.com"):
        return WORDPRESS_COM
    if lowered.startswith("wordpress"):
        return WORDPRESS
    if lowered.startswith("blogger"):
        return BLOGGER
    return None


def detect_engine(markup: str, generator: str, doc: Document) -> tuple[str, tuple[str, ...]]:
    """The engine that made the page, and the evidence for it."""
    evidence: list[str] = [f"generator={generator.strip()}"] if generator else []
    found: dict[str, list[str]] = {}
    for engine, name, needles in _MARKUP_EVIDENCE:
        if any(needle in markup for needle in needles):
            found.setdefault(engine, []).append(name)
    if doc.block_classes:
        found.setdefault(WORDPRESS, []).append("WordPress block classes")
    if doc.has(".hentry") and doc.has(".type-post"):
        found.setdefault(WORDPRESS, []).append("WordPress post classes")
    weak = found.pop(WORDPRESS_COM + "?", [])
    by_generator = _from_generator(generator)
    if by_generator is not None:
        return by_generator, tuple(evidence + found.get(by_generator, []) + weak)
    # WordPress.com sites run WordPress, so its own evidence is more specific and wins;
    # its CDN and stats alone only count where nothing says self-hosted.
    for engine in (WORDPRESS_COM, WORDPRESS, BLOGGER):
        if engine in found:
            return engine, tuple(evidence + found[engine] + (weak if engine != BLOGGER else []))
    if weak:
        return WORDPRESS_COM, tuple(evidence + weak)
    return OTHER, tuple(evidence)
