"""Properties of the reusable parts that the example-based tests do not cover: the shortcode
and block parsers on any text, the page date parser, the page readers on any text, and every
serializer on any post (JSON round-trips and validates, Markdown parses back to its front
matter). The PHP decoder, the WXR dates, wpautop and file names have theirs beside their
other tests (tests/test_php.py, tests/wxr/test_dates.py, tests/clean/test_autop.py,
tests/output/test_names_property.py)."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from wxrkit import Author, Category, Comment, ParseError, Post, Tag, parse_html, parse_text
from wxrkit.clean import Cleaner
from wxrkit.clean.blocks import Block, parse_blocks, render_blocks
from wxrkit.clean.shortcode_handlers import default_registry
from wxrkit.html.dates import parse_page_date
from wxrkit.serializers import get_serializer, load_schema

MARKUPISH = st.text(
    alphabet=st.sampled_from(list("[]/=\"' <>!-abcquotegallerywp:{}\n")) | st.characters(),
    max_size=300,
)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _words(blocks: list[Block]) -> str:
    parts = []
    for block in blocks:
        for part in block.inner:
            parts.append(part if isinstance(part, str) else _words([part]))
    return "".join(parts)


@SETTINGS
@given(MARKUPISH)
def test_shortcodes_expand_any_text(text: str) -> None:
    out = default_registry().expand(text)
    assert isinstance(out, str)
    if "[" not in text:
        assert out == text  # nothing to expand, nothing changed


@SETTINGS
@given(st.text(max_size=200))
def test_text_without_a_registered_shortcode_is_kept(text: str) -> None:
    text = text.replace("[", "(").replace("]", ")")
    assert default_registry().expand(f"[notashortcode {text}]") == f"[notashortcode {text}]"


@SETTINGS
@given(MARKUPISH)
def test_block_parser_keeps_the_html_between_comments(text: str) -> None:
    blocks = parse_blocks(text)
    assert isinstance(render_blocks(blocks), str)
    if "<!--" not in text:
        assert _words(blocks) == text  # no block comment: the text is one free-form block


@SETTINGS
@given(
    st.lists(st.sampled_from(["p", "group", "quote", "columns"]), max_size=6),
    st.text(alphabet="abc xyz", max_size=40),
)
def test_nested_blocks_keep_their_text(names: list[str], words: str) -> None:
    content = (
        "".join(f"<!-- wp:{n} -->" for n in names)
        + words
        + "".join(f"<!-- /wp:{n} -->" for n in reversed(names))
    )
    assert words in render_blocks(parse_blocks(content))


@SETTINGS
@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2099, 12, 31, 23, 59)))
def test_page_dates_read_back_iso_and_words(moment: datetime) -> None:
    """Within the years a page date is looked for in (19xx and 20xx)."""
    moment = moment.replace(microsecond=0)
    assert parse_page_date(moment.isoformat()) == moment
    aware = moment.replace(tzinfo=timezone.utc)
    assert parse_page_date(aware.isoformat()) == aware
    spoken = f"{moment:%B} {moment.day}, {moment.year} at {moment:%I:%M %p}"
    assert parse_page_date(spoken) == moment.replace(second=0)


@SETTINGS
@given(st.text(max_size=120))
def test_page_dates_never_raise(text: str) -> None:
    parsed = parse_page_date(text)
    assert parsed is None or isinstance(parsed, datetime)


@SETTINGS
@given(MARKUPISH)
def test_page_readers_read_any_text(text: str) -> None:
    if not text.strip():  # nothing to read: said so, naming no file
        with pytest.raises(ParseError, match="the page"):
            parse_html(text)
        return
    for reader in (parse_html, parse_text):
        try:
            assert isinstance(reader(text).text, str)
        except TypeError as error:  # "saved.html": a file name is not a page (pass a Path)
            assert "looks like a file name" in str(error)


NAMES = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)
POSTS = st.builds(
    Post,
    id=st.none() | st.integers(min_value=1, max_value=10**9),
    type=st.sampled_from(["post", "page", "recipe"]),
    status=st.sampled_from(["publish", "draft", "private"]),
    title=st.text(max_size=60),
    slug=st.text(max_size=30),
    content_raw=MARKUPISH,
    excerpt=st.text(max_size=40),
    author=st.none() | st.builds(Author, login=NAMES, display_name=st.none() | NAMES),
    published=st.none()
    | st.datetimes(
        min_value=datetime(1990, 1, 1),
        max_value=datetime(2090, 1, 1),
        timezones=st.just(timezone.utc),
    ),
    categories=st.lists(st.builds(Category, slug=NAMES, name=NAMES), max_size=3).map(tuple),
    tags=st.lists(st.builds(Tag, slug=NAMES, name=NAMES), max_size=3).map(tuple),
    comments=st.lists(
        st.builds(
            Comment,
            id=st.none() | st.integers(1, 10**6),
            author=st.text(max_size=20),
            content=MARKUPISH,
        ),
        max_size=3,
    ).map(tuple),
)
POST_SCHEMA = Draft202012Validator(load_schema("post"))


@SETTINGS
@given(POSTS)
def test_any_post_serializes(post: Post) -> None:
    cleaner = Cleaner()
    record = json.loads(get_serializer("json").post(post, cleaner=cleaner))
    POST_SCHEMA.validate(record)
    assert record["id"] == post.id and record["title"] == post.title
    assert [c["name"] for c in record["categories"]] == [c.name for c in post.categories]
    markdown = get_serializer("markdown").post(post, cleaner=cleaner)
    front = yaml.safe_load(markdown.split("---\n")[1])
    assert front["title"] == post.title
    assert isinstance(get_serializer("text").post(post, cleaner=cleaner), str)
