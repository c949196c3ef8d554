"""The SQLite files a run keeps its growing records in, so that its memory stays flat.

A 1 GB export writes 140,000 files; the names handed out, the digests written and the
attachments indexed grew an in-memory run by about 100 MB. Each record lives in a SQLite file
in the run's temporary folder instead, read back by key. Nothing here must survive the run:
no journal, no syncing.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

__all__ = ["Database"]

_PRAGMAS = (
    "PRAGMA journal_mode=OFF",
    "PRAGMA synchronous=OFF",
    "PRAGMA temp_store=MEMORY",
    "PRAGMA cache_size=-4096",  # 4 MB of pages cached, per connection
)


class Database:
    """One SQLite file, connected lazily in each process that uses it.

    A connection must not cross a ``fork``; worker processes get the file's path (this object
    pickles as its path) and connect on first use. Only the process that made the file writes
    to it, inside one transaction from creation to :meth:`commit`.
    """

    def __init__(self, path: Path, schema: Iterable[str] = ()) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = None
        self._pid = 0
        if schema:
            for statement in schema:
                self.connection.execute(statement)
            self.connection.execute("BEGIN")

    @property
    def connection(self) -> sqlite3.Connection:
        if self._connection is None or self._pid != os.getpid():
            # The feeding thread of convert --jobs names files while the main thread records
            # them: one thread at a time uses a connection, never two at once.
            self._connection = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False
            )
            for pragma in _PRAGMAS:
                self._connection.execute(pragma)
            self._pid = os.getpid()
        return self._connection

    def execute(self, statement: str, parameters: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        return self.connection.execute(statement, parameters)

    def rows(self, statement: str, parameters: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
        """The rows of a query, fetched in pages (never all at once)."""
        cursor = self.connection.execute(statement, parameters)
        while True:
            page = cursor.fetchmany(1024)
            if not page:
                return
            yield from page

    def commit(self) -> None:
        """End the writing transaction, so that other processes can read what was written."""
        if self.connection.in_transaction:
            self.connection.execute("COMMIT")

    def close(self) -> None:
        if self._connection is not None and self._pid == os.getpid():
            self._connection.close()
        self._connection = None

    def __getstate__(self) -> dict[str, object]:
        return {"path": self.path}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.path = Path(str(state["path"]))
        self._connection = None
        self._pid = 0
