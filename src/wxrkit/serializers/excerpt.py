"""A post's excerpt as text, the same in every format."""

from __future__ import annotations

from wxrkit.clean import CleanContent
from wxrkit.models import Post
from wxrkit.serializers.convert import html_to_text

__all__ = ["excerpt_of"]


def excerpt_of(post: Post, clean: CleanContent) -> str:
    """The stored excerpt, else the teaser before ``<!--more-->``, as text."""
    if post.excerpt.strip():
        return html_to_text(post.excerpt).strip()
    if clean.teaser_html:
        return html_to_text(clean.teaser_html).strip()
    return ""
