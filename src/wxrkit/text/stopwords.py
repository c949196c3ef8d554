"""The stopwords of a page's language, from jusText's lists (100 languages).

Running text is dense in a language's function words ("the", "und", "de", "że"); menus,
headlines of other posts, dates and buttons are not. The language is the one whose list
covers most of the page's words, so nothing has to be declared and no model is loaded.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

import justext

__all__ = ["WORD", "page_stopwords"]

WORD = re.compile(r"\w+")
_SAMPLE_WORDS = 20_000  # enough to tell the language; a huge page need not be read whole
_MIN_COVERAGE = 0.15
"""Least share of a page's words a list must cover to be taken as its language; below it
(a language without a list, or one written without spaces) no list is used."""


@lru_cache(maxsize=1)
def _languages_of_word() -> dict[str, tuple[str, ...]]:
    by_word: dict[str, list[str]] = {}
    for language in sorted(justext.get_stoplists()):
        for word in justext.get_stoplist(language):
            by_word.setdefault(word.casefold(), []).append(language)
    return {word: tuple(languages) for word, languages in by_word.items()}


@lru_cache(maxsize=128)
def _stoplist(language: str) -> frozenset[str]:
    return frozenset(word.casefold() for word in justext.get_stoplist(language))


def page_stopwords(lines: Iterable[str]) -> frozenset[str]:
    """The stopword list of the language the page's lines are written in (empty if none fits)."""
    counts: Counter[str] = Counter()
    seen = 0
    for line in lines:
        tokens = WORD.findall(line.casefold())
        counts.update(tokens)
        seen += len(tokens)
        if seen > _SAMPLE_WORDS:
            break
    if not seen:
        return frozenset()
    languages = _languages_of_word()
    hits: Counter[str] = Counter()
    for word, count in counts.items():
        for language in languages.get(word, ()):
            hits[language] += count
    if not hits:
        return frozenset()
    language, covered = hits.most_common(1)[0]
    return _stoplist(language) if covered / seen >= _MIN_COVERAGE else frozenset()
