"""Comments of themes that do not use WordPress's comment markup, read by their shape.

``wp_list_comments()`` prints ``ol.comment-list > li.comment`` with ``.comment-author``,
``.comment-metadata`` and ``.comment-content``; :mod:`wxrkit.html.comments` reads that. Many
themes print their own: a definition list of a header (``dt``: name, date) and a body
(``dd``) per comment, items whose text sits in a ``div.comment_entry`` or straight in
``<p>``. What they share is a shape: a block named for comments holding repeated items, each
a name, a date and some paragraphs. This module finds that shape when the markup is not
WordPress's own, and reads a comment's text where no known class marks it.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Set as AbstractSet
from copy import deepcopy
from datetime import datetime

from lxml import etree
from lxml import html as lxml_html

from wxrkit.html.dates import parse_page_date
from wxrkit.html.text import fold
from wxrkit.html.tree import Document, classes, drop, inner_html, link_of
from wxrkit.ids import parse_id
from wxrkit.models import Comment

__all__ = [
    "author_of",
    "comment_id",
    "commenter_name",
    "comments_by_shape",
    "date_of",
    "text_of_comment",
]

_CONTAINERS = (
    "#comment_list",
    "#commentlist",
    "#comments",
    ".comments",
    ".comment_list",
    "#comments-list",
    ".comments-list",
)
"""Blocks themes name for their comments; the form (``#respond``) is not among them."""
_LISTS_NAMED_FOR_COMMENTS = etree.XPath(
    "//*[self::ol or self::ul or self::dl]"
    "[contains(translate(concat(@class, ' ', @id), 'COMENT', 'coment'), 'comment')]"
    "[not(ancestor-or-self::*[contains(translate(concat(@class, ' ', @id), "
    "'WIDGETSBAR', 'widgetsbar'), 'widget') or contains(translate(concat(@class, ' ', @id), "
    "'WIDGETSBAR', 'widgetsbar'), 'sidebar') or contains(@class, 'recent')])]"
)
"""Lists a theme names for comments (``ul.comment-items``), but not a sidebar's "recent
comments" widget, whose items are links to posts."""
_NAME_PART = re.compile(r"(?:^|[-_])(?:author|name|fn|user|commenter)(?:$|[-_])")
_DATE_PART = re.compile(r"(?:^|[-_])(?:date|time|meta|when)(?:$|[-_])")
_TEXT_PART = re.compile(r"(?:^|[-_])(?:entry|text|content|body|message)(?:$|[-_])")
_MAX_DATE_CHARS = 80
_MAX_LEAF_DATE_CHARS = 40
_DATE_LEAVES = frozenset({"b", "strong", "span", "div", "em", "i"})


def _named(element: lxml_html.HtmlElement, pattern: re.Pattern[str]) -> bool:
    return any(pattern.search(name.lower()) for name in classes(element))


def _own_descendants(
    item: lxml_html.HtmlElement, nested: AbstractSet[lxml_html.HtmlElement]
) -> list[lxml_html.HtmlElement]:
    """The item's descendants that are not inside one of the ``nested`` items (replies)."""
    found: list[lxml_html.HtmlElement] = []
    stack = [child for child in reversed(item) if isinstance(child.tag, str)]
    while stack:  # depth first, in document order
        element = stack.pop()
        if element in nested:
            continue
        found.append(element)
        stack.extend(child for child in reversed(element) if isinstance(child.tag, str))
    return found


def text_of_comment(
    item: lxml_html.HtmlElement, nested: AbstractSet[lxml_html.HtmlElement] | None = None
) -> str:
    """A comment's text as HTML where no known class marks it: the item's own element named
    for text (``comment_entry``, ``format_text``), else its own paragraphs."""
    own = _own_descendants(item, nested or frozenset())
    for element in own:
        named = _named(element, _TEXT_PART) and not _named(element, _NAME_PART)
        if named and fold(element.text_content()):
            return _without_replies(element, nested or frozenset())
    paragraphs = [p for p in own if p.tag == "p" and fold(p.text_content())]
    return "\n".join(inner_html(_wrapped(p)) for p in paragraphs)


def _wrapped(element: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    wrapper = lxml_html.Element("div")
    copy = deepcopy(element)
    copy.tail = None
    wrapper.append(copy)
    return wrapper


def _without_replies(
    element: lxml_html.HtmlElement, nested: AbstractSet[lxml_html.HtmlElement]
) -> str:
    copy = deepcopy(element)
    originals = list(element.iter())
    for original, copied in zip(originals, list(copy.iter()), strict=True):
        if original in nested and copied.getparent() is not None:
            copied.drop_tree()
    for reply_link in copy.iter("a"):
        if "reply" in (reply_link.get("class") or "").lower():
            drop(reply_link)
    return inner_html(copy)


def author_of(
    header: lxml_html.HtmlElement, nested: AbstractSet[lxml_html.HtmlElement]
) -> tuple[str, str | None]:
    """The commenter's name and address in a comment's header (or its whole item), by the
    names of its elements: ``comment_author``, ``name``, ``fn``, a ``url`` link, a ``cite``."""
    own = _own_descendants(header, nested)
    named = [el for el in own if _named(el, _NAME_PART)] or [
        el for el in own if el.tag in ("cite", "a") and "url" in classes(el)
    ]
    if not named:
        named = [el for el in own if el.tag in ("cite", "strong", "b", "h4", "h5", "h6")]
    for element in named:
        name = commenter_name(element).removesuffix(":")
        if name and len(name) <= 100:
            link = link_of(element)
            return name, link.get("href") if link is not None else None
    return "", None


_SAYS = (" says:", " sagt:", " dit :", " dice:", " disse:", " says")


def commenter_name(element: lxml_html.HtmlElement) -> str:
    """The element's text as a commenter's name, without the "says:" themes print after it."""
    name = fold(element.text_content())
    for suffix in _SAYS:
        name = name.removesuffix(suffix)
    return name


def date_of(
    header: lxml_html.HtmlElement, nested: AbstractSet[lxml_html.HtmlElement]
) -> datetime | None:
    """The comment's date in its header: a ``time``, else an element named for a date."""
    own = _own_descendants(header, nested)
    for element in own:
        if element.tag == "time" and element.get("datetime"):
            found = parse_page_date(element.get("datetime"))
            if found is not None:
                return found
    for element in own:
        if _named(element, _DATE_PART) or element.tag in ("small", "time", "abbr"):
            text = fold(element.text_content())
            if len(text) <= _MAX_DATE_CHARS:
                found = parse_page_date(text, whole=True)
                if found is not None:
                    return found
    # last, a short line of its own that is a date ("<b>18. Mai 2020</b>"), never a paragraph
    for element in own:
        if element.tag in _DATE_LEAVES and len(element) == 0:
            text = fold(element.text_content())
            if len(text) <= _MAX_LEAF_DATE_CHARS:
                found = parse_page_date(text, whole=True)
                if found is not None:
                    return found
    return None


_FORM_PARTS = etree.XPath("boolean(.//form or .//input or .//textarea or ancestor::form)")


def _is_form(element: lxml_html.HtmlElement) -> bool:
    """Whether the element is (part of) a comment form rather than a comment."""
    return bool(_FORM_PARTS(element))


def _signature(element: lxml_html.HtmlElement) -> tuple[str, str]:
    return str(element.tag), " ".join(sorted(n for n in classes(element) if not n[-1:].isdigit()))


def _items(
    container: lxml_html.HtmlElement,
) -> list[tuple[lxml_html.HtmlElement, lxml_html.HtmlElement]]:
    """(header, body) pairs of the container's comments: ``dt``/``dd`` pairs of a definition
    list, else its most repeated kind of child (descending through a lone wrapper)."""
    for _ in range(3):
        children = [child for child in container if isinstance(child.tag, str)]
        terms = [child for child in children if child.tag == "dt"]
        if terms:
            pairs = []
            for term in terms:
                body = term.getnext()
                while body is not None and not isinstance(body.tag, str):
                    body = body.getnext()
                if body is not None and body.tag == "dd":
                    pairs.append((term, body))
            return pairs
        lists = [child for child in children if child.tag in ("dl", "ol", "ul")]
        if len(lists) == 1 and (len(children) <= 3 or len(lists[0]) > 1):
            container = lists[0]
            continue
        counts = Counter(_signature(child) for child in children if child.tag in ("li", "div"))
        if counts:
            signature, count = counts.most_common(1)[0]
            if count > 1 or len(children) == 1:
                return [(c, c) for c in children if _signature(c) == signature]
        if len(children) == 1:
            container = children[0]
            continue
        break
    return []


def comments_by_shape(doc: Document) -> tuple[Comment, ...]:
    """The comments of a page whose theme prints them in markup of its own (see the module)."""
    best: list[tuple[lxml_html.HtmlElement, lxml_html.HtmlElement]] = []
    named = [c for selector in _CONTAINERS for c in doc.select(doc.root, (selector,))]
    for container in (*named, *_LISTS_NAMED_FOR_COMMENTS(doc.root)):
        if container.tag in ("a", "span", "form"):
            continue
        found = [pair for pair in _items(container) if not any(map(_is_form, pair))]
        if len(found) > len(best):
            best = found
    pairs = _with_replies(best)
    items = frozenset(body for _, body in pairs)
    comments: list[Comment] = []
    ids: dict[lxml_html.HtmlElement, int | None] = {}
    for header, body in pairs:
        text = text_of_comment(body, items)
        if not text.strip():
            continue
        author, url = author_of(header, items)
        ids[body] = comment_id(header) or comment_id(body)
        parent = next((node for node in body.iterancestors() if node in items), None)
        comments.append(
            Comment(
                id=ids[body],
                parent_id=ids.get(parent) if parent is not None else None,
                author=html.unescape(author),
                author_url=url,
                published=date_of(header, items),
                content=text,
            )
        )
    return tuple(comments)


def _with_replies(
    pairs: list[tuple[lxml_html.HtmlElement, lxml_html.HtmlElement]],
) -> list[tuple[lxml_html.HtmlElement, lxml_html.HtmlElement]]:
    """The comments and, after each, the replies nested in it: items of the same kind
    (tag and classes) inside an item, as threaded themes print them."""
    found: list[tuple[lxml_html.HtmlElement, lxml_html.HtmlElement]] = []
    for header, body in pairs:
        found.append((header, body))
        if header is not body:
            continue  # a definition list's header and body: no nesting
        kind = _signature(body)
        found.extend(
            (reply, reply)
            for reply in body.iterdescendants(str(body.tag))
            if _signature(reply) == kind and not _is_form(reply)
        )
    return found


_COMMENT_ID = re.compile(
    r"(?:^|[-_])(?:comment|c|div-comment|li-comment|wc-comm)[-_]?(?:body[-_])?(\d+)(?:_\d+)?$"
)


def comment_id(item: etree._Element) -> int | None:
    """The comment id in the ``id`` of the item or of one of its children (``comment-12``,
    ``li-comment-12``, ``div-comment-12``, ``comment-body-12``, wpDiscuz's ``wc-comm-12_0``)."""
    for element in (item, *item.iterchildren()):
        match = _COMMENT_ID.search(element.get("id") or "")
        if match:
            return parse_id(match.group(1))
    return None
