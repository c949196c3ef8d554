"""A small export whose media live on a test server: attachments (one referenced by no post),
a featured image, size variants and a ``srcset``, a ``?w=`` resize, a caption, a gallery, an
audio shortcode, an image block, a site-relative link to a PDF, and a link to another host."""

from __future__ import annotations

from pathlib import Path

from tests.output.media_server import UPLOADS, MediaServer

_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"'
    ' xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"'
    ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n<title>Media</title>\n'
    "<link>{base}</link>\n<wp:base_site_url>{base}</wp:base_site_url>\n"
    "<wp:base_blog_url>{base}</wp:base_blog_url>\n<wp:wxr_version>1.2</wp:wxr_version>\n"
)


def attachment(server: MediaServer, post_id: int, path: str, parent: int = 0) -> str:
    url = server.url(f"{UPLOADS}/{path}")
    return (
        f"<item><title>file {post_id}</title><link>{server.base}/?attachment_id={post_id}</link>"
        f'<guid isPermaLink="false">{url}</guid><wp:post_id>{post_id}</wp:post_id>'
        f"<wp:post_date>2023-04-01 10:00:00</wp:post_date><wp:post_parent>{parent}</wp:post_parent>"
        "<wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>"
        f"<wp:attachment_url>{url}</wp:attachment_url>"
        "<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key>"
        f"<wp:meta_value><![CDATA[{path}]]></wp:meta_value></wp:postmeta></item>\n"
    )


def post(server: MediaServer, post_id: int, body: str, featured: int | None = None) -> str:
    meta = (
        "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key>"
        f"<wp:meta_value>{featured}</wp:meta_value></wp:postmeta>"
        if featured is not None
        else ""
    )
    return (
        f"<item><title>Post {post_id}</title><link>{server.base}/2023/04/post-{post_id}/</link>"
        f"<content:encoded><![CDATA[{body}]]></content:encoded>"
        f"<wp:post_id>{post_id}</wp:post_id><wp:post_date>2023-04-0{post_id} 10:00:00</wp:post_date>"
        f"<wp:post_name>post-{post_id}</wp:post_name>"
        f"<wp:post_type>post</wp:post_type><wp:status>publish</wp:status>{meta}</item>\n"
    )


def write_export(path: Path, server: MediaServer, items: list[str]) -> Path:
    path.write_text(_HEAD.format(base=server.base) + "".join(items) + "</channel>\n</rss>\n")
    return path
