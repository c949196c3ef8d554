"""Where the post is in a whole-page text dump: the largest run of running text.

Lines are classed as running text or not (:mod:`wxrkit.text.classify`); the good lines fall
into runs separated by stretches of menu, sidebar and footer lines. The post is the run with
the most running text (counting the lines the page holds once), joined with the runs two
lines or less before and after it. Comments are not the post: only runs that start before the
first heading of the comments or the comment form count (a comment count under the title,
above any running text, is not that heading). A post made only of short lines (a recipe
card, a list) has no run of running text; under a dated byline it is taken over a short
undated run (a sidebar's blurb). The title is the line above the post that reads like one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from wxrkit.html.dates import parse_page_date
from wxrkit.text.classify import Kind, by_itself, classify_lines
from wxrkit.text.stopwords import WORD, page_stopwords

__all__ = ["Located", "locate_post"]

MAX_GAP_LINES = 4
"""Most lines that are not running text inside the post: a longer stretch ends a run (a
caption, a subheading and a list item pass; a menu or a list of other posts does not)."""
_MIN_POST_CHARS = 150
"""Least running text for the located run to be taken as the post; below it the page is
left to the line rules."""
_JOIN_GAP = 2
_JOIN_GAP_PLAIN = 20
"""Most lines between two runs that are one post when none of them is a line of the site's."""
"""Most lines between two runs of running text that are still one post."""
_CLOSING_MAX = 200
_SENTENCE_CLOSE = re.compile(r"\w[.!?\u3002\uff01\uff1f]['\"\u201d\u2019)]?$")
_WEAK_RUN = 600
"""Running text under which the located run may be a sidebar's blurb beside a post of
short lines."""
_LIST_LINE_WORDS = 3
_LIST_MIN_CHARS = 400
_DATED_LINES = 6
_TITLE_WINDOW = 30  # non-blank lines above the post searched for its title
_TITLE_MIN_WORDS = 3
_DATE_LINE_CHARS = 80
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
    # Long, and read top to bottom: the runs of running text, where the comments start, the
    # run that is the post joined with its neighbours, then its closing and inner short lines;
    # each step uses the line classes and runs of the steps before it.
    indices = [index for index, line in enumerate(lines) if line]
    texts = [lines[index] for index in indices]
    if not texts:
        return None
    stopwords = page_stopwords(texts)
    breaks = [is_page_line(text) for text in texts]
    kinds = classify_lines(texts, stopwords, breaks)
    every_run = _runs(kinds, texts, breaks)
    runs = [run for run in every_run if run.chars >= _MIN_POST_CHARS]
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
    candidates = [run for run in runs if run.first < comments_start]
    main = max(candidates, key=lambda run: run.chars)
    main = _joined(main, [run for run in every_run if run.first < comments_start], breaks)
    if main.chars < _WEAK_RUN:
        listed = _list_post(texts, breaks, comments_start, main)
        if listed is not None:
            kinds = [*kinds]
            for position in range(listed.first, listed.last + 1):
                if not breaks[position]:
                    kinds[position] = "good"
            main = listed
    last = main.last
    # a closing line of the post ("Cross-posted from …", a signature) is short, and its
    # other neighbour a menu or a footer makes it bad by context: the line right after the
    # last sentence is the post's when it is a sentence itself and not the site's
    following = last + 1
    if (
        following < len(texts)
        and not breaks[following]
        and _SENTENCE_CLOSE.search(texts[following])
        and len(texts[following]) <= _CLOSING_MAX
    ):
        kinds = [*kinds]
        kinds[following] = "good"
        last = following
    main = _Run(main.first, last, main.chars)
    # inside the post, a short line that only its neighbours made bad (a list of
    # ingredients under a line of numbers, a numbered point) is the post's
    kept = frozenset(
        indices[position]
        for position in range(main.first, main.last + 1)
        if kinds[position] == "good"
        or (not breaks[position] and by_itself(texts[position], stopwords) in ("short", "neargood"))
    )
    end_position = main.last + 1
    return Located(
        start=indices[main.first],
        end=indices[end_position] if end_position < len(indices) else len(lines),
        kept=kept,
        title=_title(
            texts,
            indices=indices,
            main=main,
            kinds=kinds,
            stopwords=stopwords,
            is_page_line=is_page_line,
        ),
    )


def _list_post(texts: Sequence[str], breaks: Sequence[bool], stop: int, weak: _Run) -> _Run | None:
    """A post made of short lines (a recipe card, a numbered list) under a dated byline,
    where the only run of running text is a sidebar's blurb: the stretch between two lines
    of the site's that follows a date and holds the most lines of a few words each."""
    counts = Counter(texts)
    best: _Run | None = None
    position = 0
    while position < stop:
        if breaks[position]:
            position += 1
            continue
        first = position
        while position < stop and not breaks[position]:
            position += 1
        wordy = [
            p
            for p in range(first, position)
            if counts[texts[p]] == 1 and len(WORD.findall(texts[p])) >= _LIST_LINE_WORDS
        ]
        chars = sum(len(texts[p]) for p in wordy)
        dated = any(_is_date(text) for text in texts[max(first - _DATED_LINES, 0) : first + 2])
        if wordy and dated and (best is None or chars > best.chars):
            best = _Run(wordy[0], wordy[-1], chars)
    weak_dated = any(
        _is_date(text) for text in texts[max(weak.first - _DATED_LINES, 0) : weak.first + 2]
    )
    if best is None or best.chars < max(_LIST_MIN_CHARS, weak.chars) or weak_dated:
        return None
    return best


def _joined(main: _Run, runs: Sequence[_Run], breaks: Sequence[bool]) -> _Run:
    """The post's run joined with the runs just before and after it: an article split by a
    line of the site's (an "Advertisement", an inline "Share" heading) is one article."""
    first, last, chars = main.first, main.last, main.chars

    def near(start: int, stop: int) -> bool:
        """Whether the lines between two runs are few, and none of them the site's."""
        gap = stop - start
        return gap <= _JOIN_GAP or (gap <= _JOIN_GAP_PLAIN and not any(breaks[start:stop]))

    for run in sorted(runs, key=lambda run: run.first):
        if run.first > last and near(last + 1, run.first):
            last, chars = run.last, chars + run.chars
    for run in sorted(runs, key=lambda run: -run.first):
        if run.last < first and near(run.last + 1, first):
            first, chars = run.first, chars + run.chars
    return _Run(first, last, chars)


def _title(
    texts: Sequence[str],
    *,
    indices: Sequence[int],
    main: _Run,
    kinds: Sequence[Kind],
    stopwords: frozenset[str],
    is_page_line: Callable[[str], bool],
) -> int | None:
    """The line above the post that reads as its title.

    Among the lines of a title's length above the post (not dates, not the site's chrome),
    the one that scores best on what a title does: it names what the post is about (its
    words recur in the post's text), a byline or a date follows it, and it has a few words
    (share buttons, menu items and image captions have one or two, or none of the post's).
    """
    body_words = {
        word
        for position in range(main.first, main.last + 1)
        if kinds[position] == "good"
        for word in WORD.findall(texts[position].casefold())
        if word not in stopwords
    }
    counts = Counter(texts)
    best: tuple[float, int] | None = None
    lowest = max(main.first - _TITLE_WINDOW, 0)
    for position in range(main.first - 1, lowest - 1, -1):
        text = texts[position]
        if not _TITLE_MIN_CHARS <= len(text) <= _TITLE_MAX_CHARS or is_page_line(text):
            continue
        if _is_date(text) or text.endswith((":", ",")):
            continue
        words = [word for word in WORD.findall(text.casefold()) if word not in stopwords]
        if not words:
            continue
        score = sum(word in body_words for word in words) / len(words)
        all_words = WORD.findall(text)
        if len(all_words) >= _TITLE_MIN_WORDS:
            score += 0.5
        if len(all_words) < 2 or _is_name(all_words, stopwords):
            score -= 0.5
        if counts[text] > 1:
            score -= 0.3  # share headings and menu items recur; a title seldom exactly
        if any(
            _is_date(texts[after]) for after in range(position + 1, min(position + 3, main.first))
        ):
            score += 0.5
        score -= (main.first - position) * 0.01  # the nearer of two alike
        if best is None or score > best[0]:
            best = (score, position)
    return indices[best[1]] if best is not None else None


def _is_name(words: Sequence[str], stopwords: frozenset[str]) -> bool:
    """Whether a line reads as a person's name: two to four capitalised words, no stopword."""
    return (
        2 <= len(words) <= 4
        and all(word[:1].isupper() for word in words)
        and not any(word.casefold() in stopwords for word in words)
    )


def _is_date(text: str) -> bool:
    """A line that is a date, or a byline holding one ("Jane Roe, 4:42 PM on 12/07/2012")."""
    return len(text) <= _DATE_LINE_CHARS and parse_page_date(text, whole=True) is not None
