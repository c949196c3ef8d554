"""``convert --jobs N`` over an export in byte ranges: each worker process reads, builds,
cleans, serializes and writes the posts of its own ranges; the main process reads no post.

The one thing that cannot be done apart is naming: a file's name depends on every name
handed out before it, in export order. So a range goes through a worker twice. First the
worker reads it (:func:`wxrkit.wxr.ranges.read_range`) and keeps its posts, and sends back
what naming and the summary need: each post's claim on a name, whether the selection keeps
it, what it holds, its diagnostics. The main process takes the ranges in export order, merges
their diagnostics, hands out the names and sends them back to the worker that holds the
posts, which then writes them. The output is the same, byte for byte, as with one job.

A range read with the wrong UTC offset for its one-date items (the offset comes from the
ranges before it) is read again with the right one. A range that cannot be read alone (a
defect: the whole-file reader repairs it) ends the ranges of its export: the rest of the
export is read whole, by :class:`~wxrkit.wxr.WxrReader`, from the first item not yet written.
"""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing.connection
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timezone
from pathlib import Path
from typing import Any, NamedTuple

from wxrkit.errors import Diagnostic, WxrkitError
from wxrkit.models import Post
from wxrkit.output.attachment_store import AttachmentStore
from wxrkit.output.confined import OutputError
from wxrkit.output.layout import Claim, Layout
from wxrkit.output.select import Holding, Selection
from wxrkit.output.workers import (
    Facts,
    Failed,
    Outcome,
    Task,
    Worker,
    die_with_parent,
    fork_context,
    named,
    sigint_held_back,
)
from wxrkit.wxr.census import UNREADABLE_TYPE, ScannedItem, plain_post_types, scan_items
from wxrkit.wxr.ranges import RANGE_BYTES as DEFAULT_RANGE_BYTES
from wxrkit.wxr.ranges import (
    ExportHead,
    ItemRange,
    RangeRead,
    item_ranges,
    merge_range,
    read_head,
    read_items_at,
    read_range,
)
from wxrkit.wxr.reader import check_version
from wxrkit.wxr.seen_ids import SeenIds

__all__ = [
    "RangePlan",
    "RangeWorkers",
    "WorkerLostError",
    "index_planned",
    "plan_ranges",
    "read_in_ranges",
]

INDEXED_TYPES = frozenset({"attachment", "wp_block"})
RANGE_BYTES = DEFAULT_RANGE_BYTES
"""The size of a range (a test makes it small, to cut a small export into many)."""
RANGES_IN_FLIGHT = 3
"""Ranges sent and not yet written, per worker: one being read, one being written, one
waiting; a bound on memory (a range's posts are a few megabytes)."""


@dataclass(frozen=True, slots=True)
class RangePlan:
    """How one export is read in ranges: its channel, its ranges, and where its
    attachments and reusable blocks are."""

    path: Path
    head: ExportHead
    ranges: list[ItemRange]
    indexed: list[tuple[int, int | None]]
    """The byte spans of its attachments and reusable blocks."""
    items: int
    """Its items, by the byte scan."""


def plan_ranges(path: Path, name: str, *, strict: bool) -> RangePlan | None:
    """The ranges of the export at ``path``; None when it is to be read whole (see
    :func:`~wxrkit.wxr.ranges.read_head`; also when an item's post type is not plain, see
    :func:`~wxrkit.wxr.census.plain_post_types`)."""
    try:
        head = read_head(path, strict=strict, name=name)
    except Exception:  # read whole: the reader reports it where it is
        return None
    if head is None:
        return None
    # One pass over the scan, never held whole (188,000 items in a 1 GB export): the spans of
    # the indexed items, and the ranges.
    indexed: list[tuple[int, int | None]] = []
    ranges = list(item_ranges(path, RANGE_BYTES, items=_noting(scan_items(path), indexed)))
    if not ranges or (indexed and indexed[-1] == (-1, None)):
        return None
    if not plain_post_types(path, ranges[0].start):
        return None  # a post type the scan may have misread: its attachments would be missed
    return RangePlan(path, head, ranges, indexed, sum(part.items for part in ranges))


def _noting(
    scanned: Iterator[ScannedItem], indexed: list[tuple[int, int | None]]
) -> Iterator[ScannedItem]:
    """``scanned`` as it comes, noting in ``indexed`` the span of each attachment and
    reusable block (to the next item's start, or None: the end); an item whose type the scan
    cannot read leaves ``(-1, None)`` last, and ends the scan."""
    open_span: int | None = None
    for item in scanned:
        if open_span is not None:
            indexed.append((open_span, item.offset))
            open_span = None
        if item.post_type == UNREADABLE_TYPE:
            indexed.append((-1, None))
            return
        if item.post_type in INDEXED_TYPES:
            open_span = item.offset
        yield item
    if open_span is not None:
        indexed.append((open_span, None))


def index_planned(plan: RangePlan, store: AttachmentStore, reusable: dict[int, str]) -> bool:
    """Add the attachments and reusable blocks of ``plan``'s export to the run's index;
    False when they cannot be read apart (the export is then read whole)."""
    try:
        for post in read_items_at(plan.path, plan.indexed, plan.head):
            if post.type == "wp_block" and post.id is not None:
                reusable.setdefault(post.id, post.content_raw)
            store.add(post)
    except WxrkitError:
        return False
    return True


class ItemNote(NamedTuple):
    """What the main process needs of one post a worker read: to count it, select it and
    name it. (A tuple: 18,000 of them cross a pipe per 100 MB, and a tuple unpickles several
    times faster than a frozen dataclass.)"""

    holding: Holding
    skipped: str | None
    """Why the selection leaves it out; None when it is written."""
    claim: Claim | None


@dataclass(frozen=True, slots=True)
class _Read:
    """A worker's answer to a range: its notes and its read (without the posts)."""

    number: int
    notes: list[ItemNote] | None
    read: RangeRead | None
    """None, with ``notes``, when the range cannot be read alone."""


@dataclass(frozen=True, slots=True)
class _Wrote:
    number: int
    outcomes: list[tuple[Facts, str | None, Outcome]]
    stopped: str | None = None
    """Why the worker stopped writing the range (the folder cannot be written: a full disk),
    after ``outcomes``; the run stops with it, as with one job."""


class _RangeWorker:
    """The state of one worker process: the exports it reads, and the posts of the ranges
    read and not yet written."""

    def __init__(
        self, worker: Worker, store: AttachmentStore, selection: Selection, layout: Layout | None
    ) -> None:
        self.worker = worker
        self.store = store
        self.selection = selection
        self.layout = layout
        self.exports: dict[int, tuple[Path, ExportHead]] = {}
        self.held: dict[int, list[Post]] = {}

    def read(
        self, export: int, number: int, part: ItemRange, offset: tuple[timezone | None] | None
    ) -> _Read:
        path, head = self.exports[export]
        try:
            if offset is None:
                read = read_range(path, part, head)
            else:
                read = read_range(path, part, head, offset=offset[0], offset_known=True)
        except Exception:  # read whole from here: the reader reports it where it is
            self.held.pop(number, None)
            return _Read(number, None, None)
        self.held[number] = read.posts
        notes = []
        for post in read.posts:
            skipped = self.selection.reason(post)
            claim = self.layout.claim(post) if self.layout is not None and skipped is None else None
            notes.append(ItemNote(Holding.of(post), skipped, claim))
        return _Read(number, notes, dataclasses.replace(read, posts=[]))

    def write(self, number: int, paths: list[tuple[int, str | None]], addresses: bool) -> _Wrote:
        posts = self.held.pop(number)
        outcomes: list[tuple[Facts, str | None, Outcome]] = []
        for index, path in paths:
            post = posts[index]
            try:
                post = self.store.link(post)
            except Exception as error:  # reported with the post; the run goes on
                failed = Failed(
                    f"{named(post)}: not written: its attachments could not be read ({error})"
                )
                outcomes.append((Facts.of(post, addresses=addresses), path, failed))
                continue
            facts = Facts.of(post, addresses=addresses)
            try:
                outcome = self.worker.work(Task(post, None, path))
            except OutputError as error:
                return _Wrote(number, outcomes, str(error))
            outcomes.append((facts, path, outcome))
        return _Wrote(number, outcomes)


def _serve(connection: Any, arguments: tuple[Any, ...]) -> None:
    """A worker process: answers the main process's messages until it sends None."""
    die_with_parent()
    worker_arguments, selection, layout = arguments
    state = _RangeWorker(Worker(*worker_arguments), worker_arguments[1], selection, layout)
    while (message := connection.recv()) is not None:
        kind, *rest = message
        if kind == "export":
            state.exports[rest[0]] = (rest[1], rest[2])
        elif kind == "read":
            connection.send(state.read(*rest))
        elif kind == "write":
            connection.send(state.write(*rest))
        else:  # "drop": a range the main process no longer wants
            state.held.pop(rest[0], None)


class _Sender:
    """Sends to one worker from a thread of its own, so that the main process never waits
    on a full pipe while that worker waits for the main process to read its answer."""

    def __init__(self, connection: Any) -> None:
        self._queue: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._connection = connection
        self._thread = threading.Thread(target=self._run, name="wxrkit-send", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (message := self._queue.get()) is not _STOP:
            try:
                self._connection.send(message)
            except OSError:
                return  # the worker is gone: the main process finds out when it reads

    def send(self, message: object) -> None:
        self._queue.put(message)

    def stop(self, *, wait: bool) -> None:
        """Stop once what was given is sent; ``wait`` for that (not when the run is being
        abandoned: the worker may never read again, and ends with the run)."""
        self._queue.put(_STOP)
        if wait:
            self._thread.join()


_STOP = object()


class RangeWorkers:
    """Worker processes, each with a pipe of its own: a range's names must reach the process
    that holds its posts."""

    def __init__(self, jobs: int, arguments: tuple[Any, ...]) -> None:
        context = fork_context()
        self.connections: list[Any] = []
        self.processes: list[Any] = []
        self._exports = 0
        with sigint_held_back():
            for _ in range(jobs):
                mine, theirs = context.Pipe(duplex=True)
                process = context.Process(target=_serve, args=(theirs, arguments), daemon=True)
                process.start()
                theirs.close()
                self.connections.append(mine)
                self.processes.append(process)

    def __enter__(self) -> RangeWorkers:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            for connection in self.connections:
                with contextlib.suppress(OSError):
                    connection.send(None)
            for process in self.processes:
                process.join(timeout=10)
        for process in self.processes:
            if process.is_alive():
                process.terminate()
            process.join()
        for connection in self.connections:
            connection.close()

    def abandon(self) -> None:
        """End the workers now (one was lost: what the others hold is of no use)."""
        for process in self.processes:
            process.terminate()

    def new_export(self) -> int:
        self._exports += 1
        return self._exports


@dataclass
class _Range:
    number: int
    part: ItemRange
    worker: int
    read: _Read | None = None
    named: bool = False
    wrote: _Wrote | None = None


@dataclass
class RangedInput:
    """What reading one export in ranges did, for the run's summary."""

    items: int = 0
    """Items named (counted, selected) from the ranges."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    whole_from: int | None = None
    """When a range could not be read alone: the items before it, after which the export is
    to be read whole (its diagnostics are then the whole read's)."""
    failure: str | None = None
    """What ended the read after its last item (strict mode's report of the export's
    version)."""


class _Exchange:
    """The main process's side of reading one export in ranges (see :func:`read_in_ranges`)."""

    def __init__(
        self,
        plan: RangePlan,
        workers: RangeWorkers,
        note: Callable[[ItemNote], str | bool | None],
        account: Callable[[Facts, str | None, Outcome], None],
        addresses: bool,
    ) -> None:
        self.plan = plan
        self.workers = workers
        self.note = note
        self.account = account
        self.addresses = addresses
        self.result = RangedInput()
        self.log = plan.head.log()
        self.ids = SeenIds()
        self.carried: tuple[timezone | None] = (None,)
        self.pending = iter(enumerate(plan.ranges))
        self.in_flight: dict[int, _Range] = {}
        self.load = [0] * len(workers.connections)
        self.named = self.written = 0
        self.stop: int | None = None
        self.export = workers.new_export()
        self.senders = [_Sender(connection) for connection in workers.connections]

    def run(self) -> RangedInput:
        finished = False
        try:
            for sender in self.senders:
                sender.send(("export", self.export, self.plan.path, self.plan.head))
            for _ in range(RANGES_IN_FLIGHT * len(self.load)):
                if not self._send_next():
                    break
            while self.in_flight:
                self._settle()
                if not self.in_flight:
                    break
                for ready in multiprocessing.connection.wait(self.workers.connections):
                    self._receive(_received(ready))
            finished = True
        finally:
            for sender in self.senders:
                sender.stop(wait=finished)
        if self.stop is not None:
            self.result.whole_from = self.result.items
            return self.result
        try:
            check_version(self.plan.head.site, self.log)
        except WxrkitError as error:
            self.result.failure = str(error)
        self.result.diagnostics = list(self.log.diagnostics())
        return self.result

    def _send_next(self) -> bool:
        if self.stop is not None:
            return False
        try:
            number, part = next(self.pending)
        except StopIteration:
            return False
        worker = min(range(len(self.load)), key=self.load.__getitem__)
        self.load[worker] += 1
        self.in_flight[number] = _Range(number, part, worker)
        self.senders[worker].send(("read", self.export, number, part, None))
        return True

    def _receive(self, message: _Read | _Wrote) -> None:
        found = self.in_flight[message.number]
        if isinstance(message, _Wrote):
            found.wrote = message
        elif self.stop is not None and found.number >= self.stop:
            self.senders[found.worker].send(("drop", found.number))
            self._forget(found)
        else:
            found.read = message

    def _forget(self, found: _Range) -> None:
        del self.in_flight[found.number]
        self.load[found.worker] -= 1

    def _settle(self) -> None:
        """Name and account for what can be, in export order."""
        while True:
            found = self.in_flight.get(self.named)
            if self.stop is None and found is not None and found.read is not None:
                self._name(found)
                continue
            found = self.in_flight.get(self.written)
            if found is not None and found.wrote is not None:
                for facts, path, outcome in found.wrote.outcomes:
                    self.account(facts, path, outcome)
                if found.wrote.stopped is not None:
                    raise OutputError(found.wrote.stopped)
                self._forget(found)
                self.written += 1
                self._send_next()
                continue
            return

    def _name(self, found: _Range) -> None:
        answer = found.read
        assert answer is not None
        read, notes = answer.read, answer.notes
        if read is None or notes is None:
            self._stop_at(found)
            return
        if read.offset_borrowed and self.carried[0] is not None:
            found.read = None  # read again, knowing the offset
            message = ("read", self.export, found.number, found.part, self.carried)
            self.senders[found.worker].send(message)
            return
        try:
            merge_range(read, self.ids, self.log)
        except WxrkitError:  # strict mode: the whole-file reader stops where it must
            self._stop_at(found)
            return
        if read.offset_after is not None:
            self.carried = (read.offset_after,)
        paths: list[tuple[int, str | None]] = []
        for index, item in enumerate(notes):
            path = self.note(item)
            if path is not False:
                paths.append((index, path if isinstance(path, str) else None))
        self.result.items += len(notes)
        found.named = True
        self.named += 1
        self.senders[found.worker].send(("write", found.number, paths, self.addresses))

    def _stop_at(self, found: _Range) -> None:
        self.stop = found.number
        for later in list(self.in_flight.values()):
            if later.number >= self.stop and later.read is not None:
                self.senders[later.worker].send(("drop", later.number))
                self._forget(later)


def _received(connection: Any) -> _Read | _Wrote:
    try:
        message: _Read | _Wrote = connection.recv()
    except (EOFError, OSError) as error:
        raise WorkerLostError(
            "a worker process ended before its work was done (killed, or out of memory); "
            "what it had not written is missing: run again, or with --jobs 1"
        ) from error
    return message


class WorkerLostError(WxrkitError):
    """A worker process died (killed, out of memory): the ranges it held are lost."""


def read_in_ranges(
    plan: RangePlan,
    workers: RangeWorkers,
    *,
    note: Callable[[ItemNote], str | bool | None],
    account: Callable[[Facts, str | None, Outcome], None],
    addresses: bool,
) -> RangedInput:
    """Read ``plan``'s export on ``workers``. ``note`` is called with each item in export
    order and returns its path (None for standard output), or False when it is not written;
    ``account`` with each written item's facts, path and outcome, in the same order;
    ``addresses``: whether the facts hold the post's old addresses."""
    return _Exchange(plan, workers, note, account, addresses).run()
