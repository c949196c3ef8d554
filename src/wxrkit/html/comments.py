"""The comment thread of a page: each ``li.comment`` to a :class:`Comment`, replies by nesting."""

from __future__ import annotations

import html
from copy import deepcopy

from lxml import etree
from lxml import html as lxml_html

from wxrkit.html.comment_shapes import (
    author_of,
    commenter_name,
    comments_by_shape,
    date_of,
    text_of_comment,
)
from wxrkit.html.comment_shapes import comment_id as comment_id_of
from wxrkit.html.dates import parse_page_date
from wxrkit.html.selectors import (
    COMMENT_AUTHOR,
    COMMENT_BODY,
    COMMENT_DATE,
    COMMENT_ITEMS,
    COMMENT_LISTS,
)
from wxrkit.html.text import fold
from wxrkit.html.tree import Document, classes, drop, inner_html, link_of
from wxrkit.models import Comment

__all__ = ["find_comments"]

_ITEM_TAGS = ("li", "article", "div")
_DROP_FROM_BODY = (
    ".comment-author",
    ".comment-meta",
    ".comment-metadata",
    ".commentmetadata",
    ".reply",
    ".comment-reply-link",
    "footer",
)


def _own(
    doc: Document, item: lxml_html.HtmlElement, selectors: tuple[str, ...]
) -> lxml_html.HtmlElement | None:
    """The first match inside ``item`` that does not belong to a nested reply."""
    for element in doc.select(item, selectors):
        if _owner(element) is item:
            return element
    for selector in selectors[1:]:
        for element in doc.select(item, (selector,)):
            if _owner(element) is item:
                return element
    return None


_ITEM_CLASSES = frozenset({"comment", "pingback", "trackback", "wc-comment"})


def _is_item(node: etree._Element) -> bool:
    if node.tag == "li":
        return bool(_ITEM_CLASSES.intersection(classes(node))) or (node.get("id") or "").startswith(
            ("comment-", "li-comment-")
        )
    return node.tag == "div" and "wc-comment" in classes(node)


def _owner(element: etree._Element) -> etree._Element | None:
    """The comment an element belongs to: its nearest comment-item ancestor."""
    for node in element.iterancestors():
        if _is_item(node):
            return node
    return None


def _body(doc: Document, item: lxml_html.HtmlElement) -> str:
    body = _own(doc, item, COMMENT_BODY)
    wrapper = body.getparent() if body is not None else None
    if (
        body is not None
        and body.tag == "p"
        and wrapper is not None
        and "comment-body" in classes(wrapper)
    ):
        body = wrapper  # every paragraph of an xhtml comment body, not just the first
    if body is None:
        body = doc.first(item, (".comment-body",))
    if body is None:
        return ""
    copy = deepcopy(body)  # the page stays as it is; the copy loses author, date, replies
    for element in doc.select(copy, (", ".join(_DROP_FROM_BODY),)):
        drop(element)
    for nested in copy.iter("ul", "ol"):
        if "children" in classes(nested):
            drop(nested)
            break
    return inner_html(copy)


def _ping_text(item: lxml_html.HtmlElement) -> str:
    """A pingback's own text: WordPress prints only "Pingback: <link>" and an excerpt."""
    text = fold(item.text_content())
    for label in ("Pingback:", "Trackback:"):
        text = text.removeprefix(label).strip()
    return html.escape(text)


def _type(item: etree._Element) -> str:
    names = classes(item)
    if "pingback" in names:
        return "pingback"
    if "trackback" in names:
        return "trackback"
    return "comment"


def find_comments(doc: Document) -> tuple[Comment, ...]:
    """Every comment of the page's comment list, in page order, replies after their parents."""
    comment_list = doc.first(doc.root, COMMENT_LISTS)
    if comment_list is None:
        return comments_by_shape(doc)
    items = [item for item in doc.select(comment_list, COMMENT_ITEMS) if item.tag in _ITEM_TAGS]
    if not items and comment_list.tag in ("ol", "ul"):
        items = [child for child in comment_list if child.tag == "li"]
    if not items:
        # Blogger's threaded comments: div.comment-thread > ol > li.comment
        items = doc.select(comment_list, ("li.comment", "div.comment", "dl#comments-block > dt"))
    comments: list[Comment] = []
    ids: dict[etree._Element, int | None] = {}
    all_items = set(items)
    for item in items:
        comment_id = comment_id_of(item)
        ids[item] = comment_id
        parent = _owner(item)
        kind = _type(item)
        author = _own(doc, item, COMMENT_AUTHOR)
        if author is None and kind != "comment":
            author = item.find(".//a")  # "Pingback: <a href=source>title</a>"
        date_element = _own(doc, item, COMMENT_DATE)
        published = None
        if date_element is not None:
            published = parse_page_date(date_element.get("datetime")) or parse_page_date(
                fold(date_element.text_content())
            )
        name, url = _author_name(author), _author_url(author)
        if not name and kind == "comment":  # a theme's own markup: read by its shape
            name, url = author_of(item, all_items)
        published = published or date_of(item, all_items)
        comments.append(
            Comment(
                id=comment_id,
                parent_id=ids.get(parent) if parent is not None else None,
                author=name,
                author_url=url,
                published=published,
                content=_body(doc, item)
                or (_ping_text(item) if kind != "comment" else "")
                or text_of_comment(item, all_items),
                type=kind,
            )
        )
    return tuple(comments)


def _author_name(element: lxml_html.HtmlElement | None) -> str:
    return commenter_name(element) if element is not None else ""


def _author_url(element: lxml_html.HtmlElement | None) -> str | None:
    if element is None:
        return None
    link = link_of(element)
    return link.get("href") if link is not None else None
