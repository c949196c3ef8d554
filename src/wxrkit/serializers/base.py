"""The one small interface every serializer has, and the registry that names them."""

from __future__ import annotations

import dataclasses
import functools
import re
import warnings
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from wxrkit.clean import Cleaner
from wxrkit.models import CommentForm, Export, Post

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


_Post = Callable[..., str]


def utf8_safe(method: _Post) -> _Post:
    """Make a serializer's ``post`` write valid UTF-8 for a post that holds lone surrogates.

    No UTF-8 text can hold a lone surrogate. The readers replace and report them; only a model
    built by hand (from ``json.loads('"\\ud800"')``, say) still carries one. Such a post is
    serialized again with each one replaced by U+FFFD, and a ``UnicodeWarning`` says so; the
    check costs one encoding of the document.
    """

    @functools.wraps(method)
    def post(self: Serializer, post: Post, **options: Any) -> str:
        try:
            document = method(self, post, **options)
            document.encode("utf-8")
            return document
        except UnicodeEncodeError as error:
            if "surrogates" not in str(error.reason):
                raise
        warnings.warn(
            f"post {post.id}: lone surrogates (no UTF-8 can hold them) were replaced by U+FFFD",
            UnicodeWarning,
            stacklevel=2,
        )
        form = options.get("comment_form")
        if form is not None:
            options["comment_form"] = _without_surrogates(form)
        return method(self, _without_surrogates(post), **options)

    return post


class Serializer(ABC):
    """Turns posts (and whole exports) into text of one format."""

    name: str = ""
    """The registry name, e.g. ``markdown``."""
    extension: str = ""
    """The file extension of one post's document, e.g. ``.md``."""

    @abstractmethod
    def post(
        self,
        post: Post,
        *,
        cleaner: Cleaner | None = None,
        comment_form: CommentForm | None = None,
    ) -> str:
        """One post as a document of this format; ``comment_form`` is a scraped page's form,
        for the formats that keep it (JSON)."""

    def posts(self, posts: Iterable[Post], *, cleaner: Cleaner | None = None) -> Iterable[str]:
        """Each post as its own document, lazily (for streaming exports)."""
        cleaner = cleaner or Cleaner()
        for post in posts:
            yield self.post(post, cleaner=cleaner)

    def export(self, export: Export) -> str:
        """A whole export as one text: by default the posts one after another."""
        cleaner = Cleaner.for_export(export)
        return "\n".join(self.posts(export.posts, cleaner=cleaner))


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
