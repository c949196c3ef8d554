"""The summary ``wxrkit convert`` prints on standard error at the end of a run."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from wxrkit.output.summary import Summary

__all__ = ["plural", "print_summary"]


def plural(count: int, word: str) -> str:
    """``1 item``, ``2 items``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def print_summary(summary: Summary, out: TextIO, *, output: Path | None, verbose: bool) -> None:
    total = sum(summary.written.values())
    kinds = ", ".join(f"{count} {kind}" for kind, count in summary.written.most_common())
    seen = [a.seen for a in summary.accounts]
    counted = (
        plural(sum(n for n in seen if n is not None), "item") + " seen, "
        if None not in seen
        else ""
    )
    print(f"wxrkit: {counted}{summary.items} read, {total} converted ({kinds or 'none'})", file=out)
    if output is not None and total:
        changed = summary.files - summary.unchanged
        unchanged = f", {summary.unchanged} already up to date" if summary.unchanged else ""
        print(f"  into {output}: {plural(changed, 'file')} written{unchanged}", file=out)
    for account in summary.accounts:
        if account.lost or verbose:
            lost = f", {account.lost} lost" if account.lost else ""
            seen_text = "?" if account.seen is None else str(account.seen)
            print(f"  {account.input}: {seen_text} seen, {account.read} read{lost}", file=out)
    if summary.media:
        counts = summary.media_counts()
        said = ", ".join(
            f"{counts[status]} {status}"
            for status in ("downloaded", "reused", "failed", "missing")
            if counts[status]
        )
        print(f"  media: {said}", file=out)
    for reason, count in summary.skipped.most_common():
        print(f"  skipped {count}: {reason}", file=out)
    if summary.comments:
        kinds = ", ".join(f"{count} {kind}" for kind, count in summary.comments.most_common())
        print(f"  comments: {kinds}", file=out)
    if summary.diagnostics:
        count = len(summary.diagnostics)
        print(f"  {plural(count, 'diagnostic')} (repairs made):", file=out)
        for diagnostic in summary.diagnostics if verbose else summary.diagnostics[:10]:
            print(f"    {diagnostic}", file=out)
        if not verbose and count > 10:
            print(f"    ... {count - 10} more (--verbose lists all)", file=out)
