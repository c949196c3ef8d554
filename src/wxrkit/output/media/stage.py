"""The media stage of a run: what to store (gathered during the first pass over the exports),
stored before the posts are written, and the links the workers rewrite references with."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from wxrkit.models import Post, Site
from wxrkit.output.media.archive import MediaRecord, archive_media
from wxrkit.output.media.fetch import Downloader, FetchSettings
from wxrkit.output.media.local import LocalUploads
from wxrkit.output.media.references import MediaHosts, Reference, urls_in
from wxrkit.output.media.rewrite import MediaLinks
from wxrkit.output.select import Selection
from wxrkit.output.writer import OutputFolder

__all__ = ["MediaOptions", "MediaPlanner", "store_media"]


@dataclass(frozen=True, slots=True, kw_only=True)
class MediaOptions:
    """``--media download`` (``copy_from`` None) or ``--media-from PATH`` and their options."""

    copy_from: Path | None = None
    """A local copy of the uploads folder, or a zip of it: no network at all."""
    hosts: Collection[str] = ()
    """Hosts whose files are the blog's too (``--media-host``)."""
    timeout: float = 30.0
    max_size: int = 100_000_000
    allow_private_addresses: bool = False
    progress: Callable[[int, int], None] | None = None
    """Called with 1 and the bytes stored, for each medium done."""
    total: Callable[[int], None] | None = None
    """Called once with the number of media, before the first is fetched."""


class MediaPlanner:
    """Gathers, item by item, the media of the exports: every attachment, and what the bodies
    and excerpts of the selected items reference on the blog's own hosts."""

    def __init__(self, options: MediaOptions, selection: Selection) -> None:
        self.hosts = MediaHosts()
        self.hosts.add_hosts(options.hosts)
        self._selection = selection
        self._attachments: dict[str, None] = {}
        self._referenced: dict[str, None] = {}

    def site(self, site: Site) -> None:
        self.hosts.add_site(site.base_blog_url, site.link, site.base_site_url)

    def item(self, post: Post) -> None:
        self.hosts.add_site(post.url)
        if post.type == "attachment":
            url = post.attachment_url or post.guid
            if url:
                self._attachments.setdefault(url, None)
            return
        if self._selection.reason(post) is not None:
            return
        for text in (post.content_raw, post.excerpt):
            for url in urls_in(text):
                self._referenced.setdefault(url, None)

    def plan(self) -> list[Reference]:
        """One reference per medium, attachments first (a variant's original is known before
        the variant is met), each in the order the exports hold them."""
        attachments = [
            reference
            for url in self._attachments
            if (reference := self.hosts.reference(url, attachment=True)) is not None
        ]
        self.hosts.originals.update(reference.key for reference in attachments)
        found: dict[str, Reference] = {}
        for reference in attachments:
            found.setdefault(reference.key, reference)
        for url in self._referenced:
            reference = self.hosts.reference(url)
            if reference is not None:
                found.setdefault(reference.key, reference)
        return list(found.values())


def store_media(
    options: MediaOptions, planner: MediaPlanner, folder: OutputFolder, scratch: Path
) -> tuple[MediaLinks, list[MediaRecord]]:
    """Store the planned media in ``folder``; the links for the workers, and the records."""
    plan = planner.plan()
    if options.total is not None:
        options.total(len(plan))
    if options.copy_from is not None:
        source: Downloader | LocalUploads = LocalUploads(options.copy_from, options.max_size)
    else:
        source = Downloader(
            planner.hosts,
            FetchSettings(
                timeout=options.timeout,
                max_size=options.max_size,
                allow_private=options.allow_private_addresses,
            ),
        )
    try:
        stored, records = archive_media(plan, source, folder, scratch, options.progress)
    finally:
        source.close()
    return MediaLinks(planner.hosts, stored), records
