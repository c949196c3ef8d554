"""Every page of the shared corpus (corpus/html): read without an exception, no form or
Jetpack text in any body, and the WordPress pages above floors that guard against regressions.

The floors sit below the figures bench/eval_pages.py measures (docs/pages.md), so a change that
loses article text, lets boilerplate in or stops finding terms fails here; the figures
themselves, and the comparison with trafilatura, are the benchmark's business.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import corpus_manifest, corpus_root
from wxrkit import ScrapedPage, parse_html
from wxrkit.html import ENGINES

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from probes import BOILERPLATE_PROBES

ENTRIES = corpus_manifest("html")
WORDPRESS = [entry for entry in ENTRIES if entry["is_wordpress"]]

# Texts of WordPress.com, Jetpack and comment forms no body may contain: the benchmarks' list.
FORM_AND_JETPACK_TEXTS = BOILERPLATE_PROBES


def _fold(text: str) -> str:
    return " ".join(text.split())


@cache
def _page(file: str) -> ScrapedPage:
    root = corpus_root()
    assert root is not None
    entry = next(e for e in ENTRIES if e["file"] == file)
    return parse_html((root / "html" / file).read_bytes(), url=entry.get("url"), source=file)


def test_corpus_is_there_when_configured() -> None:
    if corpus_root() is not None:
        assert len(ENTRIES) == 97, "the manifest lists 97 pages"
        assert len(WORDPRESS) == 74


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_page_reads(entry: dict[str, Any]) -> None:
    page = _page(entry["file"])
    assert page.engine in ENGINES
    assert page.text.strip(), "every page yields its main text"
    body = _fold(page.text)
    assert [t for t in FORM_AND_JETPACK_TEXTS if t in body] == []


def _wordpress_scores() -> dict[str, float]:
    tp = fn = fp = 0
    checks: dict[str, list[bool]] = {"title": [], "date": [], "taxonomy": []}
    for entry in WORDPRESS:
        truth, page = entry["ground_truth"], _page(entry["file"])
        body = _fold(page.text)
        found = [_fold(s) in body for s in truth.get("must_contain", [])]
        tp, fn = tp + sum(found), fn + len(found) - sum(found)
        fp += sum(_fold(s) in body for s in truth.get("must_not_contain", []))
        if truth.get("title"):
            checks["title"].append(
                _fold(page.post.title).casefold() == _fold(truth["title"]).casefold()
            )
        if truth.get("date"):
            published = page.post.published
            checks["date"].append(
                published is not None and published.date().isoformat() == truth["date"][:10]
            )
        gold = {
            _fold(t).casefold() for t in (truth.get("categories") or []) + (truth.get("tags") or [])
        }
        if gold:
            terms = {_fold(t.name).casefold() for t in (*page.post.categories, *page.post.tags)}
            checks["taxonomy"].append(gold <= terms)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    scores = {name: sum(values) / len(values) for name, values in checks.items()}
    scores["snippet_f1"] = 2 * precision * recall / (precision + recall)
    return scores


def test_wordpress_pages_stay_above_the_floors(corpus: Path) -> None:
    scores = _wordpress_scores()
    floors = {"snippet_f1": 0.95, "title": 0.88, "date": 0.9, "taxonomy": 0.6}
    assert {k: round(v, 3) for k, v in scores.items() if v < floors[k]} == {}
