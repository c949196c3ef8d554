"""The HTML reader on one small page of our own per pattern (tests/fixtures/html/).

Each fixture is written for these tests after the markup WordPress core, its default themes,
WordPress.com, Jetpack, Yoast, OpenGraph and Blogger produce (../shared/PAGE-MARKUP.md):
twentyfifteen with Jetpack inside the content and a threaded html5 comment list; twentyten's
xhtml with ``ol.commentlist``, a pingback and a login-only form; a block theme; a German
WordPress.com page with the highlander form; a custom theme known only by its Yoast graph;
an unknown engine with OpenGraph; and Blogger.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tests.conftest import FIXTURES
from wxrkit import LimitExceededError, ParseError, ScrapedPage, parse_html
from wxrkit.html import reader

HTML = FIXTURES / "html"

# Texts of page chrome, WordPress.com, Jetpack and comment forms no body may hold.
NEVER_IN_BODY = (
    "Skip to content",
    "Share this:",
    "Like this:",
    "Loading...",
    "Related",
    "Laying a hedge",
    "Teilen mit:",
    "Gefällt mir",
    "Ähnliche Beiträge",
    "Wird geladen",
    "Leave a Reply",
    "Kommentar verfassen",
    "You are commenting using",
    "Du kommentierst",
    "Log Out",
    "Abmelden",
    "Connecting to %s",
    "Verbinde mit %s",
    "Your email address",
    "Save my name",
    "Post Comment",
    "Post navigation",
    "Previous Post",
    "Older post",
    "Bookmark the permalink",
    "This entry was posted",
    "Dieser Eintrag wurde",
    "Proudly powered by WordPress",
    "Bloggen auf WordPress.com",
    "Published by",
    "Mary builds walls",
    "Anna backt",
    "Recent Posts",
    "Popular",
    "Articles récents",
    "All rights reserved",
    "Labels:",
    "Share to Twitter",
    "Newer Post",
    "Post a Comment",
    "Subscribe to:",
    "Tom Wright",
    "through-stones",
)


def read(name: str, url: str | None = None) -> ScrapedPage:
    return parse_html((HTML / name).read_bytes(), url=url, source=name)


def test_twentyfifteen_with_jetpack_and_threaded_comments() -> None:
    page = read("twentyfifteen-jetpack.html")
    post = page.post
    assert page.engine == "wordpress"
    assert "generator=WordPress 6.4.2" in page.engine_evidence
    assert (post.id, post.type, post.slug) == (412, "post", "mending-a-dry-stone-wall")
    assert post.url == "https://fieldcraft.example/2023/04/02/mending-a-dry-stone-wall/"
    assert post.title == "Mending a dry-stone wall"
    assert post.author is not None
    assert (post.author.name, post.author.login) == ("Mary Hale", "mhale")
    assert post.author.bio == "Mary builds walls in the Yorkshire Dales."
    assert post.published == datetime(2023, 4, 2, 9, 30, tzinfo=timezone(timedelta(hours=1)))
    assert post.modified == datetime(2023, 4, 5, 10, 0, tzinfo=timezone(timedelta(hours=1)))
    assert [(c.slug, c.name) for c in post.categories] == [("skills", "Skills"), ("stone", "Stone")]
    assert [t.name for t in post.tags] == ["walls", "repair"]  # not the sidebar's tag cloud
    assert page.text.split("\n\n") == [
        "A gap in a dry-stone wall grows every winter, so mend it in spring.",
        "Take the fallen stones out, sort them by size, and rebuild from the footing up, one over two.",
        "The rebuilt section after one season.",
    ]
    assert "<em>one over two</em>" in post.content_raw
    assert [(c.id, c.parent_id, c.author, c.author_url) for c in post.comments] == [
        (31, None, "Tom Wright", "https://walls.example/"),
        (32, 31, "Mary Hale", None),
    ]
    assert post.comments[0].content == "<p>Which way do the through-stones go?</p>"
    assert post.comments[1].published == datetime(
        2023, 4, 3, 9, 15, tzinfo=timezone(timedelta(hours=1))
    )
    form = page.comment_form
    assert form is not None
    assert form.title == "Leave a Reply"
    assert form.action == "https://fieldcraft.example/wp-comments-post.php"
    assert [(f.name, f.type, f.required) for f in form.fields] == [
        ("comment", "textarea", True),
        ("author", "text", True),
        ("email", "email", True),
        ("url", "url", False),
        ("wp-comment-cookies-consent", "checkbox", False),
    ]
    assert not form.requires_login
    assert page.site.title == "Fieldcraft"
    assert page.site.language == "en-US"


def test_twentyten_xhtml_pingback_and_login_form() -> None:
    page = read("twentyten-xhtml-login.html")
    post = page.post
    assert post.id == 7
    assert post.title == "A walk along the canal"
    assert post.author is not None and post.author.name == "admin"
    assert post.published == datetime(2011, 3, 2)
    assert [c.name for c in post.categories] == ["Walks"]
    assert [t.name for t in post.tags] == ["canal", "birds"]
    assert page.text == "The towpath was quiet this morning.\nTwo herons stood in the reeds."
    assert [(c.id, c.type, c.author) for c in post.comments] == [
        (12, "comment", "Jane"),
        (None, "pingback", "Canal walks roundup"),
    ]
    assert post.comments[0].published == datetime(2011, 3, 3, 22, 0)
    assert "The herons were there too." in post.comments[0].content
    assert post.comments[1].author_url == "http://other.example/canals/"
    assert page.comment_form is not None
    assert page.comment_form.title == "Leave a Reply"
    assert page.comment_form.requires_login
    assert page.comment_form.fields == ()


def test_block_theme() -> None:
    page = read("block-theme.html")
    post = page.post
    assert page.engine == "wordpress"
    assert post.id == 88
    assert post.title == "Bread without a recipe"
    assert post.author is not None and post.author.name == "Ola Berg"
    assert post.published == datetime(2024, 2, 11, 7, 5, tzinfo=timezone.utc)
    assert [c.name for c in post.categories] == ["Baking"]  # block themes mark it rel="tag"
    assert [t.name for t in post.tags] == ["sourdough", "ratios"]
    assert page.text.split("\n\n") == [
        "Flour, water, salt and time: the rest is habit.",
        "The ratio",
        "Start at seventy parts water to a hundred of flour.",
        "flour  1000 g\nwater   700 g",  # preformatted text keeps its spacing
    ]
    assert page.site.title == "The Loaf"


def test_wordpress_com_highlander_form_in_german() -> None:
    page = read("wordpresscom-highlander-de.html")
    post = page.post
    assert page.engine == "wordpress.com"
    assert post.title == "Rezept: Apfelkuchen"
    assert post.author is not None
    assert post.author.name == "Anna"
    assert post.author.bio == "Anna backt sonntags für die ganze Straße."
    assert [c.name for c in post.categories] == ["Backen"]  # not the sidebar's "Brot"
    assert [t.name for t in post.tags] == ["Äpfel", "Kuchen"]
    assert page.text.split("\n\n") == [
        "Der beste Apfelkuchen braucht säuerliche Äpfel.",
        "Teig und Belag kommen getrennt in den Kühlschrank.",
    ]
    form = page.comment_form
    assert form is not None
    assert form.title == "Kommentar verfassen"
    assert form.login_providers == ("WordPress.com", "Twitter", "Facebook")
    assert {f.name for f in form.fields} == {
        "comment",
        "email",
        "author",
        "url",
        "subscribe",
        "subscribe_blog",
    }
    assert {f.name for f in form.fields if f.required} == {"email", "author"}
    assert "highlander_comment_nonce" not in {f.name for f in form.fields}


def test_yoast_graph_on_a_custom_theme() -> None:
    page = read("yoast-graph-custom-theme.html")
    post = page.post
    assert page.engine == "wordpress"
    assert post.title == "Ten years of the night bus"
    assert post.author is not None and post.author.name == "Priya Raman"  # by @id reference
    assert post.published == datetime(2019, 6, 30, 22, 10, tzinfo=timezone.utc)
    assert post.modified == datetime(2019, 7, 1, 8, 0, tzinfo=timezone.utc)
    assert [c.name for c in post.categories] == ["Buses", "Night"]
    assert [t.name for t in post.tags] == ["N29", "Route history"]
    assert post.url == "https://transit.example/night-bus/"
    assert page.text.startswith("The N29 has run every night for ten years")
    assert page.text.endswith("all heading the same way.")
    assert "invalid-json-ld" in {d.code for d in page.diagnostics}
    assert page.site.title == "Transit Diaries"


def test_opengraph_on_an_unknown_engine() -> None:
    page = read("opengraph-generic.html")
    post = page.post
    assert page.engine == "other"
    assert post.title == "Le marché du dimanche"  # site name taken off og:title
    assert post.author is not None and post.author.name == "Claire Dumas"
    assert post.published == datetime(2022, 9, 18, 10, 0, tzinfo=timezone(timedelta(hours=2)))
    assert [c.name for c in post.categories] == ["Quartiers"]
    assert [t.name for t in post.tags] == ["marchés", "Croix-Rousse"]
    assert post.excerpt == "Une matinée au marché de la Croix-Rousse."
    assert post.slug == "le-marche-du-dimanche"
    assert len(page.text.split("\n\n")) == 3
    assert page.text.startswith("Le dimanche matin")
    assert "« Goûtez donc »" in page.text


def test_blogger() -> None:
    page = read("blogger-classic.html")
    post = page.post
    assert page.engine == "blogger"
    assert post.title == "Socks on two circulars"
    assert post.author is not None and post.author.name == "Edith"
    assert post.published == datetime(2015, 2, 8, 9, 12, tzinfo=timezone(timedelta(hours=-8)))
    assert [t.name for t in post.tags] == ["socks", "techniques"]
    assert page.text.split("\n\n") == [
        "Two circular needles make the heel flap easier to see.",
        "Cast on half the stitches on each needle and join in the round.",
    ]
    assert [(c.id, c.parent_id, c.author) for c in post.comments] == [
        (901, None, "Marta"),
        (902, 901, "Edith"),
    ]
    assert page.comment_form is not None and page.comment_form.title == "Post a Comment"
    assert page.site.title == "Knitting Notes"


@pytest.mark.parametrize("name", sorted(p.name for p in HTML.glob("*.html")))
def test_no_boilerplate_in_any_body(name: str) -> None:
    page = read(name)
    assert page.text
    for text in NEVER_IN_BODY:
        assert text not in page.text, text
        assert text not in page.post.content_raw, text


@pytest.mark.parametrize("label", ["no-such-charset", "utf\x00-8", "\x00"])
def test_a_declared_charset_that_is_no_charset_is_reported(label: str) -> None:
    # "utf\x00-8" found by fuzz/fuzz_html.py: codecs.lookup raised ValueError on the NUL
    page = parse_html(
        f'<html><head><meta charset="{label}"></head><body><p>Words enough, for a body.</p></body></html>'.encode(
            "latin-1"
        )
    )
    assert "Words enough, for a body." in page.text
    assert page.encoding == "utf-8"


def test_declared_charset_is_used() -> None:
    page = parse_html(
        '<html><head><meta charset="windows-1252"></head><body><article class="hentry">'
        '<div class="entry-content"><p>Caf\xe9 cr\xe8me \u2013 a long enough paragraph of text for a post body.</p>'
        "</div></article></body></html>".encode("cp1252")
    )
    assert page.encoding == "cp1252"
    assert "Café crème – a long enough paragraph" in page.text
    assert page.diagnostics == ()


def test_utf8_under_a_latin1_declaration_is_read_as_utf8_and_reported() -> None:
    page = parse_html(
        '<html><head><meta charset="iso-8859-1"></head><body><p>Gr\u00fc\u00dfe aus K\u00f6ln, '
        "a paragraph long enough to be the body of this small post.</p></body></html>".encode()
    )
    assert page.encoding == "utf-8"
    assert "Grüße aus Köln" in page.text
    assert "charset-detected" in {d.code for d in page.diagnostics}


def test_byte_order_mark_wins() -> None:
    markup = '<html><head><meta charset="iso-8859-1"></head><body><p>\u65e5\u672c\u8a9e, long enough body text here for a post.</p></body></html>'
    page = parse_html(b"\xff\xfe" + markup.encode("utf-16-le"))
    assert page.encoding == "utf-16le"
    assert "\u65e5\u672c\u8a9e" in page.text


def test_control_characters_are_replaced_and_reported() -> None:
    # found by fuzz/fuzz_html.py: lxml refuses such text when the body's whitespace is folded
    page = parse_html(
        b"<html><body><p>a\x00b\x01c\x0bd, and a paragraph long enough for a body.</p></body></html>"
    )
    assert "a\ufffdb\ufffdc d" in page.text
    assert ("control-character", 3) in {(d.code, d.count) for d in page.diagnostics}
    # written as character references (found by fuzzing too): libxml2 decodes them itself
    page = parse_html(
        b"<html><body><p>a&#8;b&#x0C;c&#xFFFF;d&#8217;e and words enough for a post.</p></body></html>"
    )
    assert "a\ufffdb c\ufffdd\u2019e" in page.text
    assert ("control-character", 3) in {(d.code, d.count) for d in page.diagnostics}
    # and the two noncharacters XML excludes, here from UTF-16 bytes
    page = parse_html(
        "<p>x\uffffy\ufffez and words enough for the body of a post.</p>".encode("utf-16")
    )
    assert "x\ufffdy\ufffdz" in page.text


def test_noncharacters_are_replaced_and_reported() -> None:
    page = parse_html(
        "<html><body><p>a \ufdd0 b, and a paragraph long enough for a body of text.</p></body></html>"
    )
    assert "a \ufffd b" in page.text
    assert "noncharacter" in {d.code for d in page.diagnostics}


@pytest.mark.parametrize("markup", ["", "   ", "\n\t"])
def test_an_empty_page_is_a_parse_error(markup: str) -> None:
    with pytest.raises(ParseError, match=r"page\.html: the page (is empty|holds only white)"):
        parse_html(markup, source="page.html")


@pytest.mark.parametrize("markup", ["<!-- only a comment -->", "plain words, no markup at all"])
def test_pages_without_markup_still_give_a_post(markup: str) -> None:
    page = parse_html(markup)
    assert page.engine == "other"
    assert page.post.title == ""
    assert page.text == " ".join(markup.split()) if "<" not in markup else page.text == ""


def test_too_large_page_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_PAGE_BYTES", 1000)
    with pytest.raises(LimitExceededError, match=r"page\.html: the page is 2,000 bytes"):
        parse_html(b"x" * 2000, source="page.html")


def test_text_right_after_the_form_heading_or_a_comment_body() -> None:
    # found by fuzz/fuzz_html.py: copying an element by serializing it took its tail along,
    # and lxml refused the copy ("Element followed by text")
    page = parse_html(
        '<ol class="comment-list"><li class="comment" id="comment-3"><div class="comment-content"><p>Nice.</p></div>% after</li></ol>'
        '<div id="respond"><h3 id="reply-title">Leave a Reply<small>Cancel reply</small></h3>% after</div>'
    )
    assert page.comment_form is not None and page.comment_form.title == "Leave a Reply"
    assert [(c.id, c.content) for c in page.post.comments] == [(3, "<p>Nice.</p>")]


def test_malformed_addresses_are_no_addresses() -> None:
    # found by fuzz/fuzz_html.py: urlsplit raises ValueError on "http://[" (an IPv6 host begun)
    page = parse_html(
        '<link rel="canonical" href="http://[x/a/"><article class="hentry"><a rel="tag" href="http://[/tag/x/">x</a>'
        '<a href="http://[::1/author/me/">Me</a><p>Words enough for the body of this post.</p></article>'
    )
    assert page.post.slug == "" and page.site.link is None
    assert [t.name for t in page.post.tags] == ["x"]
