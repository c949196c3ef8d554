"""Every post of every readable corpus export, through every serializer.

JSON validates against the shipped schema; the Markdown is CommonMark whose front matter loads
back; the words of ``content_text`` appear, in order, in the Markdown's rendered text; and no
boilerplate text of the list in wxrkit.clean.boilerplate_rules reaches any output.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from lxml import html as lxml_html
from markdown_it import MarkdownIt

from tests.conftest import corpus_manifest, corpus_root
from wxrkit import ParseError, read_wxr
from wxrkit.clean import Cleaner
from wxrkit.serializers import get_serializer, load_schema

ENTRIES = corpus_manifest("wxr")
POST_SCHEMA = Draft202012Validator(load_schema("post"))
COMMONMARK = MarkdownIt("commonmark")
LIST_MARKER = re.compile(r"(?m)^\s*(?:[-*+]|\d+[.)])\s+")
WORD = re.compile(r"\w+")
NOT_WORD = re.compile(r"\W+")
# Texts that must never reach an output (the list); anchored on whole lines.
BOILERPLATE = (
    "Share this:",
    "Like this:",
    "Like Loading...",
    "You are commenting using your",
    "( Log Out / Change )",
    "Connecting to %s",
    "Notify me of new comments via email.",
    "Bookmark the permalink.",
)


def rendered_text(markdown: str) -> str:
    rendered = COMMONMARK.render(markdown)
    if not rendered.strip():
        return ""
    root = lxml_html.fromstring(f"<div>{rendered}</div>")
    for image in root.iter("img"):
        image.tail = f" {image.get('alt') or ''} {image.tail or ''}"
    return root.text_content()


def words_in_order(text: str, rendered: str) -> str | None:
    """The first word of ``text`` not found, in order, in ``rendered``; None if all are."""
    haystack = NOT_WORD.sub("", rendered.casefold())
    at = 0
    for word in WORD.findall(LIST_MARKER.sub("", text).casefold()):
        found = haystack.find(word, at)
        if found < 0:
            return word
        at = found + len(word)
    return None


def _readable(entry: dict[str, Any]) -> Path:
    root = corpus_root()
    assert root is not None
    return root / "wxr" / entry["file"]


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_every_post_serializes(entry: dict[str, Any]) -> None:
    try:
        export = read_wxr(_readable(entry))
    except ParseError:
        return  # refused exports are covered by tests/wxr/test_corpus.py
    cleaner = Cleaner.for_export(export)
    as_json, as_markdown, as_text = (get_serializer(n) for n in ("json", "markdown", "text"))
    for post in export.posts:
        where = f"{entry['file']} post {post.id}"
        record = json.loads(as_json.post(post, cleaner=cleaner))
        errors = [error.message for error in POST_SCHEMA.iter_errors(record)]
        assert errors == [], where

        markdown = as_markdown.post(post, cleaner=cleaner)
        head, _, body = markdown[4:].partition("\n---\n")
        assert yaml.safe_load(head)["title"] == post.title, where
        missing = words_in_order(record["content_text"], rendered_text(body))
        assert missing is None, f"{where}: {missing!r} is not in the rendered Markdown"

        text = as_text.post(post, cleaner=cleaner)
        for output in (record["content_html"], record["content_text"], body, text):
            lines = {line.strip() for line in output.splitlines()}
            for phrase in BOILERPLATE:
                assert not any(line.startswith(phrase) for line in lines), (where, phrase)
