"""The line classes of whole-page text dumps, and the language their stopwords come from."""

from __future__ import annotations

import justext

from wxrkit.text.classify import classify_lines
from wxrkit.text.stopwords import page_stopwords

GERMAN = [
    "Startseite",
    "Über mich",
    "Kontakt",
    "Im Herbst haben wir den Garten umgegraben, und dabei sind uns die ersten Frostnächte "
    "zuvorgekommen, so dass die Dahlien noch in der Erde standen, als es schon kalt war, und "
    "wir sie an einem einzigen Nachmittag alle ausgraben mussten.",
    "Was man daraus lernt",
    "Die Knollen müssen vor dem ersten Frost aus dem Boden, sonst faulen sie im Winter, und "
    "dann ist die ganze Mühe des Sommers umsonst gewesen, was uns in diesem Jahr beinahe "
    "passiert wäre, hätte nicht die Nachbarin über den Zaun gerufen.",
    "Impressum",
    "Datenschutz",
]


def test_the_language_is_the_list_that_covers_most_words() -> None:
    german = frozenset(word.casefold() for word in justext.get_stoplist("German"))
    assert page_stopwords(GERMAN) == german
    english = frozenset(word.casefold() for word in justext.get_stoplist("English"))
    assert page_stopwords(["The garden was dug over in the autumn, and it was cold."]) == english
    assert page_stopwords(["12345 67890", "§§§"]) == frozenset()


def test_menus_are_bad_and_a_subheading_between_paragraphs_is_good() -> None:
    kinds = classify_lines(GERMAN, page_stopwords(GERMAN), [False] * len(GERMAN))
    assert kinds == ["bad", "bad", "bad", "good", "good", "good", "bad", "bad"]


def test_lines_the_site_prints_are_bad_whatever_their_words() -> None:
    lines = [
        GERMAN[3],
        "Teilen mit: Facebook, Twitter, und noch viele andere Dienste mehr",
        GERMAN[5],
    ]
    kinds = classify_lines(lines, page_stopwords(GERMAN), [False, True, False])
    assert kinds == ["good", "bad", "good"]


def test_without_a_stopword_list_sentences_stand_in() -> None:
    sentence = "这是一个很长的句子\uff0c讲述了我们在花园里度过的秋天。" * 8
    assert classify_lines(["首页", sentence, "联系"], frozenset(), [False] * 3) == [
        "bad",
        "good",
        "bad",
    ]
