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
