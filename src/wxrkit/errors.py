"""The exceptions wxrkit raises and the diagnostics it reports.

Every error wxrkit raises on purpose derives from :class:`WxrkitError`, so a caller (and the CLI)
can catch exactly the library's own failures and let real bugs show their traceback.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "Diagnostic",
    "InputNotFoundError",
    "LimitExceededError",
    "LoneSurrogateWarning",
    "NotAnExportError",
    "ParseError",
    "WxrkitError",
    "WxrkitWarning",
]


class WxrkitError(Exception):
    """The base of every error wxrkit raises on purpose."""


class WxrkitWarning(UserWarning):
    """Category of the warnings wxrkit emits through :mod:`warnings`."""


class LoneSurrogateWarning(WxrkitWarning, UnicodeWarning):
    """A post built by hand held lone surrogates; they were written as U+FFFD (no UTF-8 text
    can hold one). The readers never make such posts: they replace and report them."""


def _where(source: str | None, line: int | None, column: int | None) -> str:
    parts = [source or "<input>"]
    if line is not None:
        parts.append(str(line))
        if column is not None:
            parts.append(str(column))
    return ":".join(parts)


class ParseError(WxrkitError, ValueError):
    """A document could not be read.

    The message starts with ``source:line:column`` (as compilers print it) and says what to do.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        column: int | None = None,
        items_read: int | None = None,
    ) -> None:
        self.reason = message
        """What went wrong and what to do, without the location."""
        self.source = source
        """The file name (or ``<bytes>``, ``<stream>``) the document came from."""
        self.line = line
        """1-based line of the defect, where known."""
        self.column = column
        """1-based column of the defect, where known."""
        self.items_read = items_read
        """How many items were read before the error, for errors met while streaming."""
        super().__init__(f"{_where(source, line, column)}: {message}")


class NotAnExportError(ParseError):
    """The input is readable but is not a WordPress export (an HTML page, a plain RSS feed, ...)."""


class InputNotFoundError(ParseError, FileNotFoundError):
    """The input file does not exist (a :class:`ParseError` naming it, and a
    ``FileNotFoundError`` for code that catches that)."""


class LimitExceededError(ParseError):
    """The input exceeds one of the safety limits (decompression ratio, nesting depth, size)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Diagnostic:
    """Something wxrkit noticed in an input and tolerated, repaired or skipped.

    Nothing is dropped silently: a repair, a guess or a skipped item is reported as one of these.
    """

    code: str
    """A stable, kebab-case identifier, e.g. ``bare-ampersand`` or ``unknown-wxr-version``."""
    message: str
    """What was found and what was done about it, in a sentence."""
    source: str | None = None
    """The file name the input came from."""
    line: int | None = None
    """1-based line, where known."""
    column: int | None = None
    """1-based column, where known."""
    count: int = 1
    """How many occurrences this one diagnostic stands for (repeated repairs are folded)."""

    def __str__(self) -> str:
        suffix = f" ({self.count} occurrences)" if self.count > 1 else ""
        return f"{_where(self.source, self.line, self.column)}: {self.code}: {self.message}{suffix}"
