"""``parse_html``: one saved blog page to a :class:`ScrapedPage`.

Order matters: the byline, taxonomy links, comments and comment form are read from the whole
page first, because the body is then cut out of the tree and cleaned in place.
"""

from __future__ import annotations

import re
from datetime import datetime

from lxml import etree
from lxml import html as lxml_html

from wxrkit.errors import Diagnostic, LimitExceededError
from wxrkit.html.comment_form import find_comment_form
from wxrkit.html.comments import find_comments
from wxrkit.html.content import (
    MAX_LINE_CHECKS,
    find_by_density,
    find_content,
    find_post_container,
    one_contains_other,
    running_length,
    strip_page_furniture,
    unlinked_length,
)
from wxrkit.html.dates import parse_page_date
from wxrkit.html.decode import decode_page
from wxrkit.html.detect import detect_engine
from wxrkit.html.metadata import (
    find_author,
    find_categories,
    find_date,
    find_post_id,
    find_tags,
    find_title,
    site_title,
    slug_from_url,
)
from wxrkit.html.page_input import MAX_PAGE_BYTES, PageInput, page_content
from wxrkit.html.prune import prune_by_structure, site_host
from wxrkit.html.structured import read_structured_data
from wxrkit.html.text import element_text, fold, without_markers
from wxrkit.html.tree import Document, classes, inner_html, parse_tree, text_length
from wxrkit.models import Post, ScrapedPage, Site
from wxrkit.urls import split_url

__all__ = ["MAX_PAGE_BYTES", "MAX_PAGE_TAGS", "parse_html"]

MAX_PAGE_TAGS = 500_000
"""Most ``<`` a page may hold. Post pages have a few thousand (the corpus at most 4,307);
past this the tree alone would take hundreds of megabytes, so the page is refused."""

_COUNT = etree.XPath("count(.//*)")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # not XML


_CHARACTER_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")


def _control_replacement(match: re.Match[str]) -> str:
    return " " if match.group() in "\x0b\x0c" else "\ufffd"


def _reference_replacement(match: re.Match[str], counted: list[int]) -> str:
    """A reference to a character XML does not admit, as its replacement; others kept."""
    code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    allowed = code in (9, 10, 13) or 32 <= code < 0xD800 or 0xE000 <= code < 0xFFFE
    if allowed or 0x10000 <= code <= 0x10FFFF:
        return match.group()
    counted[0] += 1
    return " " if code in (0x0B, 0x0C) else "\ufffd"


_POST_TYPE_CLASS = re.compile(r"^type-([a-z0-9_-]+)$")


def _post_type(container: lxml_html.HtmlElement | None) -> str:
    if container is not None:
        for name in classes(container):
            match = _POST_TYPE_CLASS.match(name)
            if match:
                return match.group(1)
    return "post"


def _web_address(url: str | None) -> str | None:
    """``url`` if it is a web page's address (``javascript:alert(0)`` as a canonical link
    would become a slug and an alias)."""
    return url if split_url(url).scheme.lower() in ("http", "https") else None


def _canonical(root: lxml_html.HtmlElement) -> str | None:
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return _web_address(link.get("href"))
    return None


_KEEP_SPACE = frozenset({"pre", "textarea", "code", "script", "style"})
_RUNS = re.compile(r"\s+")


def _fold_whitespace(block: lxml_html.HtmlElement) -> None:
    """Fold runs of whitespace in the body's text to one space, as a browser shows them, so
    the line breaks of the page's source do not read as ``<br>`` later (``<pre>`` kept)."""
    if _COUNT(block) > MAX_LINE_CHECKS:
        return  # a harmless difference, not worth a walk over a body this size
    # the elements whose text keeps its spaces (held, so each keeps one proxy throughout)
    keep = {inner for tag in _KEEP_SPACE for pre in block.iter(tag) for inner in pre.iter()}
    for element in block.iter():
        try:
            if element.text and element not in keep:
                element.text = _RUNS.sub(" ", element.text)
            if element.tail and element is not block and element.getparent() not in keep:
                element.tail = _RUNS.sub(" ", element.tail)  # the tail is the parent's text
        except ValueError:  # text lxml would not take back; the page is checked for it first
            continue


def _body_elements(
    doc: Document,
    *,
    container: lxml_html.HtmlElement | None,
    title: str,
    host: str,
    diagnostics: list[Diagnostic],
    source: str | None,
) -> list[lxml_html.HtmlElement]:
    content = find_content(doc, container) if container is not None else None
    if content is None:
        content = find_content(doc, doc.root)
    if content is None:
        # a container marked by the post's id may be its heading or a teaser box only
        small = (
            container is None
            or container.tag in _NOT_A_POST_BOX
            or text_length(container) < _MIN_GENERIC_CHARS
        )
        blocks = find_by_density(container if not small and container is not None else doc.root)
        blocks = [_cleaned(block, diagnostics, source) for block in blocks]
    else:
        content = _cleaned(content, diagnostics, source)
        blocks = _checked_against_page(doc, content, diagnostics, source)
        if blocks != [content]:
            blocks = [_cleaned(block, diagnostics, source) for block in blocks]
    for block in blocks:
        prune_by_structure(block, host)
        for heading in doc.select(block, (".entry-title, .post-title, h1, h2, h3",)):
            if fold(heading.text_content()) == title and heading is not block:
                heading.drop_tree()
    return blocks


def _cleaned(
    block: lxml_html.HtmlElement, diagnostics: list[Diagnostic], source: str | None
) -> lxml_html.HtmlElement:
    """The block cleaned in place of what is not the article (by class, id and text)."""
    block = _unwrap_noscript(block)
    if not strip_page_furniture(block):
        diagnostics.append(
            Diagnostic(
                code="huge-body",
                message=f"the post body has more than {MAX_LINE_CHECKS:,} elements; "
                "boilerplate was removed by class and id only, not by its text",
                source=source,
            )
        )
    return block


_ENCLOSED_SHARE = 0.25
"""A WordPress body that the page's densest text encloses must hold at least this share of
its running text (less is a teaser, an intro or a page builder's shell inside the article)."""
_APART_SHARE = 0.5
"""A WordPress body apart from the page's densest text must hold at least this share of it."""


def _checked_against_page(
    doc: Document,
    content: lxml_html.HtmlElement,
    diagnostics: list[Diagnostic],
    source: str | None,
) -> list[lxml_html.HtmlElement]:
    """The body the WordPress markup chose, unless the page's text says it is the wrong one.

    Themes put the content classes on teasers, intros, widgets and page-builder shells too;
    the first that matches may hold a sentence while the article sits elsewhere. So the
    choice (``content``, cleaned already) is weighed against a generic finder's (text
    density over the whole page), each measured by its text outside links once cleaned.
    """
    found = unlinked_length(content)
    if found >= _PLAUSIBLE_CHARS:
        return [content]
    # no block of the page can hold more than the page: when the whole page's text outside
    # links is within reach, no finder can beat the choice (and need not be run)
    body = doc.root.find("body")
    if unlinked_length(body if body is not None else doc.root) <= found / _APART_SHARE:
        return [content]
    generic = find_by_density(doc.root)
    other = running_length(generic)
    enclosed = any(block is content or one_contains_other(block, content) for block in generic)
    share = _ENCLOSED_SHARE if enclosed else _APART_SHARE
    if other <= found / share or other < _MIN_GENERIC_CHARS:
        return [content]
    diagnostics.append(
        Diagnostic(
            code="content-by-density",
            message=f"the theme's content element holds {found:,} characters of text, the "
            f"densest text of the page {other:,}: the post body was taken from the latter",
            source=source,
        )
    )
    return generic


_PLAUSIBLE_CHARS = 1500
"""Running text past which a WordPress body is taken without a second look: a teaser or a
shell is shorter, and the look costs a walk over the page."""
_MIN_GENERIC_CHARS = 200
_NOT_A_POST_BOX = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "a", "span", "p", "img"})


def parse_html(
    markup: PageInput,
    *,
    url: str | None = None,
    source: str | None = None,
    max_tags: int = MAX_PAGE_TAGS,
) -> ScrapedPage:
    """Read one blog post page.

    ``markup`` is the page as saved (bytes: the encoding is found from them), as text (a
    ``str`` is always the page itself), or a ``Path`` or binary file to read it from.
    ``url`` is where it was fetched from, for the post's address and slug where the page does
    not say; ``source`` names the file in diagnostics (a path's name by default). An empty
    page is a :class:`ParseError`; a page with more than ``max_tags`` tags is refused with
    :class:`LimitExceededError` (see :data:`MAX_PAGE_TAGS`).
    """
    # Long, and read top to bottom: the page's parts are found in an order where each uses the
    # ones before it (decode, the tree, the body, its title, the comments after it).
    markup, source = page_content(markup, source, "parse_html")
    if len(markup) > MAX_PAGE_BYTES:
        raise LimitExceededError(
            f"the page is {len(markup):,} bytes, more than the {MAX_PAGE_BYTES:,} a post page "
            "is read up to; split it or raise MAX_PAGE_BYTES",
            source=source,
        )
    diagnostics: list[Diagnostic] = []
    encoding: str | None = None
    if isinstance(markup, bytes):
        markup, encoding, found = decode_page(markup, source)
        diagnostics.extend(found)
    markup, had_markers = without_markers(markup)
    if had_markers:
        diagnostics.append(
            Diagnostic(
                code="noncharacter",
                message="the page holds Unicode noncharacters (U+FDD0-U+FDD2); replaced by U+FFFD",
                source=source,
            )
        )
    tag_count = markup.count("<")
    if tag_count > max_tags:
        raise LimitExceededError(
            f"the page has {tag_count:,} tags, more than the {max_tags:,} a post page is read "
            "up to (real ones have a few thousand); if it really is one post, pass a larger "
            "max_tags",
            source=source,
        )
    controls = len(_CONTROL.findall(markup))
    if controls:
        # XML, and so lxml, admits no C0 control but tab and line breaks in text
        markup = _CONTROL.sub(_control_replacement, markup)
    if "&#" in markup:  # the same characters written as references: &#8; &#xFFFF;
        counted = [0]
        markup = _CHARACTER_REFERENCE.sub(lambda m: _reference_replacement(m, counted), markup)
        controls += counted[0]
    if controls:
        diagnostics.append(
            Diagnostic(
                code="control-character",
                message="control characters (and U+FFFE/U+FFFF, lone surrogates) in the page's "
                "text were replaced: form feeds and vertical tabs by a space, the others by U+FFFD",
                source=source,
                count=controls,
            )
        )
    root, found = parse_tree(markup, source)
    diagnostics.extend(found)
    data, found = read_structured_data(root, source)
    diagnostics.extend(found)
    doc = Document(root, markup)
    engine, evidence = detect_engine(markup, data.generator, doc)
    post_id = find_post_id(doc)
    container = find_post_container(doc, post_id)
    title = find_title(doc, container, data)
    author = find_author(doc, container, data)
    page_url = _canonical(root) or _web_address(data.url) or _web_address(url)
    published = find_date(doc, container, data, page_url, diagnostics=diagnostics, source=source)
    categories = find_categories(doc, container, data)
    tags = find_tags(doc, container, data)
    comments = find_comments(doc)
    comment_form = find_comment_form(doc)

    host = site_host(root, page_url)
    blocks = _body_elements(
        doc, container=container, title=title, host=host, diagnostics=diagnostics, source=source
    )
    for block in blocks:
        _fold_whitespace(block)
    content_raw = "\n".join(inner_html(block) for block in blocks)
    text = "\n\n".join(part for part in (element_text(block) for block in blocks) if part)

    post = Post(
        id=post_id,
        type=_post_type(container),
        status="publish",
        title=title,
        slug=slug_from_url(page_url),
        url=page_url,
        author=author,
        published=published,
        modified=_modified(doc, container) or parse_page_date(data.modified),
        content_rendered=True,
        content_raw=content_raw,
        excerpt=fold(data.description),
        categories=categories,
        tags=tags,
        comments=comments,
    )
    site = Site(
        title=data.site_name or site_title(doc),
        link=_site_link(page_url),
        language=data.language or None,
        generator=data.generator or None,
    )
    return ScrapedPage(
        engine=engine,
        engine_evidence=evidence,
        post=post,
        text=text,
        site=site,
        comment_form=comment_form,
        encoding=encoding,
        diagnostics=tuple(diagnostics),
        source=source,
    )


def _unwrap_noscript(block: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """Put the content of ``<noscript>`` blocks that hold article text in their place; the
    block itself, or what took its place when it was one.

    Script-rendered themes (Blogger's dynamic views) ship the post only inside ``<noscript>``;
    lazy-loading fallbacks hold only an image, stay noscript, and are dropped.
    """
    replaced = block
    for noscript in list(block.iter("noscript")):
        if len(noscript):
            wrapper = lxml_html.Element("div")
            wrapper.text = noscript.text
            wrapper.extend(list(noscript))
        else:
            markup = (noscript.text or "").strip()  # some parsers keep it as one text node
            if not markup.startswith("<"):
                continue
            wrapper = lxml_html.fragment_fromstring(markup, create_parent="div")
        if not "".join(wrapper.itertext()).strip():
            continue
        wrapper.tail = noscript.tail
        parent = noscript.getparent()
        if parent is not None:
            parent.replace(noscript, wrapper)
        if noscript is block:
            replaced = wrapper
    return replaced


def _modified(doc: Document, container: lxml_html.HtmlElement | None) -> datetime | None:
    """The "updated" time themes print beside the published one (``time.updated``)."""
    scope = container if container is not None else doc.root
    for element in doc.select(scope, ("time.updated[datetime]",)):
        if "published" not in classes(element):
            return parse_page_date(element.get("datetime"))
    return None


def _site_link(url: str | None) -> str | None:
    if not url:
        return None
    parts = split_url(url)
    return f"{parts.scheme}://{parts.netloc}/" if parts.scheme and parts.netloc else None
