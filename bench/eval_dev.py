"""Score the page and text-scrape readers on the development sets, word by word.

    WXRKIT_CORPUS=../shared/corpus python bench/eval_dev.py [--set html-dev|text-dev|both]
        [--part aside|work|all] [--engine wxrkit|other|both] [--losses N] [--json FILE]

For each page of ``html-dev/`` (saved WordPress pages) and ``text-dev/`` (the same pages as a
crawler keeps them), bag-of-words precision and recall of the body against the gold
``body_text``, averaged over pages, and the F1 of the two averages, as the extraction benchmarks
score (the corpus README). Beside wxrkit in the same run: trafilatura on the saved pages, and
on the scrapes the whole text taken as the post (the floor a scrape reader must beat).

The pages are split once and for all: every fifth page of a manifest (index 4, 9, 14, ...) is
*aside*, kept for scoring only; the rest is *work*, the pages rules may be studied on.
``--losses N`` prints the N pages where wxrkit loses most to the other engine, from the work
part only, so that nobody reads an aside page while tuning.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import html as lxml_html

from probes import BOILERPLATE_PROBES
from wxrkit import parse_html, parse_text

ASIDE_EVERY = 5
"""Every fifth page of each development set is kept aside: scored, never studied."""

_MARKUP = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*>")
_WORD = re.compile(r"\w+")


def is_aside(index: int) -> bool:
    return index % ASIDE_EVERY == ASIDE_EVERY - 1


def gold_text(body_text: str) -> str:
    """The gold as words: the datasets' line markers (``<p>``, ``<h>``) and the CleanEval
    ``URL:`` header are annotation, not text; their entities are the page's characters."""
    lines = body_text.splitlines()
    if lines and lines[0].startswith("URL:"):
        lines = lines[1:]
    return html.unescape(_MARKUP.sub(" ", "\n".join(lines)))


def words(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.casefold()))


@dataclass
class WordScore:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def word_score(gold: str, found: str) -> WordScore:
    expected, got = words(gold), words(found)
    overlap = sum((expected & got).values())
    precision = overlap / sum(got.values()) if got else 0.0
    recall = overlap / sum(expected.values()) if expected else 0.0
    return WordScore(precision, recall)


@dataclass
class Totals:
    scores: list[WordScore] = field(default_factory=list)
    empty: int = 0
    leaks: int = 0
    snippets_found: int = 0
    snippets: int = 0
    seconds: float = 0.0

    def summary(self) -> dict[str, Any]:
        pages = len(self.scores)
        precision = sum(s.precision for s in self.scores) / pages if pages else 0.0
        recall = sum(s.recall for s in self.scores) / pages if pages else 0.0
        return {
            "pages": pages,
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(WordScore(precision, recall).f1, 3),
            "empty": self.empty,
            "leaks": self.leaks,
            "snippet_recall": round(self.snippets_found / self.snippets, 3)
            if self.snippets
            else None,
            "pages_per_second": round(pages / self.seconds, 1) if self.seconds else None,
        }


WITH_COMMENTS = False
"""Whether the comments count as part of the text (``--comments``): Dragnet's gold holds a
page's comments on many pages, the other datasets' do not."""


def wxrkit_html(data: bytes, url: str | None) -> str:
    page = parse_html(data, url=url)
    if not WITH_COMMENTS:
        return page.text
    return "\n".join([page.text, *(_comment_text(c.content) for c in page.post.comments)])


def trafilatura_html(data: bytes, url: str | None) -> str:
    import trafilatura  # noqa: PLC0415 - a bench dependency, only for this engine

    return trafilatura.extract(data, url=url, include_comments=WITH_COMMENTS) or ""


def wxrkit_text(data: bytes, url: str | None) -> str:
    page = parse_text(data)
    if not WITH_COMMENTS:
        return page.text
    return "\n".join([page.text, *(_comment_text(c.content) for c in page.post.comments)])


def _comment_text(content: str) -> str:
    return str(lxml_html.fromstring(content).text_content()) if content.strip() else ""


def whole_text(data: bytes, url: str | None) -> str:
    return data.decode("utf-8", "replace")


SETS: dict[str, dict[str, Callable[[bytes, str | None], str]]] = {
    "html-dev": {"wxrkit": wxrkit_html, "trafilatura": trafilatura_html},
    "text-dev": {"wxrkit": wxrkit_text, "whole text": whole_text},
}


def evaluate(
    corpus: Path, name: str, part: str, engines: list[str]
) -> tuple[dict[str, dict[str, Totals]], dict[str, dict[str, WordScore]]]:
    """Totals per engine and part (``aside``, ``work``, ``all``), and every work page's score."""
    folder = corpus / name
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    chosen = [
        (index, entry)
        for index, entry in enumerate(manifest)
        if part == "all" or (part == "aside") == is_aside(index)
    ]
    totals: dict[str, dict[str, Totals]] = {}
    per_page: dict[str, dict[str, WordScore]] = {}
    for engine in engines:
        extract = SETS[name][engine]
        groups: dict[str, Totals] = {"all": Totals(), "aside": Totals(), "work": Totals()}
        for index, entry in chosen:
            data = (folder / entry["file"]).read_bytes()
            started = time.perf_counter()
            found = extract(data, entry.get("url"))
            elapsed = time.perf_counter() - started
            truth = entry["ground_truth"]
            score = word_score(gold_text(truth["body_text"]), found)
            folded = " ".join(found.split())
            hits = sum(" ".join(s.split()) in folded for s in truth.get("must_contain", []))
            part_name = "aside" if is_aside(index) else "work"
            for group in ("all", part_name, f"{part_name}:{entry['dataset']}"):
                totals_ = groups.setdefault(group, Totals())
                totals_.scores.append(score)
                totals_.empty += not found.strip()
                totals_.leaks += any(probe in folded for probe in BOILERPLATE_PROBES)
                totals_.snippets += len(truth.get("must_contain", []))
                totals_.snippets_found += hits
                totals_.seconds += elapsed
            if not is_aside(index):
                per_page.setdefault(entry["file"], {})[engine] = score
        totals[engine] = {group: t for group, t in sorted(groups.items()) if t.scores}
    return totals, per_page


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=os.environ.get("WXRKIT_CORPUS", "../shared/corpus"))
    parser.add_argument("--set", choices=[*SETS, "both"], default="both")
    parser.add_argument("--part", choices=["aside", "work", "all"], default="all")
    parser.add_argument("--engine", choices=["wxrkit", "other", "both"], default="both")
    parser.add_argument("--losses", type=int, default=0, help="work pages where wxrkit loses most")
    parser.add_argument(
        "--comments", action="store_true", help="count the comments as text, for both engines"
    )
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args(argv)
    global WITH_COMMENTS  # noqa: PLW0603 - a switch of this script's one run
    WITH_COMMENTS = args.comments

    report: dict[str, Any] = {}
    names = list(SETS) if args.set == "both" else [args.set]
    print(
        f"{'set':9} {'engine':12} {'part':20} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6} "
        f"{'empty':>5} {'leaks':>5} {'snip-R':>6} {'pages/s':>8}"
    )
    for name in names:
        wxrkit_name, other = list(SETS[name])
        engines = {"wxrkit": [wxrkit_name], "other": [other]}.get(args.engine, [wxrkit_name, other])
        totals, per_page = evaluate(Path(args.corpus), name, args.part, engines)
        report[name] = {
            e: {g: t.summary() for g, t in groups.items()} for e, groups in totals.items()
        }
        for engine, groups in report[name].items():
            for group, s in groups.items():
                print(
                    f"{name:9} {engine:12} {group:20} {s['pages']:>5} {s['precision']:>6} "
                    f"{s['recall']:>6} {s['f1']:>6} {s['empty']:>5} {s['leaks']:>5} "
                    f"{s['snippet_recall']!s:>6} {s['pages_per_second']!s:>8}"
                )
        if len(engines) == 2 and "all" in totals[engines[0]]:
            a = totals[engines[0]]["all"].summary()["pages_per_second"]
            b = totals[engines[1]]["all"].summary()["pages_per_second"]
            if a and b:
                print(f"{name}: wxrkit / {engines[1]} pages per second: {a / b:.1f}x")
        if args.losses and len(engines) == 2:
            losses = sorted(
                (scores[engines[0]].f1 - scores[engines[1]].f1, page, scores)
                for page, scores in per_page.items()
            )[: args.losses]
            for gap, page, scores in losses:
                mine, theirs = scores[engines[0]], scores[engines[1]]
                print(
                    f"  {gap:+.2f} {page}: wxrkit P {mine.precision:.2f} R {mine.recall:.2f}, "
                    f"{engines[1]} P {theirs.precision:.2f} R {theirs.recall:.2f}"
                )
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
