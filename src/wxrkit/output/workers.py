"""The work of ``convert``'s worker processes: clean, serialize and write a batch of posts.

With one job the main process does the same work through the same functions.
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import multiprocessing
import multiprocessing.pool
import os
import signal
import sys
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from wxrkit.clean import Cleaner
from wxrkit.models import Attachment, Post, ScrapedPage
from wxrkit.output.confined import RefusedPathError
from wxrkit.output.media.rewrite import MediaLinks
from wxrkit.output.pickling import register_model_pickling
from wxrkit.output.writer import FileWriter, Written
from wxrkit.serializers import Serializer
from wxrkit.serializers.to_markdown import addresses as old_addresses

__all__ = [
    "BATCHES_IN_FLIGHT",
    "Facts",
    "Failed",
    "Outcome",
    "Task",
    "Worker",
    "WorkerPool",
    "batches",
    "named",
    "start_worker_process",
    "work_batch",
]

register_model_pickling()


BATCH_POSTS = 32
BATCH_CHARACTERS = 4 << 20
"""Posts go to the workers in batches of up to 32 posts or about 4 M characters of content
(a bigger post goes alone): one message each way per batch, and pickle stores the categories,
tags and authors the posts of a batch share only once."""
BATCHES_IN_FLIGHT = 4
"""Batches sent and not yet written, per worker: enough to keep every worker busy, and a
bound on memory (about 16 M characters a worker) whatever the posts' sizes."""


@contextlib.contextmanager
def sigint_held_back() -> Iterator[None]:
    """Start processes with Ctrl-C held back: a SIGINT during the fork would otherwise reach
    the new process before it can ignore it (a traceback from inside ``fork``); in this
    process it is delivered, as a KeyboardInterrupt, the moment the block ends."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def die_with_parent() -> None:
    """In a worker process: end when the main process ends, even when it is killed, and
    leave Ctrl-C to the main process.

    An orphaned worker would finish its batch and then fail to hand it back, printing the
    pool's traceback to the terminal; Linux can send it SIGKILL instead (``PR_SET_PDEATHSIG``).
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    # Ctrl-C reaches every process of the terminal's group: the main process alone handles
    # it (it ends the pool), so the workers do not each print a KeyboardInterrupt traceback.
    # The parent forked with SIGINT blocked (sigint_held_back), so none arrived before this.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent.pid:  # the parent died before the call
        os._exit(1)


@dataclass(frozen=True, slots=True)
class Task:
    """A post to write."""

    post: Post
    page: ScrapedPage | None
    """The page the post was read from; None for an export's post."""
    path: str | None
    """Where it goes in the output folder; None when it goes to standard output."""


@dataclass(frozen=True, slots=True)
class Failed:
    """A post that was not written: the folder refused its path (a link, a stranger's file),
    or wxrkit met a bug cleaning or serializing it. The run goes on without it."""

    message: str


class Facts(NamedTuple):
    """What the run's summary counts of a post that was to be written (a tuple: one per post
    crosses from the worker that wrote it)."""

    kind: str
    """``type/status``."""
    comments: tuple[str, ...]
    """Its comments' types."""
    addresses: tuple[str, ...]
    """Its old addresses (for Markdown: two posts claiming one are reported)."""

    @staticmethod
    def of(post: Post, *, addresses: bool) -> Facts:
        return Facts(
            f"{post.type}/{post.status}",
            tuple(comment.type for comment in post.comments),
            tuple(old_addresses(post)) if addresses else (),
        )


Outcome = bytes | Written | Failed
"""What became of a task: its document (for standard output), the file written, or why not."""


def named(post: Post) -> str:
    """A post as messages name it: type, id, title and address."""
    title = post.title if len(post.title) <= 60 else post.title[:59] + "…"
    return f"{post.type} {post.id if post.id is not None else '?'} {title!r} <{post.url or ''}>"


class Worker:
    """Cleans, serializes and writes posts: in a worker process, or in the main process
    with one job (the same code either way)."""

    def __init__(
        self,
        serializer: Serializer,
        attachments: Mapping[int, Attachment],
        reusable: Mapping[int, str],
        writer: FileWriter | None,
        media: MediaLinks | None = None,
    ) -> None:
        self.serializer = serializer
        self.cleaner = Cleaner(attachments=attachments, reusable=reusable)
        self.writer = writer
        self.media = media
        """The stored media, for a run with ``--media``: references to them are rewritten."""

    def work(self, task: Task) -> Outcome:
        """Clean and serialize one post; write it where it has a path, else return its bytes."""
        post = task.post
        try:
            # a page's post says its content is rendered, and the cleaner runs the steps for that
            clean = self.cleaner.post(post)
            page = task.page
            if self.media is not None and task.path is not None:
                clean = self.media.clean(clean, task.path)
                post = self.media.post(post, task.path)
                page = None if page is None else dataclasses.replace(page, post=post)
            if page is not None:
                document = self.serializer.render_page(page, clean)
            else:
                document = self.serializer.render(post, clean)
            data = document.encode("utf-8")
        except Exception as error:
            return Failed(
                f"{named(post)}: not written: wxrkit failed on it ({type(error).__name__}: "
                f"{str(error)[:300]}); this is a bug in wxrkit, please report it with the input"
            )
        if task.path is None:
            return data
        assert self.writer is not None, "a task with a path needs a folder to write to"
        try:
            return self.writer.write(task.path, data)
        except RefusedPathError as error:
            return Failed(f"{named(post)}: not written: {error}")


class _ThisProcess:
    """The state of a worker process: tasks reach its :class:`Worker` through
    :func:`work_batch`, a plain function, as the pool runs them."""

    worker: Worker | None = None


def start_worker_process(
    serializer: Serializer,
    attachments: Mapping[int, Attachment],
    reusable: Mapping[int, str],
    writer: FileWriter | None,
    media: MediaLinks | None,
) -> None:
    """The pool's initializer: this process's :class:`Worker`, in a process that ends with
    its parent (never called in a process of the library's caller, whose lifetime is not ours
    to set)."""
    die_with_parent()
    _ThisProcess.worker = Worker(serializer, attachments, reusable, writer, media)


def work_batch(batch: list[Task]) -> list[Outcome]:
    """A batch's outcomes, in its order (what the pool runs in a worker process)."""
    worker = _ThisProcess.worker
    assert worker is not None, "start_worker_process sets up each worker process"
    return [worker.work(task) for task in batch]


def batches(tasks: Iterator[Task]) -> Iterator[list[Task]]:
    """``tasks`` in batches (see :data:`BATCH_CHARACTERS`)."""
    batch: list[Task] = []
    characters = 0
    for task in tasks:
        post = task.post
        size = len(post.content_raw) + sum(len(c.content) for c in post.comments)
        if batch and characters + size > BATCH_CHARACTERS:
            yield batch
            batch, characters = [], 0
        batch.append(task)
        characters += size
        if len(batch) >= BATCH_POSTS or characters >= BATCH_CHARACTERS:
            yield batch
            batch, characters = [], 0
    if batch:
        yield batch


class WorkerPool(multiprocessing.pool.Pool):
    """A process pool (``fork`` on Linux, else ``spawn``) whose ending cannot hang.

    Ending a pool early (Ctrl-C, an error) drains the pipe of tasks only while it holds data
    at that instant, then terminates the workers and waits for the thread that feeds the pipe.
    That thread, caught a moment later in the middle of sending a batch of megabytes, waited
    forever on a pipe nobody read any more: one interrupted ``--jobs 2`` run in three never
    ended. Here the draining goes on, in a thread of its own, until the feeding thread is done.
    """

    def __init__(self, processes: int, initializer: Any, initargs: tuple[Any, ...]) -> None:
        with sigint_held_back():
            super().__init__(processes, initializer, initargs, context=fork_context())

    @staticmethod
    def _help_stuff_finish(inqueue: Any, task_handler: threading.Thread, size: int) -> None:
        inqueue._rlock.acquire()  # as CPython does: no worker takes another task

        def drain() -> None:
            while task_handler.is_alive():
                if inqueue._reader.poll(0.05):
                    inqueue._reader.recv_bytes()

        threading.Thread(target=drain, name="wxrkit-drain", daemon=True).start()


def fork_context() -> Any:  # typeshed's BaseContext lacks Process
    # Fork on Linux: the workers inherit the channel data and the stores' paths without
    # pickling. Spawn elsewhere: macOS's system libraries are not fork-safe, Windows has none.
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
