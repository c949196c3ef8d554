"""``convert``'s first pass: what posts need from other items of their export.

A post's featured image and gallery name attachments, and a block may embed a reusable block
(``wp_block``); in a split export these may be in another part. So the attachments and
reusable blocks of every part are read before any post is written; every other item is
passed over unbuilt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from wxrkit.output.attachment_store import AttachmentStore
from wxrkit.output.media.stage import MediaPlanner
from wxrkit.output.ranged import RangePlan, index_planned
from wxrkit.wxr import WxrReader

__all__ = ["ExportIndex", "index_exports"]

_INDEXED_TYPES = ("attachment", "wp_block")


@dataclass(frozen=True, slots=True)
class ExportIndex:
    """The attachments (on disk) and reusable blocks (their stored content, by id) of a
    run's exports."""

    attachments: AttachmentStore
    reusable: dict[int, str]

    def close(self) -> None:
        self.attachments.close()


def index_exports(
    exports: Sequence[tuple[Path, str, RangePlan | None]],
    scratch: Path,
    *,
    strict: bool,
    media: MediaPlanner | None = None,
) -> tuple[ExportIndex, list[RangePlan]]:
    """The index of ``exports`` (each a path, the name messages give it, and its plan when
    it is read in ranges), its attachment store in the folder ``scratch``; ``media``, when
    given, sees every item (and the pass builds them all). Also returns the plans whose
    exports' attachments could not be read apart (they are read whole)."""
    attachments = AttachmentStore(scratch)
    reusable: dict[int, str] = {}
    types = None if media is not None else _INDEXED_TYPES
    unplanned = []
    for path, label, plan in exports:
        if plan is not None:
            # the byte scan found them: only they are parsed
            if index_planned(plan, attachments, reusable):
                continue
            unplanned.append(plan)
        try:
            with WxrReader(path, strict=strict, types=types, name=label) as reader:
                for post in reader:
                    if post.type == "wp_block" and post.id is not None:
                        reusable.setdefault(post.id, post.content_raw)
                    attachments.add(post)
                    if media is not None:
                        media.item(post)
                if media is not None:
                    media.site(reader.site)
        except Exception:
            continue  # the second pass reads it again, and reports the failure where it is
    attachments.commit()
    return ExportIndex(attachments, reusable), unplanned
