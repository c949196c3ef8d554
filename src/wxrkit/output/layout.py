"""Where each post's file goes: the layouts static site generators expect."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from wxrkit.models import Post
from wxrkit.output.names import UniqueNames, safe_name

__all__ = ["LAYOUTS", "Claim", "Layout"]

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


class Claim(NamedTuple):
    """The name a post asks for: ``folder/stem.ext``, made unique where taken, then
    ``inside`` (``/index.md`` for a bundle). A tuple: one per post crosses from a worker."""

    folder: str
    stem: str
    extension: str
    inside: str = ""


Placer = Callable[[Post, str], Claim]


def _flat(post: Post, extension: str) -> Claim:
    return Claim("", _stem(post), extension)


def _by_type(post: Post, extension: str) -> Claim:
    return Claim(_section(post), _stem(post), extension)


def _by_date(post: Post, extension: str) -> Claim:
    return Claim(_date_folder(post), _stem(post), extension)


def _bundle(post: Post, extension: str) -> Claim:
    return Claim(_section(post), _stem(post), "", f"/index{extension}")


def _jekyll(post: Post, extension: str) -> Claim:
    if post.type != "post":
        return Claim(_section(post), _stem(post), extension)
    if post.status != "publish" or post.published is None:
        return Claim("_drafts", _stem(post), extension)
    return Claim("_posts", f"{post.published:%Y-%m-%d}-{_stem(post)}", extension)


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
    """Assigns each post a relative path, unique within the run, in the order posts come.

    A path is the post's :meth:`claim` (which any process can work out from the post alone)
    made unique by :meth:`place` (in the one process that hands out names, in order)."""

    def __init__(self, name: str, extension: str, names: UniqueNames | None = None) -> None:
        if name not in LAYOUTS:
            raise ValueError(f"unknown layout {name!r}; known: {', '.join(LAYOUTS)}")
        self.name = name
        self.extension = extension
        self._place = LAYOUTS[name]
        self._names = names if names is not None else UniqueNames()

    def claim(self, post: Post) -> Claim:
        """The name the post asks for."""
        return self._place(post, self.extension)

    def place(self, claim: Claim) -> str:
        """The path for ``claim``, unique among those placed so far."""
        return self._names.claim(claim.folder, claim.stem, claim.extension) + claim.inside

    def path(self, post: Post) -> str:
        """The post's path relative to the output folder, with ``/`` separators."""
        return self.place(self.claim(post))
