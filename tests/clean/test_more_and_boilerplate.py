"""<!--more--> and <!--nextpage-->, and boilerplate removal that never touches article text."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES
from wxrkit import read_wxr
from wxrkit.clean import (
    PAGE_BREAK,
    Cleaner,
    is_boilerplate_line,
    mark_page_breaks,
    remove_boilerplate,
    split_more,
)
from wxrkit.serializers import html_to_text


def test_more_splits_teaser_and_keeps_link_text() -> None:
    split = split_more("Intro\n<!--more Keep reading-->\nRest")
    assert split.found and split.teaser == "Intro\n" and split.rest == "\nRest"
    assert split.more_text == "Keep reading"
    assert split.content == "Intro\n\nRest"


def test_more_block_form_and_noteaser() -> None:
    split = split_more("A<!-- wp:more -->\n<!--more-->\n<!--noteaser-->\n<!-- /wp:more -->B")
    assert split.found and split.teaser == "A" and split.rest == "B"
    split = split_more("A<!--more--><!--noteaser-->B")
    assert split.no_teaser and split.content == "B"


def test_no_more() -> None:
    split = split_more("Just text")
    assert not split.found and split.content == "Just text" and split.more_text is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\n<!--nextpage-->\nb", f"a\n\n{PAGE_BREAK}\n\nb"),
        ("<!--nextpage-->a", "a"),
        (
            "a<!-- wp:nextpage -->\n<!--nextpage-->\n<!-- /wp:nextpage -->b",
            f"a\n\n{PAGE_BREAK}\n\nb",
        ),
        ("no break", "no break"),
    ],
)
def test_page_breaks(text: str, expected: str) -> None:
    assert mark_page_breaks(text) == expected


@pytest.mark.parametrize(
    "html",
    [
        '<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3><ul><li>Twitter</li></ul></div>',
        '<div id="jp-post-flair"><div class="likes">Like this:</div></div>',
        '<div id="jp-relatedposts" class="jp-relatedposts"><h3>Related</h3></div>',
        "<p>Like this:</p>",
        "<h3>Gefällt mir:</h3>",
        "<p>You are commenting using your Twitter account. ( Log Out / Change )</p>",
        "<p>Connecting to %s</p>",
        "<p>Notify me of new comments via email.</p>",
        "<p>This entry was posted in News and tagged cats. Bookmark the permalink.</p>",
        '<div id="respond" class="comment-respond"><h3 id="reply-title">Leave a Reply</h3><form>x</form></div>',
        '<nav class="navigation post-navigation"><a>← Previous</a></nav>',
    ],
)
def test_boilerplate_removed(html: str) -> None:
    kept = remove_boilerplate(f"<p>Article text.</p>{html}<p>More article.</p>")
    assert "Article text." in kept and "More article." in kept
    assert "Share this" not in kept and "Like this" not in kept
    assert "Related</h3>" not in kept and "Log Out" not in kept and "Connecting to" not in kept
    assert "Bookmark" not in kept and "Leave a Reply" not in kept and "Gefällt" not in kept
    assert "Previous" not in kept and "Notify me" not in kept


@pytest.mark.parametrize(
    "html",
    [
        "<p>I asked readers to share this: their favourite curlew photo.</p>",
        "<p>Related posts are a Jetpack feature; this sentence mentions them.</p>",
        "<p>Do you like this? Loading... was the message.</p>",
        "<p>Leave a reply below if you saw one.</p>",
    ],
)
def test_running_text_is_never_removed(html: str) -> None:
    assert remove_boilerplate(html) == html


def test_untouched_without_markers() -> None:
    html = "<p>Plain <b>post</b></p>"
    assert remove_boilerplate(html) is html


def test_lines() -> None:
    assert is_boilerplate_line("  Share\u00a0this:  ")
    assert not is_boilerplate_line("Share this: now")
    assert is_boilerplate_line("This entry was posted in cpd23. Bookmark the permalink.")


def test_teaser_split_in_one_pass_matches_cleaning_apart() -> None:
    for path in (
        FIXTURES / "wxr" / "kitchen-sink.xml",
        FIXTURES.parent.parent / "docs" / "examples" / "sample-export.xml",
    ):
        export = read_wxr(path)
        cleaner = Cleaner.for_export(export)
        teased = [p for p in export.posts if "<!--more" in p.content_raw]
        assert teased
        for post in teased:
            clean = cleaner.post(post)
            split = split_more(post.content_raw)
            assert clean.teaser_html is not None
            assert html_to_text(clean.teaser_html) == html_to_text(
                cleaner.body(split.teaser, post.attachments)
            )
            assert html_to_text(clean.html) == html_to_text(
                cleaner.body(split.content, post.attachments)
            )
            assert "wxrkit-teaser-end" not in clean.html


def test_more_inside_a_shortcode_falls_back() -> None:
    clean = Cleaner().clean('[caption]<img src="a.jpg" /> A<!--more--> B[/caption]\n\nRest')
    assert clean.teaser_html is not None and "wxrkit-teaser-end" not in clean.html
    assert "Rest" in clean.html
