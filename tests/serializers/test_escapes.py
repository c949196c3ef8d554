"""Markdown escapes only where CommonMark needs them: never mid-word, and never changing what
the Markdown renders to."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tests.conftest import corpus_manifest, corpus_root
from wxrkit import WxrkitError, read_wxr
from wxrkit.serializers import get_serializer, html_to_markdown
from wxrkit.serializers.convert import _to_markdown, _without_mid_word_escapes

MID_WORD = re.compile(r"(?<=\w)\\[^\w\s](?=\w)|(?<=\w)\\_(?=\w)")
RENDER = MarkdownIt("commonmark").render


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ("<p>rdesktop-users on KDE3.5</p>", "rdesktop-users on KDE3.5\n"),
        ("<p>apache2+webdav+svn and mat_mipmap</p>", "apache2+webdav+svn and mat_mipmap\n"),
        ("<p>a*b*c</p>", "a\\*b\\*c\n"),  # would be emphasis
        ("<p>1. not a list</p>", "1\\. not a list\n"),  # would be a list
        ("<p># not a heading</p>", "\\# not a heading\n"),
        ("<p>Use <code>a\\-b</code></p>", "Use `a\\-b`\n"),  # code as written
    ],
)
def test_escapes_where_commonmark_needs_them_only(html: str, markdown: str) -> None:
    assert html_to_markdown(html) == markdown


TEXT = st.text(alphabet="ab1 _-.+=#*`\\\n[]<>&", max_size=80)


@settings(max_examples=400)
@given(TEXT)
def test_dropping_mid_word_escapes_never_changes_the_rendering(text: str) -> None:
    escaped = _to_markdown(f"<p>{text}</p>".replace("&", "&amp;").replace("<>", "&lt;&gt;"))
    assert RENDER(_without_mid_word_escapes(escaped)) == RENDER(escaped)


ENTRIES = corpus_manifest("wxr")


def test_corpus_posts_have_at_most_half_a_mid_word_escape_per_thousand_words() -> None:
    root = corpus_root()
    if root is None:
        pytest.skip("WXRKIT_CORPUS is not set (CI sets it; see README)")
    markdown = get_serializer("markdown")
    words = escapes = 0
    for entry in ENTRIES:
        try:
            export = read_wxr(root / "wxr" / entry["file"])
        except WxrkitError:  # refused exports are tests/wxr's concern
            continue
        for post in export.posts:
            if post.type in ("post", "page"):
                body = markdown.post(post).split("---\n", 2)[-1]
                words += len(body.split())
                escapes += len(MID_WORD.findall(body))
    assert words > 100_000
    assert escapes * 1000 / words <= 0.5, f"{escapes} mid-word escapes in {words} words"
