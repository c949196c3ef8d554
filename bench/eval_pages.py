"""Score the HTML page reader on the corpus pages, against trafilatura in the same run.

    WXRKIT_CORPUS=../shared/corpus python bench/eval_pages.py [--json FILE] [--repeat N]

For each page of corpus/html and each engine (wxrkit's ``parse_html``; trafilatura's
``bare_extraction`` with metadata and comments): snippet precision/recall/F1 on the body text
(``must_contain`` found = true positive, missing = false negative; ``must_not_contain`` found =
false positive), F1 of word 4-gram shingles against ``body_text``, exact title/author/date
matches, the share of pages whose gold categories and tags are all found (strictly: gold
categories among the categories and gold tags among the tags; and of any kind: every gold
term among either, since the annotations file some categories as tags), the share of comment
snippets found in the comments, boilerplate texts found in any body, and pages per second.
Reported overall, for the WordPress pages, and per engine of the manifest. All matching is
on whitespace-folded text, as the corpus README prescribes.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import trafilatura
from lxml import html

from probes import BOILERPLATE_PROBES
from wxrkit import parse_html


@dataclass
class Extraction:
    """What one engine got out of one page, in the terms the scores compare."""

    text: str = ""
    title: str = ""
    author: str = ""
    date: str = ""
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    comments: str = ""
    detected_engine: str = ""


def fold(text: str) -> str:
    return " ".join(text.split())


def term_key(name: str) -> str:
    """A category or tag name as compared: NFKC (so "…" is "..."), case-folded, spaces folded."""
    return fold(unicodedata.normalize("NFKC", name)).casefold()


def wxrkit_extract(data: bytes, url: str | None) -> Extraction:
    page = parse_html(data, url=url)
    post = page.post
    comment_text = "\n".join(fold(_strip_tags(comment.content)) for comment in post.comments)
    return Extraction(
        text=page.text,
        title=post.title,
        author=post.author.name if post.author else "",
        date=post.published.date().isoformat() if post.published else "",
        categories=[c.name for c in post.categories],
        tags=[t.name for t in post.tags],
        comments=comment_text,
        detected_engine=page.engine,
    )


def _strip_tags(markup: str) -> str:
    if not markup.strip():
        return ""
    return str(html.fragment_fromstring(markup, create_parent="div").text_content())


def trafilatura_extract(data: bytes, url: str | None) -> Extraction:
    document = trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=True)
    if document is None:
        return Extraction()
    found: dict[str, Any] = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    return Extraction(
        text=found.get("text") or "",
        title=found.get("title") or "",
        author=found.get("author") or "",
        date=(found.get("date") or "")[:10],
        categories=list(found.get("categories") or []),
        tags=list(found.get("tags") or []),
        comments=found.get("comments") or "",
    )


ENGINES: dict[str, Callable[[bytes, str | None], Extraction]] = {
    "wxrkit": wxrkit_extract,
    "trafilatura": trafilatura_extract,
}


def shingles(text: str, n: int = 4) -> set[tuple[str, ...]]:
    words = text.lower().split()
    return {tuple(words[i : i + n]) for i in range(max(len(words) - n + 1, 0))}


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass
class Score:
    """Sums over a group of pages for one engine."""

    pages: int = 0
    tp: int = 0
    fn: int = 0
    fp: int = 0
    shingle_f1: list[float] = field(default_factory=list)
    title: list[bool] = field(default_factory=list)
    author: list[bool] = field(default_factory=list)
    date: list[bool] = field(default_factory=list)
    taxonomy: list[bool] = field(default_factory=list)
    taxonomy_any: list[bool] = field(default_factory=list)
    comments_found: int = 0
    comments_total: int = 0
    boilerplate_pages: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> dict[str, Any]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

        def rate(values: list[bool]) -> float | None:
            return round(sum(values) / len(values), 3) if values else None

        return {
            "pages": self.pages,
            "snippet_precision": round(precision, 3),
            "snippet_recall": round(recall, 3),
            "snippet_f1": round(f1(precision, recall), 3),
            "shingle_f1": round(sum(self.shingle_f1) / len(self.shingle_f1), 3)
            if self.shingle_f1
            else None,
            "title": rate(self.title),
            "author": rate(self.author),
            "date": rate(self.date),
            "categories_and_tags": rate(self.taxonomy),
            "terms_any_kind": rate(self.taxonomy_any),
            "taxonomy_pages": len(self.taxonomy),
            "comment_snippets": round(self.comments_found / self.comments_total, 3)
            if self.comments_total
            else None,
            "boilerplate_in_body": len(self.boilerplate_pages),
            "pages_per_second": round(self.pages / self.seconds, 1) if self.seconds else None,
        }


def score_page(score: Score, truth: dict[str, Any], got: Extraction, page_id: str) -> list[str]:
    """Add one page's result to ``score``; returns what it missed, for --verbose."""
    misses = []
    score.pages += 1
    body = fold(got.text)
    for snippet in truth.get("must_contain", []):
        if fold(snippet) in body:
            score.tp += 1
        else:
            score.fn += 1
            misses.append(f"missing: {snippet[:60]!r}")
    for snippet in truth.get("must_not_contain", []):
        if fold(snippet) in body:
            score.fp += 1
            misses.append(f"boilerplate kept: {snippet[:60]!r}")
    if truth.get("body_text"):
        gold, found = shingles(truth["body_text"]), shingles(got.text)
        overlap = len(gold & found)
        score.shingle_f1.append(
            f1(overlap / len(found) if found else 0.0, overlap / len(gold) if gold else 0.0)
        )
    for key in ("title", "author"):
        if truth.get(key):
            gold = truth[key] if isinstance(truth[key], str) else ", ".join(truth[key])
            same = fold(getattr(got, key)).casefold() == fold(gold).casefold()
            getattr(score, key).append(same)
            if not same:
                misses.append(f"{key}: {getattr(got, key)!r} != {truth[key]!r}")
    if truth.get("date"):
        same = got.date == truth["date"][:10]
        score.date.append(same)
        if not same:
            misses.append(f"date: {got.date!r} != {truth['date']!r}")
    gold_categories = {term_key(c) for c in truth.get("categories") or []}
    gold_tags = {term_key(t) for t in truth.get("tags") or []}
    if gold_categories or gold_tags:
        found_categories = {term_key(c) for c in got.categories}
        found_tags = {term_key(t) for t in got.tags}
        strict = gold_categories <= found_categories and gold_tags <= found_tags
        either = gold_categories | gold_tags <= found_categories | found_tags
        score.taxonomy.append(strict)
        score.taxonomy_any.append(either)
        if not strict:
            misses.append(
                f"taxonomy{'' if either else ' (any)'}: {sorted(found_categories)}"
                f" {sorted(found_tags)} vs {sorted(gold_categories)} {sorted(gold_tags)}"
            )
    comments = fold(got.comments)
    for snippet in truth.get("comment_snippets") or []:
        score.comments_total += 1
        if fold(snippet) in comments:
            score.comments_found += 1
    if any(probe in body for probe in BOILERPLATE_PROBES):
        score.boilerplate_pages.append(page_id)
        misses.append("boilerplate probe in body")
    return misses


def groups_of(entry: dict[str, Any]) -> Iterable[str]:
    yield "all"
    if entry.get("is_wordpress"):
        yield "wordpress pages"
    yield f"engine={entry['engine']}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=os.environ.get("WXRKIT_CORPUS", "../shared/corpus"))
    parser.add_argument("--engine", choices=[*ENGINES, "both"], default="both")
    parser.add_argument("--repeat", type=int, default=1, help="timing runs per engine (best kept)")
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument("-v", "--verbose", action="store_true", help="list what each page missed")
    args = parser.parse_args(argv)

    folder = Path(args.corpus) / "html"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    pages = [(entry, (folder / entry["file"]).read_bytes()) for entry in manifest]
    engines = list(ENGINES) if args.engine == "both" else [args.engine]

    results: dict[str, dict[str, Any]] = {}
    detection: dict[str, int] = {"right": 0, "total": 0}
    for engine in engines:
        extract = ENGINES[engine]
        best_time = float("inf")
        extractions: list[Extraction] = []
        for _ in range(args.repeat):
            extractions = []
            started = time.perf_counter()
            for entry, data in pages:
                extractions.append(extract(data, entry.get("url")))
            best_time = min(best_time, time.perf_counter() - started)
        scores: dict[str, Score] = {}
        for (entry, _data), got in zip(pages, extractions, strict=True):
            for group in groups_of(entry):
                scores.setdefault(group, Score())
            misses = []
            for group in groups_of(entry):
                misses = score_page(scores[group], entry["ground_truth"], got, entry["id"])
            if args.verbose and misses:
                print(f"[{engine}] {entry['file']} ({entry['engine']}):", *misses, sep="\n    ")
            if engine == "wxrkit":
                detection["total"] += 1
                detection["right"] += got.detected_engine == (
                    entry["engine"]
                    if entry["engine"] in ("wordpress", "wordpress.com", "blogger")
                    else "other"
                )
        scores["all"].seconds = best_time
        results[engine] = {group: score.summary() for group, score in sorted(scores.items())}
        results[engine]["boilerplate_pages"] = scores["all"].boilerplate_pages  # type: ignore[assignment]

    report: dict[str, Any] = {"engines": results}
    if "wxrkit" in results:
        report["engine_detection"] = detection
    if len(engines) == 2:
        a, b = (results[e]["all"]["pages_per_second"] for e in engines)
        report["speed_ratio_wxrkit_over_trafilatura"] = round(a / b, 1) if a and b else None

    columns = (
        "pages",
        "snippet_precision",
        "snippet_recall",
        "snippet_f1",
        "shingle_f1",
        "title",
        "author",
        "date",
        "categories_and_tags",
        "terms_any_kind",
        "taxonomy_pages",
        "comment_snippets",
        "boilerplate_in_body",
    )
    print(f"{'engine':12} {'group':22} " + " ".join(f"{c[:9]:>9}" for c in columns))
    for engine, groups in results.items():
        for group, summary in groups.items():
            if not isinstance(summary, dict):
                continue
            print(
                f"{engine:12} {group:22} "
                + " ".join(f"{'-' if summary[c] is None else summary[c]!s:>9}" for c in columns)
            )
    for engine in engines:
        print(f"{engine}: {results[engine]['all']['pages_per_second']} pages/s")
    if "speed_ratio_wxrkit_over_trafilatura" in report:
        print(
            "wxrkit / trafilatura pages per second:",
            f"{report['speed_ratio_wxrkit_over_trafilatura']}x",
        )
    if "engine_detection" in report:
        print(f"engine detected as the manifest says: {detection['right']}/{detection['total']}")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
