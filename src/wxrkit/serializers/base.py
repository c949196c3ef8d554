"""The one small interface every serializer has, and the registry that names them."""

from __future__ import annotations

import dataclasses
import functools
import re
import warnings
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from wxrkit.clean import CleanContent, Cleaner
from wxrkit.errors import LoneSurrogateWarning
from wxrkit.models import Export, Post, ScrapedPage

__all__ = [
    "Serializer",
    "get_serializer",
    "register_serializer",
    "serializer_names",
    "utf8_safe",
]

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_Value = TypeVar("_Value")


def _without_surrogates(value: _Value) -> _Value:
    """``value`` (a model, or a string or tuple in one) with lone surrogates as U+FFFD."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)  # type: ignore[return-value]
    if isinstance(value, tuple):
        return tuple(_without_surrogates(item) for item in value)  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _without_surrogates(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.init
        }
        return dataclasses.replace(value, **changes)
    return value


_Render = Callable[..., str]


def utf8_safe(method: _Render) -> _Render:
    """Make a serializer's ``render`` write valid UTF-8 for a post that holds lone surrogates.

    No UTF-8 text can hold a lone surrogate. The readers replace and report them; only a model
    built by hand (from ``json.loads('"\\ud800"')``, say) still carries one. Such a post is
    rendered again with each one replaced by U+FFFD, and a :class:`LoneSurrogateWarning` says
    so; the check costs one encoding of the document.
    """

    @functools.wraps(method)
    def render(self: Serializer, *values: Any) -> str:
        try:
            document: str = method(self, *values)
            document.encode("utf-8")
            return document
        except UnicodeEncodeError as error:
            if "surrogates" not in str(error.reason):
                raise
        post = getattr(values[0], "post", values[0])  # a post, or the page that holds it
        warnings.warn(
            f"post {post.id}: lone surrogates (no UTF-8 can hold them) were replaced by U+FFFD",
            LoneSurrogateWarning,
            stacklevel=2,
        )
        return method(self, *map(_without_surrogates, values))

    return render


class Serializer(ABC):
    """Turns a post and its clean content into text of one format.

    Cleaning is the caller's step, done once: ``render(post, cleaner.post(post))``. ``post``
    does both, with a default :class:`~wxrkit.clean.Cleaner` unless one is given.
    """

    name: str = ""
    """The registry name, e.g. ``markdown``."""
    extension: str = ""
    """The file extension of one post's document, e.g. ``.md``."""
    separator: str = "\n"
    """What goes between two documents written one after the other to one stream."""

    @abstractmethod
    def render(self, post: Post, clean: CleanContent) -> str:
        """``post`` as a document of this format, with ``clean`` as its body."""

    def render_page(self, page: ScrapedPage, clean: CleanContent) -> str:
        """A scraped page's post; a format that keeps what only a page has (its comment form)
        overrides this."""
        return self.render(page.post, clean)

    def post(self, post: Post, *, cleaner: Cleaner | None = None) -> str:
        """``post`` cleaned (by ``cleaner``, else a default one) and rendered."""
        return self.render(post, (cleaner or Cleaner()).post(post))

    def page(self, page: ScrapedPage, *, cleaner: Cleaner | None = None) -> str:
        """A scraped page cleaned (by ``cleaner``, else a default one) and rendered."""
        return self.render_page(page, (cleaner or Cleaner()).post(page.post))

    def posts(self, posts: Iterable[Post], *, cleaner: Cleaner | None = None) -> Iterable[str]:
        """Each post as its own document, lazily (for streaming exports)."""
        cleaner = cleaner or Cleaner()
        for post in posts:
            yield self.render(post, cleaner.post(post))

    def export(self, export: Export) -> str:
        """A whole export as one text: its posts' documents one after the other."""
        cleaner = Cleaner.for_export(export)
        return self.separator.join(self.posts(export.posts, cleaner=cleaner))


_REGISTRY: dict[str, Serializer] = {}


def register_serializer(serializer: Serializer) -> None:
    """Make ``serializer`` available by its name."""
    if not serializer.name:
        raise ValueError("a serializer needs a name")
    _REGISTRY[serializer.name] = serializer


def get_serializer(name: str) -> Serializer:
    """The serializer registered as ``name`` (``json``, ``markdown``, ``text``, ...)."""
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise ValueError(f"no serializer named {name!r}; known: {known}") from None


def serializer_names() -> tuple[str, ...]:
    """The registered names, sorted."""
    return tuple(sorted(_REGISTRY))
