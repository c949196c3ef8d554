"""The attachments of the exports being converted, on disk, by id and by parent.

:class:`wxrkit.attachments.AttachmentIndex` holds them in dictionaries; a 1 GB export has
47,000 attachments, 40 MB of them, which this store keeps out of memory (see
:mod:`wxrkit.output.disk`). Worker processes read it too.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator, Mapping
from pathlib import Path

from wxrkit.attachments import attachment_of, link_post
from wxrkit.models import Attachment, Post
from wxrkit.output.disk import Database

__all__ = ["AttachmentStore"]


class AttachmentStore(Mapping[int, Attachment]):
    """Attachments by id, as :meth:`add` is given them; where two share an id, the first one
    wins. Complete once :meth:`commit` is called."""

    def __init__(self, folder: Path) -> None:
        self._db = Database(
            folder / "attachments.sqlite",
            [
                "CREATE TABLE attachments"
                " (id INTEGER PRIMARY KEY, parent INTEGER, data BLOB NOT NULL)",
                "CREATE INDEX by_parent ON attachments (parent)",
            ],
        )
        self._count = 0

    def add(self, post: Post) -> None:
        """Keep ``post`` if it is an attachment (any other item is passed over)."""
        if post.type == "attachment" and post.id is not None:
            data = pickle.dumps(attachment_of(post), protocol=pickle.HIGHEST_PROTOCOL)
            self._db.execute(
                "INSERT OR IGNORE INTO attachments VALUES (?, ?, ?)",
                (post.id, post.parent_id, data),
            )

    def commit(self) -> None:
        """Make what was added visible to readers (the worker processes)."""
        self._db.commit()
        self._count = int(self._db.execute("SELECT count(*) FROM attachments").fetchone()[0])

    def __getitem__(self, key: int) -> Attachment:
        row = self._db.execute("SELECT data FROM attachments WHERE id = ?", (key,)).fetchone()
        if row is None:
            raise KeyError(key)
        attachment: Attachment = pickle.loads(row[0])  # written by this run, in its own folder
        return attachment

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, int):
            return False
        found = self._db.execute("SELECT 1 FROM attachments WHERE id = ?", (key,)).fetchone()
        return found is not None

    def __iter__(self) -> Iterator[int]:
        for (key,) in self._db.rows("SELECT id FROM attachments ORDER BY rowid"):
            yield int(key)

    def __len__(self) -> int:
        return self._count

    def children(self, parent: int) -> tuple[Attachment, ...]:
        """The attachments whose parent is ``parent``, in the order the export lists them."""
        rows = self._db.rows(
            "SELECT data FROM attachments WHERE parent = ? ORDER BY rowid", (parent,)
        )
        return tuple(pickle.loads(data) for (data,) in rows)

    def link(self, post: Post) -> Post:
        """``post`` with its featured image and attachments filled in, where any are known."""
        return link_post(post, self, self.children)

    def close(self) -> None:
        self._db.close()
