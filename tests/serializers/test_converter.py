"""The converter reuses html-to-markdown's translated options through the library's internal
API (a public call translates them again each time, which costs more than a typical post).
An upgrade that changed that API must show here: the fast path exists in the installed version
and gives what the public ``convert`` gives, on every clean body of the corpus."""

from __future__ import annotations

import pytest
from html_to_markdown import convert

from tests.conftest import corpus_manifest, corpus_root
from wxrkit import Cleaner, ParseError, Post, TextSerializer, read_wxr
from wxrkit.serializers import convert as converter

ENTRIES = corpus_manifest("wxr")


def test_the_fast_path_is_the_one_in_use() -> None:
    # The fallback is a lambda around the public call; the fast path a function of its own.
    assert converter._to_markdown.__name__ == "fast"
    assert converter._to_plain.__name__ == "fast"


def _public(html: str, options: object) -> str:
    return convert(html, options).content or ""  # type: ignore[arg-type]


def test_the_fast_path_converts_as_the_public_call() -> None:
    root = corpus_root()
    if root is None:
        pytest.skip("WXRKIT_CORPUS is not set (CI sets it; see README)")
    compared = 0
    for entry in ENTRIES:
        try:
            export = read_wxr(root / "wxr" / str(entry["file"]))
        except ParseError:
            continue  # an export the corpus holds as unreadable as a whole
        cleaner = Cleaner.for_export(export)
        for post in export.posts:
            html = cleaner.post(post).html
            if html.strip():
                where = f"{entry['file']} post {post.id}"
                assert converter._to_markdown(html) == _public(html, converter._MARKDOWN), where
                assert converter._to_plain(html) == _public(html, converter._PLAIN), where
                compared += 1
    assert compared > 500


def test_text_can_name_link_targets() -> None:
    serializer = TextSerializer(link_urls=True)
    text = serializer.post(
        Post(id=1, content_raw='<p>See <a href="https://x.example/">it</a>.</p>')
    )
    assert "it (https://x.example/)" in text
    assert "https" not in TextSerializer().post(
        Post(id=1, content_raw='<a href="https://x.example/">it</a>')
    )
