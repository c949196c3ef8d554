"""One conversion run: inputs in, files (or standard output) out, and a summary of it all.

Inputs are exports, saved HTML pages and plain-text scrapes, in any mix (see
:mod:`wxrkit.output.sources`); a page is one post, cleaned without the steps meant for stored
content (wpautop, shortcodes, blocks: its HTML is already rendered).

Two passes over the exports: the first collects the attachments and reusable blocks of every
part (so a post's featured image or gallery resolves even when its attachment is in another
part of a split export), the second streams the posts, selects, cleans, serializes and writes
them. With ``jobs > 1`` cleaning and serializing run in worker processes while paths are
assigned and files written here, in input order, so the output is the same as with one job.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from wxrkit.attachments import AttachmentIndex, index_attachments
from wxrkit.clean import Cleaner
from wxrkit.errors import Diagnostic, WxrkitError
from wxrkit.models import Attachment, Post
from wxrkit.output.layout import Layout
from wxrkit.output.select import Selection
from wxrkit.output.sources import SourceKind, kind_of, read_page
from wxrkit.output.writer import OutputFolder
from wxrkit.serializers import Serializer, get_serializer
from wxrkit.wxr import WxrReader

__all__ = ["PAGE_STEPS", "Summary", "convert"]

Source = Path | BinaryIO


@dataclass(slots=True)
class Summary:
    """What a run did; :meth:`to_json` is the ``--report`` document."""

    inputs: list[str] = field(default_factory=list)
    written: Counter[str] = field(default_factory=Counter)
    """Posts written, by ``type/status``."""
    unchanged: int = 0
    """Files that already held exactly the new content."""
    skipped: Counter[str] = field(default_factory=Counter)
    """Items not written, by reason."""
    comments: Counter[str] = field(default_factory=Counter)
    """Comments of the written posts, by type."""
    items: int = 0
    """Items read, over all inputs."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    """Inputs that could not be read to the end, each with where and why; the items before
    the point of failure are written all the same."""

    def to_json(self) -> dict[str, Any]:
        return {
            "inputs": self.inputs,
            "items_read": self.items,
            "written": dict(sorted(self.written.items())),
            "written_total": sum(self.written.values()),
            "unchanged_files": self.unchanged,
            "skipped": dict(sorted(self.skipped.items())),
            "comments": dict(sorted(self.comments.items())),
            "diagnostics": [
                {
                    "code": d.code,
                    "message": d.message,
                    "source": d.source,
                    "line": d.line,
                    "column": d.column,
                    "count": d.count,
                }
                for d in self.diagnostics
            ],
            "files": self.files,
            "failures": self.failures,
        }


def _index(sources: Sequence[Source], strict: bool) -> tuple[AttachmentIndex, dict[int, str]]:
    """The first pass: attachments and reusable blocks of every part of an export."""
    reusable: dict[int, str] = {}

    def every_post() -> Iterator[Post]:
        for source in sources:
            try:
                with WxrReader(source, strict=strict) as reader:
                    for post in reader:
                        if post.type == "wp_block" and post.id is not None:
                            reusable.setdefault(post.id, post.content_raw)
                        yield post
            except WxrkitError:
                continue  # the second pass reads up to the same point and reports it

    return index_attachments(every_post()), reusable


_WINDOW = 64
"""Posts in flight per worker process."""

# Worker state, set once per process by _start_worker.
_WORKER: dict[str, Any] = {}


PAGE_STEPS = ("depth", "boilerplate")
"""Cleaning steps for a scraped page's post: its HTML is rendered already."""


def _start_worker(to: str, attachments: dict[int, Attachment], reusable: dict[int, str]) -> None:
    _WORKER["serializer"] = get_serializer(to)
    _WORKER["cleaner"] = Cleaner(attachments=attachments, reusable=reusable)
    _WORKER["page_cleaner"] = Cleaner(steps=PAGE_STEPS)


def _render(item: tuple[Post, bool]) -> bytes:
    post, from_page = item
    serializer: Serializer = _WORKER["serializer"]
    cleaner = _WORKER["page_cleaner"] if from_page else _WORKER["cleaner"]
    return serializer.post(post, cleaner=cleaner).encode("utf-8")


def convert(
    sources: Sequence[Source],
    *,
    out: Path | None,
    to: str = "markdown",
    layout: str = "flat",
    selection: Selection | None = None,
    strict: bool = False,
    force: bool = False,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    stdout: BinaryIO | None = None,
) -> Summary:
    """Convert exports and pages (``sources``) into ``out`` (a folder), or to ``stdout`` when
    ``out`` is None."""
    selection = selection or Selection()
    serializer = get_serializer(to)
    summary = Summary(inputs=[getattr(s, "name", str(s)) for s in sources])
    kinds: list[SourceKind] = [kind_of(source) for source in sources]
    exports = [source for source, kind in zip(sources, kinds, strict=True) if kind == "wxr"]
    rereadable = all(isinstance(source, Path) for source in exports)
    index, reusable = _index(exports, strict) if rereadable else (AttachmentIndex(), {})
    attachments = index.by_id
    folder = OutputFolder(out, force=force) if out is not None else None
    paths = Layout(layout, serializer.extension)
    sink = stdout if stdout is not None else sys.stdout.buffer

    def chosen(post: Post) -> bool:
        summary.items += 1
        if progress is not None:
            progress(1)
        reason = selection.reason(post)
        if reason is not None:
            summary.skipped[reason] += 1
        return reason is None

    def selected() -> Iterator[tuple[Post, bool]]:
        for source, kind in zip(sources, kinds, strict=True):
            # An input that fails part-way (a truncated export) keeps what came before the
            # failure and the run goes on with the next input; the failure is reported.
            try:
                if kind != "wxr":
                    page = read_page(source, kind)
                    summary.diagnostics.extend(page.diagnostics)
                    if chosen(page.post):
                        yield page.post, True
                    continue
                reader = WxrReader(source, strict=strict)
                try:
                    with reader:
                        for post in reader:
                            if chosen(post):
                                yield index.link(post), False
                finally:
                    summary.diagnostics.extend(reader.diagnostics)
            except WxrkitError as error:
                summary.failures.append(str(error))

    def emit(post: Post, data: bytes) -> None:
        summary.written[f"{post.type}/{post.status}"] += 1
        for comment in post.comments:
            summary.comments[comment.type] += 1
        if folder is None:
            sink.write(data)
            if to != "json":
                sink.write(b"\n")
            return
        relative = paths.path(post)
        if not folder.write(relative, data):
            summary.unchanged += 1
        summary.files.append(relative)

    _start_worker(to, attachments, reusable)
    try:
        if jobs <= 1:
            for item in selected():
                emit(item[0], _render(item))
        else:
            context = multiprocessing.get_context("spawn" if sys.platform == "darwin" else "fork")
            # Posts go out and come back in order; the semaphore keeps a bounded number in
            # flight, so a 1 GB export is never queued whole.
            in_flight: deque[Post] = deque()
            window = threading.Semaphore(_WINDOW * jobs)
            stopping = threading.Event()

            def feed() -> Iterator[tuple[Post, bool]]:
                for item in selected():
                    window.acquire()
                    if stopping.is_set():
                        return
                    in_flight.append(item[0])
                    yield item

            with context.Pool(jobs, _start_worker, (to, attachments, reusable)) as pool:
                try:
                    for data in pool.imap(_render, feed(), chunksize=8):
                        post = in_flight.popleft()
                        window.release()
                        emit(post, data)
                finally:
                    # Unblock the feeding thread, or terminating the pool would wait for it.
                    stopping.set()
                    for _ in range(_WINDOW * jobs):
                        window.release()
    finally:
        if folder is not None:
            folder.close()
    return summary
