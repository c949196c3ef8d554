"""The shared WordPress pages rendered as crawlers keep them: the scrape reader's body beats
keeping the whole text by the pages' hand-made snippets (bench/eval_text_renders.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.conftest import corpus_manifest, corpus_root
from wxrkit import parse_text

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from eval_text_renders import fold, render

# Measured at 0.840 (the whole text: 0.754).
FLOOR = 0.80


def _snippet_f1(bodies: dict[str, str]) -> float:
    root = corpus_root()
    assert root is not None
    tp = fn = fp = 0
    for entry in corpus_manifest("html"):
        if entry["file"] not in bodies:
            continue
        body, truth = fold(bodies[entry["file"]]), entry["ground_truth"]
        found = [fold(s) in body for s in truth.get("must_contain", [])]
        tp, fn = tp + sum(found), fn + len(found) - sum(found)
        fp += sum(fold(s) in body for s in truth.get("must_not_contain", []))
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return 2 * precision * recall / (precision + recall)


def test_scrapes_of_the_shared_pages_beat_the_whole_text(corpus: Path) -> None:
    texts = {
        entry["file"]: render((corpus / "html" / entry["file"]).read_bytes())
        for entry in corpus_manifest("html")
        if entry["is_wordpress"]
    }
    assert len(texts) == 74
    read = {name: parse_text(text).text for name, text in texts.items()}
    assert all(body.strip() for body in read.values()), "no scrape gives an empty body"
    ours, whole = _snippet_f1(read), _snippet_f1(texts)
    assert round(ours, 3) >= FLOOR
    assert ours > whole + 0.04
