"""Where each post's file goes: the layouts static site generators expect."""

from __future__ import annotations

import re
from collections.abc import Callable

from wxrkit.models import Post
from wxrkit.output.names import UniqueNames, safe_name

__all__ = ["LAYOUTS", "Layout"]

_SECTIONS = {"post": "posts", "page": "pages"}


_NOT_WORD = re.compile(r"[\W_]+")


def _stem(post: Post) -> str:
    """The slug; for a post without one (drafts), its title made slug-like; else type-id."""
    fallback = safe_name(f"{post.type}-{post.id}" if post.id is not None else post.type, "untitled")
    if post.slug:
        return safe_name(post.slug, fallback)
    return safe_name(_NOT_WORD.sub("-", post.title.casefold()), fallback)


def _section(post: Post) -> str:
    return safe_name(_SECTIONS.get(post.type, post.type), "other")


def _date_folder(post: Post) -> str:
    when = post.published
    return f"{when:%Y}/{when:%m}" if when is not None else "undated"


Placer = Callable[[Post, str, UniqueNames], str]


def _flat(post: Post, extension: str, names: UniqueNames) -> str:
    return names.claim("", _stem(post), extension)


def _by_type(post: Post, extension: str, names: UniqueNames) -> str:
    return names.claim(_section(post), _stem(post), extension)


def _by_date(post: Post, extension: str, names: UniqueNames) -> str:
    return names.claim(_date_folder(post), _stem(post), extension)


def _bundle(post: Post, extension: str, names: UniqueNames) -> str:
    folder = names.claim(_section(post), _stem(post), "")
    return f"{folder}/index{extension}"


def _jekyll(post: Post, extension: str, names: UniqueNames) -> str:
    if post.type != "post":
        return names.claim(_section(post), _stem(post), extension)
    if post.status != "publish" or post.published is None:
        return names.claim("_drafts", _stem(post), extension)
    return names.claim("_posts", f"{post.published:%Y-%m-%d}-{_stem(post)}", extension)


LAYOUTS: dict[str, Placer] = {
    "flat": _flat,
    "type": _by_type,
    "date": _by_date,
    "bundle": _bundle,
    "jekyll": _jekyll,
}
"""``flat``: ``slug.md``; ``type``: ``posts/``, ``pages/``, ``<type>/``; ``date``: ``YYYY/MM/``;
``bundle``: ``<section>/slug/index.md`` (Hugo, Astro); ``jekyll``: ``_posts/YYYY-MM-DD-slug.md``
and unpublished posts in ``_drafts/``."""


class Layout:
    """Assigns each post a relative path, unique within the run, in the order posts come."""

    def __init__(self, name: str, extension: str, names: UniqueNames | None = None) -> None:
        if name not in LAYOUTS:
            raise ValueError(f"unknown layout {name!r}; known: {', '.join(LAYOUTS)}")
        self._place = LAYOUTS[name]
        self._extension = extension
        self._names = names if names is not None else UniqueNames()

    def path(self, post: Post) -> str:
        """The post's path relative to the output folder, with ``/`` separators."""
        return self._place(post, self._extension, self._names)
