"""Every export of the shared corpus, against the ground truth of its manifest."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from tests.conftest import corpus_manifest, corpus_root
from wxrkit import Export, ParseError, Post, WxrReader, read_wxr

ENTRIES = corpus_manifest("wxr")
WELL_FORMED = [entry for entry in ENTRIES if entry["lxml_strict_ok"]]
MALFORMED = [entry for entry in ENTRIES if not entry["lxml_strict_ok"]]


def _path(entry: dict[str, Any]) -> Path:
    root = corpus_root()
    assert root is not None
    return root / "wxr" / entry["file"]


def _ids(entries: list[dict[str, Any]]) -> list[str]:
    return [entry["file"] for entry in entries]


def test_corpus_is_there_when_configured() -> None:
    if corpus_root() is not None:
        assert len(ENTRIES) == 80, "the manifest lists 80 exports"


@pytest.fixture(scope="module")
def exports() -> dict[str, Export]:
    return {}


def _read(entry: dict[str, Any], cache: dict[str, Export]) -> Export:
    if entry["file"] not in cache:
        cache[entry["file"]] = read_wxr(_path(entry))
    return cache[entry["file"]]


@pytest.mark.parametrize("entry", WELL_FORMED, ids=_ids(WELL_FORMED))
def test_counts_match_manifest(entry: dict[str, Any], exports: dict[str, Export]) -> None:
    export = _read(entry, exports)
    posts = export.posts
    assert len(posts) == entry["item_count"]

    # The manifest writes "null" for an item without the element; wxrkit reads those the way
    # the WordPress importer does (type post, status draft) and says so in a diagnostic.
    missing = {"post_type": "post", "status": "draft"}
    types = Counter(entry["post_type_counts"])
    if "null" in types:
        types[missing["post_type"]] += types.pop("null")
    assert Counter(post.type for post in posts) == types
    statuses = Counter(entry["status_counts"])
    if "null" in statuses:
        statuses[missing["status"]] += statuses.pop("null")
    assert Counter(post.status for post in posts) == statuses
    pairs = Counter(entry["post_type_status_counts"])
    assert sum(pairs.values()) == len(posts)
    if "null" in entry["post_type_counts"] or "null" in entry["status_counts"]:
        assert any(d.code == "missing-field" for d in export.diagnostics)
    else:
        assert Counter(f"{post.type}/{post.status}" for post in posts) == pairs

    comments = [comment for post in posts for comment in post.comments]
    assert len(comments) == entry["comment_count"]
    comment_types: Counter[str] = Counter()
    for kind, count in entry["comment_type_counts"].items():
        comment_types["comment" if kind == "(empty)" else kind] += count
    assert Counter(comment.type for comment in comments) == comment_types
    assert sum(len(comment.meta) for comment in comments) == entry["commentmeta_count"]
    assert sum(len(post.meta) for post in posts) == entry["postmeta_count"]

    channel = entry["channel_counts"]
    # the channel's own lists first; then the terms only items name (from_items)
    for listed, element in (
        (export.categories, "wp:category"),
        (export.tags, "wp:tag"),
        (export.terms, "wp:term"),
    ):
        flags = [term.from_items for term in listed]
        assert flags == sorted(flags) and flags.count(False) == channel[element]
    channel_authors = [a for a in export.authors if a.email or a.display_name or a.id]
    assert len(channel_authors) <= channel["wp:author"]
    termmeta = sum(len(t.meta) for t in (*export.categories, *export.tags, *export.terms))
    assert termmeta == entry["termmeta_count"]


@pytest.mark.parametrize("entry", WELL_FORMED, ids=_ids(WELL_FORMED))
def test_site_matches_manifest(entry: dict[str, Any], exports: dict[str, Export]) -> None:
    site = _read(entry, exports).site
    assert site.wxr_version == entry["wxr_version"]
    assert site.title == (entry["site_title"] or "")
    assert site.link == entry["site_link"]
    assert site.language == entry["language"]
    assert site.base_site_url == entry["base_site_url"]
    assert site.base_blog_url == entry["base_blog_url"]
    if entry["generator"] is not None:
        assert site.generator == entry["generator"]
    elif site.generator is not None:
        # No <generator> element: wxrkit falls back to WordPress's generator comment.
        assert (entry["generator_comment"] or "").startswith(site.generator)


@pytest.mark.parametrize("entry", WELL_FORMED, ids=_ids(WELL_FORMED))
def test_spot_checks(entry: dict[str, Any], exports: dict[str, Export]) -> None:
    export = _read(entry, exports)
    for check in entry["spot_checks"]:
        post: Post = export.posts[check["item_index"]]
        assert post.title == check["title"]
        assert (str(post.id) if post.id is not None else None) == check["post_id"]
        assert post.type == (check["post_type"] or "post")
        assert post.status == (check["status"] or "draft")
        gmt = check["post_date_gmt"]
        if gmt is not None:
            expected = None if gmt.startswith("0000") else gmt
            got = post.published_gmt.strftime("%Y-%m-%d %H:%M:%S") if post.published_gmt else None
            assert got == expected
        # else: the item has no wp:post_date_gmt and wxrkit falls back to pubDate.
        slugs = [category.slug for category in post.categories]
        expected_slugs = [unquote(slug) for slug in check["category_nicenames"]]
        if expected_slugs:
            assert slugs == expected_slugs
        else:
            # Categories given without a nicename (hand-made files) are kept, by name.
            assert all(category.slug == category.name for category in post.categories)
        assert post.content_raw[:80] == check["content_first_80"]
        assert len(post.content_raw) == check["content_length_chars"]


@pytest.mark.parametrize("entry", MALFORMED, ids=_ids(MALFORMED))
def test_malformed_is_repaired_or_refused(entry: dict[str, Any]) -> None:
    path = _path(entry)
    try:
        export = read_wxr(path)
    except ParseError as error:
        assert error.source == str(path)
        assert error.line is not None and error.line >= 1
        assert error.column is not None
        assert str(error).startswith(f"{path}:{error.line}:")
        return
    assert export.diagnostics, "a repaired read reports what it repaired"
    assert all(d.source == str(path) for d in export.diagnostics)
    assert len(export.posts) == entry["raw_item_open_tags"]
    # The manifest's values for these files come from lxml's recover mode, which truncates
    # titles at comments and mangles CDATA; ids and types are what it gets right.
    for check in entry["spot_checks"]:
        post = export.posts[check["item_index"]]
        assert (str(post.id) if post.id is not None else None) == check["post_id"]
        assert post.type == (check["post_type"] or "post")


@pytest.mark.parametrize("entry", ENTRIES, ids=_ids(ENTRIES))
def test_streaming_equals_eager(entry: dict[str, Any], exports: dict[str, Export]) -> None:
    """The streaming reader yields the same items, and has the channel before the first one."""
    path = _path(entry)
    try:
        eager = read_wxr(path)
    except ParseError:
        return
    with WxrReader(path) as reader:
        assert reader.site == eager.site
        channel = tuple(c for c in eager.categories if not c.from_items)
        assert reader.categories == channel
        streamed = list(reader)
        assert reader.categories == eager.categories  # with those only items name
    assert [(p.id, p.title, p.content_raw) for p in streamed] == [
        (p.id, p.title, p.content_raw) for p in eager.posts
    ]
