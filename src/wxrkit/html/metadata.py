"""A post's title, byline, date, categories, tags and author box, from markup then structured data.

Markup inside the post's own element is the best witness (it is what the theme printed for
this post); JSON-LD and meta come next; the page ``<title>`` last.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import unquote, urlsplit

from lxml import html as lxml_html

from wxrkit.html.content import is_outside_article
from wxrkit.html.dates import parse_page_date
from wxrkit.html.selectors import (
    AUTHOR_BIO,
    AUTHOR_BIO_HEADINGS,
    AUTHOR_NAME,
    CATEGORY_LINKS,
    DATE,
    TAG_LINKS,
    TITLE,
)
from wxrkit.html.structured import StructuredData
from wxrkit.html.text import element_text, fold
from wxrkit.html.tree import Document, classes
from wxrkit.models import Author, Category, Tag

__all__ = [
    "find_author",
    "find_categories",
    "find_date",
    "find_post_id",
    "find_tags",
    "find_title",
    "slug_from_url",
]

_POST_ID_CLASS = re.compile(r"^(?:post|postid)-(\d+)$")
_BYLINE_PREFIX = re.compile(r"^(?:by|von|par|por|posted by|written by|publié par|publicado por)\s+", re.I)
_TITLE_SEPARATORS = (" | ", " – ", " — ", " - ", " :: ", " » ", " · ")
_MAX_NAME = 100


def find_post_id(doc: Document) -> int | None:
    """The post id WordPress puts on ``<body>`` (``postid-N``) or the post element (``post-N``)."""
    body = doc.root.find("body")
    for element in (body, *doc.select(doc.root, ("article.hentry", ".hentry", "article"))[:1]):
        if element is None:
            continue
        for name in classes(element):
            match = _POST_ID_CLASS.match(name)
            if match:
                return int(match.group(1))
    return None


def _strip_site_name(title: str, site_name: str) -> str:
    for separator in _TITLE_SEPARATORS:
        if separator in title:
            head, _, tail = title.rpartition(separator)
            if site_name and fold(tail).lower() == fold(site_name).lower():
                return fold(head)
            if not site_name:
                return fold(title.split(separator)[0])
    return fold(title)


def find_title(
    doc: Document, post: lxml_html.HtmlElement | None, data: StructuredData
) -> str:
    """The post's title."""
    if post is not None:
        heading = doc.first(post, TITLE)
        if heading is not None and fold(heading.text_content()):
            return fold(heading.text_content())
    if data.headline:
        return fold(data.headline)
    og_title = data.first_meta("og:title", "twitter:title")
    if og_title:
        return _strip_site_name(og_title, data.site_name)
    root = doc.root
    heading = doc.first(root, (".entry-title", ".post-title", "h1"))
    if heading is not None and fold(heading.text_content()):
        return fold(heading.text_content())
    title = root.find(".//title")
    return _strip_site_name(title.text_content(), data.site_name) if title is not None else ""


def _clean_name(text: str) -> str:
    name = _BYLINE_PREFIX.sub("", fold(text))
    return name if 0 < len(name) <= _MAX_NAME else ""


def _author_from_link(element: lxml_html.HtmlElement) -> str | None:
    link = element if element.tag == "a" else element.find(".//a")
    href = link.get("href") if link is not None else None
    if not href:
        return None
    parts = [p for p in urlsplit(href).path.split("/") if p]
    if len(parts) >= 2 and parts[-2] in ("author", "autor", "auteur", "profile"):
        return unquote(parts[-1])
    return None


def find_author(
    doc: Document, post: lxml_html.HtmlElement | None, data: StructuredData
) -> Author | None:
    """The post's author, with the bio and URL of its author box where the page has one."""
    name, login, url = "", None, None
    for scope in (post, doc.root):
        if scope is None:
            continue
        for element in doc.select(scope, AUTHOR_NAME):
            if is_outside_article(element) and scope is doc.root:
                continue
            name = _clean_name(element.text_content())
            if name:
                login = _author_from_link(element)
                link = element if element.tag == "a" else element.find(".//a")
                url = link.get("href") if link is not None else None
                break
        if name:
            break
    if not name:
        name = _clean_name(data.author)
    bio_name, bio = _author_box(doc)
    if not name and bio_name:
        name = bio_name
    if not name:
        return None
    return Author(login=login or name, display_name=name, url=url, bio=bio)


def _author_box(doc: Document) -> tuple[str, str | None]:
    box = doc.first(doc.root, AUTHOR_BIO)
    if box is None:
        return "", None
    name = ""
    lines = [line for line in element_text(box).split("\n") if line.strip()]
    rest = []
    for line in lines:
        matched = _heading_name(line)
        if matched and not name:
            name = matched
        elif not line.lower().startswith(("view all posts", "alle beiträge", "voir tous", "ver todas")):
            rest.append(line)
    bio = "\n".join(rest).strip()
    return name, bio or None


def _heading_name(line: str) -> str:
    for heading in AUTHOR_BIO_HEADINGS:
        prefix = heading.replace("{name}", "")
        if line.startswith(prefix) and len(line) - len(prefix) <= _MAX_NAME:
            return line[len(prefix) :].strip()
    return ""


def find_date(
    doc: Document, post: lxml_html.HtmlElement | None, data: StructuredData
) -> datetime | None:
    """The post's publication date."""
    for scope in (post, doc.root):
        if scope is None:
            continue
        for element in doc.select(scope, DATE):
            if scope is doc.root and is_outside_article(element):
                continue
            for value in (element.get("datetime"), element.get("title"), element.get("content")):
                parsed = parse_page_date(value)
                if parsed is not None:
                    return parsed
            parsed = parse_page_date(fold(element.text_content()))
            if parsed is not None:
                return parsed
    parsed = parse_page_date(data.published)
    if parsed is not None:
        return parsed
    if post is not None:
        for element in doc.select(post, (".entry-date", ".post-date", ".date", ".published", ".posted-on")):
            parsed = parse_page_date(fold(element.text_content()))
            if parsed is not None:
                return parsed
    return None


def slug_from_url(url: str | None) -> str:
    """The last path segment of ``url``, decoded (WordPress's post slug under pretty permalinks)."""
    if not url:
        return ""
    parts = [p for p in urlsplit(url).path.split("/") if p]
    if not parts:
        return ""
    last = parts[-1]
    for suffix in (".html", ".htm", ".php"):
        if last.endswith(suffix):
            last = last[: -len(suffix)]
    return unquote(last)


def _term_links(
    doc: Document, post: lxml_html.HtmlElement | None, selectors: tuple[str, ...]
) -> list[lxml_html.HtmlElement]:
    if post is not None:
        found = doc.select(post, selectors)
        if found:
            return found
    # Outside the post element only the byline/footer areas count: tag clouds use rel=tag too.
    return [link for link in doc.select(doc.root, selectors) if not is_outside_article(link)]


def _unique_names(links: list[lxml_html.HtmlElement]) -> list[tuple[str, str]]:
    seen: set[str] = set()
    found = []
    for link in links:
        name = fold(link.text_content())
        if not name or len(name) > _MAX_NAME or name.casefold() in seen:
            continue
        seen.add(name.casefold())
        found.append((slug_from_url(link.get("href")) or name.lower(), name))
    return found


def find_categories(
    doc: Document, post: lxml_html.HtmlElement | None, data: StructuredData
) -> tuple[Category, ...]:
    """The post's categories: its category links, else the structured data's sections."""
    links = [
        link
        for link in _term_links(doc, post, CATEGORY_LINKS)
        if "tag" not in (link.get("rel") or "").split() or "category" in (link.get("rel") or "")
    ]
    names = _unique_names(links)
    if not names:
        names = [(name.lower(), name) for name in dict.fromkeys(fold(s) for s in data.sections) if name]
    return tuple(Category(slug=slug, name=name) for slug, name in names)


def find_tags(
    doc: Document, post: lxml_html.HtmlElement | None, data: StructuredData
) -> tuple[Tag, ...]:
    """The post's tags: its tag links (not ``rel="category tag"``), else the keywords."""
    links = [
        link
        for link in _term_links(doc, post, TAG_LINKS)
        if "category" not in (link.get("rel") or "").split()
    ]
    names = _unique_names(links)
    if not names:
        names = [(name.lower(), name) for name in dict.fromkeys(fold(s) for s in data.keywords) if name]
    return tuple(Tag(slug=slug, name=name) for slug, name in names)
