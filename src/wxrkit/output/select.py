"""Which items of an export are written: content by default, everything with ``--all``."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime

from wxrkit.models import Post

__all__ = ["INTERNAL_TYPES", "Selection"]

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


@dataclass(frozen=True, slots=True, kw_only=True)
class Selection:
    """The filters of one conversion; :meth:`reason` says why a post is left out."""

    everything: bool = False
    types: Collection[str] = field(default_factory=frozenset)
    statuses: Collection[str] = field(default_factory=frozenset)
    authors: Collection[str] = field(default_factory=frozenset)
    since: datetime | None = None
    until: datetime | None = None

    def reason(self, post: Post) -> str | None:
        """None when the post is written, else why not (for the summary)."""
        if self.types and post.type not in self.types:
            return "not a selected --type"
        if self.statuses and post.status not in self.statuses:
            return "not a selected --status"
        if not self.everything and not self.types and post.type in INTERNAL_TYPES:
            return f"internal type {post.type} (use --all or --type)"
        if not self.everything and not self.statuses and post.status in _HIDDEN_STATUSES:
            return f"status {post.status} (use --all or --status)"
        if self.authors and (post.author is None or post.author.login not in self.authors):
            return "not by a selected --author"
        when = post.published_gmt or post.published
        if self.since is not None and (when is None or when < self.since):
            return "before --since"
        if self.until is not None and (when is None or when > self.until):
            return "after --until"
        return None
