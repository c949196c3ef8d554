"""A run's records of its files, on disk: names taken, files written, files known from before.

Each grows with the export (one row a file); see :mod:`wxrkit.output.disk` for why they are not
dictionaries.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from wxrkit.output.disk import Database

__all__ = ["ClaimedAddresses", "KnownFiles", "TakenNames", "WrittenFiles"]


class TakenNames:
    """The (case-folded) names handed out so far."""

    def __init__(self, folder: Path) -> None:
        self._db = Database(
            folder / "names.sqlite", ["CREATE TABLE taken (key TEXT PRIMARY KEY) WITHOUT ROWID"]
        )

    def take(self, key: str) -> bool:
        """Take ``key``; False when it was taken already."""
        return self._db.execute("INSERT OR IGNORE INTO taken VALUES (?)", (key,)).rowcount == 1

    def close(self) -> None:
        self._db.close()


class ClaimedAddresses:
    """The site addresses (paths) the posts written so far answer at, and which post claimed
    each first."""

    def __init__(self, folder: Path) -> None:
        self._db = Database(
            folder / "addresses.sqlite",
            ["CREATE TABLE claimed (address TEXT PRIMARY KEY, owner TEXT NOT NULL) WITHOUT ROWID"],
        )

    def claim(self, address: str, owner: str) -> str | None:
        """Claim ``address`` for ``owner``; the earlier owner when another post has it."""
        inserted = self._db.execute(
            "INSERT OR IGNORE INTO claimed VALUES (?, ?)", (address, owner)
        ).rowcount
        if inserted == 1:
            return None
        row = self._db.execute("SELECT owner FROM claimed WHERE address = ?", (address,))
        earlier = str(row.fetchone()[0])
        return None if earlier == owner else earlier

    def close(self) -> None:
        self._db.close()


class KnownFiles:
    """The digests of the files an earlier run wrote (its manifest), by path; any process may
    look them up once the table is complete."""

    def __init__(self, folder: Path, entries: Iterable[tuple[str, str]]) -> None:
        self._db = Database(
            folder / "known.sqlite",
            ["CREATE TABLE files (path TEXT PRIMARY KEY, digest TEXT NOT NULL) WITHOUT ROWID"],
        )
        self._db.connection.executemany("INSERT OR REPLACE INTO files VALUES (?, ?)", entries)
        self._db.commit()
        self.path = self._db.path

    def get(self, path: str) -> str | None:
        row = self._db.execute("SELECT digest FROM files WHERE path = ?", (path,)).fetchone()
        return None if row is None else str(row[0])

    def close(self) -> None:
        self._db.close()


class WrittenFiles:
    """Every file this run wrote (or found already right), with its digest, in that order."""

    def __init__(self, folder: Path) -> None:
        self._db = Database(
            folder / "written.sqlite",
            ["CREATE TABLE files (path TEXT PRIMARY KEY, digest TEXT NOT NULL)"],
        )
        self._count = 0

    def record(self, path: str, digest: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO files VALUES (?, ?)", (path, digest))
        self._count += 1

    def adopt(self, path: str, digest: str) -> bool:
        """Record ``path`` unless it is recorded already; whether it was not."""
        cursor = self._db.execute("INSERT OR IGNORE INTO files VALUES (?, ?)", (path, digest))
        self._count += cursor.rowcount
        return bool(cursor.rowcount)

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[str]:
        """The paths, in the order they were written."""
        for (path,) in self._db.rows("SELECT path FROM files ORDER BY rowid"):
            yield str(path)

    def with_known(self, known: KnownFiles) -> Iterator[tuple[str, str]]:
        """This run's files and the earlier runs' it did not write again, sorted by path (in
        code point order: SQLite compares UTF-8 bytes)."""
        self._db.commit()  # SQLite attaches outside a transaction only
        self._db.execute("ATTACH DATABASE ? AS known", (str(known.path),))
        try:
            for path, digest in self._db.rows(
                "SELECT path, digest FROM files UNION ALL SELECT path, digest FROM known.files"
                " WHERE path NOT IN (SELECT path FROM files) ORDER BY path"
            ):
                yield str(path), str(digest)
        finally:
            self._db.execute("DETACH DATABASE known")

    def not_rewritten(self, known: KnownFiles) -> Counter[str]:
        """The files earlier runs wrote that this one did not, counted by suffix."""
        self._db.commit()
        self._db.execute("ATTACH DATABASE ? AS known", (str(known.path),))
        try:
            return Counter(
                PurePosixPath(str(path)).suffix or "(no suffix)"
                for (path,) in self._db.rows(
                    "SELECT path FROM known.files WHERE path NOT IN (SELECT path FROM files)"
                )
            )
        finally:
            self._db.execute("DETACH DATABASE known")

    def close(self) -> None:
        self._db.close()
