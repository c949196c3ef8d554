"""What fuzz/ found that no other test reproduces, each in a few bytes of our own.

The other findings are tested beside the code they concern: an overflowing pubDate
(tests/wxr/test_dates.py); control characters, their character references, U+FFFE/U+FFFF,
a NUL in a charset label, text after a copied element and malformed addresses
(tests/html/test_patterns.py, tests/serializers/test_formats.py).
"""

from __future__ import annotations

from wxrkit import parse_html, read_wxr

EXPORT = (
    '<?xml version="1.0" encoding="UTF-7"?><rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">'
    "<channel><wp:wxr_version>1.2</wp:wxr_version><item><title>a+2D3YAQ-b</title><wp:post_id>1</wp:post_id>"
    "<wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item></channel></rss>"
)


def test_utf7_export_spelling_lone_surrogates() -> None:
    # UTF-7 can encode lone surrogates; encoding them as UTF-8 for the parser raised
    export = read_wxr(EXPORT.encode("ascii"))
    assert [post.title for post in export.posts] == ["a\ufffd\ufffdb"]
    assert "invalid-characters" in {d.code for d in export.diagnostics}


def test_page_text_with_a_lone_surrogate() -> None:
    page = parse_html("<p>a\ud800b, and words enough for the body of a post.</p>")
    assert "a\ufffdb" in page.text
    assert "control-character" in {d.code for d in page.diagnostics}


def test_comment_body_that_is_itself_what_the_body_loses() -> None:
    # The copy of a comment's body matched its own "drop" selectors (.reply, ul.children):
    # lxml's drop_tree asserts a parent, and the root of a copy has none.
    page = parse_html(
        b'<div class="post hentry"><h1 class="entry-title">T</h1>'
        b'<div class="entry-content"><p>Body text of the post.</p></div></div>'
        b'<ol class="commentlist"><li class="comment" id="comment-1">'
        b'<div class="comment-body reply"><p>hello</p></div></li>'
        b'<li class="comment" id="comment-2"><ul class="children comment-body"><li>x</li>'
        b"</ul></li></ol>"
    )
    assert [comment.content for comment in page.post.comments] == ["<p>hello</p>", "<li>x</li>"]
