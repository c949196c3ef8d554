"""wxrkit inspect on every export of the corpus, streamed, says what the whole export read
at once says (whose counts tests/wxr/test_corpus.py holds to the manifest)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

from tests.conftest import corpus_manifest, corpus_root
from wxrkit import WxrkitError, read_wxr
from wxrkit.cli import main

ENTRIES = corpus_manifest("wxr")


def _counts(values: list[str]) -> dict[str, int]:
    return dict(Counter(values).most_common())


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["name"] for e in ENTRIES])
def test_inspect_streamed_says_what_the_whole_export_says(
    entry: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    root = corpus_root()
    assert root is not None
    path = root / "wxr" / entry["file"]
    code = main(["inspect", str(path), "--json"])
    out, err = capsys.readouterr()
    try:
        export = read_wxr(path)
    except WxrkitError as error:
        assert code == 1 and str(error) in err
        return
    assert code == 0
    facts = json.loads(out)
    posts = export.posts
    comments = [comment for post in posts for comment in post.comments]
    dates = sorted(p.published_gmt for p in posts if p.published_gmt is not None)
    assert facts["items"] == len(posts) == entry["item_count"]
    assert facts["by_type"] == _counts([p.type for p in posts])
    assert facts["by_type_and_status"] == _counts([f"{p.type}/{p.status}" for p in posts])
    assert facts["comments"] == len(comments) == entry["comment_count"]
    assert facts["comments_by_type"] == _counts([c.type for c in comments])
    assert facts["comments_approved"] == sum(c.approved for c in comments)
    assert facts["first_published"] == (dates[0].isoformat() if dates else None)
    assert facts["last_published"] == (dates[-1].isoformat() if dates else None)
    assert facts["authors"] == len(export.authors)
    assert facts["diagnostics"] == [str(d) for d in export.diagnostics]
