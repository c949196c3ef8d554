"""Posts per second of each serializer, beside the time to read the same posts, in one run.

    python bench/serialize_speed.py bench/data/export-100mb.xml

Reading is ``iter_wxr`` building every post; each serializer then writes every post of the
same export (content types only: posts and pages, as ``wxrkit convert`` writes them) with one
``Cleaner`` for the export. Times are the best of ``--repeat`` runs, in this process.
"""

from __future__ import annotations

import argparse
import platform
import time
from collections.abc import Callable
from pathlib import Path

from wxrkit import Post, iter_wxr
from wxrkit.attachments import index_attachments
from wxrkit.clean import Cleaner
from wxrkit.serializers import Serializer, get_serializer

CONTENT_TYPES = ("post", "page")


def best_of(repeat: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    posts: list[Post] = []

    def read() -> None:
        posts.clear()
        posts.extend(iter_wxr(args.file))

    read_seconds = best_of(args.repeat, read)
    index = index_attachments(posts)
    content = [index.link(post) for post in posts if post.type in CONTENT_TYPES]
    attachments = index.by_id
    print(f"python {platform.python_version()}, {platform.machine()}, repeat {args.repeat}")
    print(
        f"{args.file.name}: {len(posts)} items read in {read_seconds:.2f} s "
        f"({len(posts) / read_seconds:,.0f} items/s); {len(content)} posts and pages"
    )
    print(f"{'serializer':<12}{'seconds':>9}{'posts/s':>10}{'bytes out':>12}{'x reading':>11}")
    for name in ("json", "markdown", "text"):
        serializer = get_serializer(name)
        written = [0]

        def run(serializer: Serializer = serializer, written: list[int] = written) -> None:
            cleaner = Cleaner(attachments=attachments)
            written[0] = sum(len(serializer.post(post, cleaner=cleaner)) for post in content)

        seconds = best_of(args.repeat, run)
        print(
            f"{name:<12}{seconds:>9.2f}{len(content) / seconds:>10,.0f}{written[0]:>12,}"
            f"{seconds / read_seconds:>11.2f}",
            flush=True,
        )
    cleaner = Cleaner(attachments=attachments)
    clean_seconds = best_of(args.repeat, lambda: [cleaner.post(post) for post in content])
    print(
        f"{'(cleaning)':<12}{clean_seconds:>9.2f}{len(content) / clean_seconds:>10,.0f}"
        f"{'':>12}{clean_seconds / read_seconds:>11.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
