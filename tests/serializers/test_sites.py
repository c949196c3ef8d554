"""What each site target writes, field by field (the real builds are in tests/sites)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.robustness.cases import export
from wxrkit import Comment, Meta, Post
from wxrkit.output.run import convert
from wxrkit.serializers import MarkdownSerializer

TEMPLATED = "<p>{{ site.title }} and {% raw %} and {{< youtube abc >}} and {{% note %}}</p>"


def _write(site: str | None, **fields: Any) -> tuple[dict[str, Any], str]:
    post = Post(id=1, title="T", **fields)
    document = MarkdownSerializer(site).post(post)
    _, head, body = document.split("---\n", 2)
    return yaml.safe_load(head), body


@pytest.mark.parametrize("site", [None, "hugo", "jekyll", "eleventy", "astro"])
@pytest.mark.parametrize(
    "url", ["https://blog.example/", "https://blog.example/?p=2", "https://blog.example"]
)
def test_no_alias_a_generator_cannot_serve(site: str | None, url: str) -> None:
    fields, _ = _write(site, url=url, meta=(Meta(key="_wp_old_slug", raw="old"),))
    aliases = fields.get("aliases", []) + fields.get("redirect_from", [])
    assert "/" not in aliases and not any("?" in alias for alias in aliases)
    assert aliases == ([] if "?" in url else ["/old/"])  # the old slug's address stays


def test_an_old_permalink_is_an_alias_or_a_redirect_from() -> None:
    url = "https://blog.example/2024/03/walk/"
    assert _write("hugo", url=url)[0]["aliases"] == ["/2024/03/walk/"]
    assert _write("jekyll", url=url)[0]["redirect_from"] == ["/2024/03/walk/"]


@pytest.mark.parametrize("status", ["draft", "pending", "private", "future"])
def test_unpublished_items_are_kept_out_in_each_generators_words(status: str) -> None:
    assert _write("hugo", status=status)[0]["draft"] is True
    assert _write("jekyll", status=status)[0]["published"] is False
    eleventy = _write("eleventy", status=status)[0]
    assert eleventy["permalink"] is False and eleventy["eleventyExcludeFromCollections"] is True


def test_published_items_carry_no_exclusion() -> None:
    assert "published" not in _write("jekyll")[0]
    assert "permalink" not in _write("eleventy")[0]


def test_template_syntax_is_kept_from_running() -> None:
    jekyll, _ = _write("jekyll", content_raw=TEMPLATED)
    assert jekyll["render_with_liquid"] is False
    assert "render_with_liquid" not in _write("jekyll", content_raw="<p>plain</p>")[0]
    assert _write("eleventy", content_raw=TEMPLATED)[0]["templateEngineOverride"] == "md"
    _, hugo = _write("hugo", content_raw=TEMPLATED)
    assert "{{%/* note */%}}" in hugo and "{{% note %}}" not in hugo


def test_hugo_escapes_shortcode_calls_in_code_too() -> None:
    _, body = _write("hugo", content_raw="<pre><code>{{< figure src=x >}}</code></pre>")
    assert "{{</* figure src=x */>}}" in body


def test_two_items_claiming_one_address_are_said(tmp_path: Path) -> None:
    items = (
        "<item><title>New</title><link>https://b.example/news/</link><wp:post_id>1</wp:post_id>"
        "<wp:post_name>news</wp:post_name><wp:post_type>page</wp:post_type>"
        "<wp:status>publish</wp:status></item>"
        "<item><title>Old</title><link>https://b.example/2020/01/old/</link>"
        "<wp:post_id>2</wp:post_id><wp:post_name>old</wp:post_name><wp:post_type>post</wp:post_type>"
        "<wp:status>publish</wp:status><wp:postmeta><wp:meta_key>_wp_old_slug</wp:meta_key>"
        "<wp:meta_value>news</wp:meta_value></wp:postmeta></item>"
        "<item><title>Other</title><link>https://b.example/2020/01/news/</link>"
        "<wp:post_id>3</wp:post_id><wp:post_name>other</wp:post_name>"
        "<wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item>"
    )
    source = tmp_path / "export.xml"
    source.write_text(export(items), encoding="utf-8")
    summary = convert([source], out=tmp_path / "out", site="hugo", jobs=1)
    assert summary.warnings == [
        "/2020/01/news/: the old address of both posts/old/index.md and "
        "posts/other/index.md; a site serves one of them there (Hugo warns of the duplicate alias)"
    ]


def test_comments_in_front_matter_are_the_approved_ones_without_addresses() -> None:
    post = Post(
        id=1,
        title="T",
        comments=(
            Comment(id=1, author="Ada", author_email="a@x.example", content="<p>Yes!</p>"),
            Comment(id=2, author="Bot", content="spam", approved=False, status="spam"),
            Comment(id=3, parent_id=1, author="Ben", author_url="javascript:x", content="No"),
        ),
    )
    fields = yaml.safe_load(MarkdownSerializer(comments=True).post(post).split("---\n")[1])
    assert [(c["id"], c["parent"], c["author"], c["text"]) for c in fields["comments"]] == [
        (1, None, "Ada", "Yes!"),
        (3, 1, "Ben", "No"),
    ]
    assert fields["comments"][1]["author_url"] is None
    assert "a@x.example" not in MarkdownSerializer(comments=True).post(post)
    assert "comments" not in yaml.safe_load(MarkdownSerializer().post(post).split("---\n")[1])
