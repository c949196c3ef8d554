"""The inputs named on the command line: files, folders of them, standard input.

A name that does not exist is an error before any work; files in a folder that are neither
exports nor pages are skipped with a word, never silently (hidden files excepted: a site's
``.git`` is no input).
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from wxrkit.cli.summary_text import plural
from wxrkit.output.sources import EXPORT_SUFFIXES, PAGE_SUFFIXES

__all__ = ["FoundInputs", "find_inputs"]

_INPUT_SUFFIXES = (*EXPORT_SUFFIXES, *PAGE_SUFFIXES)


@dataclass(slots=True)
class FoundInputs:
    sources: list[Path | BinaryIO] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    """Names that are neither a file, a folder nor ``-``."""
    passed_over: list[Path] = field(default_factory=list)
    """Files in the folders given that are not inputs (by their suffix)."""

    def passed_over_note(self, *, verbose: bool) -> list[str]:
        """What was passed over, in a line (every file with ``verbose``)."""
        if not self.passed_over:
            return []
        suffixes = Counter(path.suffix.lower() or "(no suffix)" for path in self.passed_over)
        kinds = ", ".join(f"{count} {suffix}" for suffix, count in suffixes.most_common())
        count = len(self.passed_over)
        lines = [
            f"passed over {plural(count, 'file')} in the folders given that "
            f"are neither exports nor pages ({kinds})" + ("" if verbose else "; -v lists them")
        ]
        if verbose:
            lines.extend(f"  {path}" for path in self.passed_over)
        return lines


def _hidden(path: Path, folder: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(folder).parts)


def find_inputs(names: Sequence[str]) -> FoundInputs:
    found = FoundInputs()
    for name in names:
        if name == "-":
            found.sources.append(sys.stdin.buffer)
            continue
        path = Path(name)
        if path.is_dir():
            for candidate in sorted(path.rglob("*")):
                if not candidate.is_file() or _hidden(candidate, path):
                    continue
                if candidate.name.lower().endswith(_INPUT_SUFFIXES):
                    found.sources.append(candidate)
                else:
                    found.passed_over.append(candidate)
        elif path.exists():
            found.sources.append(path)
        else:
            found.missing.append(name)
    return found
