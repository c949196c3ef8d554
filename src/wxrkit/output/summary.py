"""What a conversion run did, input by input: the summary it prints and the ``--report``."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from wxrkit.errors import Diagnostic
from wxrkit.output.confined import OutputError, output_error
from wxrkit.output.media.archive import MediaRecord
from wxrkit.output.select import Holdings

__all__ = ["InputAccount", "Summary", "check_report_path"]


@dataclass(slots=True)
class InputAccount:
    """What became of one input's items: seen in its bytes, read, and lost with the reason."""

    input: str
    kind: str
    seen: int | None
    """``<item>`` start tags counted in the file's bytes (independently of the parser); one
    for a page; None where the bytes could not be read as a whole (the reader says why)."""
    read: int = 0
    failure: str | None = None
    """Why the input could not be read to its end."""

    @property
    def lost(self) -> int:
        """Items seen but not read."""
        return max((self.seen or 0) - self.read, 0) if self.seen is not None else 0

    def to_json(self) -> dict[str, Any]:
        return {
            "input": self.input,
            "kind": self.kind,
            "items_seen": self.seen,
            "items_read": self.read,
            "items_lost": self.lost,
            "reason": self.failure,
        }


@dataclass(slots=True)
class Summary:
    """What a run did; :meth:`to_json` is the ``--report`` document."""

    inputs: list[str] = field(default_factory=list)
    written: Counter[str] = field(default_factory=Counter)
    """Posts written, by ``type/status``."""
    unchanged: int = 0
    """Files that already held exactly the new content."""
    skipped: Counter[str] = field(default_factory=Counter)
    """Items not written, by reason."""
    comments: Counter[str] = field(default_factory=Counter)
    """Comments of the written posts, by type."""
    items: int = 0
    """Items read, over all inputs."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    """Files written, or found holding the new content already (listed by the report)."""
    failures: list[str] = field(default_factory=list)
    """Inputs that could not be read to the end, each with where and why; the items before
    the point of failure are written all the same."""
    accounts: list[InputAccount] = field(default_factory=list)
    """Per input: items seen, read and lost (``seen = read + lost``, each loss with a reason)."""
    warnings: list[str] = field(default_factory=list)
    """What the user should hear though nothing failed: filters that matched nothing (with
    what the inputs hold), files of earlier runs the folder still holds."""
    holdings: Holdings = field(default_factory=Holdings)
    """What the inputs hold, by type, status, author and date."""
    media: list[MediaRecord] = field(default_factory=list)
    """What became of each medium (``--media``), in the order the exports hold them."""

    def media_counts(self) -> Counter[str]:
        """Media by status: downloaded, reused, failed, missing."""
        return Counter(record.status for record in self.media)

    def media_lost(self) -> str | None:
        """A word on the media that were not stored (a failure under ``--strict``)."""
        lost = [record for record in self.media if record.status in ("failed", "missing")]
        if not lost:
            return None
        counts = Counter(record.status for record in lost)
        said = " and ".join(f"{counts[s]} {s}" for s in ("failed", "missing") if counts[s])
        first = lost[0]
        return (
            f'media: {said} (their references keep the old URLs); the report\'s "media" '
            f"list says why, e.g. {first.url}: {first.reason}"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "inputs": self.inputs,
            "items_read": self.items,
            "written": dict(sorted(self.written.items())),
            "written_total": sum(self.written.values()),
            "unchanged_files": self.unchanged,
            "skipped": dict(sorted(self.skipped.items())),
            "comments": dict(sorted(self.comments.items())),
            "diagnostics": [
                {
                    "code": d.code,
                    "message": d.message,
                    "source": d.source,
                    "line": d.line,
                    "column": d.column,
                    "count": d.count,
                }
                for d in self.diagnostics
            ],
            "files_total": self.files,
            "failures": self.failures,
            "warnings": self.warnings,
            "accounting": [account.to_json() for account in self.accounts],
            "media": [record.to_json() for record in self.media],
        }

    def save(self, report: Path, files: Iterable[str]) -> None:
        """The report (:meth:`write_report`) to the file ``report``, or standard output for
        ``-``."""
        if str(report) == "-":
            self.write_report(sys.stdout, files)
            return
        try:
            with report.open("w", encoding="utf-8", newline="\n") as out:
                self.write_report(out, files)
        except OSError as error:
            raise output_error(error, str(report), "write the report") from error

    def write_report(self, out: TextIO, files: Iterable[str]) -> None:
        """:meth:`to_json` as JSON to ``out``, with ``files`` (every path written, in order)
        listed last, a line each, streamed: a 1 GB export writes 140,000 files."""
        head = json.dumps(self.to_json(), indent=2)[: -len("\n}")]
        out.write(head + ',\n  "files": [')
        first = True
        for name in files:
            out.write(("\n    " if first else ",\n    ") + json.dumps(name))
            first = False
        out.write("]\n}\n" if first else "\n  ]\n}\n")


def check_report_path(report: Path) -> None:
    """Refuse a ``--report`` path that cannot be written, before any work is done."""
    if str(report) == "-":
        return
    parent = report.parent if str(report.parent) else Path(".")
    if report.is_dir():
        raise OutputError(
            f"{report}: is a folder; --report takes a file name (or - for the terminal)"
        )
    if not parent.is_dir():
        raise OutputError(
            f"{report}: the folder {parent} does not exist; make it, or report elsewhere"
        )
    if not os.access(parent, os.W_OK) or (report.exists() and not os.access(report, os.W_OK)):
        raise OutputError(f"{report}: not writable; report to a file you may write")
