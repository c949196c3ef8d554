"""Plain text: what a person reads. The title, then the body's paragraphs apart by blank lines,
list items with bullets, headings on their own lines, links as their text (or with their URL)."""

from __future__ import annotations

from wxrkit.clean import CleanContent
from wxrkit.models import Post
from wxrkit.serializers.base import Serializer, register_serializer, utf8_safe
from wxrkit.serializers.convert import html_to_text

__all__ = ["TextSerializer"]


class TextSerializer(Serializer):
    """One post as plain text; ``link_urls=True`` writes link targets after their text."""

    name = "text"
    extension = ".txt"

    def __init__(self, *, link_urls: bool = False) -> None:
        self.link_urls = link_urls

    @utf8_safe
    def render(self, post: Post, clean: CleanContent) -> str:
        body = html_to_text(clean.html, link_urls=self.link_urls)
        title = post.title.strip()
        if title and body:
            return f"{title}\n\n{body}"
        return title + "\n" if title else body


register_serializer(TextSerializer())
