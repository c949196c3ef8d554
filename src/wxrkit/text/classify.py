"""Which lines of a whole-page text dump are running text: jusText's method, on lines.

A crawler's dump puts each block of the page on a line of its own, so a line plays the part
of jusText's paragraph. Each line is first classed by itself, from its length and the share
of stopwords among its words (running text is full of a language's function words; menus,
other posts' headlines, dates and buttons are not):

- ``good``: long and dense in stopwords, a sentence of the article;
- ``neargood``: dense enough, but too short to be sure;
- ``short``: too short to tell (a subheading, a caption, "Home", a list item);
- ``bad``: long but not running text, or a line the boilerplate rules know.

Then by context: a short or near-good line between good ones is good (a list inside the
article), between bad ones bad (a menu, a footer). The thresholds are jusText's defaults.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

from wxrkit.text.stopwords import WORD

__all__ = ["Kind", "classify_lines"]

Kind = Literal["good", "neargood", "short", "bad"]

LENGTH_LOW = 70
LENGTH_HIGH = 200
STOPWORDS_LOW = 0.30
STOPWORDS_HIGH = 0.32
# the stops of Latin, CJK (full-width), Devanagari and Arabic script
_SENTENCE_END = (
    ".",
    "!",
    "?",
    "\u3002",
    "\uff01",
    "\uff1f",
    "\u2026",
    ":",
    ";",
    "\u0964",
    "\u061f",
)


def _by_itself(line: str, stopwords: frozenset[str]) -> Kind:
    length = len(line)
    if length < LENGTH_LOW:
        return "short"
    if not stopwords:
        # no list for the page's language: sentence punctuation stands in for stopwords
        sentences = sum(line.count(mark) for mark in _SENTENCE_END)
        if length >= LENGTH_HIGH and sentences:
            return "good"
        return "neargood" if sentences else "bad"
    tokens = WORD.findall(line.casefold())
    if not tokens:
        return "bad"
    density = sum(token in stopwords for token in tokens) / len(tokens)
    if density >= STOPWORDS_HIGH and length >= LENGTH_HIGH:
        return "good"
    if density >= STOPWORDS_LOW:
        return "neargood"
    return "bad"


def _neighbour(kinds: Sequence[Kind], index: int, step: int, skip_neargood: bool) -> Kind:
    """The class of the nearest line before (``step`` -1) or after (+1) that is decided."""
    index += step
    while 0 <= index < len(kinds):
        kind = kinds[index]
        if kind in ("good", "bad") or (kind == "neargood" and not skip_neargood):
            return kind
        index += step
    return "bad"  # the page's edges count as boilerplate


def _decided_around(kinds: Sequence[Kind], index: int) -> tuple[Kind, Kind]:
    """The classes of the nearest good-or-bad lines before and after line ``index``."""
    return (
        _neighbour(kinds, index, -1, skip_neargood=True),
        _neighbour(kinds, index, 1, skip_neargood=True),
    )


def classify_lines(
    lines: Sequence[str], stopwords: frozenset[str], is_boilerplate: Callable[[str], bool]
) -> list[Kind]:
    """The class of each line of ``lines`` (non-empty ones; blank lines are not passed)."""
    first: list[Kind] = [
        "bad" if is_boilerplate(line) else _by_itself(line, stopwords) for line in lines
    ]
    revised = list(first)
    for index, kind in enumerate(first):
        if kind != "short":
            continue
        before, after = _decided_around(first, index)
        if before == after:
            revised[index] = before
        elif (before == "bad" and _neighbour(first, index, -1, False) == "neargood") or (
            after == "bad" and _neighbour(first, index, 1, False) == "neargood"
        ):
            revised[index] = "good"
        else:
            revised[index] = "bad"
    final = list(revised)
    for index, kind in enumerate(revised):
        if kind == "neargood":
            final[index] = "bad" if _decided_around(revised, index) == ("bad", "bad") else "good"
    return final
