"""Nothing that runs code leaves wxrkit: not in Markdown, JSON or text, not from a shortcode,
not from a page's canonical link. Links that only go somewhere stay."""

from __future__ import annotations

import json
import re

import html5lib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from wxrkit import Attachment, Author, Comment, Post, parse_html
from wxrkit.clean import Cleaner
from wxrkit.clean.active import remove_active_content
from wxrkit.serializers import get_serializer
from wxrkit.urls import is_safe_url

ACTIVE_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " \x01javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=",
    "livescript:x",
    "mocha:x",
]
SAFE_URLS = [
    "https://example.org/a?b=javascript:c",
    "http://example.org/",
    "/relative/path",
    "relative/path",
    "#fragment",
    "?p=2",
    "mailto:someone@example.org",
    "tel:+441234",
    "ftp://example.org/file",
]


@pytest.mark.parametrize("url", ACTIVE_URLS)
def test_active_urls_are_not_safe(url: str) -> None:
    assert not is_safe_url(url) and not is_safe_url(url, image=True)


@pytest.mark.parametrize("url", SAFE_URLS)
def test_urls_that_only_go_somewhere_are_safe(url: str) -> None:
    assert is_safe_url(url)


def test_image_data_may_be_an_images_source_only() -> None:
    png = "data:image/png;base64,iVBORw0KGgo="
    assert is_safe_url(png, image=True) and not is_safe_url(png)


ENCODED = [
    '<a href="javascript:alert(1)">w</a>',
    '<a href="JaVaScRiPt&#58;alert(1)">w</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">w</a>',
    '<a href="java&#x09;script:alert(1)">w</a>',
    "<a href=javascript:alert(1)>w</a>",
    "<A HREF='vbscript:x'>w</A>",
    '<a href="data:text/html,<script>alert(1)</script>">w</a>',
    '<a href="https://example.org/" onclick="alert(1)">w</a>',
    '<img src="x.png" onerror="alert(1)" alt="w">',
    '<img src="javascript:alert(1)" alt="w">',
    '<iframe src="javascript:alert(1)"></iframe><p>w</p>',
    '<form action="javascript:alert(1)"><button formaction="vbscript:x">w</button></form>',
    '<img srcset="ok.png 1x, javascript:alert(1) 2x" src="ok.png" alt="w">',
    "<p>w</p><script>alert(1)</script>",
    '<svg><a xlink:href="javascript:alert(1)">w</a></svg>',
]


@pytest.mark.parametrize("body", ENCODED)
@pytest.mark.parametrize("name", ["markdown", "json", "text"])
def test_no_serializer_writes_active_content(body: str, name: str) -> None:
    post = Post(id=1, title="T", content_raw=f"<p>Before.</p>{body}<p>After.</p>")
    document = get_serializer(name).post(post)
    if name == "json":
        record = json.loads(document)
        document = record["content_html"] + record["content_text"]
    lowered = document.lower()
    for marker in ("javascript", "vbscript", "onclick", "onerror", "<script", "data:text"):
        assert marker not in lowered, (marker, document)
    assert "alert(1)" not in document or name != "markdown" or "<script" not in lowered
    assert "Before." in document and "After." in document


def test_links_that_only_go_somewhere_are_kept() -> None:
    links = "".join(f'<a href="{url}">link {n}</a> ' for n, url in enumerate(SAFE_URLS))
    html = f"<p>{links}</p>"
    assert remove_active_content(html) is html  # nothing to do: not even parsed again
    markdown = get_serializer("markdown").post(Post(id=1, content_raw=html))
    for url in SAFE_URLS:
        assert f"]({url})" in markdown or f"](<{url}>)" in markdown, url


def test_a_link_that_ran_code_keeps_its_words() -> None:
    cleaned = remove_active_content('<p>See <a href="javascript:go()" class="x">the map</a>.</p>')
    assert cleaned == '<p>See <a class="x">the map</a>.</p>'
    rendered = MarkdownIt().render(get_serializer("markdown").post(Post(id=1, content_raw=cleaned)))
    assert "the map" in rendered and "href" not in rendered


def test_shortcodes_make_no_active_links() -> None:
    attachment = Attachment(id=9, url="javascript:alert(2)", title="evil")
    cleaner = Cleaner(attachments={9: attachment})
    raw = (
        "[embed]javascript:alert(1)[/embed]\n\n"
        '[caption id="c" width="10"]<a href="javascript:alert(3)"><img src="/a.png" /></a> '
        "Caption[/caption]\n\n"
        '[gallery ids="9" link="file"]\n\n'
        '[audio src="javascript:alert(4)"]\n\n[video src="vbscript:x"]'
    )
    html = cleaner.body(raw)
    assert not re.search(r"=[\"']?(?:javascript|vbscript)", html), html
    assert "<audio" not in html and "<video" not in html  # players with nothing to play
    assert "Caption" in html


def test_front_matter_and_json_urls_are_links_that_only_go_somewhere() -> None:
    post = Post(
        id=1,
        title="T",
        url="javascript:alert(1)",
        author=Author(login="a", display_name="A", url="javascript:alert(2)"),
        comments=(Comment(id=1, author="c", author_url="vbscript:x", content="hi"),),
    )
    markdown = get_serializer("markdown").post(post)
    assert "alias" not in markdown and "javascript" not in markdown
    record = json.loads(get_serializer("json").post(post))
    assert record["url"] is None and record["author"]["url"] is None
    assert record["comments"][0]["author_url"] is None


def test_a_pages_active_canonical_link_is_no_address() -> None:
    page = parse_html(
        b'<html><head><link rel="canonical" href="javascript:alert(0)">'
        b'<meta property="og:url" content="javascript:alert(1)"></head>'
        b"<body><article><h1>Title</h1><p>A post of words, long enough to be the body of "
        b"the page and nothing else.</p></article></body></html>"
    )
    assert page.post.url is None and "alert" not in page.post.slug
    assert "javascript" not in get_serializer("markdown").post(page.post)


ATTRIBUTE_NAMES = st.sampled_from(
    ["href", "src", "onclick", "ONLOAD", "title", "srcset", "alt", "srcdoc", "xlink:href"]
)
VALUES = st.sampled_from(
    [
        "javascript:x",
        "JaVaScRiPt&#58;x",
        "java&#x09;script:x",
        "javascript&colon;x",
        "&#x20;&#x20;javascript:x",
        "https://ok",
        "/ok",
        "a>b",
        "x",
        "&lt;script&gt;x&lt;/script&gt;",
        "</noscript><img src=x onerror=x>",
    ]
)
QUOTES = st.sampled_from(['"', "'", ""])
TAGS = st.builds(
    lambda name, attrs, text: (
        f"<{name} "
        + " ".join(f"{key}={quote}{value}{quote}" for key, (value, quote) in attrs)
        + f">{text}</{name}>"
    ),
    st.sampled_from(
        ["a", "img", "p", "script", "iframe", "span", "noscript", "style", "textarea", "svg"]
    ),
    st.lists(st.tuples(ATTRIBUTE_NAMES, st.tuples(VALUES, QUOTES)), max_size=4),
    st.text(alphabet="ab <>'\"=/!-", max_size=10),
)
ODDITIES = st.sampled_from(
    [
        "<!--",
        "-->",
        "--!>",
        "<!-->",
        "<",
        ">",
        '"',
        "'",
        "</",
        "<![CDATA[",
        "]]>",
        " on",
        "=",
        "\u0130",
        "\u212a",
    ]
)


def browser_view(markup: str) -> list[tuple[str, dict[str, str]]]:
    """The elements a browser makes of ``markup`` (html5lib follows the WHATWG algorithm)."""
    fragment = html5lib.parseFragment(markup, treebuilder="etree", namespaceHTMLElements=False)
    return [
        (str(element.tag).rpartition("}")[2].lower(), dict(element.attrib))
        for element in fragment.iter()
        if isinstance(element.tag, str)
    ]


@settings(max_examples=600)
@given(st.lists(st.one_of(TAGS, ODDITIES), min_size=1, max_size=8).map("".join))
def test_no_active_content_survives_whatever_the_markup(markup: str) -> None:
    cleaned = remove_active_content(markup)
    for tag, attributes in browser_view(cleaned):
        assert tag != "script", cleaned
        for name, value in attributes.items():
            name = str(name).rpartition("}")[2].lower()
            assert not name.startswith("on") and name != "srcdoc", cleaned
            if name in ("href", "src"):
                assert is_safe_url(value, image=True), cleaned


@pytest.mark.parametrize(
    "value",
    [
        " " * 5000 + "javascript:x",
        "&#x20;" * 5000 + "javascript:x",
        "java" + "\t" * 5000 + "script:x",
        "a" * 4090 + "&#58;x",
    ],
)
def test_a_long_value_is_judged_whole(value: str) -> None:
    # Only the start of a long value is searched; where the start cannot decide, the body
    # is parsed.
    cleaned = remove_active_content(f'<a href="{value}">words</a>')
    for tag, attributes in browser_view(cleaned):
        if tag == "a":
            assert is_safe_url(attributes.get("href", ""), image=False), cleaned[:80]


def test_long_safe_values_are_left_as_they_are() -> None:
    image = '<img src="data:image/png;base64,' + "A" * 20000 + '">'
    link = '<a href="https://example.org/' + "a" * 20000 + '">words</a>'
    assert remove_active_content(image + link) == image + link


def test_svg_cannot_set_a_link_to_code() -> None:
    markup = '<svg><a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>'
    cleaned = remove_active_content(markup)
    assert "javascript" not in cleaned and "<text>x</text>" in cleaned


def test_a_document_in_an_attribute_is_removed() -> None:
    cleaned = remove_active_content(
        '<iframe src="https://example.org/" srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;">'
        "</iframe>"
    )
    assert "srcdoc" not in cleaned and 'src="https://example.org/"' in cleaned
