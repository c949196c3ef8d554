"""One conversion run: inputs in, files (or standard output) out, and a summary of it all.

Inputs are exports, saved HTML pages and plain-text scrapes, in any mix (see
:mod:`wxrkit.output.sources`); a page is one post, cleaned without the steps meant for stored
content (wpautop, shortcodes, blocks: its HTML is already rendered).

Two passes over the exports: the first builds only the attachments and reusable blocks of
every part (so a post's featured image or gallery resolves even when its attachment is in
another part of a split export), the second streams the posts, selects, cleans, serializes and
writes them. Paths are assigned here, in input order; with ``jobs > 1`` cleaning, serializing
and writing run in worker processes, so the output is the same as with one job. The byte
census that accounts for every item (:mod:`wxrkit.output.counting`) runs in a process of its
own then, beside the first pass. An export from standard input is copied to the run's
temporary folder first, and read as a file.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import BinaryIO

from wxrkit.errors import WxrkitError
from wxrkit.models import Post
from wxrkit.output.attachment_store import AttachmentStore
from wxrkit.output.confined import OutputError, output_error
from wxrkit.output.counting import Census
from wxrkit.output.layout import Layout
from wxrkit.output.ledger import ClaimedAddresses, TakenNames
from wxrkit.output.names import UniqueNames
from wxrkit.output.select import Selection
from wxrkit.output.sources import (
    Identity,
    Source,
    SourceKind,
    identity_of,
    kind_of,
    label_of,
    read_page,
)
from wxrkit.output.summary import InputAccount, Summary, check_report_path
from wxrkit.output.workers import (
    BATCHES_IN_FLIGHT,
    Failed,
    Task,
    WorkerPool,
    batches,
    start_worker,
    start_worker_process,
    work,
    work_batch,
)
from wxrkit.output.writer import JOURNAL, OutputFolder, Written
from wxrkit.serializers import MarkdownSerializer, Serializer, get_serializer
from wxrkit.serializers.sites import SITES
from wxrkit.serializers.to_markdown import addresses
from wxrkit.wxr import WxrReader

__all__ = ["convert"]


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
            except Exception:
                continue

    return AttachmentStore(scratch, every_post()), reusable


def convert(
    sources: Sequence[Source],
    *,
    out: Path | None,
    to: str = "markdown",
    layout: str | None = None,
    site: str | None = None,
    comments: bool = False,
    selection: Selection | None = None,
    strict: bool = False,
    force: bool = False,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    progress_total: Callable[[int], None] | None = None,
    stdout: BinaryIO | None = None,
    report: Path | None = None,
) -> Summary:
    """Convert exports and pages (``sources``) into ``out`` (a folder), or to ``stdout`` when
    ``out`` is None; ``report`` is where the summary goes as JSON, with every file written.
    ``site`` (hugo, jekyll, eleventy, astro) writes Markdown as that generator needs it, in its
    layout unless ``layout`` says otherwise (see :mod:`wxrkit.serializers.sites`);
    ``comments`` writes each post's approved comments in its front matter.
    ``progress`` is called with 1 for each item read, and ``progress_total`` with the number
    of items in all inputs once it is known (from the byte census).

    What grows with the export (attachments, names, the files written) is kept in SQLite files
    in a temporary folder of the run's, so memory stays flat (see :mod:`wxrkit.output.disk`).
    """
    selection = selection or Selection()
    if (site is not None or comments) and to != "markdown":
        raise ValueError(f"a site target and comments in front matter are Markdown, not {to}")
    serializer = (
        MarkdownSerializer(site, comments=comments)
        if site is not None or comments
        else get_serializer(to)
    )
    labels = [label_of(source) for source in sources]
    summary = Summary(inputs=labels)
    if report is not None:
        check_report_path(report)
    with tempfile.TemporaryDirectory(prefix="wxrkit-") as temporary, ExitStack() as cleanup:
        scratch = Path(temporary)
        # The folder first: its lock, and any reason it cannot be written, before any work
        # (even before waiting for the first bytes of standard input).
        folder = OutputFolder(out, force=force, scratch=scratch) if out is not None else None
        if folder is not None:
            cleanup.callback(folder.discard)
            summary.diagnostics.extend(folder.notes)
        kinds: list[SourceKind] = [kind_of(source) for source in sources]
        inputs = [
            _as_file(source, kind, scratch, number)
            for number, (source, kind) in enumerate(zip(sources, kinds, strict=True))
        ]
        identities = [identity_of(source) for source in inputs]
        census = Census(inputs, kinds, jobs)
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
        claims = ClaimedAddresses(scratch) if folder is not None and to == "markdown" else None
        if claims is not None:
            cleanup.callback(claims.close)
        try:
            _run(
                inputs,
                kinds,
                labels,
                identities,
                summary=summary,
                census=census,
                index=index,
                reusable=reusable,
                folder=folder,
                paths=Layout(
                    layout or (SITES[site].layout if site is not None else "flat"),
                    serializer.extension,
                    UniqueNames(names.take),
                ),
                serializer=serializer,
                claims=claims,
                to=to,
                selection=selection,
                strict=strict,
                jobs=jobs,
                progress=progress,
                progress_total=progress_total or (lambda _total: None),
                sink=stdout if stdout is not None else sys.stdout.buffer,
            )
        except OutputError as error:
            summary.failures.append(str(error))
        finally:
            if folder is not None:
                _close(folder, summary)
        selected = summary.items - sum(summary.skipped.values())
        warnings = selection.warnings(summary.holdings, selected)
        # A CI archive must not pass with nothing selected: --strict makes it fail.
        (summary.failures if strict else summary.warnings).extend(warnings)
        if folder is not None:
            summary.warnings.extend(folder.left_over())
        if report is not None:
            summary.save(report, folder.written if folder is not None else ())
    return summary


def _close(folder: OutputFolder, summary: Summary) -> None:
    """Write the folder's manifest; when even that fails, the journal stays for the next run."""
    try:
        folder.close()
    except OutputError as error:
        summary.failures.append(
            f"{error}; the record of the files written stays in {folder.root / JOURNAL} "
            "for the next run"
        )


def _run(
    sources: Sequence[Source],
    kinds: Sequence[SourceKind],
    labels: Sequence[str],
    identities: Sequence[Identity | None],
    *,
    summary: Summary,
    census: Census,
    index: AttachmentStore,
    reusable: dict[int, str],
    folder: OutputFolder | None,
    paths: Layout,
    serializer: Serializer,
    claims: ClaimedAddresses | None,
    to: str,
    selection: Selection,
    strict: bool,
    jobs: int,
    progress: Callable[[int], None] | None,
    progress_total: Callable[[int], None],
    sink: BinaryIO,
) -> None:
    total_known = progress is None

    def chosen(post: Post) -> bool:
        nonlocal total_known
        summary.items += 1
        summary.holdings.note(post)
        if progress is not None:
            if not total_known and (summary.items == 1 or summary.items % 256 == 0):
                total = census.total(wait=jobs <= 1)  # one job: it counts right here
                if total is not None:
                    progress_total(total)
                    total_known = True
            progress(1)
        reason = selection.reason(post)
        if reason is not None:
            summary.skipped[reason] += 1
        return reason is None

    def posts_of(
        source: Source, kind: SourceKind, account: InputAccount, label: str
    ) -> Iterator[Task]:
        if kind != "wxr":
            page = read_page(source, kind, strict=strict)
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

    def changed(i: int, account: InputAccount) -> bool:
        if identities[i] is None or identity_of(sources[i]) == identities[i]:
            return False
        if account.failure is None:
            account.failure = (
                f"{account.input}: the file changed while wxrkit was reading it (another file "
                "in its place, or written to); what was written from it may mix two versions: "
                "run again when nothing is writing to it"
            )
            summary.failures.append(account.failure)
        return True

    def selected() -> Iterator[Task]:
        """The posts to write, each with its path (assigned here, in input order)."""
        for i, (source, kind, label) in enumerate(zip(sources, kinds, labels, strict=True)):
            account = InputAccount(label, kind, None)
            summary.accounts.append(account)
            if changed(i, account):
                continue
            # An input that fails part-way (a truncated export) keeps what came before the
            # failure and the run goes on with the next input; the failure is reported.
            try:
                for post, page, _ in posts_of(source, kind, account, label):
                    yield post, page, paths.path(post) if folder is not None else None
            except WxrkitError as error:
                account.failure = str(error)
                summary.failures.append(account.failure)
            except Exception as error:
                account.failure = (
                    f"{label}: wxrkit failed reading it after {account.read} items "
                    f"({type(error).__name__}: {str(error)[:300]}); this is a bug in wxrkit, "
                    "please report it with the input"
                )
                summary.failures.append(account.failure)
            account.seen = census.seen(i)
            if changed(i, account) or account.failure is not None or account.seen is None:
                continue
            if account.read != account.seen:
                # The census and the reader disagree with no error: a bug, never silent.
                account.failure = (
                    f"{account.input}: {account.read} items read but {account.seen} in the "
                    "file's bytes, and no reason was given; this is a bug in wxrkit, please "
                    "report it with the file"
                )
                summary.failures.append(account.failure)

    def emit(post: Post, path: str | None, done: bytes | Written | Failed) -> None:
        if isinstance(done, Failed):
            summary.failures.append(done.message)
            return
        summary.written[f"{post.type}/{post.status}"] += 1
        for comment in post.comments:
            summary.comments[comment.type] += 1
        if isinstance(done, bytes):
            try:
                sink.write(done if to == "json" else done + b"\n")
            except OSError as error:
                raise output_error(error, "standard output", "write") from error
            return
        assert folder is not None and path is not None
        if not folder.record(path, done):
            summary.unchanged += 1
        summary.files += 1
        if claims is not None:
            for address in addresses(post):
                earlier = claims.claim(address, path)
                if earlier is not None:
                    summary.warnings.append(
                        f"{address}: the old address of both {earlier} and {path}; a site "
                        "serves one of them there (Hugo warns of the duplicate alias)"
                    )

    writer = folder.writer if folder is not None else None
    start_worker(serializer, index, reusable, writer)
    try:
        if jobs <= 1:
            for task in selected():
                emit(task[0], task[2], work(task))
        else:
            # Batches go out and come back in order; the semaphore keeps a bounded number in
            # flight, so a 1 GB export is never queued whole. Workers write the files.
            in_flight: deque[list[Task]] = deque()
            window = threading.Semaphore(BATCHES_IN_FLIGHT * jobs)
            stopping = threading.Event()

            def feed() -> Iterator[list[Task]]:
                for batch in batches(selected()):
                    window.acquire()
                    if stopping.is_set():
                        return
                    in_flight.append(batch)
                    yield batch

            initargs = (serializer, index, reusable, writer)
            with WorkerPool(jobs, start_worker_process, initargs) as pool:
                try:
                    for results in pool.imap(work_batch, feed()):
                        batch = in_flight.popleft()
                        window.release()
                        for (post, _, path), done in zip(batch, results, strict=True):
                            emit(post, path, done)
                finally:
                    # Unblock the feeding thread, or terminating the pool would wait for it.
                    stopping.set()
                    for _ in range(BATCHES_IN_FLIGHT * jobs):
                        window.release()
    finally:
        for i, account in enumerate(summary.accounts):
            changed(i, account)  # an input replaced after it was read
