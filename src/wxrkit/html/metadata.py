"""A post's title, byline, date, categories, tags and author box, from markup then structured data.

Markup inside the post's own element is the best witness (it is what the theme printed for
this post); JSON-LD and meta come next; the page ``<title>`` last.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime
from urllib.parse import unquote

from lxml import etree
from lxml import html as lxml_html

from wxrkit.errors import Diagnostic
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
from wxrkit.html.tree import Document, classes, link_of
from wxrkit.ids import parse_id
from wxrkit.models import Author, Category, Tag
from wxrkit.urls import url_path

__all__ = [
    "find_author",
    "find_categories",
    "find_date",
    "find_post_id",
    "find_tags",
    "find_title",
    "site_title",
    "slug_from_url",
]

_POST_ID_CLASS = re.compile(r"^(?:post|postid)-(\d+)$")
_BYLINE_PREFIX = re.compile(
    r"^(?:by|von|par|por|posted by|written by|publié par|publicado por)\s+", re.I
)
_TITLE_SEPARATORS = (" | ", " – ", " — ", " - ", " :: ", " : ", " » ", " · ", " ~ ")
_MAX_NAME = 100


def find_post_id(doc: Document) -> int | None:
    """The post id WordPress puts on ``<body>`` (``postid-N``), else on the post's element
    (``post-N`` as class of the ``hentry``, or as its id)."""
    body = doc.root.find("body")
    if body is not None:
        for name in classes(body):
            match = _POST_ID_CLASS.match(name)
            if match:
                return parse_id(match.group(1))
    hentry = doc.first(doc.root, ("article.hentry", ".hentry"))
    if hentry is not None:
        for name in classes(hentry):
            match = _POST_ID_CLASS.match(name)
            if match:
                return parse_id(match.group(1))
    # ids the page index holds, without a walk: only an unambiguous one counts
    numbered = {parse_id(match.group(1)) for match in map(_POST_ID_CLASS.match, doc.ids) if match}
    return numbered.pop() if len(numbered) == 1 else None


_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_SITE_TITLE = (
    ".site-title",
    "#site-title",
    ".wp-block-site-title",
    ".header-outer h1.title",  # Blogger
    ".logo",
    "#logo",
    ".site-name",
    ".blog-title",
    "#blog-title",
)
_ARCHIVE_SEGMENTS = frozenset({"blog archive", "blog archiv", "archive", "archiv", "blog"})


def _heading_text(element: lxml_html.HtmlElement) -> str:
    """The text of a title element; a wrapper's own heading where the wrapper holds more."""
    if element.tag not in _HEADINGS:
        for heading in element.iter(*_HEADINGS):
            if fold(heading.text_content()):
                return fold(heading.text_content())
        for link in element.iter("a"):
            if "bookmark" in (link.get("rel") or "").split() and fold(link.text_content()):
                return fold(link.text_content())
    return fold(element.text_content())


def site_title(doc: Document) -> str:
    """The site's name as its header prints it (``.site-title``, a logo heading)."""
    element = doc.first(doc.root, _SITE_TITLE)
    return fold(element.text_content()) if element is not None else ""


def _site_names(doc: Document, data: StructuredData) -> set[str]:
    names = {fold(data.site_name).casefold()} if data.site_name else set()
    for element in doc.select(doc.root, _SITE_TITLE)[:2]:
        names.add(fold(element.text_content()).casefold())
    for heading in doc.root.iter("h1"):
        link = heading.find("a")
        if link is not None and url_path(link.get("href")) in ("", "/"):
            names.add(fold(heading.text_content()).casefold())  # a logo heading linking home
    names.discard("")
    return names


def _from_page_title(title: str, site_names: set[str]) -> str:
    """The post's part of a ``<title>`` such as "Post » Blog Archive » Site" or "Site: Post":
    site names and archive labels are taken off either end, nothing else is cut."""
    title = fold(title)
    names = site_names | _ARCHIVE_SEGMENTS
    changed = True
    while changed:
        changed = False
        for separator in _TITLE_SEPARATORS:
            head, found, tail = title.partition(separator)
            if found and head.casefold() in names and tail:
                title, changed = tail, True
            head, found, tail = title.rpartition(separator)
            if found and tail.casefold() in names and head:
                title, changed = head, True
    return title


def find_title(doc: Document, post: lxml_html.HtmlElement | None, data: StructuredData) -> str:
    """The post's title."""
    if post is not None:
        heading = doc.first(post, TITLE)
        if heading is not None and _heading_text(heading):
            return _heading_text(heading)
    if data.headline:
        return fold(data.headline)
    site_names = _site_names(doc, data)
    og_title = data.first_meta("og:title", "twitter:title")
    if og_title:
        return _from_page_title(og_title, site_names)
    page_title_element = doc.root.find(".//title")
    page_title = fold(page_title_element.text_content()) if page_title_element is not None else ""
    for heading in doc.select(doc.root, (".entry-title", ".post-title", "h1", "h2")):
        text = _heading_text(heading)
        if text and text.casefold() not in site_names and (not page_title or text in page_title):
            return text
    return _from_page_title(page_title, site_names)


def _clean_name(text: str) -> str:
    name = _BYLINE_PREFIX.sub("", fold(text))
    return name if 0 < len(name) <= _MAX_NAME else ""


def _author_login(href: str | None) -> str | None:
    """The nicename of a WordPress author archive address (``/author/<nicename>/``)."""
    if not href:
        return None
    parts = [p for p in url_path(href).split("/") if p]
    if len(parts) >= 2 and parts[-2] == "author":  # WordPress's author archives
        return unquote(parts[-1])
    return None


def _in_article(
    doc: Document, scope: lxml_html.HtmlElement, selectors: tuple[str, ...]
) -> Iterator[lxml_html.HtmlElement]:
    """Matches of each selector in turn, leaving out those in comments, sidebars and footers
    (a commenter's ``.vcard .fn`` or a widget's ``time`` is not the post's)."""
    page_wide = scope is doc.root  # inside the post's element, only its comments are not its
    for selector in selectors:
        for element in doc.select(scope, (selector,)):
            if not _in_site_chrome(element, stop=scope, comments_too=True, chrome=page_wide):
                yield element


def find_author(
    doc: Document, post: lxml_html.HtmlElement | None, data: StructuredData
) -> Author | None:
    """The post's author, with the bio and URL of its author box where the page has one."""
    name, login, url = "", None, None
    for scope in (post, doc.root):
        if scope is None:
            continue
        for element in _in_article(doc, scope, AUTHOR_NAME):
            name = _clean_name(element.text_content())
            if name:
                link = link_of(element)
                url = link.get("href") if link is not None else None
                login = _author_login(url)
                break
        if name:
            break
    if not name:
        name, login, url = _author_archive_link(doc, post)
    if not name:
        name = _clean_name(data.author)
    bio_name, bio = _author_box(doc)
    if not name and bio_name:
        name = bio_name
    if not name:
        return None
    return Author(login=login or name, display_name=name, url=url, bio=bio)


def _author_archive_link(
    doc: Document, post: lxml_html.HtmlElement | None
) -> tuple[str, str | None, str | None]:
    """The first link to an author archive (``/author/<nicename>/``) in the post, else on the
    page outside comments and site chrome."""
    for scope in (post, doc.root):
        if scope is None:
            continue
        for link in _AUTHOR_LINKS(scope):
            login = _author_login(link.get("href"))
            if login is None or is_outside_article(link):
                continue
            name = _clean_name(link.text_content() or link.get("title") or "")
            if name:
                return name, login, link.get("href")
    return "", None, None


_BOX_LABELS = frozenset(
    {
        "published by", "about the author", "author", "written by", "über den autor",
        "über die autorin", "autor", "autorin", "à propos de l'auteur", "à propos de l’auteur",
        "l'auteur", "sobre el autor", "sobre o autor", "acerca del autor",
    }
)  # fmt: skip
_VIEW_ALL = (
    "view all posts",
    "view more posts",
    "alle beiträge",
    "voir tous",
    "ver todas",
    "ver todos",
)
_BOX_NAME = (".author-title", ".author-name", ".fn", "h2", "h3", "h4", "strong")


def _author_box(doc: Document) -> tuple[str, str | None]:
    """The name and description in the page's author box ("About <name>", "Published by")."""
    box = doc.first(doc.root, AUTHOR_BIO)
    if box is None:
        return "", None
    lines = [line for line in element_text(box).split("\n") if line.strip()]
    name = next((found for found in map(_heading_name, lines) if found), "")
    if not name:
        title = doc.first(box, _BOX_NAME)
        name = (
            _heading_name(fold(title.text_content())) or fold(title.text_content())
            if title is not None
            else ""
        )
        if name.casefold() in _BOX_LABELS:
            name = ""
    bio = [
        line
        for line in lines
        if line != name
        and not _heading_name(line)
        and line.casefold().rstrip(":") not in _BOX_LABELS
        and not line.casefold().startswith(_VIEW_ALL)
    ]
    return _clean_name(name), "\n".join(bio) or None


def _heading_name(line: str) -> str:
    for heading in AUTHOR_BIO_HEADINGS:
        prefix = heading.replace("{name}", "")
        if line.startswith(prefix) and len(line) - len(prefix) <= _MAX_NAME:
            return line[len(prefix) :].strip()
    return ""


_PUBLISHED_TIME = ("time.entry-date.published[datetime]", "time.published[datetime]")
_BYLINE_DATES = (".entry-date", ".post-date", ".date", ".published", ".posted-on", ".postdate")
_DISAGREEMENT_DAYS = 1  # a day apart is a time zone (the meta in UTC, the byline local)


def find_date(
    doc: Document,
    post: lxml_html.HtmlElement | None,
    data: StructuredData,
    url: str | None,
    *,
    diagnostics: list[Diagnostic] | None = None,
    source: str | None = None,
) -> datetime | None:
    """The post's publication date, from the first witness that has one, in this order:
    the page's JSON-LD, ``<time class="entry-date published">``, ``article:published_time``,
    the byline (other ``time`` elements, then date texts), the other date ``<meta>``
    (``datePublished``, ``date``), the permalink's date.

    Pages hold many dates (updated, comments, related posts): the published one is taken by
    where it stands, and where the first witnesses disagree a diagnostic says so.
    """
    witnesses: list[tuple[str, datetime]] = []
    ordered: tuple[tuple[str, Callable[[], datetime | None]], ...] = (
        ("JSON-LD datePublished", lambda: parse_page_date(data.published_ld)),
        ("time.published", lambda: _first_time(doc, post, _PUBLISHED_TIME)),
        (
            "article:published_time",
            lambda: parse_page_date(data.first_meta("article:published_time")),
        ),
        ("the byline", lambda: _first_time(doc, post, DATE) or _byline_date(doc, post)),
        ("the other metadata", lambda: parse_page_date(data.published)),
        ("the permalink", lambda: date_from_url(url)),
    )
    for name, found in ordered:
        value = found()
        if value is not None:
            witnesses.append((name, value))
        if len(witnesses) == 2:
            break
    if not witnesses:
        return None
    (name, chosen), *others = witnesses
    for other_name, other in others:
        apart = abs((_naive(chosen).date() - _naive(other).date()).days)
        if apart > _DISAGREEMENT_DAYS and diagnostics is not None:
            diagnostics.append(
                Diagnostic(
                    code="date-disagreement",
                    message=f"the page's dates disagree: {name} says "
                    f"{chosen.date().isoformat()}, {other_name} "
                    f"{other.date().isoformat()}; the first was taken",
                    source=source,
                )
            )
    return chosen


def _naive(value: datetime) -> datetime:
    return value.replace(tzinfo=None)


def _first_time(
    doc: Document, post: lxml_html.HtmlElement | None, selectors: tuple[str, ...]
) -> datetime | None:
    for scope in (post, doc.root):
        if scope is None:
            continue
        for element in _in_article(doc, scope, selectors):
            for value in (element.get("datetime"), element.get("title"), element.get("content")):
                parsed = parse_page_date(value)
                if parsed is not None:
                    return parsed
            parsed = parse_page_date(fold(element.text_content()))
            if parsed is not None:
                return parsed
    return None


def _byline_date(doc: Document, post: lxml_html.HtmlElement | None) -> datetime | None:
    for scope in (post, doc.root):
        if scope is None:
            continue
        for element in doc.select(scope, _BYLINE_DATES):
            if scope is doc.root and is_outside_article(element):
                continue
            parsed = parse_page_date(fold(element.text_content()))
            if parsed is not None:
                return parsed
    return None


_URL_DATE = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])/")


def date_from_url(url: str | None) -> datetime | None:
    """The day in a date-based permalink (``/2014/05/18/slug/``), the last witness there is."""
    match = _URL_DATE.search(url_path(url) + "/") if url else None
    if match is None:
        return None
    return datetime(int(match.group(1)), int(match.group(2)), int(match.group(3)))


def slug_from_url(url: str | None) -> str:
    """The last path segment of ``url``, decoded (WordPress's post slug under pretty permalinks)."""
    if not url:
        return ""
    parts = [p for p in url_path(url).split("/") if p]
    if not parts:
        return ""
    last = parts[-1]
    for suffix in (".html", ".htm", ".php"):
        if last.endswith(suffix):
            last = last[: -len(suffix)]
    return unquote(last)


_CHROME_TAGS = frozenset({"nav", "aside"})
_COMMENT_WORDS = re.compile(r"\bcomment(?:s|list|-list|-body|-content|-respond)?\b|\brespond\b")
_ARCHIVE_LINKS = etree.XPath(".//a[contains(@href, $base)]")
_AUTHOR_LINKS = etree.XPath(".//a[contains(@href, '/author/')]")
_CHROME_WORDS = re.compile(
    r"widget|sidebar|tag-?cloud|menu|navbar|navigation|breadcrumb|related|masthead|"
    r"site-header|site-footer|header-taxonomy|footer-widgets"
)


def _in_site_chrome(
    element: lxml_html.HtmlElement,
    stop: lxml_html.HtmlElement | None = None,
    comments_too: bool = False,
    chrome: bool = True,
) -> bool:
    """Whether ``element`` sits in a sidebar, widget, menu or tag cloud (term links that are
    not the post's), or with ``comments_too`` in the comment section (a commenter's name and
    date are not the post's)."""
    node = element.getparent()
    while node is not None and node is not stop and node.tag not in ("body", "html"):
        if chrome and node.tag in _CHROME_TAGS:
            return True
        names = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
        if (chrome and _CHROME_WORDS.search(names)) or (
            comments_too and _COMMENT_WORDS.search(names)
        ):
            return True
        node = node.getparent()
    return False


def _term_slug(href: str | None, base: str) -> str | None:
    """``slug`` of a ``/<base>/[parents/]slug/`` archive address."""
    if not href:
        return None
    parts = [unquote(p).lower() for p in url_path(href).split("/") if p]
    return parts[-1] if base in parts[:-1] else None


def _term_links(
    doc: Document,
    post: lxml_html.HtmlElement | None,
    selectors: tuple[str, ...],
    class_prefix: str,
    base: str,
) -> list[lxml_html.HtmlElement]:
    """The post's term links: those in its element, else those elsewhere on the page that are
    not site chrome. ``get_post_class()`` names every term of the post (``category-slug``,
    ``tag-slug``), so where the post element says which, only those links are taken, and
    links to those archives count even without the ``rel`` WordPress puts on them."""
    slugs = {
        unquote(name[len(class_prefix) :]).lower()
        for name in (classes(post) if post is not None else [])
        if name.startswith(class_prefix)
    }
    found = doc.select(post, selectors) if post is not None else []
    if not found:
        found = []
        for selector in selectors:  # the first selector with links outside the chrome
            found = [
                link for link in doc.select(doc.root, (selector,)) if not _in_site_chrome(link)
            ]
            if found:
                break
        if slugs:
            found = [
                link
                for link in found
                if (_term_slug(link.get("href"), base) or slug_from_url(link.get("href")).lower())
                in slugs
            ]
    if slugs:
        seen = set(found)
        for link in _ARCHIVE_LINKS(doc.root, base=f"/{base}/"):
            if (
                link not in seen
                and _term_slug(link.get("href"), base) in slugs
                and not _in_site_chrome(link)
            ):
                found.append(link)
                seen.add(link)
    return found


def _unique_names(links: list[lxml_html.HtmlElement]) -> list[tuple[str, str]]:
    seen: set[str] = set()
    found = []
    for link in links:
        name = fold(link.text_content()).strip(",;·•|")
        if not name or len(name) > _MAX_NAME or name.casefold() in seen:
            continue
        seen.add(name.casefold())
        found.append((slug_from_url(link.get("href")) or name.lower(), name))
    return found


def find_categories(
    doc: Document, post: lxml_html.HtmlElement | None, data: StructuredData
) -> tuple[Category, ...]:
    """The post's categories: its category links, else the structured data's sections."""
    links = _term_links(doc, post, CATEGORY_LINKS, "category-", "category")
    names = _unique_names(links)
    if not names:
        names = [
            (name.lower(), name) for name in dict.fromkeys(fold(s) for s in data.sections) if name
        ]
    return tuple(Category(slug=slug, name=name) for slug, name in names)


_CATEGORY_LISTS = frozenset(
    {"taxonomy-category", "cat-links", "post-categories", "category-link", "entry-categories"}
)


def _in_category_list(link: lxml_html.HtmlElement) -> bool:
    """Whether the link sits in a category list; block themes mark categories ``rel="tag"``."""
    return any(_CATEGORY_LISTS.intersection(classes(node)) for node in link.iterancestors())


def find_tags(
    doc: Document, post: lxml_html.HtmlElement | None, data: StructuredData
) -> tuple[Tag, ...]:
    """The post's tags: its tag links (not ``rel="category tag"``), else the keywords."""
    links = [
        link
        for link in _term_links(doc, post, TAG_LINKS, "tag-", "tag")
        if "category" not in (link.get("rel") or "").split() and not _in_category_list(link)
    ]
    names = _unique_names(links)
    if not names:
        names = [
            (name.lower(), name) for name in dict.fromkeys(fold(s) for s in data.keywords) if name
        ]
    return tuple(Tag(slug=slug, name=name) for slug, name in names)
