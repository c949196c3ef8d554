"""``<!--more-->`` (the teaser split) and ``<!--nextpage-->`` (page breaks), read as WordPress does.

WordPress splits at the first ``<!--more-->`` (its optional text is the "read more" link's),
and the block editor wraps the same comments in ``<!-- wp:more -->`` and
``<!-- wp:nextpage -->`` blocks. The teaser gives an excerpt when a post has none stored; page
breaks are kept as one marker, :data:`PAGE_BREAK`, for serializers to render.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["PAGE_BREAK", "Split", "mark_page_breaks", "split_more"]

PAGE_BREAK = "<!--nextpage-->"
"""The marker page breaks are normalized to in clean HTML."""

_MORE = re.compile(r"<!--more(.*?)?-->", re.DOTALL)
_MORE_BLOCK = re.compile(
    r"<!-- wp:more (?:\{.*?\} )?-->\s*(<!--more.*?-->)\s*(?:<!--noteaser-->\s*)?<!-- /wp:more -->",
    re.DOTALL,
)
_NEXTPAGE_BLOCK = re.compile(r"<!-- wp:nextpage -->\s*<!--nextpage-->\s*<!-- /wp:nextpage -->")
_NEXTPAGE = re.compile(r"\n?<!--nextpage-->\n?")


@dataclass(frozen=True, slots=True)
class Split:
    """A post's content around its ``<!--more-->``."""

    teaser: str
    """What comes before the marker (the whole content where there is none)."""
    rest: str
    """What comes after it."""
    more_text: str | None
    """The marker's custom link text (``<!--more Keep reading-->``), or None."""
    found: bool
    """Whether the content has a ``<!--more-->``."""
    no_teaser: bool = False
    """``<!--noteaser-->``: the single view shows the rest without the teaser."""

    @property
    def content(self) -> str:
        """The full content as the single view shows it, the marker removed."""
        if self.no_teaser:
            return self.rest
        if not self.found:
            return self.teaser
        return self.teaser.rstrip() + "\n\n" + self.rest.lstrip()


def split_more(content: str) -> Split:
    """Split at the first ``<!--more-->``; block-editor ``wp:more`` wrappers are unwrapped."""
    content = _MORE_BLOCK.sub(r"\1", content)
    match = _MORE.search(content)
    if match is None:
        return Split(teaser=content, rest="", more_text=None, found=False)
    text = (match.group(1) or "").strip() or None
    rest = content[match.end() :]
    no_teaser = "<!--noteaser-->" in rest
    rest = rest.replace("<!--noteaser-->", "")
    return Split(
        teaser=content[: match.start()],
        rest=rest,
        more_text=text,
        found=True,
        no_teaser=no_teaser,
    )


def mark_page_breaks(content: str) -> str:
    """Normalize ``<!--nextpage-->`` (and its block form) to one marker on its own line.

    A leading page break is dropped, as WordPress ignores it.
    """
    if "<!--nextpage-->" not in content:
        return content
    content = _NEXTPAGE_BLOCK.sub(PAGE_BREAK, content)
    content = _NEXTPAGE.sub("\n\n" + PAGE_BREAK + "\n\n", content)
    stripped = content.lstrip()
    while stripped.startswith(PAGE_BREAK):
        stripped = stripped[len(PAGE_BREAK) :].lstrip()
    return stripped
