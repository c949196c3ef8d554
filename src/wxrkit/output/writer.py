"""Writing files into the output folder: atomically, never outside it, never over a stranger's.

Each file is written to a temporary name beside it and renamed, so an interrupted run leaves
only complete files. wxrkit records what it wrote in ``.wxrkit-manifest.json`` at the end of a
run, and in ``.wxrkit-journal`` as it goes (for the run after a killed one); a file that neither
lists, or whose content changed since wxrkit wrote it, is someone else's and is not overwritten
unless ``force`` is set. Every file system call goes through
:class:`wxrkit.output.confined.ConfinedFolder`, so no link or special file planted in the
folder can redirect a write or a read.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, NamedTuple

from wxrkit.errors import Diagnostic, WxrkitError
from wxrkit.output.confined import ConfinedFolder, OutputError, RefusedPathError
from wxrkit.output.ledger import KnownFiles, WrittenFiles

__all__ = [
    "JOURNAL",
    "MANIFEST",
    "FileWriter",
    "OutputFolder",
    "UnsafePathError",
    "WouldOverwriteError",
    "Written",
    "unsafe_path_reason",
]

MANIFEST = ".wxrkit-manifest.json"
JOURNAL = ".wxrkit-journal"
"""The files a run has written so far; removed once the manifest is written."""
_MANIFEST_LIMIT = 1 << 30
"""A manifest lists about 100 bytes a file: a gigabyte is ten million files."""
_DIGEST = re.compile(r"[0-9a-f]{64}")


class UnsafePathError(RefusedPathError):
    """A computed path would leave the output folder (a bug guard: names are made safe first)."""


class WouldOverwriteError(RefusedPathError):
    """The target exists and wxrkit did not write it."""


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def unsafe_path_reason(relative: str) -> str | None:
    """Why ``relative`` is not a plain path inside the folder; None when it is one."""
    parts = relative.split("/")
    if not relative or relative.startswith("/") or any(p in ("", ".", "..") for p in parts):
        return "outside the output folder"
    if any("\\" in p or "\x00" in p for p in parts):
        return "not a plain relative path"
    return None


class Written(NamedTuple):
    """What writing one file did: its content's digest, and whether the file changed (a
    tuple: one per file crosses from the worker that wrote it)."""

    digest: str
    changed: bool


@dataclass(frozen=True, slots=True)
class FileWriter:
    """Writes files into the output folder; small and picklable, so worker processes write
    the files they render instead of sending the bytes back."""

    folder: ConfinedFolder
    known: KnownFiles
    """The digests of the files earlier runs wrote (the manifest, and the journal of a run
    that was killed)."""
    force: bool = False
    journal: bool = True
    """Note each file written in the journal at once, a line each, for the next run to know
    them should this one be killed before it writes the manifest."""

    def write(self, relative: str, data: bytes) -> Written:
        """Write one file, unless it already holds exactly ``data``."""
        return self.write_chunks(relative, _digest(data), lambda: (data,))

    def write_chunks(
        self, relative: str, digest: str, chunks: Callable[[], Iterable[bytes]]
    ) -> Written:
        """Write one file from ``chunks`` (called only when the file must be written), whose
        content has the SHA-256 ``digest``, unless the file already has it: a medium of
        100 MB goes to disk without being held whole."""
        reason = unsafe_path_reason(relative)
        if reason is not None:
            raise UnsafePathError(f"refusing to write {relative!r}: {reason}")
        found = self.folder.lstat(relative)
        if found is not None:
            if not stat.S_ISREG(found.st_mode):
                raise self.folder.refusal(tuple(relative.split("/")), found.st_mode, "a file")
            hasher = hashlib.sha256()
            for chunk in self.folder.chunks(relative):  # a megabyte at a time, whatever its size
                hasher.update(chunk)
            current = hasher.hexdigest()
            if current == digest:
                # Nothing to write, whoever wrote it (a killed run, between its rename and
                # its journal line, say): the file is already what this run would make it.
                return Written(digest, changed=False)
            if not self.force and self.known.get(relative) != current:
                raise WouldOverwriteError(
                    f"{self.folder.root / relative}: exists and was not written by wxrkit (or "
                    "was edited since); use --force to overwrite it, or convert into another folder"
                )
        self.folder.write(relative, chunks())
        if self.journal:
            # One write of a short line with O_APPEND: lines of several workers never interleave.
            line = (json.dumps([relative, digest]) + "\n").encode("utf-8")
            try:
                self.folder.append(JOURNAL, line)
            except RefusedPathError as error:  # replaced by a link mid-run: stop, not skip
                raise OutputError(str(error)) from error
        return Written(digest, changed=True)


_MANIFEST_HEAD = ("{\n", ' "generator": "wxrkit",\n', ' "files": {\n')
_MANIFEST_TAIL = " }\n}\n"


def _manifest_lines(entries: Iterable[tuple[str, str]]) -> Iterator[bytes]:
    """The manifest, as ``json.dumps(..., indent=1)`` lays it out, a line at a time."""
    yield "".join(_MANIFEST_HEAD[:2]).encode()
    first = True
    for path, digest in entries:
        line = f"  {json.dumps(path)}: {json.dumps(digest)}"
        yield (_MANIFEST_HEAD[2] + line if first else ",\n" + line).encode()
        first = False
    yield (' "files": {}\n}\n' if first else "\n" + _MANIFEST_TAIL).encode()


def _manifest_entries(folder: ConfinedFolder) -> Iterator[tuple[str, str]]:
    """The (path, digest) entries of the manifest, a line at a time where it is laid out as
    wxrkit writes it (a 1 GB export's lists 140,000 files), else read whole."""
    where = folder.root / MANIFEST
    try:
        with folder.reader(MANIFEST, _MANIFEST_LIMIT) as lines:
            yield from _entries_of(lines)
    except FileNotFoundError:
        return
    except (ValueError, AttributeError, UnicodeDecodeError) as error:
        raise WxrkitError(
            f"{where}: the manifest of an earlier run is damaged ({error}); "
            "remove it, or convert into an empty folder"
        ) from error


def _entries_of(lines: BinaryIO) -> Iterator[tuple[str, str]]:
    head = tuple(lines.readline().decode("utf-8") for _ in _MANIFEST_HEAD)
    if head == _MANIFEST_HEAD:
        entries = []
        for line in lines:
            if line == b" }\n":
                break
            entries.append(json.loads(b"{" + line.strip().removesuffix(b",") + b"}"))
            if len(entries) >= 1024:
                yield from _checked(entries)
                entries = []
        else:
            raise ValueError("the list of files is not closed")
        yield from _checked(entries)
        return
    loaded = json.loads("".join(head).encode("utf-8") + lines.read())
    yield from _checked([loaded.get("files", {})])


def _journal_entries(folder: ConfinedFolder, start: int = 0) -> Iterator[tuple[str, str]]:
    """The files a killed run noted in its journal (from byte ``start`` of it); a line it was
    cut off in, or one that is not a path and a digest, is passed over (its file is then
    unknown, and refused unless it already holds the new content)."""
    try:
        with folder.reader(JOURNAL, _MANIFEST_LIMIT) as lines:
            lines.seek(start)
            for line in lines:
                try:
                    entry = json.loads(line)  # UTF-8 bytes; a cut line is not valid JSON
                except ValueError:
                    continue
                if (
                    isinstance(entry, list)
                    and len(entry) == 2
                    and all(isinstance(part, str) for part in entry)
                    and unsafe_path_reason(entry[0]) is None
                    and _DIGEST.fullmatch(entry[1])
                ):
                    yield entry[0], entry[1]
    except FileNotFoundError:
        return


def _checked(entries: list[dict[str, object]]) -> Iterator[tuple[str, str]]:
    for entry in entries:
        for name, digest in entry.items():
            if not isinstance(digest, str) or not _DIGEST.fullmatch(digest):
                raise ValueError(f"the digest of {name!r} is not a SHA-256 digest")
            reason = unsafe_path_reason(name)
            if reason is not None:
                raise ValueError(f"{name!r} is {reason}")
            yield name, digest


class OutputFolder:
    """The folder converted files go to, and the record of what this run wrote into it.

    Opening it makes the folder, takes its lock (a second run into it stops with a message)
    and removes the temporary files of killed runs. The records (the earlier manifest, the
    files written) live in SQLite files in ``scratch``, a folder the caller removes after the
    run, or one of the folder's own.
    """

    def __init__(self, root: Path, *, force: bool = False, scratch: Path | None = None) -> None:
        self.root = root.absolute()
        self.force = force
        self._changed = 0
        self.notes: list[Diagnostic] = []
        """What opening the folder found and repaired (temporary files of killed runs)."""
        self.fs = ConfinedFolder.create(self.root)
        self._own_scratch: tempfile.TemporaryDirectory[str] | None = None
        try:
            self.fs.lock()
            if scratch is None:
                self._own_scratch = tempfile.TemporaryDirectory(prefix="wxrkit-")
                scratch = Path(self._own_scratch.name)
            journal = self.fs.lstat(JOURNAL)
            self._journal_start = journal.st_size if journal is not None else 0
            """Where this run's lines of the journal begin."""
            entries = itertools.chain(_manifest_entries(self.fs), _journal_entries(self.fs))
            self._known = KnownFiles(scratch, entries)
            self.writer = FileWriter(self.fs, self._known, force)
            self.written = WrittenFiles(scratch)
            """The files of this run, in the order written."""
            self.adopted = 0
            """Files of this run known only from its journal (see :meth:`close`)."""
            removed = self.fs.remove_dead_temporaries()
        except BaseException:
            self.fs.close()
            if self._own_scratch is not None:
                self._own_scratch.cleanup()
            raise
        if removed:
            self.notes.append(
                Diagnostic(
                    code="temporary-files-removed",
                    message=f"removed {removed} temporary files a killed run left",
                    source=str(self.root),
                    count=removed,
                )
            )

    def write(self, relative: str, data: bytes) -> bool:
        """Write one file; returns False when it already held exactly this content."""
        return self.record(relative, self.writer.write(relative, data))

    def record(self, relative: str, written: Written) -> bool:
        """Note a file written (here or by a worker's :attr:`writer`); returns whether it
        changed."""
        self.written.record(relative, written.digest)
        self._changed += written.changed
        return written.changed

    def close(self) -> None:
        """Write the manifest: what this run wrote, and what earlier runs wrote that it did
        not write again; then the journal goes (should the manifest fail, the journal stays
        for the next run). :attr:`written` can be read until :meth:`discard`."""
        try:
            self._adopt_journal()
            self.fs.write(MANIFEST, _manifest_lines(self.written.with_known(self._known)))
            self.fs.remove(JOURNAL)  # the manifest holds it all now
        finally:
            self.fs.close()

    def _adopt_journal(self) -> None:
        """Record the files this run's journal lists and no worker reported (a worker lost
        with its answers, a run stopped while workers wrote): they are in the folder, and
        its manifest must own them, or the next run would refuse to overwrite them."""
        found = self.fs.lstat(JOURNAL)
        if found is None or found.st_size <= self._journal_start:
            return
        with self.fs.reader(JOURNAL, _MANIFEST_LIMIT) as journal:
            journal.seek(self._journal_start)
            lines = sum(chunk.count(b"\n") for chunk in iter(lambda: journal.read(1 << 20), b""))
        if lines <= self._changed:
            return  # a line a file written and reported: nothing is missing
        for path, digest in _journal_entries(self.fs, self._journal_start):
            self.adopted += self.written.adopt(path, digest)

    def left_over(self) -> list[str]:
        """A word on the files earlier runs wrote here and this one did not (after
        :meth:`close`): stale posts, or another format's files side by side."""
        counts = self.written.not_rewritten(self._known)
        if not counts:
            return []
        total = sum(counts.values())
        kinds = ", ".join(f"{count} {suffix}" for suffix, count in counts.most_common())
        return [
            f"{self.root} also holds {total} files earlier runs wrote and this one did not "
            f"({kinds}); they are kept and stay in the manifest: remove them if they are stale"
        ]

    def discard(self) -> None:
        """Drop the run's records (after :meth:`close`, and after reading :attr:`written`)."""
        self.fs.close()
        self.written.close()
        self._known.close()
        if self._own_scratch is not None:
            self._own_scratch.cleanup()
