"""The hostile inputs of the robustness suite, generated at test time (none is stored).

Each case is a name, the reader it is aimed at, a file name (its suffix picks the reader in
``wxrkit convert``) and a function that writes the bytes. ``{canary}`` and ``{server}`` in a
case's bytes are replaced by the canary file's path and the local server's address.
"""

from __future__ import annotations

import gzip
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

HEAD = (
    '<?xml version="1.0" encoding="{encoding}"?>\n{doctype}'
    '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"'
    ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n<title>Hostile</title>\n'
    "<wp:wxr_version>1.2</wp:wxr_version>\n"
)
TAIL = "</channel>\n</rss>\n"


def item(
    content: str = "<![CDATA[KEPTTEXT]]>",
    post_id: int = 1,
    extra: str = "",
    title: str = "A post",
    date: str = "2020-01-02 03:04:05",
) -> str:
    return (
        f"<item><title>{title}</title><content:encoded>{content}</content:encoded>"
        f"<wp:post_id>{post_id}</wp:post_id><wp:post_date>{date}</wp:post_date>"
        f"<wp:post_type>post</wp:post_type><wp:status>publish</wp:status>{extra}</item>\n"
    )


def export(items: str, doctype: str = "", encoding: str = "UTF-8") -> str:
    return HEAD.format(doctype=doctype, encoding=encoding) + items + TAIL


def _meta(value: str) -> str:
    return f"<wp:postmeta><wp:meta_key>m</wp:meta_key><wp:meta_value><![CDATA[{value}]]></wp:meta_value></wp:postmeta>"


def _comment(comment_id: int, parent: int) -> str:
    return (
        f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id><wp:comment_author>A</wp:comment_author>"
        f"<wp:comment_content>hi</wp:comment_content><wp:comment_parent>{parent}</wp:comment_parent>"
        "<wp:comment_approved>1</wp:comment_approved></wp:comment>"
    )


def _category(slug: str, parent: str) -> str:
    return (
        f"<wp:category><wp:term_id>{len(slug)}</wp:term_id><wp:category_nicename>{slug}</wp:category_nicename>"
        f"<wp:category_parent>{parent}</wp:category_parent><wp:cat_name>{slug}</wp:cat_name></wp:category>\n"
    )


def _gzip_bomb() -> bytes:
    """4 GB once expanded, 4 MB on disk: gzip members concatenated (a valid gzip file)."""
    head = gzip.compress(export("").encode()[: -len(TAIL)] + b"<!-- ", compresslevel=9)
    block = gzip.compress(b"A" * (64 << 20), compresslevel=9)
    return head + block * 64


def _png() -> bytes:
    """The start of a PNG file: no text at all."""
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(256)


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("export.xml", export(item()))
    return buffer.getvalue()


def _sample() -> bytes:
    return export(item() + item(post_id=2) + item(post_id=3) + item(post_id=4)).encode()


def _page(body: str) -> str:
    return f'<html><head><meta charset="utf-8"></head><body><article class="post-1 hentry"><h1 class="entry-title">T</h1><div class="entry-content">{body}<p>TAILTEXT ends the article.</p></div></article></body></html>'


LAUGHS = "".join(
    f'<!ENTITY lol{i} "{"&lol" + str(i - 1) + ";" * 1}{("&lol" + str(i - 1) + ";") * 9}">'
    for i in range(1, 10)
)


@dataclass(frozen=True)
class Case:
    name: str
    reader: str
    file: str
    build: Callable[[], bytes]
    keeps_text: bool = False
    """Whether KEPTTEXT must reach the output (a repair that keeps the text)."""


CASES = (
    Case(
        "billion laughs",
        "wxr",
        "laughs.xml",
        lambda: export(item("&lol9;"), f'<!DOCTYPE rss [<!ENTITY lol0 "lol">{LAUGHS}]>\n').encode(),
    ),
    Case(
        "quadratic blowup",
        "wxr",
        "quadratic.xml",
        lambda: export(
            item("&big;" * 20000), f'<!DOCTYPE rss [<!ENTITY big "{"x" * 50000}">]>\n'
        ).encode(),
    ),
    Case(
        "external entity by file://",
        "wxr",
        "xxe-file.xml",
        lambda: export(
            item("&xxe;"), '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{canary}">]>\n'
        ).encode(),
    ),
    Case(
        "external entity by http://",
        "wxr",
        "xxe-http.xml",
        lambda: export(
            item("&xxe;"), '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{server}/entity">]>\n'
        ).encode(),
    ),
    Case(
        "parameter entity and external DTD",
        "wxr",
        "xxe-dtd.xml",
        lambda: export(
            item(),
            '<!DOCTYPE rss SYSTEM "{server}/dtd" [<!ENTITY % p SYSTEM "{server}/param"> %p;]>\n',
        ).encode(),
    ),
    Case("gzip bomb (4 GB expanded)", "wxr", "bomb.xml.gz", _gzip_bomb),
    Case(
        "100,000 nested elements",
        "wxr",
        "deep.xml",
        lambda: export(item(extra="<x>" * 100_000 + "</x>" * 100_000)).encode(),
    ),
    Case(
        "12 MB post body",
        "wxr",
        "body.xml",
        lambda: export(item("<![CDATA[KEPTTEXT " + "x" * (12 << 20) + "]]>")).encode(),
        keeps_text=True,
    ),
    Case(
        "2 million tags in a post body (16 MB)",
        "wxr",
        "tags.xml",
        lambda: export(item("<![CDATA[KEPTTEXT " + "<b>x</b>" * 2_000_000 + "]]>")).encode(),
        keeps_text=True,
    ),
    Case(
        "12 MB attribute",
        "wxr",
        "attribute.xml",
        lambda: export(item(extra=f'<x a="{"y" * (12 << 20)}"/>')).encode(),
        keeps_text=True,
    ),
    Case(
        "NUL byte",
        "wxr",
        "nul.xml",
        lambda: export(item("<![CDATA[KEPTTEXT \x00 after]]>")).encode(),
        keeps_text=True,
    ),
    Case(
        "\\x0b and \\x1a raw, and &#11;",
        "wxr",
        "controls.xml",
        lambda: export(
            item("<![CDATA[KEPTTEXT \x0b \x1a]]>", extra="<wp:post_name>a&#11;b</wp:post_name>")
        ).encode(),
        keeps_text=True,
    ),
    Case(
        "Latin-1 bytes in a file declared UTF-8",
        "wxr",
        "latin1.xml",
        lambda: export(item("<![CDATA[KEPTTEXT caf\u00e9]]>")).encode("latin-1"),
        keeps_text=True,
    ),
    Case(
        "declared ISO-8859-1, is UTF-8",
        "wxr",
        "declared-latin1.xml",
        lambda: export(
            item("<![CDATA[KEPTTEXT caf\u00e9 \u2013]]>"), encoding="ISO-8859-1"
        ).encode(),
        keeps_text=True,
    ),
    Case(
        "UTF-8 byte-order mark",
        "wxr",
        "bom.xml",
        lambda: b"\xef\xbb\xbf" + export(item()).encode(),
        keeps_text=True,
    ),
    Case(
        "blank lines before <?xml",
        "wxr",
        "blank-lines.xml",
        lambda: b"\n\n  \n" + export(item()).encode(),
        keeps_text=True,
    ),
    Case(
        "&nbsp; outside CDATA",
        "wxr",
        "nbsp.xml",
        lambda: export(item("KEPTTEXT&nbsp;and more")).encode(),
        keeps_text=True,
    ),
    Case(
        "unescaped ]]> in CDATA",
        "wxr",
        "cdata.xml",
        lambda: export(item("<![CDATA[KEPTTEXT a]]>b]]>")).encode(),
        keeps_text=True,
    ),
    Case(
        "truncated at half its length",
        "wxr",
        "truncated.xml",
        lambda: _sample()[: len(_sample()) // 2],
    ),
    Case("empty file", "wxr", "empty.xml", lambda: b""),
    Case("zip file", "wxr", "archive.xml", _zip),
    Case(
        "HTML page named like an export",
        "html",
        "page.xml",
        lambda: _page("<p>KEPTTEXT is the page's text.</p>").encode(),
        keeps_text=True,
    ),
    Case(
        "export named like a text scrape",
        "wxr",
        "export.txt",
        lambda: export(item()).encode(),
        keeps_text=True,
    ),
    Case("image named like a text scrape", "wxr", "photo.txt", _png),
    Case(
        "RSS feed given as an export",
        "wxr",
        "feed.xml",
        lambda: (
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>f</title><item><title>i</title></item></channel></rss>'
        ),
    ),
    Case(
        "duplicate post ids",
        "wxr",
        "duplicates.xml",
        lambda: export(item() + item()).encode(),
        keeps_text=True,
    ),
    Case(
        "comment whose parent does not exist",
        "wxr",
        "orphan-comment.xml",
        lambda: export(item(extra=_comment(5, 99))).encode(),
        keeps_text=True,
    ),
    Case(
        "category parent missing, and a cycle",
        "wxr",
        "categories.xml",
        lambda: (
            HEAD.format(doctype="", encoding="UTF-8")
            + _category("a", "missing")
            + _category("b", "c")
            + _category("c", "b")
            + item()
            + TAIL
        ).encode(),
        keeps_text=True,
    ),
    Case(
        "dates 0000-00-00, 2019-02-30 25:61:00, year 10000",
        "wxr",
        "dates.xml",
        lambda: export(
            item(date="0000-00-00 00:00:00")
            + item(post_id=2, date="2019-02-30 25:61:00")
            + item(post_id=3, date="10000-01-01 00:00:00")
        ).encode(),
        keeps_text=True,
    ),
    Case(
        "PHP meta: wrong length, object, 10,000 levels, length 2^31",
        "wxr",
        "php.xml",
        lambda: export(
            item(
                extra=_meta('s:99:"short";')
                + _meta('O:8:"stdClass":1:{s:1:"a";i:1;}')
                + _meta("a:1:{i:0;" * 10_000 + "i:1;" + "}" * 10_000)
                + _meta('s:2147483648:"x";')
            )
        ).encode(),
        keeps_text=True,
    ),
    Case(
        "100,000 nested elements",
        "html",
        "deep.html",
        lambda: _page("<div>" * 100_000 + "KEPTTEXT" + "</div>" * 100_000).encode(),
        keeps_text=True,
    ),
    Case(
        "100,000 attributes on one element",
        "html",
        "attributes.html",
        lambda: _page(
            "<p " + " ".join(f'a{i}="1"' for i in range(100_000)) + ">KEPTTEXT</p>"
        ).encode(),
        keeps_text=True,
    ),
    Case(
        "20 MB attribute",
        "html",
        "attribute.html",
        lambda: _page(f'<p title="{"x" * (20 << 20)}">KEPTTEXT</p>').encode(),
        keeps_text=True,
    ),
    Case(
        "50 MB page of 800,000 paragraphs",
        "html",
        "big.html",
        lambda: _page("<p>KEPTTEXT and words, words, words of a long post.</p>" * 800_000).encode(),
    ),
    Case(
        "20 MB page saved whole (inlined images)",
        "html",
        "saved-whole.html",
        lambda: _page(
            "<p>KEPTTEXT</p>"
            + ('<img src="data:image/png;base64,' + "iVBORw0K" * (1 << 17) + '">') * 20
        ).encode(),
        keeps_text=True,
    ),
    Case(
        "unclosed tags everywhere",
        "html",
        "unclosed.html",
        lambda: ("<html><body><p><b><i><table><tr><td>KEPTTEXT " * 5000).encode(),
        keeps_text=True,
    ),
    Case(
        "invalid bytes",
        "html",
        "bytes.html",
        lambda: _page("<p>KEPTTEXT caf\xe9 \x81\x8d \xff</p>").encode("latin-1"),
        keeps_text=True,
    ),
    Case(
        "a page that is only a comment form",
        "html",
        "form.html",
        lambda: (
            b'<html><body><div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3><form id="commentform" action="/wp-comments-post.php"><textarea name="comment"></textarea></form></div></body></html>'
        ),
    ),
    Case(
        "200 nested boxes over 40,000 linked paragraphs",
        "html",
        "boxes.html",
        lambda: _page(
            "<div>" * 200
            + "<p>KEPTTEXT</p>"
            + "".join(f'<p>Line {i}. <a href="/p/{i}/">link</a></p>' for i in range(40_000))
            + "</div>" * 200
        ).encode(),
        keeps_text=True,
    ),
    Case("empty page", "html", "empty.html", lambda: b""),
    Case(
        "10 MB single line of text",
        "text",
        "line.txt",
        lambda: ("KEPTTEXT " + "word " * (2 << 20)).encode(),
        keeps_text=True,
    ),
    Case(
        "200,000 short lines of text",
        "text",
        "lines.txt",
        lambda: ("KEPTTEXT\n\n" + "".join(f"item {i}\n" for i in range(200_000))).encode(),
        keeps_text=True,
    ),
    Case("empty text scrape", "text", "empty.txt", lambda: b""),
    Case(
        "8 million one-letter lines of text (16 MB)",
        "text",
        "letters.txt",
        lambda: b"a\n" * 8_000_000,
    ),
)
"""Every case of the suite, in the order of docs/robustness.md."""
