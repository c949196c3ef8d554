"""One fixture per quirk or defect of real exports, each with what the reader must make of it."""

from __future__ import annotations

import gzip
import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from wxrkit import Export, NotAnExportError, ParseError, WxrReader, iter_wxr, read_wxr

WXR = FIXTURES / "wxr"


def read(name: str, **options: bool) -> Export:
    return read_wxr(WXR / name, **options)


def codes(export: Export) -> list[str]:
    return [diagnostic.code for diagnostic in export.diagnostics]


# -- the kitchen sink: everything the model holds ------------------------------------------


@pytest.fixture(scope="module")
def sink() -> Export:
    return read("kitchen-sink.xml")


def test_site(sink: Export) -> None:
    site = sink.site
    assert site.title == "Field Notes"
    assert site.link == "https://fieldnotes.example"
    assert site.description == "Birds, weather and the odd recipe"
    assert site.language == "en-GB"
    assert site.wxr_version == "1.2"
    assert site.generator == "https://wordpress.org/?v=6.4.2"
    assert site.exported_at == datetime(2024, 3, 2, 10, 15, tzinfo=timezone.utc)
    assert sink.diagnostics == ()


def test_channel_vocabularies(sink: Export) -> None:
    assert [a.login for a in sink.authors] == ["ada", "ben", "guest-writer"]
    ada = sink.authors[0]
    assert (ada.id, ada.email, ada.name) == (1, "ada@fieldnotes.example", "Ada Wren")
    assert [(c.slug, c.parent) for c in sink.categories] == [
        ("birds", None),
        ("waders", "birds"),
        ("été", None),
    ]
    assert sink.categories[0].description == "Anything with feathers"
    assert [(m.key, m.raw) for m in sink.categories[2].meta] == [("colour", "#ffcc00")]
    assert [t.slug for t in sink.tags] == ["estuary"]
    assert [(t.taxonomy, t.slug, t.from_items) for t in sink.terms] == [
        ("nav_menu", "main", False),
        ("post_format", "post-format-gallery", False),
        ("habitat", "saltmarsh", True),  # named by an item only, listed after the channel's
    ]


def test_post_fields(sink: Export) -> None:
    post = sink.posts[0]
    assert (post.id, post.type, post.status, post.slug) == (
        10,
        "post",
        "publish",
        "curlews-at-dawn",
    )
    assert post.url == "https://fieldnotes.example/2024/02/curlews-at-dawn/"
    assert post.guid == "https://fieldnotes.example/?p=10"
    assert post.author is sink.authors[0]
    assert post.sticky is True
    assert post.password is None
    assert (post.comment_status, post.ping_status) == ("open", "open")
    assert post.content_raw.startswith("The tide was out")
    assert "[caption id=" in post.content_raw and "<!--more-->" in post.content_raw
    assert [c.slug for c in post.categories] == ["waders"]
    assert post.categories[0] is sink.categories[1], "channel categories are shared, not copied"
    assert [t.slug for t in post.tags] == ["estuary"]
    assert [(t.taxonomy, t.slug) for t in post.terms] == [("post_format", "post-format-gallery")]
    assert post.modified_gmt == datetime(2024, 2, 13, 9, 0, tzinfo=timezone.utc)


def test_meta_kept_in_order_and_decoded_lazily(sink: Export) -> None:
    post = sink.posts[0]
    assert [m.key for m in post.meta] == ["_thumbnail_id", "_links_to"]
    links = post.get_meta("_links_to")
    assert links is not None and links.serialized
    assert links.raw.startswith('a:2:{s:3:"url"')
    assert dict(links.value) == {"url": "https://example.org", "target": True}  # type: ignore[arg-type]
    assert post.get_meta("missing") is None
    plain = post.get_meta("_thumbnail_id")
    assert plain is not None and plain.value == "11" and not plain.serialized


def test_comments_threaded_with_approval_and_types(sink: Export) -> None:
    comments = sink.posts[0].comments
    assert [(c.id, c.parent_id, c.type, c.approved) for c in comments] == [
        (100, None, "comment", True),
        (101, 100, "comment", True),
        (102, None, "comment", False),
        (103, None, "pingback", True),
        (104, None, "trackback", True),
    ]
    first = comments[0]
    assert (first.author, first.author_email, first.author_url, first.author_ip) == (
        "Cleo",
        "cleo@example.org",
        "https://cleo.example.org",
        "192.0.2.7",
    )
    assert [(m.key, m.raw) for m in first.meta] == [("akismet_result", "false")]
    assert comments[1].user_id == 1 and first.user_id is None
    assert comments[2].status == "0"
    assert first.published_gmt == datetime(2024, 2, 12, 9, 0, tzinfo=timezone.utc)


def test_attachments_and_featured_image_linked(sink: Export) -> None:
    post, attachment_post = sink.posts[0], sink.posts[1]
    assert post.featured_image_id == 11
    assert post.featured_image is not None
    image = post.featured_image
    assert image.url == "https://fieldnotes.example/wp-content/uploads/2024/02/curlew.jpg"
    assert (image.alt, image.file, image.caption) == (
        "A curlew on the mud",
        "2024/02/curlew.jpg",
        "A curlew",
    )
    assert post.attachments == (image,)
    assert attachment_post.attachment_url == image.url
    metadata = attachment_post.get_meta("_wp_attachment_metadata")
    assert metadata is not None
    assert metadata.value["sizes"]["medium"]["file"] == "curlew-300x200.jpg"  # type: ignore[index]


def test_streaming_reader_does_not_link_attachments() -> None:
    with WxrReader(WXR / "kitchen-sink.xml") as reader:
        post = next(iter(reader))
    assert post.featured_image_id == 11 and post.featured_image is None


def test_draft_with_zero_dates(sink: Export) -> None:
    draft = sink.posts[2]
    assert draft.status == "draft"
    assert draft.published_gmt is None, "0000-00-00 means unset, never now"
    assert draft.published is not None and draft.published.replace(tzinfo=None) == datetime(
        2024, 3, 1, 18, 5
    )
    assert draft.slug == ""
    assert [c.slug for c in draft.categories] == ["été"]


def test_offset_derived_from_local_and_gmt(sink: Export) -> None:
    page = sink.posts[3]
    assert page.published == datetime(2019, 7, 10, 14, 0, tzinfo=timezone(timedelta(hours=2)))
    assert page.published_gmt == datetime(2019, 7, 10, 12, 0, tzinfo=timezone.utc)
    assert page.published == page.published_gmt


def test_percent_encoded_slug_and_password_and_menu_order(sink: Export) -> None:
    page = sink.posts[3]
    assert page.slug == "हिन्दी"
    assert (page.type, page.status, page.password, page.menu_order) == (
        "page",
        "private",
        "hunter2",
        3,
    )


def test_nav_menu_items_and_custom_types_kept(sink: Export) -> None:
    menu, species = sink.posts[4], sink.posts[5]
    assert menu.type == "nav_menu_item"
    assert [(t.taxonomy, t.slug) for t in menu.terms] == [("nav_menu", "main")]
    assert menu.get_meta("_menu_item_url") is not None
    assert (species.type, species.status) == ("species", "pending_review")
    assert [(t.taxonomy, t.name) for t in species.terms] == [("habitat", "Saltmarsh")]
    assert species.author is not None and species.author.login == "guest-writer"
    assert species.guid == "https://fieldnotes.example/?post_type=species&p=14"


def test_unknown_item_elements_kept_as_extra(sink: Export) -> None:
    (enclosure,) = sink.posts[5].extra
    assert enclosure.tag == "enclosure"
    assert dict(enclosure.attributes)["url"] == "https://fieldnotes.example/calls/redshank.mp3"


# -- format quirks -------------------------------------------------------------------------


def test_wxr_10_duplicate_categories_and_tag_domain() -> None:
    export = read("quirk-wxr-1.0-duplicate-categories.xml")
    (post,) = export.posts
    assert [c.slug for c in post.categories] == ["news"]
    assert [t.slug for t in post.tags] == ["cats"]
    assert post.author is not None and post.author.login == "Ada Wren"
    assert export.diagnostics == ()


def test_https_namespace_of_wordpress_com() -> None:
    export = read("quirk-https-namespace.xml")
    assert export.posts[0].id == 1 and export.site.wxr_version == "1.2"


def test_split_cdata_joined() -> None:
    assert read("quirk-split-cdata.xml").posts[0].content_raw == "a[b[0]]> 1"


def test_entity_encoded_title_decoded() -> None:
    assert (
        read("quirk-entity-encoded-title.xml").posts[0].title
        == "Tom & Jerry\u2019s \u201cday\u201d"
    )


def test_future_and_missing_versions_read_with_a_diagnostic() -> None:
    future = read("quirk-future-version.xml")
    assert future.site.wxr_version == "1.3" and future.posts[0].id == 1
    assert codes(future) == ["unknown-wxr-version"]
    missing = read("quirk-missing-version.xml")
    assert missing.site.wxr_version is None and codes(missing) == ["missing-wxr-version"]


def test_utf8_bom() -> None:
    assert read("quirk-utf8-bom.xml").posts[0].title == "Héllo"


def test_genuine_latin1_file() -> None:
    export = read("quirk-latin1-declared.xml")
    assert export.posts[0].title == "Café"
    assert export.posts[0].content_raw == "crème brûlée"
    assert export.diagnostics == ()


def test_unset_and_impossible_dates() -> None:
    export = read("quirk-bad-dates.xml")
    zero, impossible, far = export.posts
    assert zero.published_gmt is None and zero.published is not None
    assert impossible.published is None and impossible.published_gmt is None
    assert far.published is None
    bad = [d for d in export.diagnostics if d.code == "invalid-value"]
    assert len(bad) == 4 and "2019-02-30 25:61:00" in bad[0].message
    assert bad[0].line is not None


# -- defects, repaired and reported --------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code", "line"),
    [
        ("broken-control-chars.xml", "control-characters", 14),
        ("broken-blank-lines-before-declaration.xml", "text-before-declaration", 3),
        ("broken-html-entities.xml", "html-entity", 14),
        ("broken-bare-ampersand.xml", "bare-ampersand", 14),
        ("broken-latin1-in-utf8.xml", "invalid-bytes", 14),
        ("broken-utf8-declared-latin1.xml", "encoding-mismatch", 14),
        ("broken-unescaped-cdata-end.xml", "unescaped-cdata-end", 16),
        ("broken-undeclared-prefix.xml", "undeclared-prefix", 13),
        ("broken-non-ascii-namespace-uri.xml", "namespace-uri", 23),
        ("broken-doctype.xml", "doctype-removed", 3),
    ],
)
def test_defect_repaired_and_reported(name: str, code: str, line: int) -> None:
    export = read(name)
    assert export.posts, "the items are read"
    found = [d for d in export.diagnostics if d.code == code]
    assert found, f"expected a {code} diagnostic, got {codes(export)}"
    assert found[0].line == line
    assert found[0].source == str(WXR / name)
    assert str(found[0]).startswith(f"{WXR / name}:{line}")


@pytest.mark.parametrize(
    "name",
    [
        "broken-control-chars.xml",
        "broken-blank-lines-before-declaration.xml",
        "broken-html-entities.xml",
        "broken-bare-ampersand.xml",
        "broken-latin1-in-utf8.xml",
        "broken-utf8-declared-latin1.xml",
        "broken-unescaped-cdata-end.xml",
        "broken-undeclared-prefix.xml",
        "broken-doctype.xml",
    ],
)
def test_strict_turns_repairs_into_errors(name: str) -> None:
    with pytest.raises(ParseError, match="strict") as caught:
        read(name, strict=True)
    assert caught.value.line is not None


def test_repaired_values() -> None:
    controls = read("broken-control-chars.xml").posts
    assert controls[0].title == "Verticaltab"
    assert controls[0].content_raw == "Pasted from Word and a stray  here"
    assert controls[1].title == "Reference  too"
    entities = read("broken-html-entities.xml").posts
    assert entities[0].title == "Café\u00a0society"
    assert entities[1].title == "An &unknownentity; here"
    assert read("broken-bare-ampersand.xml").posts[0].guid == "https://defects.example/?p=1&x=2"
    latin = read("broken-latin1-in-utf8.xml").posts[0]
    assert (latin.title, latin.content_raw) == ("Café", "naïve — text")
    assert read("broken-utf8-declared-latin1.xml").posts[0].title == "Café crème"
    cdata = read("broken-unescaped-cdata-end.xml").posts[0]
    assert cdata.content_raw == "if (a[b[0]]> 1) { return; }"
    doctype = read("broken-doctype.xml").posts[0]
    assert doctype.title == "Hello &greeting;", "the DOCTYPE's entity is never expanded"


def test_truncated_file_yields_complete_items_then_fails() -> None:
    seen: list[str] = []
    with pytest.raises(ParseError) as caught:
        for post in iter_wxr(WXR / "broken-truncated.xml"):
            seen.append(post.title)
    assert seen == ["One", "Two"]
    error = caught.value
    assert error.items_read == 2
    assert error.line is not None and error.column is not None
    assert "cut short" in str(error) and "2 complete item(s)" in str(error)


def test_non_seekable_stream_is_read_with_repairs_from_the_start() -> None:
    class Pipe(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self._data = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def seekable(self) -> bool:
            return False

        def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
            chunk = self._data.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    data = (WXR / "broken-bare-ampersand.xml").read_bytes()
    export = read_wxr(io.BufferedReader(Pipe(data)))
    assert export.posts[0].title == "Fish & chips"
    assert "bare-ampersand" in codes(export)


def test_bytes_and_gzip_inputs(tmp_path: Path) -> None:
    data = (WXR / "kitchen-sink.xml").read_bytes()
    from_bytes = read_wxr(data)
    assert from_bytes.source == "<bytes>" and len(from_bytes.posts) == 6
    packed = tmp_path / "export.xml.gz"
    packed.write_bytes(gzip.compress(data))
    assert [p.id for p in read_wxr(packed).posts] == [p.id for p in from_bytes.posts]
    with open(packed, "rb") as stream:
        assert len(read_wxr(stream).posts) == 6


# -- not an export -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "empty"),
        (b"  \n\n ", "empty"),
        (b"PK\x03\x04\x14\x00\x00\x00", "zip archive"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "a PNG image"),
        (b"%PDF-1.7\n", "a PDF document"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        ((WXR / "not-an-html-page.xml").read_bytes(), "HTML page"),
        ((WXR / "not-an-rss-feed.xml").read_bytes(), "RSS feed without"),
        (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"/>', "Atom feed"),
        (b'<?xml version="1.0"?><svg/>', "root element is <svg>"),
        (b"Title,Date\nHello,2020\n", "not XML"),
    ],
)
def test_not_an_export_says_what_it_is(data: bytes, says: str) -> None:
    with pytest.raises(NotAnExportError, match=says) as caught:
        read_wxr(data, name="input.xml")
    assert str(caught.value).startswith("input.xml:")


def test_utf16_file_with_byte_order_mark() -> None:
    text = (WXR / "kitchen-sink.xml").read_text(encoding="utf-8").replace("UTF-8", "UTF-16", 1)
    export = read_wxr(text.encode("utf-16"))
    assert export.posts[3].slug == "हिन्दी" and export.diagnostics == ()


def test_utf16_declared_on_ascii_bytes() -> None:
    data = (WXR / "kitchen-sink.xml").read_bytes().replace(b"UTF-8", b"utf-16", 1)
    export = read_wxr(data)
    assert len(export.posts) == 6
    assert codes(export) == ["encoding-mismatch"]


@pytest.mark.parametrize("encoding", ["uu", "no-such-charset"])
def test_unknown_or_non_text_encoding(encoding: str) -> None:
    data = (WXR / "kitchen-sink.xml").read_bytes().replace(b"UTF-8", encoding.encode(), 1)
    with pytest.raises(ParseError, match="unknown encoding"):
        read_wxr(data)


def test_missing_file_is_a_parse_error_and_a_file_not_found_error(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match=r"nope\.xml: no such file; check the path") as caught:
        read_wxr(tmp_path / "nope.xml")
    assert isinstance(caught.value, FileNotFoundError)


def test_a_folder_is_not_an_export(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="this is a folder, not a file"):
        read_wxr(tmp_path)


def test_a_string_that_starts_with_markup_is_the_document() -> None:
    document = (FIXTURES / "wxr" / "kitchen-sink.xml").read_text(encoding="utf-8")
    assert read_wxr(document).posts == read_wxr(FIXTURES / "wxr" / "kitchen-sink.xml").posts


# -- reading only some post types ------------------------------------------------------


def test_types_builds_only_the_items_of_those_post_types() -> None:
    everything = list(iter_wxr(WXR / "kitchen-sink.xml"))
    with WxrReader(WXR / "kitchen-sink.xml", types={"attachment", "page"}) as reader:
        chosen = list(reader)
    expected = [post for post in everything if post.type in ("attachment", "page")]
    assert {post.type for post in everything} - {"attachment", "page"}  # others were passed
    assert [post.id for post in chosen] == [post.id for post in expected] != []
    assert chosen == expected
