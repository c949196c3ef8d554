"""The one small interface every serializer has, and the registry that names them."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable

from wxrkit.clean import Cleaner
from wxrkit.models import CommentForm, Export, Post

__all__ = ["Serializer", "get_serializer", "register_serializer", "serializer_names"]


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
