"""The byte census of a run's inputs (:func:`wxrkit.wxr.census.count_items`), beside the
first pass when there are workers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from wxrkit.errors import WxrkitError
from wxrkit.output.sources import Source
from wxrkit.output.workers import die_with_parent, fork_context, sigint_held_back
from wxrkit.wxr.census import count_items

__all__ = ["Census"]


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


def _count_all(sources: list[tuple[int, Source, str]], sender: Connection) -> None:
    die_with_parent()
    sender.send({i: _seen(source, kind) for i, source, kind in sources})
    sender.close()


class Census:
    """The byte census of every input (see :func:`_seen`). With more than one job it runs in
    a process of its own (a plain process, so that the main one has no helper threads when
    the workers are forked), beside the first pass; its counts are collected as each input
    is read to its end."""

    def __init__(
        self,
        sources: Sequence[Source],
        kinds: Sequence[str],
        jobs: int,
        known: Mapping[int, int] | None = None,
    ) -> None:
        """``known``: the counts of inputs already scanned (by their number)."""
        self._sources, self._kinds = sources, kinds
        self._counts: dict[int, int | None] | None = None
        self._inline: dict[int, int | None] = dict(known or {})
        self._process: Any = None
        counted = [
            (i, s, k)
            for i, (s, k) in enumerate(zip(sources, kinds, strict=True))
            if k == "wxr" and isinstance(s, Path) and i not in self._inline
        ]
        if jobs > 1 and counted:
            context = fork_context()
            self._receiver, sender = context.Pipe(duplex=False)
            self._process = context.Process(target=_count_all, args=(counted, sender))
            with sigint_held_back():
                self._process.start()
            sender.close()

    def total(self, *, wait: bool) -> int | None:
        """Items in all inputs, once counted (at once with one job; with more, None until the
        census process has sent its counts, unless ``wait``); None when an input cannot be
        counted (a stream)."""
        pending = self._process is not None and self._counts is None
        if pending and not wait and not self._receiver.poll():
            return None
        counts = [self.seen(i) for i in range(len(self._sources))]
        return None if None in counts else sum(n for n in counts if n is not None)

    def seen(self, i: int) -> int | None:
        if self._process is not None and self._counts is None:
            self._counts = self._receiver.recv()
        if self._counts is not None and i in self._counts:
            return self._counts[i]
        if i not in self._inline:  # counted here, once
            self._inline[i] = _seen(self._sources[i], self._kinds[i])
        return self._inline[i]

    def close(self) -> None:
        if self._process is not None:
            self._process.terminate()  # counts not collected (a failed run) are not waited for
            self._process.join()
            self._receiver.close()
