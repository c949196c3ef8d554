"""The media of a run: fetched (or copied from a local uploads folder) into ``DIR/media/``
before the posts are written, so each post's references can point at stored files.

Network in threads, the output folder in this one: each medium is fetched into a file of
the run's scratch folder by a thread (bounded per host by the downloader), and placed into
the output folder here, in the order of the plan, so which of two identical files is kept
never depends on which download ended first. A window bounds the fetched files waiting.

The folder's media index (``media/.wxrkit-media.json``) remembers each key's stored file, its
digest and size: a rerun reuses what is there without a request of any kind.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import json
import os
import stat
import tempfile
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from wxrkit.output.confined import RefusedPathError
from wxrkit.output.media.fetch import Downloader, MediumError
from wxrkit.output.media.local import LocalUploads, MissingMediumError
from wxrkit.output.media.references import Reference
from wxrkit.output.writer import OutputFolder, Written, unsafe_path_reason

__all__ = ["MEDIA_FOLDER", "MediaRecord", "MediaSource", "archive_media"]

MEDIA_FOLDER = "media"
INDEX = f"{MEDIA_FOLDER}/.wxrkit-media.json"
_INDEX_LIMIT = 1 << 30
_CHUNK = 1 << 20
_THREADS = 16

Status = Literal["downloaded", "reused", "failed", "missing"]
MediaSource = Downloader | LocalUploads
Progress = Callable[[int, int], None]
"""Called with 1 and the bytes stored for each medium done."""


@dataclass(frozen=True, slots=True)
class MediaRecord:
    """What became of one medium: a line of the report's ``media`` list."""

    url: str
    status: Status
    file: str | None = None
    """Where it is stored, relative to the output folder."""
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        entry: dict[str, Any] = {"url": self.url, "status": self.status}
        if self.file is not None:
            entry["file"] = self.file
        if self.reason is not None:
            entry["reason"] = self.reason
        return entry


@dataclass(frozen=True, slots=True)
class _Stored:
    file: str
    digest: str
    size: int


def archive_media(
    plan: list[Reference],
    source: MediaSource,
    folder: OutputFolder,
    scratch: Path,
    progress: Progress | None = None,
) -> tuple[dict[str, str], list[MediaRecord]]:
    """Store the media of ``plan`` (one reference per key, in the order found) in ``folder``;
    returns the stored file of each key stored, and a record per medium."""
    return _Archive(folder, scratch, progress or (lambda _n, _b: None)).run(plan, source)


class _Archive:
    def __init__(self, folder: OutputFolder, scratch: Path, progress: Progress) -> None:
        self.folder = folder
        self.scratch = scratch
        self.progress = progress
        self.index = _read_index(folder)
        self.stored: dict[str, _Stored] = {}
        """The keys stored (this run, or reused), by key."""
        self.by_digest: dict[str, str] = {}
        """A stored file by its content's digest: identical content is stored once."""
        self.recorded: set[str] = set()

    def run(
        self, plan: list[Reference], source: MediaSource
    ) -> tuple[dict[str, str], list[MediaRecord]]:
        records: list[MediaRecord] = []
        to_fetch: list[Reference] = []
        for reference in plan:
            reused = self._reuse(reference.key)
            if reused is None:
                to_fetch.append(reference)
                continue
            records.append(MediaRecord(reference.url, "reused", reused.file))
            self.progress(1, 0)
        for reference, outcome in self._fetched(to_fetch, source):
            records.append(self._place(reference, outcome))
        self._write_index()
        return {key: stored.file for key, stored in self.stored.items()}, records

    # -- reuse -------------------------------------------------------------------------

    def _reuse(self, key: str) -> _Stored | None:
        """The stored file of ``key`` from an earlier run, when it is still there as stored."""
        known = self.index.get(key)
        if known is None:
            return None
        found = self.folder.fs.lstat(known.file)
        if found is None or not stat.S_ISREG(found.st_mode) or found.st_size != known.size:
            return None
        self._keep(key, known)
        return known

    def _keep(self, key: str, stored: _Stored) -> None:
        self.stored[key] = stored
        self.by_digest.setdefault(stored.digest, stored.file)
        if stored.file not in self.recorded:
            self.recorded.add(stored.file)
            self.folder.record(stored.file, Written(stored.digest, changed=False))

    # -- fetching ----------------------------------------------------------------------

    def _fetched(
        self, plan: list[Reference], source: MediaSource
    ) -> Iterator[tuple[Reference, Path | Exception]]:
        """Each reference of ``plan`` with the file it was fetched to, or why not; in order."""
        if isinstance(source, LocalUploads):
            for reference in plan:
                yield reference, self._fetch_one(reference, source)
            return
        window = 4 * _THREADS
        with concurrent.futures.ThreadPoolExecutor(_THREADS, "wxrkit-media") as pool:
            pending: deque[tuple[Reference, concurrent.futures.Future[Path | Exception]]] = deque()
            queue = iter(plan)
            try:
                while True:
                    while len(pending) < window:
                        upcoming = next(queue, None)
                        if upcoming is None:
                            break
                        pending.append((upcoming, pool.submit(self._fetch_one, upcoming, source)))
                    if not pending:
                        return
                    reference, future = pending.popleft()
                    yield reference, future.result()
            finally:
                # An interrupt or an error: what has not started never starts; files fetched
                # meanwhile are in the run's scratch folder, which goes with the run.
                for _, future in pending:
                    future.cancel()

    def _fetch_one(self, reference: Reference, source: MediaSource) -> Path | Exception:
        handle, name = tempfile.mkstemp(prefix="medium-", dir=self.scratch)
        path = Path(name)
        try:
            with os.fdopen(handle, "wb") as into:
                if isinstance(source, LocalUploads):
                    source.copy(reference.key, into)
                else:
                    source.fetch(reference.fetch_url, into)
        except (MediumError, MissingMediumError) as failure:
            path.unlink(missing_ok=True)
            return failure
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return path

    # -- placing -----------------------------------------------------------------------

    def _place(self, reference: Reference, outcome: Path | Exception) -> MediaRecord:
        if isinstance(outcome, MissingMediumError):
            self.progress(1, 0)
            return MediaRecord(reference.url, "missing", reason="no such file in the uploads copy")
        if isinstance(outcome, Exception):
            self.progress(1, 0)
            return MediaRecord(
                reference.url, "failed", reason=str(outcome) or type(outcome).__name__
            )
        try:
            digest, size = _digest(outcome)
            file = self.by_digest.get(digest)
            if file is None:  # else the same bytes are stored already: one file for both
                file = f"{MEDIA_FOLDER}/{reference.key}"
                self.folder.writer.write_chunks(file, digest, lambda: _chunks(outcome))
            self._keep(reference.key, _Stored(file, digest, size))
        except RefusedPathError as error:
            self.progress(1, 0)
            return MediaRecord(reference.url, "failed", reason=str(error))
        finally:
            outcome.unlink(missing_ok=True)
        self.progress(1, size)
        return MediaRecord(reference.url, "downloaded", file)

    def _write_index(self) -> None:
        entries = {
            key: {"file": stored.file, "sha256": stored.digest, "size": stored.size}
            for key, stored in sorted({**self.index, **self.stored}.items())
        }
        data = json.dumps({"version": 1, "media": entries}, indent=1, ensure_ascii=False)
        self.folder.fs.write(INDEX, (data + "\n").encode("utf-8"))


def _digest(path: Path) -> tuple[str, int]:
    hasher = hashlib.sha256()
    size = 0
    for chunk in _chunks(path):
        hasher.update(chunk)
        size += len(chunk)
    return hasher.hexdigest(), size


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as data:
        while chunk := data.read(_CHUNK):
            yield chunk


def _inside_media(file: str) -> bool:
    """Whether an index entry names a plain path under ``media/`` (the index is a file in
    the output folder: anyone could have edited it)."""
    return file.startswith(f"{MEDIA_FOLDER}/") and unsafe_path_reason(file) is None


def _read_index(folder: OutputFolder) -> dict[str, _Stored]:
    """The media index an earlier run left; empty when there is none or it is unreadable
    (every medium is then fetched again, and the files compared by content)."""
    try:
        with folder.fs.reader(INDEX, _INDEX_LIMIT) as data:
            document = json.load(data)
        entries = document["media"]
        return {
            str(key): _Stored(str(entry["file"]), str(entry["sha256"]), int(entry["size"]))
            for key, entry in entries.items()
            if _inside_media(str(entry["file"]))
        }
    except (FileNotFoundError, RefusedPathError, ValueError, KeyError, TypeError, AttributeError):
        return {}
