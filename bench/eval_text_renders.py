"""Score the text-scrape reader on the shared pages rendered as crawlers keep them.

    WXRKIT_CORPUS=../shared/corpus python bench/eval_text_renders.py [-v]

Each WordPress page of ``corpus/html`` is rendered to text the way ``corpus/text-dev`` was
(the whole page; scripts, styles and the head dropped; image alt texts kept; block elements
apart), then read by ``parse_text``. The body is scored by the snippet rules of
``bench/eval_pages.py`` (``must_contain`` found: true positive, missing: false negative;
``must_not_contain`` found: false positive), against keeping the whole text as the body.
These are the scores an unseen crawl archive of WordPress pages is judged by; the pages'
snippets were written for their HTML, not for this reader.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from lxml import html as lxml_html

from wxrkit import parse_text
from wxrkit.html.decode import decode_page
from wxrkit.html.text import element_text


def render(data: bytes) -> str:
    """The page as a crawler keeps it: every block on lines of its own, alt texts kept."""
    text, _, _ = decode_page(data, None)
    root = lxml_html.document_fromstring(text.encode("utf-8"))
    for dropped in root.xpath("//script|//style|//noscript|//template|//head"):
        dropped.drop_tree()
    for image in root.iter("img"):
        alt = image.get("alt")
        if alt:
            image.tail = f" {alt} {image.tail or ''}"
    body = root.find("body")
    return element_text(body if body is not None else root)


def fold(text: str) -> str:
    return " ".join(text.split())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=os.environ.get("WXRKIT_CORPUS", "../shared/corpus"))
    parser.add_argument("-v", "--verbose", action="store_true", help="list the missed snippets")
    args = parser.parse_args(argv)
    folder = Path(args.corpus) / "html"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    totals = {"wxrkit": [0, 0, 0], "whole text": [0, 0, 0]}
    for entry in manifest:
        if not entry.get("is_wordpress"):
            continue
        text = render((folder / entry["file"]).read_bytes())
        truth = entry["ground_truth"]
        for engine, body in (("wxrkit", fold(parse_text(text).text)), ("whole text", fold(text))):
            found = [fold(s) in body for s in truth.get("must_contain", [])]
            kept = [fold(s) in body for s in truth.get("must_not_contain", [])]
            totals[engine][0] += sum(found)
            totals[engine][1] += len(found) - sum(found)
            totals[engine][2] += sum(kept)
            if args.verbose and engine == "wxrkit":
                for snippet, hit in zip(truth.get("must_contain", []), found, strict=True):
                    if not hit:
                        print(f"{entry['file']}: missing {snippet[:70]!r}")
    print(f"{'engine':12} {'P':>6} {'R':>6} {'F1':>6}")
    for engine, (tp, fn, fp) in totals.items():
        precision, recall = tp / (tp + fp), tp / (tp + fn)
        f1 = 2 * precision * recall / (precision + recall)
        print(f"{engine:12} {precision:6.3f} {recall:6.3f} {f1:6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
