"""HTML-to-Markdown candidates on the corpus bodies: fidelity and speed, in one run.

    WXRKIT_CORPUS=../shared/corpus python bench/markdown_candidates.py

Every post and page of every readable corpus export is cleaned by wxrkit, then converted by
each candidate. Fidelity: the words of the clean HTML's text (lxml's text_content, image alt
texts included) must appear in order in the text of the Markdown rendered back by
markdown-it-py; a post passes when all do, and word recall counts the words found. Speed: the
total conversion time, best of --repeat.
"""

from __future__ import annotations

import argparse
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

import markdownify
from lxml import html as lxml_html
from markdown_it import MarkdownIt

from wxrkit import WxrkitError, read_wxr
from wxrkit.clean import Cleaner
from wxrkit.serializers import html_to_markdown

WORD = re.compile(r"\w+")
COMMONMARK = MarkdownIt("commonmark")


def text_of(html: str) -> str:
    if not html.strip():
        return ""
    root = lxml_html.fromstring(f"<div>{html}</div>")
    for image in root.iter("img"):
        image.tail = f" {image.get('alt') or ''} {image.tail or ''}"
    return root.text_content()


def recall(source: str, markdown: str) -> tuple[int, int]:
    words = WORD.findall(text_of(source).casefold())
    haystack = re.sub(r"\W+", "", text_of(COMMONMARK.render(markdown)).casefold())
    found, at = 0, 0
    for word in words:
        position = haystack.find(word, at)
        if position >= 0:
            found += 1
            at = position + len(word)
    return found, len(words)


CANDIDATES: dict[str, Callable[[str], str]] = {
    "html-to-markdown": html_to_markdown,
    "markdownify": lambda html: markdownify.markdownify(html, heading_style="ATX", bullets="-"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path(os.environ.get("WXRKIT_CORPUS", "")))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    bodies: list[str] = []
    for path in sorted((args.corpus / "wxr").glob("*.xml")):
        try:
            export = read_wxr(path)
        except WxrkitError:
            continue
        cleaner = Cleaner.for_export(export)
        bodies += [cleaner.post(p).html for p in export.posts if p.type in ("post", "page")]
    size = sum(len(body) for body in bodies)
    print(f"{len(bodies)} bodies, {size / 1e6:.1f} MB of clean HTML")
    print(f"{'candidate':<18}{'seconds':>9}{'MB/s':>7}{'posts all words':>17}{'word recall':>13}")
    for name, convert in CANDIDATES.items():
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            outputs = [convert(body) for body in bodies]
            best = min(best, time.perf_counter() - start)
        found = total = perfect = 0
        for body, markdown in zip(bodies, outputs, strict=True):
            hit, words = recall(body, markdown)
            found, total, perfect = found + hit, total + words, perfect + (hit == words)
        print(
            f"{name:<18}{best:>9.2f}{size / 1e6 / best:>7.1f}"
            f"{perfect / len(bodies):>16.1%} {found / max(total, 1):>12.2%}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
