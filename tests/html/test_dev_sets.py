"""The development sets (corpus/html-dev, corpus/text-dev): floors under the word scores that
bench/eval_dev.py measures, so that a change which loses article text on hundreds of sites
nobody tuned for fails here. The figures themselves, the comparison with trafilatura and the
aside pages are the benchmark's business (docs/pages.md)."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import corpus_manifest, corpus_root
from wxrkit import parse_html, parse_text

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from eval_dev import gold_text, word_score  # the benchmark's own scoring
from probes import BOILERPLATE_PROBES

HTML_DEV = corpus_manifest("html-dev")
TEXT_DEV = corpus_manifest("text-dev")

# Measured at 0.857 (html-dev) and 0.808 (text-dev) on all pages; whole text 0.691.
FLOORS = {"html-dev": 0.84, "text-dev": 0.78}
WHOLE_TEXT_F1 = 0.691


@cache
def _scores(name: str) -> tuple[float, float, int, int]:
    """Mean precision, mean recall, and the numbers of empty bodies and of bodies holding a
    text of the comment form, sharing or likes, over a set."""
    root = corpus_root()
    assert root is not None
    entries = HTML_DEV if name == "html-dev" else TEXT_DEV
    precision = recall = 0.0
    empty = leaks = 0
    for entry in entries:
        data = (root / name / entry["file"]).read_bytes()
        page = parse_html(data) if name == "html-dev" else parse_text(data)
        empty += not page.text.strip()
        folded = " ".join(page.text.split())
        leaks += any(probe in folded for probe in BOILERPLATE_PROBES)
        score = word_score(gold_text(entry["ground_truth"]["body_text"]), page.text)
        precision += score.precision
        recall += score.recall
    return precision / len(entries), recall / len(entries), empty, leaks


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall)


def test_the_sets_are_there(corpus: Path) -> None:
    assert len(HTML_DEV) == len(TEXT_DEV) == 679


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_word_f1_stays_above_the_floor(corpus: Path, name: str) -> None:
    precision, recall, empty, leaks = _scores(name)
    assert empty == 0, "a page with running text never gives an empty body"
    assert leaks == 0, "no comment form, sharing or likes text in any body"
    assert round(_f1(precision, recall), 3) >= FLOORS[name]


def test_text_scrapes_beat_keeping_the_whole_text(corpus: Path) -> None:
    precision, recall, _, _ = _scores("text-dev")
    assert _f1(precision, recall) > WHOLE_TEXT_F1 + 0.05
    assert precision > 0.8, "menus, sidebars and footers stay out of the post"
