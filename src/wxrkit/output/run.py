"""One conversion run: inputs in, files (or standard output) out, and a summary of it all.

Inputs are exports, saved HTML pages and plain-text scrapes, in any mix (see
:mod:`wxrkit.output.sources`); a page is one post, cleaned without the steps meant for stored
content (wpautop, shortcodes, blocks: its HTML is already rendered).

Two passes over the exports: the first builds only the attachments and reusable blocks of
every part (so a post's featured image or gallery resolves even when its attachment is in
another part of a split export), the second streams the posts, selects, cleans, serializes and
writes them. Paths are assigned here, in input order; with ``jobs > 1`` cleaning, serializing
and writing run in worker processes, so the output is the same as with one job. The byte
census that accounts for every item (:func:`_seen`) runs in a process of its own then, beside
the first pass. An export from standard input is copied to the run's temporary folder first,
and read as a file.
"""

from __future__ import annotations

import ctypes
import json
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, BinaryIO

from wxrkit.clean import Cleaner
from wxrkit.errors import Diagnostic, WxrkitError
from wxrkit.models import Attachment, Post, ScrapedPage
from wxrkit.output.attachment_store import AttachmentStore
from wxrkit.output.layout import Layout
from wxrkit.output.ledger import TakenNames
from wxrkit.output.names import UniqueNames
from wxrkit.output.select import Selection
from wxrkit.output.sources import SourceKind, kind_of, read_page
from wxrkit.output.writer import FileWriter, OutputFolder, Written
from wxrkit.serializers import Serializer, get_serializer
from wxrkit.wxr import WxrReader
from wxrkit.wxr.census import count_items

__all__ = ["PAGE_STEPS", "InputAccount", "Summary", "convert"]

Source = Path | BinaryIO


@dataclass(slots=True)
class InputAccount:
    """What became of one input's items: seen in its bytes, read, and lost with the reason."""

    input: str
    kind: str
    seen: int | None
    """``<item>`` start tags counted in the file's bytes (independently of the parser); one
    for a page; None where the bytes could not be read as a whole (the reader says why)."""
    read: int = 0
    failure: str | None = None
    """Why the input could not be read to its end."""

    @property
    def lost(self) -> int:
        """Items seen but not read."""
        return max((self.seen or 0) - self.read, 0) if self.seen is not None else 0

    def to_json(self) -> dict[str, Any]:
        return {
            "input": self.input,
            "kind": self.kind,
            "items_seen": self.seen,
            "items_read": self.read,
            "items_lost": self.lost,
            "reason": self.failure,
        }


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
    files: int = 0
    """Files written, or found holding the new content already (listed by the report)."""
    failures: list[str] = field(default_factory=list)
    """Inputs that could not be read to the end, each with where and why; the items before
    the point of failure are written all the same."""
    accounts: list[InputAccount] = field(default_factory=list)
    """Per input: items seen, read and lost (``seen = read + lost``, each loss with a reason)."""

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
            "files_total": self.files,
            "failures": self.failures,
            "accounting": [account.to_json() for account in self.accounts],
        }

    def write_report(self, path: Path, files: Iterable[str]) -> None:
        """:meth:`to_json` as a JSON file, with ``files`` (every path written, in order)
        listed last, a line each, streamed: a 1 GB export writes 140,000 files."""
        head = json.dumps(self.to_json(), indent=2)[: -len("\n}")]
        with path.open("w", encoding="utf-8", newline="\n") as out:
            out.write(head + ',\n  "files": [')
            first = True
            for name in files:
                out.write(("\n    " if first else ",\n    ") + json.dumps(name))
                first = False
            out.write("]\n}\n" if first else "\n  ]\n}\n")


def _label(source: Source) -> str:
    return str(source) if isinstance(source, Path) else str(getattr(source, "name", "<stdin>"))


def _seen(source: Source, kind: str) -> int | None:
    """Items in the input by the byte census; None where it cannot be counted (a stream)."""
    if kind != "wxr":
        return 1
    if not isinstance(source, Path):
        return None
    try:
        return count_items(source)
    except WxrkitError:
        return None  # unreadable as a whole: the reader says why


_INDEXED_TYPES = ("attachment", "wp_block")
"""What the first pass builds; every other item is passed over unbuilt."""


def _as_file(source: Source, kind: SourceKind, scratch: Path, number: int) -> Source:
    """An export from a stream (standard input) copied to ``scratch`` as it comes, so that it
    is read like a file: twice (its attachments first), and counted by the census."""
    if kind != "wxr" or isinstance(source, Path):
        return source
    copy = scratch / f"input-{number}.xml"
    with copy.open("xb") as out:
        shutil.copyfileobj(source, out, 1 << 20)
    return copy


def _index(
    exports: Sequence[tuple[Path, str]], strict: bool, scratch: Path
) -> tuple[AttachmentStore, dict[int, str]]:
    """The first pass: attachments and reusable blocks of every part of an export (each a
    path and the name messages give it)."""
    reusable: dict[int, str] = {}

    def every_post() -> Iterator[Post]:
        for path, label in exports:
            try:
                with WxrReader(path, strict=strict, types=_INDEXED_TYPES, name=label) as reader:
                    for post in reader:
                        if post.type == "wp_block" and post.id is not None:
                            reusable.setdefault(post.id, post.content_raw)
                        yield post
            except WxrkitError:
                continue  # the second pass reads up to the same point and reports it

    return AttachmentStore(scratch, every_post()), reusable


_BATCH_POSTS = 32
_BATCH_CHARACTERS = 4 << 20
"""Posts go to the workers in batches of up to 32 posts or about 4 M characters of content
(a bigger post goes alone): one message each way per batch, and pickle stores the categories,
tags and authors the posts of a batch share only once."""
_BATCHES_IN_FLIGHT = 4
"""Batches sent and not yet written, per worker: enough to keep every worker busy, and a
bound on memory (about 16 M characters a worker) whatever the posts' sizes."""

# Worker state, set once per process by _start_worker.
_WORKER: dict[str, Any] = {}


PAGE_STEPS = ("depth", "boilerplate")
"""Cleaning steps for a scraped page's post: its HTML is rendered already."""


def _die_with_parent() -> None:
    """In a worker process: end when the main process ends, even when it is killed.

    An orphaned worker would finish its batch and then fail to hand it back, printing the
    pool's traceback to the terminal; Linux can send it SIGKILL instead (``PR_SET_PDEATHSIG``).
    """
    parent = multiprocessing.parent_process()
    if parent is None or not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent.pid:  # the parent died before the call
        os._exit(1)


def _start_worker(
    to: str,
    attachments: Mapping[int, Attachment],
    reusable: dict[int, str],
    writer: FileWriter | None,
) -> None:
    _die_with_parent()
    _WORKER["serializer"] = get_serializer(to)
    _WORKER["cleaner"] = Cleaner(attachments=attachments, reusable=reusable)
    _WORKER["page_cleaner"] = Cleaner(steps=PAGE_STEPS)
    _WORKER["writer"] = writer


_Task = tuple[Post, ScrapedPage | None, str | None]
"""A post to write, the page it was read from (None for an export's post), and its path in
the output folder (None when it goes to standard output)."""


def _work(task: _Task) -> bytes | Written:
    """Clean and serialize one post; write it where it has a path, else return its bytes."""
    post, page, path = task
    serializer: Serializer = _WORKER["serializer"]
    if page is None:
        document = serializer.post(post, cleaner=_WORKER["cleaner"])
    else:
        document = serializer.post(
            post, cleaner=_WORKER["page_cleaner"], comment_form=page.comment_form
        )
    data = document.encode("utf-8")
    if path is None:
        return data
    writer: FileWriter = _WORKER["writer"]
    return writer.write(path, data)


def _work_batch(batch: list[_Task]) -> list[bytes | Written]:
    return [_work(task) for task in batch]


def _batches(tasks: Iterator[_Task]) -> Iterator[list[_Task]]:
    batch: list[_Task] = []
    characters = 0
    for task in tasks:
        post = task[0]
        size = len(post.content_raw) + sum(len(c.content) for c in post.comments)
        if batch and characters + size > _BATCH_CHARACTERS:
            yield batch
            batch, characters = [], 0
        batch.append(task)
        characters += size
        if len(batch) >= _BATCH_POSTS or characters >= _BATCH_CHARACTERS:
            yield batch
            batch, characters = [], 0
    if batch:
        yield batch


def _fork_context() -> Any:  # typeshed's BaseContext lacks Process
    # Fork on Linux: the workers inherit the channel data and the stores' paths without
    # pickling. Spawn elsewhere: macOS's system libraries are not fork-safe, Windows has none.
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")


def _count_all(sources: list[tuple[int, Source, str]], sender: Connection) -> None:
    _die_with_parent()
    sender.send({i: _seen(source, kind) for i, source, kind in sources})
    sender.close()


class _Census:
    """The byte census of every input (see :func:`_seen`). With more than one job it runs in
    a process of its own (a plain process, so that the main one has no helper threads when
    the workers are forked), beside the first pass; its counts are collected as each input
    is read to its end."""

    def __init__(self, sources: Sequence[Source], kinds: Sequence[str], jobs: int) -> None:
        self._sources, self._kinds = sources, kinds
        self._counts: dict[int, int | None] | None = None
        self._process: Any = None
        counted = [
            (i, s, k)
            for i, (s, k) in enumerate(zip(sources, kinds, strict=True))
            if k == "wxr" and isinstance(s, Path)
        ]
        if jobs > 1 and counted:
            context = _fork_context()
            self._receiver, sender = context.Pipe(duplex=False)
            self._process = context.Process(target=_count_all, args=(counted, sender))
            self._process.start()
            sender.close()

    def seen(self, i: int) -> int | None:
        if self._process is not None and self._counts is None:
            self._counts = self._receiver.recv()
        if self._counts is not None and i in self._counts:
            return self._counts[i]
        return _seen(self._sources[i], self._kinds[i])

    def close(self) -> None:
        if self._process is not None:
            self._process.terminate()  # counts not collected (a failed run) are not waited for
            self._process.join()
            self._receiver.close()


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
    report: Path | None = None,
) -> Summary:
    """Convert exports and pages (``sources``) into ``out`` (a folder), or to ``stdout`` when
    ``out`` is None; ``report`` is where the summary goes as JSON, with every file written.

    What grows with the export (attachments, names, the files written) is kept in SQLite files
    in a temporary folder of the run's, so memory stays flat (see :mod:`wxrkit.output.disk`).
    """
    selection = selection or Selection()
    serializer = get_serializer(to)
    labels = [_label(source) for source in sources]
    summary = Summary(inputs=labels)
    kinds: list[SourceKind] = [kind_of(source) for source in sources]
    with tempfile.TemporaryDirectory(prefix="wxrkit-") as temporary, ExitStack() as cleanup:
        scratch = Path(temporary)
        inputs = [
            _as_file(source, kind, scratch, number)
            for number, (source, kind) in enumerate(zip(sources, kinds, strict=True))
        ]
        census = _Census(inputs, kinds, jobs)
        cleanup.callback(census.close)
        exports = [
            (path, label)
            for path, kind, label in zip(inputs, kinds, labels, strict=True)
            if kind == "wxr" and isinstance(path, Path)
        ]
        index, reusable = _index(exports, strict, scratch)
        cleanup.callback(index.close)
        names = TakenNames(scratch)
        cleanup.callback(names.close)
        folder = OutputFolder(out, force=force, scratch=scratch) if out is not None else None
        if folder is not None:
            cleanup.callback(folder.discard)
        _run(
            inputs,
            kinds,
            labels,
            summary=summary,
            census=census,
            index=index,
            reusable=reusable,
            folder=folder,
            paths=Layout(layout, serializer.extension, UniqueNames(names.take)),
            to=to,
            selection=selection,
            strict=strict,
            jobs=jobs,
            progress=progress,
            sink=stdout if stdout is not None else sys.stdout.buffer,
        )
        if report is not None:
            summary.write_report(report, folder.written if folder is not None else ())
    return summary


def _run(
    sources: Sequence[Source],
    kinds: Sequence[SourceKind],
    labels: Sequence[str],
    *,
    summary: Summary,
    census: _Census,
    index: AttachmentStore,
    reusable: dict[int, str],
    folder: OutputFolder | None,
    paths: Layout,
    to: str,
    selection: Selection,
    strict: bool,
    jobs: int,
    progress: Callable[[int], None] | None,
    sink: BinaryIO,
) -> None:
    def chosen(post: Post) -> bool:
        summary.items += 1
        if progress is not None:
            progress(1)
        reason = selection.reason(post)
        if reason is not None:
            summary.skipped[reason] += 1
        return reason is None

    def posts_of(
        source: Source, kind: SourceKind, account: InputAccount, label: str
    ) -> Iterator[_Task]:
        if kind != "wxr":
            page = read_page(source, kind)
            account.read += 1
            summary.diagnostics.extend(page.diagnostics)
            if chosen(page.post):
                yield page.post, page, None  # pickled once: pickle shares the post
            return
        reader = WxrReader(source, strict=strict, name=label)
        try:
            with reader:
                for post in reader:
                    account.read += 1
                    if chosen(post):
                        yield index.link(post), None, None
        finally:
            summary.diagnostics.extend(reader.diagnostics)

    def selected() -> Iterator[_Task]:
        """The posts to write, each with its path (assigned here, in input order)."""
        for i, (source, kind, label) in enumerate(zip(sources, kinds, labels, strict=True)):
            account = InputAccount(label, kind, None)
            summary.accounts.append(account)
            # An input that fails part-way (a truncated export) keeps what came before the
            # failure and the run goes on with the next input; the failure is reported.
            try:
                for post, page, _ in posts_of(source, kind, account, label):
                    yield post, page, paths.path(post) if folder is not None else None
            except WxrkitError as error:
                account.failure = str(error)
                summary.failures.append(account.failure)
            account.seen = census.seen(i)
            if account.lost and account.failure is None:
                # The census and the reader disagree with no error: a bug, never silent.
                account.failure = (
                    f"{account.input}: {account.lost} of the {account.seen} items in the file "
                    "were not read and no reason was given; this is a bug in wxrkit, please "
                    "report it with the file"
                )
                summary.failures.append(account.failure)

    def emit(post: Post, path: str | None, done: bytes | Written) -> None:
        summary.written[f"{post.type}/{post.status}"] += 1
        for comment in post.comments:
            summary.comments[comment.type] += 1
        if isinstance(done, bytes):
            sink.write(done)
            if to != "json":
                sink.write(b"\n")
            return
        assert folder is not None and path is not None
        if not folder.record(path, done):
            summary.unchanged += 1
        summary.files += 1

    writer = folder.writer if folder is not None else None
    _start_worker(to, index, reusable, writer)
    try:
        if jobs <= 1:
            for task in selected():
                emit(task[0], task[2], _work(task))
        else:
            # Batches go out and come back in order; the semaphore keeps a bounded number in
            # flight, so a 1 GB export is never queued whole. Workers write the files.
            in_flight: deque[list[_Task]] = deque()
            window = threading.Semaphore(_BATCHES_IN_FLIGHT * jobs)
            stopping = threading.Event()

            def feed() -> Iterator[list[_Task]]:
                for batch in _batches(selected()):
                    window.acquire()
                    if stopping.is_set():
                        return
                    in_flight.append(batch)
                    yield batch

            initargs = (to, index, reusable, writer)
            with _fork_context().Pool(jobs, _start_worker, initargs) as pool:
                try:
                    for results in pool.imap(_work_batch, feed()):
                        batch = in_flight.popleft()
                        window.release()
                        for (post, _, path), done in zip(batch, results, strict=True):
                            emit(post, path, done)
                finally:
                    # Unblock the feeding thread, or terminating the pool would wait for it.
                    stopping.set()
                    for _ in range(_BATCHES_IN_FLIGHT * jobs):
                        window.release()
    finally:
        if folder is not None:
            folder.close()
