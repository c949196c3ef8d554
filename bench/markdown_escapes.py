"""Backslash escapes between two word characters in the Markdown of every corpus post.

    WXRKIT_CORPUS=../shared/corpus python bench/markdown_escapes.py

CommonMark needs none there (``rdesktop\\-users``, ``KDE3\\.5``, ``mat\\_mipmap`` render as
the same text without the backslash); each one is noise a migrator edits out by hand.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

from wxrkit import WxrkitError, read_wxr
from wxrkit.serializers import get_serializer

MID_WORD = re.compile(r"(?<=\w)\\([^\w\s]|_)(?=\w)")


def main() -> int:
    folder = Path(os.environ.get("WXRKIT_CORPUS", "../shared/corpus")) / "wxr"
    markdown = get_serializer("markdown")
    words = 0
    escaped: Counter[str] = Counter()
    for path in sorted(folder.glob("*.xml")):
        try:
            export = read_wxr(path)
        except WxrkitError:
            continue
        for post in export.posts:
            if post.type in ("post", "page"):
                body = markdown.post(post).split("---\n", 2)[-1]
                words += len(body.split())
                escaped.update(match.group(1) for match in MID_WORD.finditer(body))
    total = sum(escaped.values())
    print(f"{total} mid-word escapes in {words} words: {total * 1000 / words:.2f} per 1,000")
    print("by character:", ", ".join(f"{c!r} {n}" for c, n in escaped.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
