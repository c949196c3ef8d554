"""One conversion run: inputs in, files (or standard output) out, and a summary of it all.

Inputs are exports, saved HTML pages and plain-text scrapes, in any mix (see
:mod:`wxrkit.output.sources`); a page is one post, cleaned without the steps meant for stored
content (wpautop, shortcodes, blocks: its HTML is already rendered).

The attachments and reusable blocks of every part are read first (so a post's featured image
or gallery resolves even when its attachment is in another part of a split export); then the
posts are read, selected, cleaned, serialized and written. Paths are assigned here, in input
order, so the output is the same whatever the number of jobs. With ``jobs > 1`` an export is
read in byte ranges by the worker processes where it can be (:mod:`wxrkit.output.ranged`:
this process reads no post of it); other inputs are read here and their posts cleaned,
serialized and written by a pool of workers. The byte census that accounts for every item
(:mod:`wxrkit.output.census`) runs in a process of its own then. An export from standard
input is copied to the run's temporary folder first, and read as a file.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from wxrkit.errors import WxrkitError
from wxrkit.models import Post
from wxrkit.output.census import Census
from wxrkit.output.confined import OutputError, output_error
from wxrkit.output.export_index import ExportIndex, index_exports
from wxrkit.output.layout import Layout
from wxrkit.output.ledger import ClaimedAddresses, TakenNames
from wxrkit.output.media.rewrite import MediaLinks
from wxrkit.output.media.stage import MediaOptions, MediaPlanner, store_media
from wxrkit.output.names import UniqueNames
from wxrkit.output.ranged import (
    ItemNote,
    RangePlan,
    RangeWorkers,
    WorkerLostError,
    plan_ranges,
    read_in_ranges,
)
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
    Facts,
    Failed,
    Outcome,
    Task,
    Worker,
    WorkerPool,
    batches,
    start_worker_process,
    work_batch,
)
from wxrkit.output.writer import JOURNAL, OutputFolder
from wxrkit.serializers import MarkdownSerializer, Serializer, get_serializer
from wxrkit.serializers.sites import SITES
from wxrkit.wxr import WxrReader

__all__ = ["convert"]


@dataclass(frozen=True, slots=True)
class _Input:
    """One input of the run, as it is read."""

    source: Source
    """A path, or standard input's copy in the run's folder (an export), or a stream."""
    kind: SourceKind
    label: str
    """Its name in messages."""
    identity: Identity | None
    """Its file's identity when the run began (None for a stream)."""

    def changed(self) -> bool:
        """Whether another file took its place, or it was written to, since the run began."""
        return self.identity is not None and identity_of(self.source) != self.identity


def _as_file(source: Source, kind: SourceKind, scratch: Path, number: int) -> Source:
    """An export from a stream (standard input) copied to ``scratch`` as it comes, so that it
    is read like a file: twice (its attachments first), and counted by the census."""
    if kind != "wxr" or isinstance(source, Path):
        return source
    copy = scratch / f"input-{number}.xml"
    with copy.open("xb") as out:
        shutil.copyfileobj(source, out, 1 << 20)
    return copy


def convert(  # noqa: PLR0913 - one keyword a command option, as the CLI passes them
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
    media: MediaOptions | None = None,
) -> Summary:
    """Convert exports and pages (``sources``) into ``out`` (a folder), or to ``stdout`` when
    ``out`` is None; ``report`` is where the summary goes as JSON, with every file written.
    ``site`` (hugo, jekyll, eleventy, astro) writes Markdown as that generator needs it, in its
    layout unless ``layout`` says otherwise (see :mod:`wxrkit.serializers.sites`);
    ``comments`` writes each post's approved comments in its front matter.
    ``progress`` is called with 1 for each item read, and ``progress_total`` with the number
    of items in all inputs once it is known (from the byte census). ``media`` stores the
    exports' media in ``out/media/`` and points the posts' references at them (see
    :mod:`wxrkit.output.media`).

    What grows with the export (attachments, names, the files written) is kept in SQLite files
    in a temporary folder of the run's, so memory stays flat (see :mod:`wxrkit.output.disk`).
    """
    # Long, and read top to bottom: each resource of the run is made, and its cleanup
    # registered, in the order a failure must undo them.
    selection = selection or Selection()
    serializer = _serializer(to, site, comments)
    if media is not None and out is None:
        raise ValueError("media are stored in the output folder: give one (-o DIR)")
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
        inputs = []
        for number, (source, label) in enumerate(zip(sources, labels, strict=True)):
            kind = kind_of(source)
            readable = _as_file(source, kind, scratch, number)
            inputs.append(_Input(readable, kind, label, identity_of(readable)))
        # Without media to find in every item, an export's byte scan (see
        # wxrkit.output.ranged) counts its items and finds its attachments and reusable
        # blocks, which are then parsed alone; with workers, its posts are read in ranges.
        plans: list[RangePlan | None] = [
            plan_ranges(i.source, i.label, strict=strict)
            if media is None and i.kind == "wxr" and isinstance(i.source, Path)
            else None
            for i in inputs
        ]
        counted = {n: plan.items for n, plan in enumerate(plans) if plan is not None}
        census = Census([i.source for i in inputs], [i.kind for i in inputs], jobs, counted)
        cleanup.callback(census.close)
        exports = [
            (i.source, i.label, plan)
            for i, plan in zip(inputs, plans, strict=True)
            if i.kind == "wxr" and isinstance(i.source, Path)
        ]
        planner = MediaPlanner(media, selection) if media is not None else None
        index, unplanned = index_exports(exports, scratch, strict=strict, media=planner)
        cleanup.callback(index.close)
        plans = [None if any(plan is u for u in unplanned) else plan for plan in plans]
        names = TakenNames(scratch)
        cleanup.callback(names.close)
        claims = ClaimedAddresses(scratch) if folder is not None and to == "markdown" else None
        if claims is not None:
            cleanup.callback(claims.close)
        try:
            links = None
            if media is not None and planner is not None and folder is not None:
                links, records = store_media(media, planner, folder, scratch)
                summary.media.extend(records)
            _Conversion(
                inputs,
                plans,
                summary=summary,
                census=census,
                index=index,
                folder=folder,
                paths=Layout(
                    layout or (SITES[site].layout if site is not None else "flat"),
                    serializer.extension,
                    UniqueNames(names.take),
                ),
                serializer=serializer,
                claims=claims,
                selection=selection,
                strict=strict,
                progress=_Progress(census, jobs, progress, progress_total),
                sink=stdout if stdout is not None else sys.stdout.buffer,
                media=links,
            ).run(jobs)
        except OutputError as error:
            summary.failures.append(str(error))
        finally:
            if folder is not None:
                _close(folder, summary)
        _add_warnings(summary, selection, strict)
        if folder is not None:
            summary.warnings.extend(_folder_warnings(folder))
        if report is not None:
            summary.save(report, folder.written if folder is not None else ())
    return summary


def _serializer(to: str, site: str | None, comments: bool) -> Serializer:
    if (site is not None or comments) and to != "markdown":
        raise ValueError(f"a site target and comments in front matter are Markdown, not {to}")
    if site is not None or comments:
        return MarkdownSerializer(site, comments=comments)
    return get_serializer(to)


def _add_warnings(summary: Summary, selection: Selection, strict: bool) -> None:
    """What the user must hear though nothing failed: failures, in a CI run (``strict``)
    that must not pass with nothing selected, or with media lost."""
    selected = summary.items - sum(summary.skipped.values())
    warnings = selection.warnings(summary.holdings, selected)
    media_lost = summary.media_lost()
    if media_lost:
        warnings.append(media_lost)
    (summary.failures if strict else summary.warnings).extend(warnings)


def _folder_warnings(folder: OutputFolder) -> list[str]:
    """What the closed folder holds that the summary does not count."""
    warnings = folder.left_over()
    if folder.adopted:
        warnings.append(
            f"{folder.adopted} files a worker wrote without reporting them back (the run "
            "stopped) are recorded in the folder's manifest, from its journal"
        )
    return warnings


def _close(folder: OutputFolder, summary: Summary) -> None:
    """Write the folder's manifest; when even that fails, the journal stays for the next run."""
    try:
        folder.close()
    except OutputError as error:
        summary.failures.append(
            f"{error}; the record of the files written stays in {folder.root / JOURNAL} "
            "for the next run"
        )


class _Progress:
    """Calls ``step`` with 1 for each item read and, once the census knows it, ``total``
    with the number of items in all inputs."""

    def __init__(
        self,
        census: Census,
        jobs: int,
        step: Callable[[int], None] | None,
        total: Callable[[int], None] | None,
    ) -> None:
        self._census = census
        self._wait = jobs <= 1  # with one job the census counts right here, when asked
        self._step = step
        self._total = total or (lambda _total: None)
        self._total_known = step is None
        self._items = 0

    def item_read(self) -> None:
        if self._step is None:
            return
        self._items += 1
        if not self._total_known and (self._items == 1 or self._items % 256 == 0):
            total = self._census.total(wait=self._wait)
            if total is not None:
                self._total(total)
                self._total_known = True
        self._step(1)


@dataclass
class _Conversion:
    """One run over its inputs: each item read, selected, given its path (in input order),
    handed to a :class:`~wxrkit.output.workers.Worker` (here, or in worker processes), and
    accounted for in the summary."""

    inputs: Sequence[_Input]
    plans: Sequence[RangePlan | None]
    """Per input, how it is read in byte ranges with workers (None, or one job: read whole,
    here)."""
    summary: Summary
    census: Census
    index: ExportIndex
    folder: OutputFolder | None
    """Where files go; None when documents go to ``sink``."""
    paths: Layout
    serializer: Serializer
    claims: ClaimedAddresses | None
    """The old addresses claimed so far, to warn of two posts with one (Markdown only)."""
    selection: Selection
    strict: bool
    progress: _Progress
    sink: BinaryIO
    media: MediaLinks | None = None
    """The stored media (``--media``), whose references the workers rewrite."""

    def run(self, jobs: int) -> None:
        worker_arguments = (
            self.serializer,
            self.index.attachments,
            self.index.reusable,
            self.folder.writer if self.folder is not None else None,
            self.media,
        )
        try:
            if jobs <= 1:
                worker = Worker(*worker_arguments)
                for task in self._tasks(range(len(self.inputs))):
                    self._account(self._facts(task.post), task.path, worker.work(task))
            else:
                self._run_on_workers(jobs, worker_arguments)
        finally:
            for source, account in zip(self.inputs, self.summary.accounts, strict=False):
                self._changed(source, account)  # an input replaced after it was read

    def _run_on_workers(self, jobs: int, worker_arguments: tuple[object, ...]) -> None:
        """Inputs read in ranges go to :class:`RangeWorkers`; runs of the others are read
        here and their posts sent to a :class:`WorkerPool`, in input order either way."""
        with ExitStack() as stack:
            ranged: RangeWorkers | None = None
            if any(plan is not None for plan in self.plans):
                layout = self.paths if self.folder is not None else None
                arguments = (worker_arguments, self.selection, layout)
                ranged = stack.enter_context(RangeWorkers(jobs, arguments))
            number = 0
            while number < len(self.inputs):
                plan = self.plans[number]
                if plan is not None and ranged is not None:
                    if not self._read_in_ranges(number, plan, ranged, jobs, worker_arguments):
                        ranged = None  # a worker was lost: the other inputs go to a pool
                    number += 1
                    continue
                run = number + 1
                while run < len(self.inputs) and (self.plans[run] is None or ranged is None):
                    run += 1
                self._on_pool(jobs, worker_arguments, self._tasks(range(number, run)))
                number = run

    def _read_in_ranges(
        self,
        number: int,
        plan: RangePlan,
        workers: RangeWorkers,
        jobs: int,
        worker_arguments: tuple[object, ...],
    ) -> bool:
        """Read one export in ranges; False when a worker was lost (the export's failure
        says so), and the workers are not to be used again."""
        source = self.inputs[number]
        account = InputAccount(source.label, source.kind, None)
        self.summary.accounts.append(account)
        if self._changed(source, account):
            return True

        def note(item: ItemNote) -> str | bool | None:
            account.read += 1
            self.summary.items += 1
            self.summary.holdings.add(item.holding)
            self.progress.item_read()
            if item.skipped is not None:
                self.summary.skipped[item.skipped] += 1
                return False
            return self.paths.place(item.claim) if item.claim is not None else None

        try:
            done = read_in_ranges(
                plan, workers, note=note, account=self._account, addresses=self.claims is not None
            )
        except WorkerLostError as error:
            workers.abandon()
            self._fail(account, f"{source.label}: {error}")
            return False
        if done.whole_from is not None:  # a range it cannot be read in: the rest, read whole
            rest = self._input_tasks(number, source, account, skip=done.whole_from)
            self._on_pool(jobs, worker_arguments, rest)
        else:
            self.summary.diagnostics.extend(done.diagnostics)
            if done.failure is not None:
                self._fail(account, done.failure)
        self._check_count(number, source, account)
        return True

    def _on_pool(
        self, jobs: int, worker_arguments: tuple[object, ...], tasks: Iterator[Task]
    ) -> None:
        """Batches go out and come back in order; a semaphore keeps a bounded number in
        flight, so a 1 GB export is never queued whole. The workers write the files."""
        in_flight: deque[list[Task]] = deque()
        window = threading.Semaphore(BATCHES_IN_FLIGHT * jobs)
        stopping = threading.Event()

        def feed() -> Iterator[list[Task]]:
            for batch in batches(tasks):
                window.acquire()
                if stopping.is_set():
                    return
                in_flight.append(batch)
                yield batch

        with WorkerPool(jobs, start_worker_process, worker_arguments) as pool:
            try:
                for outcomes in pool.imap(work_batch, feed()):
                    batch = in_flight.popleft()
                    window.release()
                    for task, outcome in zip(batch, outcomes, strict=True):
                        self._account(self._facts(task.post), task.path, outcome)
            finally:
                # Unblock the feeding thread, or terminating the pool would wait for it.
                stopping.set()
                for _ in range(BATCHES_IN_FLIGHT * jobs):
                    window.release()

    def _tasks(self, numbers: Iterable[int]) -> Iterator[Task]:
        """The posts of the inputs ``numbers`` to write, each with its path (assigned here,
        in input order)."""
        for number in numbers:
            source = self.inputs[number]
            account = InputAccount(source.label, source.kind, None)
            self.summary.accounts.append(account)
            if self._changed(source, account):
                continue
            yield from self._input_tasks(number, source, account)
            self._check_count(number, source, account)

    def _input_tasks(
        self, number: int, source: _Input, account: InputAccount, skip: int = 0
    ) -> Iterator[Task]:
        """The posts of one input to write, from its item ``skip`` on."""
        # An input that fails part-way (a truncated export) keeps what came before the
        # failure and the run goes on with the next input; the failure is reported.
        try:
            for task in self._selected_items(source, account, skip):
                path = self.paths.path(task.post) if self.folder is not None else None
                yield Task(task.post, task.page, path)
        except WxrkitError as error:
            self._fail(account, str(error))
        except Exception as error:
            self._fail(
                account,
                f"{source.label}: wxrkit failed reading it after {account.read} items "
                f"({type(error).__name__}: {str(error)[:300]}); this is a bug in wxrkit, "
                "please report it with the input",
            )

    def _check_count(self, number: int, source: _Input, account: InputAccount) -> None:
        """After an input: every item its bytes hold was read, or a failure says why not."""
        account.seen = self.census.seen(number)
        if self._changed(source, account) or account.failure is not None:
            return
        if account.seen is not None and account.read != account.seen:
            # The census and the reader disagree with no error: a bug, never silent.
            self._fail(
                account,
                f"{account.input}: {account.read} items read but {account.seen} in the "
                "file's bytes, and no reason was given; this is a bug in wxrkit, please "
                "report it with the file",
            )

    def _selected_items(
        self, source: _Input, account: InputAccount, skip: int = 0
    ) -> Iterator[Task]:
        """The items of ``source`` the selection keeps, without their paths yet; the first
        ``skip`` items are passed over (they were read, counted and written already)."""
        if source.kind != "wxr":
            page = read_page(source.source, source.kind, strict=self.strict)
            account.read += 1
            self.summary.diagnostics.extend(page.diagnostics)
            if self._chosen(page.post):
                yield Task(page.post, page, None)  # pickled once: pickle shares the post
            return
        reader = WxrReader(source.source, strict=self.strict, name=source.label)
        try:
            with reader:
                for post in reader:
                    if skip:
                        skip -= 1
                        continue
                    account.read += 1
                    if self._chosen(post):
                        yield Task(self.index.attachments.link(post), None, None)
        finally:
            self.summary.diagnostics.extend(reader.diagnostics)

    def _chosen(self, post: Post) -> bool:
        """Count ``post`` as read, and whether the selection keeps it (else why not)."""
        self.summary.items += 1
        self.summary.holdings.note(post)
        self.progress.item_read()
        reason = self.selection.reason(post)
        if reason is not None:
            self.summary.skipped[reason] += 1
        return reason is None

    def _changed(self, source: _Input, account: InputAccount) -> bool:
        if not source.changed():
            return False
        if account.failure is None:
            self._fail(
                account,
                f"{account.input}: the file changed while wxrkit was reading it (another file "
                "in its place, or written to); what was written from it may mix two versions: "
                "run again when nothing is writing to it",
            )
        return True

    def _fail(self, account: InputAccount, failure: str) -> None:
        account.failure = failure
        self.summary.failures.append(failure)

    def _facts(self, post: Post) -> Facts:
        return Facts.of(post, addresses=self.claims is not None)

    def _account(self, facts: Facts, path: str | None, outcome: Outcome) -> None:
        """Record what became of a post (its ``facts``, its ``path`` when it has one);
        documents for standard output are written here."""
        summary = self.summary
        if isinstance(outcome, Failed):
            summary.failures.append(outcome.message)
            return
        summary.written[facts.kind] += 1
        for comment_type in facts.comments:
            summary.comments[comment_type] += 1
        if isinstance(outcome, bytes):
            try:
                self.sink.write(outcome + self.serializer.separator.encode("utf-8"))
            except OSError as error:
                raise output_error(error, "standard output", "write") from error
            return
        assert self.folder is not None and path is not None
        if not self.folder.record(path, outcome):
            summary.unchanged += 1
        summary.files += 1
        if self.claims is not None:
            for address in facts.addresses:
                earlier = self.claims.claim(address, path)
                if earlier is not None:
                    summary.warnings.append(
                        f"{address}: the old address of both {earlier} and {path}; a "
                        "site serves one of them there (Hugo warns of the duplicate alias)"
                    )
