"""Which items of an export are written: content by default, everything with ``--all``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import NamedTuple

from wxrkit.models import Post
from wxrkit.urls import split_url

__all__ = ["INTERNAL_TYPES", "Holding", "Holdings", "Selection"]

INTERNAL_TYPES = frozenset(
    {
        "attachment",
        "nav_menu_item",
        "revision",
        "wp_block",
        "wp_template",
        "wp_template_part",
        "wp_global_styles",
        "wp_navigation",
        "wp_font_family",
        "wp_font_face",
        "custom_css",
        "customize_changeset",
        "oembed_cache",
        "user_request",
        "amp_validated_url",
        "scheduled-action",
    }
)
"""Post types that hold site machinery rather than content; written only with ``--all``."""

_HIDDEN_STATUSES = frozenset({"trash", "auto-draft"})


def _without_public_address(post: Post) -> bool:
    """A custom type whose items WordPress links only as ``/?post_type=...&p=N``: no public
    page of its own (Contact Form 7's forms, a map plugin's markers), so not content. Public
    custom types (products, recipes) have addresses of their own."""
    if post.type in ("post", "page") or not post.url:
        return False
    return "post_type=" in split_url(post.url).query


def _published(post: Post) -> datetime | None:
    """When the post was published, comparable with any other: a time without a zone (a
    page's byline, an export's local time without its GMT twin) is taken as UTC."""
    when = post.published_gmt or post.published
    if when is not None and when.tzinfo is None:
        return when.replace(tzinfo=timezone.utc)
    return when


@dataclass(frozen=True, slots=True, kw_only=True)
class Selection:
    """The filters of one conversion; :meth:`reason` says why a post is left out."""

    everything: bool = False
    types: Collection[str] = field(default_factory=frozenset)
    statuses: Collection[str] = field(default_factory=frozenset)
    authors: Collection[str] = field(default_factory=frozenset)
    since: datetime | None = None
    until: datetime | None = None

    def reason(self, post: Post) -> str | None:  # noqa: PLR0911 - one return per filter, in the order the summary lists them
        """None when the post is written, else why not (for the summary)."""
        if self.types and post.type not in self.types:
            return "not a selected --type"
        if self.statuses and post.status not in self.statuses:
            return "not a selected --status"
        if not self.everything and not self.types and post.type in INTERNAL_TYPES:
            return f"internal type {post.type} (use --all or --type)"
        if not self.everything and not self.types and _without_public_address(post):
            return f"type {post.type} with no public address, a plugin's (use --all or --type)"
        if not self.everything and not self.statuses and post.status in _HIDDEN_STATUSES:
            return f"status {post.status} (use --all or --status)"
        if self.authors and (post.author is None or post.author.login not in self.authors):
            return "not by a selected --author"
        when = _published(post)
        if self.since is not None and (when is None or when < self.since):
            return "before --since"
        if self.until is not None and (when is None or when > self.until):
            return "after --until"
        return None

    @property
    def filters(self) -> bool:
        """Whether any filter was given (``--all`` is none: it widens)."""
        return bool(self.types or self.statuses or self.authors or self.since or self.until)

    def warnings(self, holdings: Holdings, selected: int) -> list[str]:
        """What a user who filtered should hear: a value that matches no item of the inputs,
        and a selection that matched nothing, each with what the inputs do hold."""
        found: list[str] = []
        for option, wanted, held in (
            ("--type", self.types, holdings.types),
            ("--status", self.statuses, holdings.statuses),
            ("--author", self.authors, holdings.authors),
        ):
            missing = sorted(set(wanted) - set(held))
            if missing:
                found.append(
                    f"{option} {', '.join(missing)} matches no item; the inputs hold {_tally(held)}"
                )
        if self.filters and selected == 0 and holdings.items:
            found.append(
                f"the filters selected none of the {holdings.items} items read; the inputs "
                f"hold {holdings.describe()}"
            )
        return found


def _tally(counts: Counter[str]) -> str:
    return ", ".join(f"{name} ({count})" for name, count in counts.most_common()) or "none"


class Holding(NamedTuple):
    """What :class:`Holdings` counts of one item (a tuple: one per item crosses from the
    worker that read it)."""

    type: str
    status: str
    author: str | None
    published: datetime | None

    @staticmethod
    def of(post: Post) -> Holding:
        login = post.author.login if post.author is not None else None
        return Holding(post.type, post.status, login or None, _published(post))


@dataclass(slots=True)
class Holdings:
    """What the inputs hold, item by item read: what filters can be told to choose from."""

    items: int = 0
    types: Counter[str] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)
    authors: Counter[str] = field(default_factory=Counter)
    first: datetime | None = None
    last: datetime | None = None

    def note(self, post: Post) -> None:
        self.add(Holding.of(post))

    def add(self, holding: Holding) -> None:
        self.items += 1
        self.types[holding.type] += 1
        self.statuses[holding.status] += 1
        if holding.author:
            self.authors[holding.author] += 1
        when = holding.published
        if when is not None:
            self.first = when if self.first is None else min(self.first, when)
            self.last = when if self.last is None else max(self.last, when)

    def describe(self) -> str:
        """``types: post (12), page (3); statuses: ...; authors: ...; published ... to ...``"""
        parts = [
            f"types: {_tally(self.types)}",
            f"statuses: {_tally(self.statuses)}",
            f"authors: {_tally(self.authors)}",
        ]
        if self.first is not None and self.last is not None:
            parts.append(f"published {self.first.date()} to {self.last.date()}")
        return "; ".join(parts)
