"""A page's post carries HTML as displayed: cleaning it must not render it a second time."""

from __future__ import annotations

from dataclasses import replace

from wxrkit import parse_html, parse_text
from wxrkit.clean import RENDERED_STEPS, STEPS, Cleaner

QUOTING_PAGE = b"""<html><head><title>Quoting shortcodes</title></head><body>
<article class="post hentry"><h1 class="entry-title">Quoting shortcodes</h1>
<div class="entry-content"><p>To show the pictures, write [gallery ids="1,2"] on a line of
its own; a caption is [caption]like this[/caption].</p><p>That is all there is to it, and
the rest of this paragraph is here so the body is long enough to count as a post.</p></div>
</article></body></html>"""


def test_a_page_post_says_its_content_is_rendered() -> None:
    assert parse_html(QUOTING_PAGE).post.content_rendered
    assert parse_text("A title\n\nA line of text.\n").post.content_rendered


def test_shortcodes_a_page_quotes_stay_text() -> None:
    post = parse_html(QUOTING_PAGE).post
    html = Cleaner().post(post).html
    assert "[caption]like this[/caption]" in html
    # the same HTML taken as stored content is rendered: what the flag prevents
    assert "[caption]" not in Cleaner().post(replace(post, content_rendered=False)).html


def test_rendered_steps_are_the_cleaners_own() -> None:
    """A cleaner without the boilerplate step runs none on a page either."""
    post = replace(parse_html(QUOTING_PAGE).post, content_raw="<p>Share this:</p><p>Text.</p>")
    assert "Share this:" not in Cleaner().post(post).html
    kept = Cleaner(steps=[s for s in STEPS if s != "boilerplate"]).post(post).html
    assert "Share this:" in kept
    assert set(RENDERED_STEPS) <= set(STEPS)
