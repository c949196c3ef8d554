"""The page reader checks its choices against the rest of the page: the body against the
page's densest text, the date against the other witnesses."""

from __future__ import annotations

from datetime import date

from wxrkit import parse_html

PARAGRAPHS = "".join(
    f"<p>Paragraph {i} of the article tells how the river rose in the night, how the "
    f"neighbours carried the chairs upstairs, and what the water left behind it.</p>"
    for i in range(12)
)


def test_a_teaser_in_the_content_class_loses_to_the_article_elsewhere() -> None:
    page = parse_html(
        f"""<html><body><article class="post hentry"><h1 class="entry-title">The flood</h1>
        <div class="entry-content"><p>Read the whole story below: our reporters on what happened in the town when the river rose.</p></div>
        <div class="story-body">{PARAGRAPHS}</div>
        </article></body></html>"""
    )
    assert "Paragraph 11 of the article" in page.text
    assert [d.code for d in page.diagnostics] == ["content-by-density"]


def test_a_plausible_content_element_is_kept_without_a_diagnostic() -> None:
    page = parse_html(
        f"""<html><body><article class="post hentry"><h1 class="entry-title">The flood</h1>
        <div class="entry-content">{PARAGRAPHS}</div></article>
        <aside class="widget"><p>{"Other words in a widget. " * 30}</p></aside></body></html>"""
    )
    assert "Paragraph 0 of the article" in page.text
    assert "widget" not in page.text
    assert page.diagnostics == ()


def test_a_heading_marked_with_the_post_id_is_not_the_body() -> None:
    page = parse_html(
        f"""<html><body><h1 id="post-12">The flood</h1>
        <div class="Group">{PARAGRAPHS}</div></body></html>"""
    )
    assert "Paragraph 5 of the article" in page.text


def test_an_article_in_a_misused_aside_is_found() -> None:
    page = parse_html(
        f"""<html><body><nav><a href="/">Home</a></nav>
        <aside class="blogPost"><div class="blogContent">{PARAGRAPHS}</div></aside>
        <div id="comments"><p>{"A reader wrote back, at length and with feeling. " * 8}</p></div>
        </body></html>"""
    )
    assert "Paragraph 3 of the article" in page.text
    assert "A reader wrote back" not in page.text


def _dated(json_ld: str, byline: str, meta: str) -> str:
    return f"""<html><head>
    <script type="application/ld+json">{{"@type": "BlogPosting", "headline": "The flood",
      "datePublished": "{json_ld}"}}</script>
    <meta property="article:published_time" content="{meta}"></head>
    <body><article class="post hentry"><h1 class="entry-title">The flood</h1>
    <div class="entry-meta"><time class="entry-date published" datetime="{byline}">x</time>
    <time class="updated" datetime="2024-01-01T00:00:00+00:00">later</time></div>
    <div class="entry-content">{PARAGRAPHS}</div>
    <ul class="related"><li><time datetime="2001-01-01">an older post</time></li></ul>
    </article></body></html>"""


def test_the_published_date_comes_from_the_witnesses_in_order() -> None:
    page = parse_html(_dated("2020-04-09T10:00:00+02:00", "2020-04-09T10:00:00+02:00", ""))
    assert page.post.published is not None
    assert page.post.published.date() == date(2020, 4, 9)
    assert [d.code for d in page.diagnostics] == []
    assert page.post.modified is not None and page.post.modified.year == 2024


def test_disagreeing_dates_are_reported() -> None:
    page = parse_html(_dated("2020-04-09T10:00:00+02:00", "2019-03-01T10:00:00+02:00", ""))
    assert page.post.published is not None
    assert page.post.published.date() == date(2020, 4, 9)  # JSON-LD first
    (diagnostic,) = page.diagnostics
    assert diagnostic.code == "date-disagreement"
    assert "2020-04-09" in diagnostic.message and "2019-03-01" in diagnostic.message


def test_a_day_apart_is_a_time_zone_not_a_disagreement() -> None:
    page = parse_html(_dated("", "2020-04-09T23:30:00-05:00", "2020-04-10T04:30:00+00:00"))
    assert page.post.published is not None
    assert page.post.published.date() == date(2020, 4, 9)  # the byline's time first
    assert page.diagnostics == ()
