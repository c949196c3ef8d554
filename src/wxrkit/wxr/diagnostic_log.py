"""Collects the diagnostics of one read; in strict mode the first one is raised instead."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from wxrkit.errors import Diagnostic, ParseError

__all__ = ["DiagnosticLog"]

MAX_PER_CODE = 20
"""Repairs of one kind reported one by one; further ones are folded into a count."""
ONCE_PER_READ = frozenset({"undeclared-prefix"})
"""Codes reported once per read for each message (each prefix at its first use): a log that
absorbs the logs of parts of a source keeps the first."""


class DiagnosticLog:
    """The diagnostics of one read of one source."""

    __slots__ = ("_counts", "_items", "_once", "line_offset", "source", "strict")

    def __init__(self, source: str, *, strict: bool, line_offset: int = 0) -> None:
        self.source = source
        self.strict = strict
        self.line_offset = line_offset
        """Added to every line given (see :attr:`wxrkit.wxr.build.BuildContext.line_offset`)."""
        self._items: list[Diagnostic] = []
        self._counts: Counter[str] = Counter()
        self._once: set[str] = set()
        """The messages of :data:`ONCE_PER_READ` codes absorbed."""

    def add(
        self, code: str, message: str, line: int | None = None, column: int | None = None
    ) -> None:
        """Record a diagnostic, or raise it as a :class:`ParseError` in strict mode."""
        if line is not None:
            line += self.line_offset
        if self.strict:
            raise ParseError(
                f"{message} [{code}; strict mode turns every repair into an error: read "
                "without strict=True (or --strict) to have it repaired and reported]",
                source=self.source,
                line=line,
                column=column,
            )
        self._counts[code] += 1
        if self._counts[code] <= MAX_PER_CODE:
            self._items.append(
                Diagnostic(code=code, message=message, source=self.source, line=line, column=column)
            )

    def absorb(self, listed: Iterable[Diagnostic], more: Mapping[str, int] = {}) -> None:
        """Take the diagnostics of another log of the same source, as if added here: those it
        ``listed`` one by one, then the counts of those it folded (``more``, by code). A log of
        a later part of the source, absorbed in order, gives what one log of the whole would.
        """
        for diagnostic in listed:
            if diagnostic.code in ONCE_PER_READ:
                if diagnostic.message in self._once:
                    continue
                self._once.add(diagnostic.message)
            self._counts[diagnostic.code] += 1
            if self._counts[diagnostic.code] <= MAX_PER_CODE:
                self._items.append(diagnostic)
        for code, count in more.items():
            self._counts[code] += count

    def listed_count(self) -> int:
        """How many diagnostics are listed one by one so far."""
        return len(self._items)

    def listed(self) -> tuple[list[Diagnostic], dict[str, int]]:
        """What :meth:`absorb` takes: the diagnostics listed, and the counts folded by code."""
        return list(self._items), {
            code: count - MAX_PER_CODE
            for code, count in self._counts.items()
            if count > MAX_PER_CODE
        }

    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """Everything recorded, with one summary per kind that exceeded the per-kind limit."""
        folded = [
            Diagnostic(
                code=code,
                message=f"{count - MAX_PER_CODE} more of this kind not listed one by one",
                source=self.source,
                count=count - MAX_PER_CODE,
            )
            for code, count in self._counts.items()
            if count > MAX_PER_CODE
        ]
        return (*self._items, *folded)
