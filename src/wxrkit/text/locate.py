"""Where the post is in a whole-page text dump: the largest run of running text.

Lines are classed as running text or not (:mod:`wxrkit.text.classify`); the good lines fall
into runs separated by stretches of menu, sidebar and footer lines. The post is the run with
the most running text, taking the runs that follow it closely; comments are not the post, so
a run that starts after the comment section's heading or the comment form counts only when
nothing before it is running text. The title is the line above the post that reads like one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from wxrkit.html.dates import parse_page_date
from wxrkit.text.classify import classify_lines
from wxrkit.text.stopwords import page_stopwords

__all__ = ["Located", "locate_post"]

MAX_GAP_LINES = 4
"""Most lines that are not running text inside the post: a longer stretch ends a run (a
caption, a subheading and a list item pass; a menu or a list of other posts does not)."""
_MIN_POST_CHARS = 150
"""Least running text for the located run to be taken as the post; below it the page is
left to the line rules."""
_TITLE_WINDOW = 12  # non-blank lines above the post searched for its title
_TITLE_MIN_CHARS = 8
_TITLE_MAX_CHARS = 250


@dataclass(frozen=True, slots=True)
class Located:
    """The post's place: ``lines[start:end]`` holds it; ``kept`` are its lines of text."""

    start: int
    end: int
    kept: frozenset[int]
    title: int | None


@dataclass(slots=True)
class _Run:
    first: int  # index into the non-blank lines
    last: int
    chars: int


def _runs(kinds: Sequence[str], texts: Sequence[str], breaks: Sequence[bool]) -> list[_Run]:
    """Runs of good lines, each weighed by its text that the page holds once: a teaser's
    headline and excerpt, repeated in a widget or linked twice, weigh nothing."""
    counts = Counter(texts)
    runs: list[_Run] = []
    current: _Run | None = None
    gap = 0
    for position, kind in enumerate(kinds):
        if breaks[position]:
            current, gap = None, 0
            continue
        if kind != "good":
            gap += 1
            if gap > MAX_GAP_LINES:
                current = None
            continue
        if current is None:
            current = _Run(position, position, 0)
            runs.append(current)
        current.last = position
        if counts[texts[position]] == 1:
            current.chars += len(texts[position])
        gap = 0
    return runs


def locate_post(
    lines: Sequence[str],
    is_page_line: Callable[[str], bool],
    starts_comments: Callable[[str], bool],
) -> Located | None:
    """The post among ``lines`` (whitespace-folded, blank lines as ``""``), or None when no
    run of running text is long enough to be one.

    ``is_page_line`` says which lines are the site's around every post (boilerplate, the
    headings of the author box, taxonomy line, comments and form: each ends a run);
    ``starts_comments`` which of those head the comments or the comment form, after which
    running text is the readers', not the post.
    """
    indices = [index for index, line in enumerate(lines) if line]
    texts = [lines[index] for index in indices]
    if not texts:
        return None
    stopwords = page_stopwords(texts)
    kinds = classify_lines(texts, stopwords, is_page_line)
    breaks = [is_page_line(text) for text in texts]
    runs = [run for run in _runs(kinds, texts, breaks) if run.chars >= _MIN_POST_CHARS]
    if not runs:
        return None
    # a comment count under the title ("57 Comments") heads nothing: the comments start
    # at the first such heading after some running text
    comments_start = next(
        (
            position
            for position in range(runs[0].first, len(texts))
            if breaks[position] and starts_comments(texts[position])
        ),
        len(texts),
    )
    main = max((run for run in runs if run.first < comments_start), key=lambda run: run.chars)
    kept = frozenset(
        indices[position]
        for position in range(main.first, main.last + 1)
        if kinds[position] == "good"
    )
    end_position = main.last + 1
    return Located(
        start=indices[main.first],
        end=indices[end_position] if end_position < len(indices) else len(lines),
        kept=kept,
        title=_title(texts, indices, main.first, is_page_line),
    )


def _title(
    texts: Sequence[str], indices: Sequence[int], first: int, is_page_line: Callable[[str], bool]
) -> int | None:
    """The line above the post that reads as its title: not a date, not the site's chrome, of
    a title's length; the nearest such line, the one repeated on the page preferred."""
    seen = 0
    chosen: int | None = None
    for position in range(first - 1, -1, -1):
        seen += 1
        if seen > _TITLE_WINDOW:
            break
        text = texts[position]
        if not _TITLE_MIN_CHARS <= len(text) <= _TITLE_MAX_CHARS or is_page_line(text):
            continue
        if parse_page_date(text) is not None and len(text) <= 60:
            continue
        if text.endswith((":", ",")):
            continue
        if chosen is None:
            chosen = indices[position]
        if sum(text in other for other in texts) > 1:
            return indices[position]
    return chosen
