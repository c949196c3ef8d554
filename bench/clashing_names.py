"""Naming posts that share one slug, against posts whose slugs all differ.

    python bench/clashing_names.py --posts 5000

Two exports of the same size, the same posts but for their slugs: in one every post is
``same-slug`` (as thousands of untitled drafts are), in the other each has a slug of its own
of the same length. Both are converted with ``wxrkit convert --jobs 1`` in fresh processes,
taking turns; the ratio of their best times is the cost of the clashes (``-2``, ``-3`` ...
for 5,000 posts: 8x before the next free number was remembered per name).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from convert_speed import measure

_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel><wp:wxr_version>1.2</wp:wxr_version>\n'
)
_ITEM = (
    "<item><title>Untitled</title><wp:post_id>{id}</wp:post_id>"
    "<wp:post_name>{slug}</wp:post_name><wp:post_type>post</wp:post_type>"
    "<wp:status>publish</wp:status><wp:post_date>2020-01-01 10:00:00</wp:post_date>"
    "<content:encoded><![CDATA[<p>A short draft, number {id}.</p>]]></content:encoded></item>\n"
)


def write_export(path: Path, posts: int, *, clashing: bool) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(_HEAD)
        for number in range(1, posts + 1):
            slug = "same-slug" if clashing else f"slug{number:05d}"
            out.write(_ITEM.format(id=number, slug=slug))
        out.write("</channel></rss>\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        exports = {
            "distinct slugs": Path(folder, "distinct.xml"),
            "one shared slug": Path(folder, "clashing.xml"),
        }
        for name, path in exports.items():
            write_export(path, args.posts, clashing=name == "one shared slug")
        best = {name: float("inf") for name in exports}
        peak = dict.fromkeys(exports, 0.0)
        for _ in range(args.repeat):
            for name, path in exports.items():
                with tempfile.TemporaryDirectory() as out:
                    command = [sys.executable, "-m", "wxrkit", "convert", str(path), "-o", out]
                    result = measure([*command, "-q", "--jobs", "1"])
                best[name] = min(best[name], result["seconds"])
                peak[name] = max(peak[name], result["peak_mb"])
    base = best["distinct slugs"]
    print(f"{args.posts} posts, best of {args.repeat} rounds")
    print(f"{'export':<18}{'seconds':>9}{'x distinct':>12}{'peak MB':>9}")
    for name, seconds in best.items():
        print(f"{name:<18}{seconds:>9.2f}{seconds / base:>12.2f}{peak[name]:>9.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
