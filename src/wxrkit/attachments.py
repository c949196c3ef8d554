"""Attachments and the posts that use them: one index, for the reader, the cleaner and the CLI.

An attachment post becomes an :class:`~wxrkit.models.Attachment`; the index finds one by id
(featured images, ``[gallery ids=...]``) and by parent (a post's own attachments). Where two
attachments share an id, the first one wins.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from wxrkit.models import Attachment, Post

__all__ = [
    "AttachmentIndex",
    "attachment_of",
    "index_attachments",
    "link_attachments",
    "link_post",
]


def attachment_of(post: Post) -> Attachment:
    """The :class:`Attachment` view of an ``attachment`` post."""
    alt = post.get_meta("_wp_attachment_image_alt")
    attached = post.get_meta("_wp_attached_file")
    return Attachment(
        id=post.id,
        url=post.attachment_url or post.guid,
        title=post.title,
        caption=post.excerpt,
        description=post.content_raw,
        alt=alt.raw if alt is not None else None,
        file=attached.raw if attached is not None else None,
        parent_id=post.parent_id,
    )


@dataclass(slots=True)
class AttachmentIndex:
    """The attachments of one export (or of all parts of a split one)."""

    by_id: dict[int, Attachment] = field(default_factory=dict)
    by_parent: dict[int, tuple[Attachment, ...]] = field(default_factory=dict)

    def link(self, post: Post) -> Post:
        """``post`` with its featured image and attachments filled in, where any are known."""
        return link_post(post, self.by_id, lambda parent: self.by_parent.get(parent, ()))


def link_post(
    post: Post,
    by_id: Mapping[int, Attachment],
    children: Callable[[int], tuple[Attachment, ...]],
) -> Post:
    """``post`` with its featured image (looked up in ``by_id``) and its own attachments
    (``children`` of its id) filled in, where any are known; any index can supply them."""
    featured = by_id.get(post.featured_image_id) if post.featured_image_id else None
    attached = children(post.id) if post.id is not None else ()
    if featured is None and not attached:
        return post
    return dataclasses.replace(post, featured_image=featured, attachments=attached)


def index_attachments(posts: Iterable[Post]) -> AttachmentIndex:
    """Index the attachment posts among ``posts`` (other posts are passed over); streams."""
    by_id: dict[int, Attachment] = {}
    by_parent: dict[int, list[Attachment]] = {}
    for post in posts:
        if post.type != "attachment" or post.id is None or post.id in by_id:
            continue
        attachment = attachment_of(post)
        by_id[post.id] = attachment
        if post.parent_id is not None:
            by_parent.setdefault(post.parent_id, []).append(attachment)
    return AttachmentIndex(by_id, {parent: tuple(items) for parent, items in by_parent.items()})


def link_attachments(posts: Sequence[Post]) -> list[Post]:
    """``posts`` with ``featured_image`` and ``attachments`` filled in."""
    index = index_attachments(posts)
    return [index.link(post) for post in posts]
