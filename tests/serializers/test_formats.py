"""The three serializers on the project's own fixtures: shapes, escaping, front matter."""

from __future__ import annotations

import json
import warnings
from datetime import datetime, timedelta, timezone

import pytest
import yaml
from jsonschema import Draft202012Validator
from markdown_it import MarkdownIt

from tests.conftest import FIXTURES
from wxrkit import Author, Category, LoneSurrogateWarning, Meta, Post, read_wxr
from wxrkit.clean import Cleaner
from wxrkit.serializers import (
    JsonSerializer,
    TextSerializer,
    get_serializer,
    html_to_markdown,
    html_to_text,
    load_schema,
    serializer_names,
)

SINK = read_wxr(FIXTURES / "wxr" / "kitchen-sink.xml")
CLEANER = Cleaner.for_export(SINK)
POST_SCHEMA = Draft202012Validator(load_schema("post"))
EXPORT_SCHEMA = Draft202012Validator(load_schema("export"))


def split_front_matter(document: str) -> tuple[dict[str, object], str]:
    assert document.startswith("---\n")
    head, _, body = document[4:].partition("\n---\n")
    loaded = yaml.safe_load(head)
    assert isinstance(loaded, dict)
    return loaded, body


def test_registry() -> None:
    assert serializer_names() == ("json", "markdown", "text")
    assert get_serializer("json").extension == ".json"
    with pytest.raises(ValueError, match="known: json, markdown, text"):
        get_serializer("docx")


def test_json_post_object() -> None:
    record = json.loads(get_serializer("json").post(SINK.posts[0], cleaner=CLEANER))
    assert list(record)[:6] == ["id", "type", "status", "title", "slug", "url"]
    assert record["published"] == "2024-02-12T07:30:00+00:00"
    assert record["author"] == {
        "login": "ada",
        "name": "Ada Wren",
        "email": "ada@fieldnotes.example",
        "url": None,
        "bio": None,
    }
    assert record["categories"] == [{"slug": "waders", "name": "Waders"}]
    assert record["terms"] == [
        {"taxonomy": "post_format", "slug": "post-format-gallery", "name": "Gallery"}
    ]
    assert "<figure" in record["content_html"] and "[caption" not in record["content_html"]
    assert record["content_raw"].startswith("The tide was out")
    assert record["excerpt"] == "The tide was out and the curlews were calling.\n\nA curlew"
    assert [c["type"] for c in record["comments"]] == [
        "comment",
        "comment",
        "comment",
        "pingback",
        "trackback",
    ]
    assert record["comments"][1]["parent_id"] == 100
    assert record["featured_image"]["alt"] == "A curlew on the mud"
    assert record["meta"][1] == {
        "key": "_links_to",
        "value": {"url": "https://example.org", "target": True},
        "raw": 'a:2:{s:3:"url";s:19:"https://example.org";s:6:"target";b:1;}',
    }
    assert record["comment_form"] is None
    assert list(POST_SCHEMA.iter_errors(record)) == []


def test_json_keeps_utf8_and_offsets() -> None:
    text = get_serializer("json").post(SINK.posts[3], cleaner=CLEANER)
    assert "हिन्दी" in text and "\\u" not in text
    assert json.loads(text)["published"] == "2019-07-10T14:00:00+02:00"


def test_json_lines_and_document() -> None:
    serializer = JsonSerializer()
    lines = serializer.export(SINK).splitlines()
    assert len(lines) == len(SINK.posts)
    assert [json.loads(line)["id"] for line in lines] == [p.id for p in SINK.posts]
    document = json.loads(serializer.document(SINK))
    assert document["site"]["title"] == "Field Notes"
    assert list(EXPORT_SCHEMA.iter_errors(document)) == []


def test_schema_rejects_a_wrong_record() -> None:
    record = json.loads(get_serializer("json").post(SINK.posts[0], cleaner=CLEANER))
    record["comments"][0]["approved"] = "yes"
    del record["content_text"]
    assert len(list(POST_SCHEMA.iter_errors(record))) == 2


@pytest.mark.parametrize(
    "title",
    [
        'He said "no": then left',
        "Colons: everywhere: here",
        "# not a comment",
        "@mention at the start",
        "Emoji 🐦 and ünïcödé",
        "- looks like a list",
        "yes",
        "123",
        "null",
        "'single' and \\backslash",
    ],
)
def test_front_matter_survives_hostile_titles(title: str) -> None:
    excerpt = "Line one\nLine two: with colon\n\n# and a hash"
    post = Post(id=1, title=title, excerpt=excerpt)
    fields, _ = split_front_matter(get_serializer("markdown").post(post))
    assert fields["title"] == title
    assert fields["summary"] == html_to_text(excerpt).strip()
    assert "\n" in str(fields["summary"]), "a multi-line excerpt stays multi-line"


def test_markdown_front_matter_fields() -> None:
    fields, body = split_front_matter(
        get_serializer("markdown").post(SINK.posts[0], cleaner=CLEANER)
    )
    assert fields["title"] == "Curlews at dawn"
    assert fields["date"] == "2024-02-12T07:30:00+00:00"
    assert fields["lastmod"] == "2024-02-13T09:00:00+00:00"
    assert fields["slug"] == "curlews-at-dawn" and fields["draft"] is False
    assert fields["categories"] == ["Waders"] and fields["tags"] == ["estuary"]
    assert fields["author"] == "Ada Wren"
    assert fields["aliases"] == ["/2024/02/curlews-at-dawn/"]
    assert (
        fields["featured_image"]
        == "https://fieldnotes.example/wp-content/uploads/2024/02/curlew.jpg"
    )
    assert fields["wordpress"] == {"id": 10, "type": "post", "status": "publish"}
    assert (
        "![Curlew](https://fieldnotes.example/wp-content/uploads/2024/02/curlew-300x200.jpg)"
        in body
    )
    draft, _ = split_front_matter(get_serializer("markdown").post(SINK.posts[2], cleaner=CLEANER))
    assert draft["draft"] is True and "slug" not in draft


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ("<h2>Title</h2><p>Text</p>", "## Title\n\nText\n"),
        ("<ul><li>a<ul><li>b</li></ul></li></ul>", "- a\n  - b\n"),
        ("<ol><li>one</li><li>two</li></ol>", "1. one\n2. two\n"),
        ('<pre><code class="language-python">x = 1</code></pre>', "```python\nx = 1\n```\n"),
        ("<table><tr><th>a</th></tr><tr><td>1</td></tr></table>", "| a |\n| --- |\n| 1 |\n"),
        (
            '<iframe src="https://x.example/embed"></iframe>',
            '<iframe src="https://x.example/embed"></iframe>\n',
        ),
        ("<p>snake_case and *stars*</p>", "snake_case and \\*stars\\*\n"),  # intraword _ is text
        ("<p>a</p><!--nextpage--><p>b</p>", "a\n\n<!--nextpage-->\n\nb\n"),
        ("<p>H<sub>2</sub>O</p>", "H<sub>2</sub>O\n"),
    ],
)
def test_html_to_markdown(html: str, markdown: str) -> None:
    assert html_to_markdown(html) == markdown


def test_figure_with_caption_keeps_image_and_caption() -> None:
    md = html_to_markdown(
        '<figure class="wp-caption"><img src="a.jpg" alt="Alt" /><figcaption>Cap</figcaption></figure>'
    )
    assert "![Alt](a.jpg)" in md and "Cap" in md


def test_markdown_is_commonmark_with_the_same_text() -> None:
    rendered = MarkdownIt("commonmark").render(
        html_to_markdown("<p>snake_case &amp;lt;tag&amp;gt;</p>")
    )
    assert rendered == "<p>snake_case &amp;lt;tag&amp;gt;</p>\n"


def test_text() -> None:
    html = '<h2>Head</h2><p>Para with <a href="https://x.example">a link</a>.</p><ul><li>one</li><li>two</li></ul>'
    assert html_to_text(html) == "Head\n\nPara with a link.\n\n- one\n- two\n"
    assert "a link (https://x.example)" in html_to_text(html, link_urls=True)
    post = Post(id=1, title="T", content_raw="One\n\nTwo")
    assert TextSerializer().post(post) == "T\n\nOne\n\nTwo\n"


def test_plain_post_built_by_hand() -> None:
    post = Post(
        id=5,
        title="Hand made",
        published=datetime(2020, 1, 1, 12, tzinfo=timezone(timedelta(hours=1))),
        author=Author(login="x"),
        categories=(Category(slug="c", name="C"),),
        content_raw="Body",
    )
    record = json.loads(get_serializer("json").post(post))
    assert list(POST_SCHEMA.iter_errors(record)) == []
    assert record["published"] == "2020-01-01T12:00:00+01:00"


def test_block_footnotes_keep_reference_and_note() -> None:
    raw = (
        '<!-- wp:paragraph --><p>Curlews call at dawn<sup data-fn="f1" class="fn">'
        '<a href="#f1" id="f1-link">1</a></sup>.</p><!-- /wp:paragraph -->'
        '<!-- wp:footnotes /--><ol class="wp-block-footnotes"><li id="f1">Mostly in spring. '
        '<a href="#f1-link">↩︎</a></li></ol>'
    )
    markdown = get_serializer("markdown").post(Post(id=1, title="Notes", content_raw=raw))
    assert '<sup data-fn="f1" class="fn"><a href="#f1" id="f1-link">1</a></sup>' in markdown
    assert "1. Mostly in spring." in markdown


def test_embeds_tables_and_code_through_a_post() -> None:
    raw = (
        "[embed]https://www.youtube.com/watch?v=abc[/embed]\n\n"
        "<table><tr><th>Bird</th><th>Count</th></tr><tr><td>Curlew</td><td>3</td></tr></table>\n\n"
        '[sourcecode language="python"]print("hi")[/sourcecode]'
    )
    markdown = get_serializer("markdown").post(Post(id=1, title="Mixed", content_raw=raw))
    assert '```python\nprint("hi")\n```' in markdown
    assert "| Bird   | Count |" in markdown and "| Curlew | 3     |" in markdown
    rendered = MarkdownIt("commonmark").enable("table").render(markdown.split("\n---\n", 1)[1])
    assert (
        '<a href="https://www.youtube.com/watch?v=abc">https://www.youtube.com/watch?v=abc</a>'
        in rendered
    )
    assert "<td>Curlew</td>" in rendered and '<code class="language-python">' in rendered


def test_a_malformed_address_does_not_break_serializing() -> None:
    # a WXR <link> or an [embed]/[youtube] address with a stray "[" made urlparse raise
    post = Post(
        id=1,
        title="t",
        url="http://[x/a/",
        content_raw="[embed]http://[x?v=1[/embed] [youtube http://[x]",
        meta=(Meta(key="_wp_old_slug", raw="old"),),
    )
    for name in ("json", "markdown", "text"):
        assert get_serializer(name).post(post)


@pytest.mark.parametrize("name", ["json", "markdown", "text"])
def test_a_lone_surrogate_in_a_hand_built_post_is_replaced_with_a_warning(name: str) -> None:
    # json.loads('"\\ud800"') makes such strings; no UTF-8 file can hold them.
    post = Post(
        id=7,
        title="Title \udc80",
        content_raw="<p>before \ud800 after</p>",
        categories=(Category(slug="c", name="Cat \udfff"),),
    )
    with pytest.warns(LoneSurrogateWarning, match="post 7: lone surrogates"):
        out = get_serializer(name).post(post)
    out.encode("utf-8")  # raises on a surrogate left in
    assert "before \ufffd after" in out and "Title \ufffd" in out
    assert name == "text" or "Cat \ufffd" in out


def test_a_post_without_surrogates_gives_no_warning() -> None:
    post = Post(id=8, title="Plain \u00e9", content_raw="<p>text</p>")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert "Plain \u00e9" in get_serializer("markdown").post(post)
