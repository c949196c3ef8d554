"""Writing files into the output folder: atomically, never outside it, never over a stranger's.

Each file is written to a temporary name beside it and renamed, so an interrupted run leaves
only complete files. wxrkit records what it wrote in ``.wxrkit-manifest.json`` at the end of a
run, and in ``.wxrkit-journal`` as it goes (for the run after a killed one); a file that neither
lists, or whose content changed since wxrkit wrote it, is someone else's and is not overwritten
unless ``force`` is set.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from wxrkit.errors import WxrkitError
from wxrkit.output.ledger import KnownFiles, WrittenFiles

__all__ = [
    "JOURNAL",
    "MANIFEST",
    "FileWriter",
    "OutputFolder",
    "UnsafePathError",
    "WouldOverwriteError",
    "Written",
    "atomic_write",
]

MANIFEST = ".wxrkit-manifest.json"
JOURNAL = ".wxrkit-journal"
"""The files a run has written so far; removed once the manifest is written."""
_TEMPORARY = ".wxrkit-tmp"
"""The suffix of files being written; leftovers of a killed run are removed by the next."""


class UnsafePathError(WxrkitError):
    """A computed path would leave the output folder (a bug guard: names are made safe first)."""


class WouldOverwriteError(WxrkitError):
    """The target exists and wxrkit did not write it."""


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class Written:
    """What writing one file did: its content's digest, and whether the file changed."""

    digest: str
    changed: bool


@dataclass(frozen=True, slots=True)
class FileWriter:
    """Writes files into the output folder; small and picklable, so worker processes write
    the files they render instead of sending the bytes back."""

    root: Path
    known: KnownFiles
    """The digests of the files earlier runs wrote (the manifest, and the journal of a run
    that was killed)."""
    force: bool = False
    journal: Path | None = None
    """Where each file written is noted at once, a line each, for the next run to know them
    should this one be killed before it writes the manifest."""
    _folders: set[Path] = field(default_factory=set, compare=False, repr=False)
    """Folders made (or found) already, so that each is made once, not once a file."""
    _journals: dict[int, int] = field(default_factory=dict, compare=False, repr=False)
    """The journal's file descriptor, by process (each appends on its own)."""

    def _target(self, relative: str) -> Path:
        # Names are made safe before they get here; this guard refuses any that is not,
        # without resolving the path on disk for every file.
        parts = relative.split("/")
        if not relative or relative.startswith("/") or any(p in ("", ".", "..") for p in parts):
            raise UnsafePathError(f"refusing to write {relative!r} outside {self.root}")
        if any("\\" in p or "\x00" in p for p in parts):
            raise UnsafePathError(f"refusing to write {relative!r}: not a plain relative path")
        return self.root.joinpath(*parts)

    def write(self, relative: str, data: bytes) -> Written:
        """Write one file, unless it already holds exactly ``data``."""
        target = self._target(relative)
        digest = _digest(data)
        if target.exists():
            current = target.read_bytes()
            if current == data:
                # Nothing to write, whoever wrote it (a killed run, between its rename and
                # its journal line, say): the file is already what this run would make it.
                return Written(digest, changed=False)
            if not self.force and self.known.get(relative) != _digest(current):
                raise WouldOverwriteError(
                    f"{target}: exists and was not written by wxrkit (or was edited since); "
                    "use --force to overwrite it, or convert into another folder"
                )
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        atomic_write(target, data)
        self._note(relative, digest)
        return Written(digest, changed=True)

    def _note(self, relative: str, digest: str) -> None:
        if self.journal is None:
            return
        fd = self._journals.get(os.getpid())
        if fd is None:
            fd = os.open(self.journal, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            self._journals[os.getpid()] = fd
        # One write of a short line with O_APPEND: lines of several workers never interleave.
        os.write(fd, (json.dumps([relative, digest]) + "\n").encode("utf-8"))

    def close(self) -> None:
        """Close this process's journal."""
        fd = self._journals.pop(os.getpid(), None)
        if fd is not None:
            os.close(fd)


def atomic_write(target: Path, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` (bytes, or chunks of them produced as it goes) to a temporary name
    beside ``target``, then rename it into place."""
    # A name unique to this process and file. (tempfile.mkstemp, and os.open with an
    # explicit mode, measured at about a millisecond a file on the CI machines: 15 s for
    # an export of 14,000 posts; the built-in exclusive open takes 0.03 ms.)
    temporary = target.with_name(f".{target.name}.{os.getpid()}{_TEMPORARY}")
    for attempt in (1, 2):
        # Everything from the creation of the temporary file on is inside the try, so an
        # interrupt at any point removes it.
        try:
            with open(temporary, "xb") as out:
                # No fsync: the rename is what makes a killed run leave whole files;
                # syncing every file would only guard against power loss.
                if isinstance(data, bytes):
                    out.write(data)
                else:
                    out.writelines(data)
            os.replace(temporary, target)
            return
        except FileExistsError:  # left by a killed run of a process with the same pid
            if attempt == 2:
                raise
            temporary.unlink(missing_ok=True)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise


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


def _manifest_entries(path: Path) -> Iterator[tuple[str, str]]:
    """The (path, digest) entries of a manifest, a line at a time where it is laid out as
    wxrkit writes it (a 1 GB export's lists 140,000 files), else read whole."""
    try:
        with path.open(encoding="utf-8") as lines:
            if tuple(next(lines, "") for _ in _MANIFEST_HEAD) == _MANIFEST_HEAD:
                entries = []
                for line in lines:
                    if line == " }\n":
                        break
                    entry = json.loads("{" + line.strip().removesuffix(",") + "}")
                    entries.append(entry)
                    if len(entries) >= 1024:
                        yield from _checked(entries, path)
                        entries = []
                else:
                    raise ValueError("the list of files is not closed")
                yield from _checked(entries, path)
                return
        loaded = json.loads(path.read_text(encoding="utf-8"))
        yield from _checked([loaded.get("files", {})], path)
    except (ValueError, AttributeError, UnicodeDecodeError) as error:
        raise WxrkitError(
            f"{path}: the manifest of an earlier run is damaged ({error}); "
            "remove it, or convert into an empty folder"
        ) from error


def _journal_entries(path: Path) -> Iterator[tuple[str, str]]:
    """The files a killed run noted in its journal; a line it was cut off in is passed over
    (its file is then unknown, and refused unless it already holds the new content)."""
    with path.open("rb") as lines:
        for line in lines:
            try:
                entry = json.loads(line)  # UTF-8 bytes; a cut line is not valid JSON
            except ValueError:
                continue
            if (
                isinstance(entry, list)
                and len(entry) == 2
                and all(isinstance(part, str) for part in entry)
            ):
                yield entry[0], entry[1]


def _checked(entries: list[dict[str, object]], path: Path) -> Iterator[tuple[str, str]]:
    for entry in entries:
        for name, digest in entry.items():
            if not isinstance(digest, str):
                raise ValueError(f"the digest of {name!r} is not a string")
            yield name, digest


class OutputFolder:
    """The folder converted files go to, and the record of what this run wrote into it.

    The records (the earlier manifest, the files written) live in SQLite files in ``scratch``,
    a folder the caller removes after the run, or one of the folder's own.
    """

    def __init__(self, root: Path, *, force: bool = False, scratch: Path | None = None) -> None:
        self.root = root.resolve()
        self.force = force
        self.root.mkdir(parents=True, exist_ok=True)
        self._own_scratch: tempfile.TemporaryDirectory[str] | None = None
        if scratch is None:
            self._own_scratch = tempfile.TemporaryDirectory(prefix="wxrkit-")
            scratch = Path(self._own_scratch.name)
        self._manifest_path = self.root / MANIFEST
        self._journal_path = self.root / JOURNAL
        entries: Iterable[tuple[str, str]] = (
            _manifest_entries(self._manifest_path) if self._manifest_path.exists() else ()
        )
        if self._journal_path.exists():  # the run before was killed: its files are known
            entries = itertools.chain(entries, _journal_entries(self._journal_path))
        try:
            self._known = KnownFiles(scratch, entries)
        except BaseException:
            if self._own_scratch is not None:
                self._own_scratch.cleanup()
            raise
        self.writer = FileWriter(self.root, self._known, force, self._journal_path)
        self.written = WrittenFiles(scratch)
        """The files of this run, in the order written."""
        for stale in self.root.rglob(f".*{_TEMPORARY}"):
            stale.unlink(missing_ok=True)

    def write(self, relative: str, data: bytes) -> bool:
        """Write one file; returns False when it already held exactly this content."""
        return self.record(relative, self.writer.write(relative, data))

    def record(self, relative: str, written: Written) -> bool:
        """Note a file written (here or by a worker's :attr:`writer`); returns whether it
        changed."""
        self.written.record(relative, written.digest)
        return written.changed

    def close(self) -> None:
        """Write the manifest: what this run wrote, and what earlier runs wrote that it did
        not write again. :attr:`written` can be read until :meth:`discard`."""
        atomic_write(self._manifest_path, _manifest_lines(self.written.with_known(self._known)))
        self.writer.close()
        self._journal_path.unlink(missing_ok=True)  # the manifest holds it all now

    def discard(self) -> None:
        """Drop the run's records (after :meth:`close`, and after reading :attr:`written`)."""
        self.written.close()
        self._known.close()
        if self._own_scratch is not None:
            self._own_scratch.cleanup()
