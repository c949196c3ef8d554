"""What each static site generator needs of a Markdown file beyond CommonMark and YAML.

Each generator reads the same front matter a little differently, and runs a template language
over the body: a post about templates (``{{ site.title }}``, ``{% raw %}``) or with LaTeX
aborts a Jekyll or Eleventy build, and ``{{< ... >}}`` in a Hugo post is a shortcode call. And
each has its own word for "do not publish". A :class:`SiteTarget` adapts the front matter and
the body so that the generator, with its defaults and no configuration, builds what the blog
published and nothing else:

- **Hugo**: ``draft: true`` keeps an item out; shortcode delimiters in the body are written as
  Hugo's own escape (``{{</* x */>}}``), which it prints as ``{{< x >}}``.
- **Jekyll**: ``published: false`` (Jekyll ignores ``draft``); ``render_with_liquid: false``
  where the body holds ``{{`` or ``{%``; old addresses as ``redirect_from``
  (jekyll-redirect-from reads it; without the plugin it is ignored).
- **Eleventy**: ``permalink: false`` and ``eleventyExcludeFromCollections: true`` keep an item
  out; ``templateEngineOverride: md`` stops Liquid running over the body.
- **Astro**: content collections: ``draft: true``, for the collection's own filter.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wxrkit.models import Post

__all__ = ["SITES", "SiteTarget"]

_TEMPLATE_MARKS = re.compile(r"\{\{|\{%")
_HUGO_SHORTCODE = re.compile(r"\{\{([<%])(.*?)([>%])\}\}", re.S)


def _published(post: Post) -> bool:
    return post.status == "publish"


def _hugo_body(markdown: str) -> str:
    # {{< x >}} and {{% x %}} are calls; Hugo's escape for writing one as text is a comment
    return _HUGO_SHORTCODE.sub(lambda m: f"{{{{{m[1]}/*{m[2]}*/{m[3]}}}}}", markdown)


def _hugo(fields: dict[str, Any], post: Post, body: str) -> dict[str, Any]:
    return fields  # draft and aliases are Hugo's own words already


def _jekyll(fields: dict[str, Any], post: Post, body: str) -> dict[str, Any]:
    adapted = dict(fields)
    if not _published(post):
        adapted["published"] = False
    if "aliases" in adapted:
        adapted["redirect_from"] = adapted.pop("aliases")
    if _TEMPLATE_MARKS.search(body):
        adapted["render_with_liquid"] = False
    return adapted


def _eleventy(fields: dict[str, Any], post: Post, body: str) -> dict[str, Any]:
    adapted = dict(fields)
    if not _published(post):
        adapted["permalink"] = False
        adapted["eleventyExcludeFromCollections"] = True
    # Markdown alone, no template language over it: whatever the body holds, it is text.
    adapted["templateEngineOverride"] = "md"
    return adapted


def _astro(fields: dict[str, Any], post: Post, body: str) -> dict[str, Any]:
    return fields


@dataclass(frozen=True, slots=True)
class SiteTarget:
    """One generator: its name, the layout its content folder expects, and how the front
    matter and the body are adapted for it."""

    name: str
    layout: str
    adapt_fields: Callable[[dict[str, Any], Post, str], dict[str, Any]]
    adapt_body: Callable[[str], str] = str


SITES: dict[str, SiteTarget] = {
    "hugo": SiteTarget("hugo", "bundle", _hugo, _hugo_body),
    "jekyll": SiteTarget("jekyll", "jekyll", _jekyll),
    "eleventy": SiteTarget("eleventy", "type", _eleventy),
    "astro": SiteTarget("astro", "type", _astro),
}
"""The generators ``--site`` knows, by name."""
