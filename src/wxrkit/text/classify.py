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

from collections.abc import Sequence
from typing import Literal

from wxrkit.text.stopwords import WORD

__all__ = ["Kind", "by_itself", "classify_lines"]

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


def by_itself(line: str, stopwords: frozenset[str]) -> Kind:  # noqa: PLR0911 - a decision table over length and stopwords, as jusText has it
    """The class of a line by its own length and stopwords, before its neighbours count."""
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


def _nearest(kinds: Sequence[Kind], decided: frozenset[str], step: int) -> list[Kind]:
    """For each line, the class of the nearest line before it (``step`` 1: scanning forward)
    or after it (``step`` -1) whose class is in ``decided``; the page's edges count as bad.
    One pass, so a page of many short lines costs no more than a page of a few."""
    nearest: list[Kind] = ["bad"] * len(kinds)
    last: Kind = "bad"
    order = range(len(kinds)) if step == 1 else range(len(kinds) - 1, -1, -1)
    for index in order:
        nearest[index] = last
        if kinds[index] in decided:
            last = kinds[index]
    return nearest


_DECIDED = frozenset({"good", "bad"})
_DECIDED_OR_NEAR = frozenset({"good", "bad", "neargood"})


def classify_lines(
    lines: Sequence[str], stopwords: frozenset[str], boilerplate: Sequence[bool]
) -> list[Kind]:
    """The class of each line of ``lines`` (non-empty ones; blank lines are not passed);
    ``boilerplate`` says, line by line, which the site prints (bad whatever their words)."""
    first: list[Kind] = [
        "bad" if known else by_itself(line, stopwords)
        for line, known in zip(lines, boilerplate, strict=True)
    ]
    befores, afters = _nearest(first, _DECIDED, 1), _nearest(first, _DECIDED, -1)
    near_befores = _nearest(first, _DECIDED_OR_NEAR, 1)
    near_afters = _nearest(first, _DECIDED_OR_NEAR, -1)
    revised = list(first)
    for index, kind in enumerate(first):
        if kind != "short":
            continue
        before, after = befores[index], afters[index]
        if before == after:
            revised[index] = before
        elif (before == "bad" and near_befores[index] == "neargood") or (
            after == "bad" and near_afters[index] == "neargood"
        ):
            revised[index] = "good"
        else:
            revised[index] = "bad"
    befores, afters = _nearest(revised, _DECIDED, 1), _nearest(revised, _DECIDED, -1)
    final = list(revised)
    for index, kind in enumerate(revised):
        if kind == "neargood":
            final[index] = "bad" if befores[index] == afters[index] == "bad" else "good"
    return final
