"""Linking attachments to the posts that use them, once every item of an export is known."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from wxrkit.models import Attachment, Post

__all__ = ["attachment_of", "link_attachments"]


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


def link_attachments(posts: Sequence[Post], extra: Iterable[Post] = ()) -> list[Post]:
    """``posts`` with ``featured_image`` and ``attachments`` filled in.

    ``extra`` are attachment posts from elsewhere (other parts of a split export) that may be
    referenced too. Where two attachments share an id, the first one wins.
    """
    by_id: dict[int, Attachment] = {}
    by_parent: dict[int, list[Attachment]] = {}
    for post in (*posts, *extra):
        if post.type != "attachment" or post.id is None or post.id in by_id:
            continue
        attachment = attachment_of(post)
        by_id[post.id] = attachment
        if post.parent_id is not None:
            by_parent.setdefault(post.parent_id, []).append(attachment)
    linked: list[Post] = []
    for post in posts:
        featured = by_id.get(post.featured_image_id) if post.featured_image_id else None
        children = by_parent.get(post.id, ()) if post.id is not None else ()
        if featured is not None or children:
            post = dataclasses.replace(post, featured_image=featured, attachments=tuple(children))
        linked.append(post)
    return linked
