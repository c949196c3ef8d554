"""Write a realistic, deterministic WXR 1.2 export of about a given size, for the benchmarks.

The mix follows real blogs: classic-editor posts (no <p>, blank-line paragraphs, [caption] and
[gallery] shortcodes), block-editor posts (<!-- wp:... --> comments), pages, attachments with
serialized metadata, threaded comments with comment meta, and post meta of every kind.

    python bench/generate.py 100MB bench/data/export-100mb.xml
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path
from typing import TextIO

WORDS = tuple(
    " ".join(
        (
            "the of and a to in is you that it he was for on are as with his they at be this",
            "have from or one had by word but not what all were we when your can said there",
            "use an each which she do how their if will up other about out many then them",
            "these so some her would make like him into time has look two more write go see",
            "number no way could people my than first water been call who oil its now find",
            "long down day did get come made may part garden river winter morning coffee",
            "bicycle library weather kitchen island mountain letter window market harbour",
            "café naïve über señor 東京 Ελλάδα",
        )
    ).split()
)

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<!-- generator="WordPress/6.4.2" created="2024-03-02 10:15" -->
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
	<title><![CDATA[Benchmark Blog]]></title>
	<link>https://bench.example</link>
	<description><![CDATA[Generated for wxrkit's benchmarks]]></description>
	<pubDate>Sat, 02 Mar 2024 10:15:00 +0000</pubDate>
	<language>en-US</language>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>https://bench.example</wp:base_site_url>
	<wp:base_blog_url>https://bench.example</wp:base_blog_url>
"""
TAIL = "</channel>\n</rss>\n"


class Writer:
    def __init__(self, out: TextIO, seed: int) -> None:
        self.out = out
        self.random = random.Random(seed)
        self.next_id = 100
        self.next_comment = 1
        self.attachments: list[int] = []
        self.written = 0
        """Characters written so far: the size, give or take the few non-ASCII words."""

    def emit(self, text: str) -> None:
        self.out.write(text)
        self.written += len(text)

    def words(self, low: int, high: int) -> str:
        return " ".join(self.random.choices(WORDS, k=self.random.randint(low, high)))

    def sentence(self) -> str:
        text = self.words(6, 18)
        return text[0].upper() + text[1:] + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.random.randint(2, 6)))

    def channel(self) -> None:
        self.emit(HEAD)
        for number in range(1, 6):
            self.emit(
                f"\t<wp:author><wp:author_id>{number}</wp:author_id><wp:author_login><![CDATA["
                f"author{number}]]></wp:author_login><wp:author_email><![CDATA[author{number}"
                f"@bench.example]]></wp:author_email><wp:author_display_name><![CDATA[Author "
                f"{number}]]></wp:author_display_name><wp:author_first_name><![CDATA[]]>"
                "</wp:author_first_name><wp:author_last_name><![CDATA[]]></wp:author_last_name>"
                "</wp:author>\n"
            )
        for number in range(40):
            parent = f"topic-{number // 10}" if number % 10 else ""
            self.emit(
                f"\t<wp:category><wp:term_id>{number + 1}</wp:term_id><wp:category_nicename>"
                f"<![CDATA[topic-{number}]]></wp:category_nicename><wp:category_parent><![CDATA["
                f"{parent}]]></wp:category_parent><wp:cat_name><![CDATA[Topic {number}]]>"
                "</wp:cat_name></wp:category>\n"
            )
        for number in range(200):
            self.emit(
                f"\t<wp:tag><wp:term_id>{number + 100}</wp:term_id><wp:tag_slug><![CDATA["
                f"tag-{number}]]></wp:tag_slug><wp:tag_name><![CDATA[tag {number}]]></wp:tag_name>"
                "</wp:tag>\n"
            )

    def classic(self) -> str:
        parts = [self.paragraph() for _ in range(self.random.randint(3, 9))]
        if self.attachments and self.random.random() < 0.5:
            image = self.random.choice(self.attachments)
            parts.insert(
                1,
                f'[caption id="attachment_{image}" align="aligncenter" width="640"]<img '
                f'class="size-large wp-image-{image}" src="https://bench.example/wp-content/'
                f'uploads/2023/05/photo-{image}-640x480.jpg" alt="" width="640" height="480" /> '
                f"{self.sentence()}[/caption]",
            )
        if len(self.attachments) > 3 and self.random.random() < 0.2:
            ids = ",".join(str(i) for i in self.random.sample(self.attachments, 3))
            parts.append(f'[gallery ids="{ids}" columns="3"]')
        if self.random.random() < 0.3:
            parts.insert(2, "<!--more-->")
        if self.random.random() < 0.3:
            parts.append(
                "<ul>\n<li>"
                + "</li>\n<li>".join(self.words(2, 6) for _ in range(4))
                + "</li>\n</ul>"
            )
        return "\n\n".join(parts).replace(". ", ".\n", 1)

    def blocks(self) -> str:
        parts = []
        for _ in range(self.random.randint(3, 9)):
            roll = self.random.random()
            if roll < 0.7:
                parts.append(
                    f"<!-- wp:paragraph -->\n<p>{self.paragraph()}</p>\n<!-- /wp:paragraph -->"
                )
            elif roll < 0.85:
                parts.append(
                    f'<!-- wp:heading -->\n<h2 class="wp-block-heading">{self.words(2, 6)}</h2>'
                    "\n<!-- /wp:heading -->"
                )
            elif roll < 0.95 and self.attachments:
                image = self.random.choice(self.attachments)
                parts.append(
                    f'<!-- wp:image {{"id":{image},"sizeSlug":"large"}} -->\n<figure class="wp-'
                    f'block-image size-large"><img src="https://bench.example/wp-content/uploads/'
                    f'2023/05/photo-{image}.jpg" alt="" class="wp-image-{image}"/><figcaption>'
                    f"{self.sentence()}</figcaption></figure>\n<!-- /wp:image -->"
                )
            else:
                parts.append(
                    '<!-- wp:code {"language":"python"} -->\n<pre class="wp-block-code"><code>'
                    "def hello():\n    return &quot;hi&quot; &lt; 3</code></pre>\n<!-- /wp:code -->"
                )
        return "\n\n".join(parts)

    def comments(self) -> str:
        out = []
        parents: list[int] = []
        for _ in range(self.random.choice((0, 0, 1, 2, 3, 5, 8))):
            number = self.next_comment
            self.next_comment += 1
            parent = self.random.choice(parents) if parents and self.random.random() < 0.4 else 0
            parents.append(number)
            kind = self.random.choice(("", "", "", "comment", "pingback"))
            out.append(
                f"\t\t<wp:comment>\n\t\t\t<wp:comment_id>{number}</wp:comment_id>\n"
                f"\t\t\t<wp:comment_author><![CDATA[Reader {number % 97}]]></wp:comment_author>\n"
                f"\t\t\t<wp:comment_author_email><![CDATA[reader{number % 97}@example.org]]>"
                "</wp:comment_author_email>\n"
                "\t\t\t<wp:comment_author_url>https://example.org/</wp:comment_author_url>\n"
                "\t\t\t<wp:comment_author_IP><![CDATA[192.0.2.1]]></wp:comment_author_IP>\n"
                "\t\t\t<wp:comment_date><![CDATA[2023-05-04 12:00:00]]></wp:comment_date>\n"
                "\t\t\t<wp:comment_date_gmt><![CDATA[2023-05-04 10:00:00]]></wp:comment_date_gmt>\n"
                f"\t\t\t<wp:comment_content><![CDATA[{self.paragraph()}]]></wp:comment_content>\n"
                "\t\t\t<wp:comment_approved><![CDATA[1]]></wp:comment_approved>\n"
                f"\t\t\t<wp:comment_type><![CDATA[{kind}]]></wp:comment_type>\n"
                f"\t\t\t<wp:comment_parent>{parent}</wp:comment_parent>\n"
                "\t\t\t<wp:comment_user_id>0</wp:comment_user_id>\n"
                "\t\t\t<wp:commentmeta><wp:meta_key><![CDATA[akismet_result]]></wp:meta_key>"
                "<wp:meta_value><![CDATA[false]]></wp:meta_value></wp:commentmeta>\n"
                "\t\t</wp:comment>\n"
            )
        return "".join(out)

    def item(self) -> None:
        number = self.next_id
        self.next_id += 1
        roll = self.random.random()
        kind = "attachment" if roll < 0.25 else "page" if roll < 0.3 else "post"
        title = self.words(3, 9).title()
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or f"post-{number}"
        status = (
            "inherit"
            if kind == "attachment"
            else self.random.choice(("publish",) * 18 + ("draft", "private"))
        )
        gmt = "0000-00-00 00:00:00" if status == "draft" else "2023-05-04 10:00:00"
        meta = [("_edit_last", "1")]
        extra = ""
        if kind == "attachment":
            self.attachments.append(number)
            content, excerpt = "", self.sentence()
            extra = (
                f"\t\t<wp:attachment_url><![CDATA[https://bench.example/wp-content/uploads/2023/"
                f"05/photo-{number}.jpg]]></wp:attachment_url>\n"
            )
            meta += [
                ("_wp_attached_file", f"2023/05/photo-{number}.jpg"),
                (
                    "_wp_attachment_metadata",
                    'a:4:{s:5:"width";i:1920;s:6:"height";i:1080;s:4:"file";s:'
                    f'{len(f"2023/05/photo-{number}.jpg")}:"2023/05/photo-{number}.jpg";s:5:"sizes";'
                    'a:2:{s:6:"medium";a:3:{s:4:"file";s:13:"photo-300.jpg";s:5:"width";i:300;'
                    's:6:"height";i:169;}s:5:"large";a:3:{s:4:"file";s:14:"photo-1024.jpg";'
                    's:5:"width";i:1024;s:6:"height";i:576;}}}',
                ),
                ("_wp_attachment_image_alt", self.words(2, 5)),
            ]
            parent = self.next_id if self.random.random() < 0.7 else 0
        else:
            content = self.blocks() if self.random.random() < 0.4 else self.classic()
            excerpt = self.sentence() if self.random.random() < 0.2 else ""
            parent = 0
            if self.attachments and self.random.random() < 0.5:
                meta.append(("_thumbnail_id", str(self.random.choice(self.attachments))))
            meta.append(("_yoast_wpseo_metadesc", self.sentence()))
            meta.append(("_wp_old_slug", slug + "-2"))
        categories = (
            "".join(
                f'\t\t<category domain="category" nicename="topic-{c}">'
                f"<![CDATA[Topic {c}]]></category>\n"
                for c in self.random.sample(range(40), 2)
            )
            if kind == "post"
            else ""
        )
        tags = (
            "".join(
                f'\t\t<category domain="post_tag" nicename="tag-{t}">'
                f"<![CDATA[tag {t}]]></category>\n"
                for t in self.random.sample(range(200), 3)
            )
            if kind == "post"
            else ""
        )
        postmeta = "".join(
            f"\t\t<wp:postmeta>\n\t\t\t<wp:meta_key><![CDATA[{key}]]></wp:meta_key>\n"
            f"\t\t\t<wp:meta_value><![CDATA[{value}]]></wp:meta_value>\n\t\t</wp:postmeta>\n"
            for key, value in meta
        )
        self.emit(
            f"\t<item>\n\t\t<title><![CDATA[{title}]]></title>\n"
            f"\t\t<link>https://bench.example/2023/05/{slug}/</link>\n"
            "\t\t<pubDate>Thu, 04 May 2023 10:00:00 +0000</pubDate>\n"
            f"\t\t<dc:creator><![CDATA[author{number % 5 + 1}]]></dc:creator>\n"
            f'\t\t<guid isPermaLink="false">https://bench.example/?p={number}</guid>\n'
            "\t\t<description></description>\n"
            f"\t\t<content:encoded><![CDATA[{content}]]></content:encoded>\n"
            f"\t\t<excerpt:encoded><![CDATA[{excerpt}]]></excerpt:encoded>\n"
            f"\t\t<wp:post_id>{number}</wp:post_id>\n"
            "\t\t<wp:post_date><![CDATA[2023-05-04 12:00:00]]></wp:post_date>\n"
            f"\t\t<wp:post_date_gmt><![CDATA[{gmt}]]></wp:post_date_gmt>\n"
            "\t\t<wp:post_modified><![CDATA[2023-05-05 12:00:00]]></wp:post_modified>\n"
            "\t\t<wp:post_modified_gmt><![CDATA[2023-05-05 10:00:00]]></wp:post_modified_gmt>\n"
            "\t\t<wp:comment_status><![CDATA[open]]></wp:comment_status>\n"
            "\t\t<wp:ping_status><![CDATA[open]]></wp:ping_status>\n"
            f"\t\t<wp:post_name><![CDATA[{slug}]]></wp:post_name>\n"
            f"\t\t<wp:status><![CDATA[{status}]]></wp:status>\n"
            f"\t\t<wp:post_parent>{parent}</wp:post_parent>\n"
            "\t\t<wp:menu_order>0</wp:menu_order>\n"
            f"\t\t<wp:post_type><![CDATA[{kind}]]></wp:post_type>\n"
            "\t\t<wp:post_password><![CDATA[]]></wp:post_password>\n"
            "\t\t<wp:is_sticky>0</wp:is_sticky>\n"
            f"{extra}{categories}{tags}{postmeta}"
            f"{self.comments() if kind != 'attachment' else ''}"
            "\t</item>\n"
        )


def parse_size(text: str) -> int:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([KMG]?)B?", text.strip().upper())
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (try 10MB, 1GB)")
    return int(
        float(match.group(1)) * {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}[match.group(2)]
    )


def generate(path: Path, size: int, seed: int = 2024) -> int:
    """Write the export; returns the number of items."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        writer = Writer(out, seed)
        writer.channel()
        items = 0
        while writer.written < size:
            writer.item()
            items += 1
        writer.emit(TAIL)
    return items


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=parse_size, help="approximate size, e.g. 10MB, 1GB")
    parser.add_argument("output", type=Path)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    items = generate(args.output, args.size, args.seed)
    print(f"{args.output}: {args.output.stat().st_size} bytes, {items} items", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
