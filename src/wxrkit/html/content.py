"""Finding a page's post and its body, and cutting what is not the article out of the body.

The engines' own markup comes first (:data:`selectors.CONTENT`, inside the post's element);
a page without it gets a text-density search in the manner of Readability: paragraphs score
their parents by length and commas, link-heavy blocks lose, class names that say "comment",
"sidebar" or "share" rule a block out.
"""

from __future__ import annotations

import re
from copy import deepcopy

from lxml import etree
from lxml import html as lxml_html

from wxrkit.clean.boilerplate import is_boilerplate_line
from wxrkit.clean.boilerplate_rules import BOILERPLATE_CLASSES, BOILERPLATE_IDS
from wxrkit.html.selectors import (
    CONTENT,
    CONTENT_WORDS,
    DROP_ALWAYS,
    DROP_FROM_CONTENT,
    NOT_CONTENT_WORDS,
    PAGE_LINES,
    POST_CONTAINER,
    TAXONOMY_LABELS,
)
from wxrkit.html.tree import Document, text_length

__all__ = [
    "MAX_LINE_CHECKS",
    "find_by_density",
    "find_content",
    "find_post_container",
    "is_outside_article",
    "one_contains_other",
    "running_length",
    "strip_page_furniture",
    "unlinked_length",
]

_MIN_CONTENT_CHARS = 80  # a content match shorter than this is a teaser or an empty wrapper
_DROP_IN_CONTENT = re.compile(
    r"(?:^|[-_])(?:share|sharing|social|related|newsletter|subscribe|advert|ads|promo|"
    r"sponsored|author-?bio|author-?box|about-?author|post-?meta|entry-?meta|breadcrumbs?|"
    r"post-?tags|entry-?tags|tags|post-?categor(?:y|ies)|sidebar|widget|comments|respond|"
    r"pagination|(?:next|prev|previous)-?(?:post|story|article)s?|nextstory|credits?|"
    r"img-author|photo-credit)(?:$|[-_])"
)
_TAXONOMY_LINE = re.compile(
    r"(?:" + "|".join(re.escape(label) for label in TAXONOMY_LABELS) + r")\s*:?\s+\S",
    re.IGNORECASE,
)
_PAGE_LINES = frozenset(line.casefold() for line in PAGE_LINES)
_SCORED = ("p", "pre", "blockquote", "td", "h2", "h3", "li")
_OUTSIDE_TAGS = frozenset({"aside", "footer", "nav", "header", "form"})


_PART = re.compile(r"[a-z]+")
# Page builders name every block by its kind ("elementor-widget", "et_pb_module"): structure,
# not meaning. Layout classes name what is beside a block ("has-sidebar", "sidebar-layout").
_BUILDER_PREFIXES = ("elementor", "et_pb", "et-", "vc_", "wp-block-", "fl-", "fusion-")
_BLOGGER_POSTS_WIDGET = "Blog"  # div.widget.Blog#Blog1 holds a Blogger blog's posts
_STRONG_OUTSIDE = ("sidebar", "widget", "comments", "related", "footer")


def _name_parts(element: etree._Element) -> tuple[set[str], set[str]]:
    """The words of the element's classes and id that say "not the article" and "article"."""
    outside: set[str] = set()
    inside: set[str] = set()
    names = element.get("class") or ""
    if _BLOGGER_POSTS_WIDGET in names.split():
        return outside, {"blog"}  # Blogger's layout is widgets, its posts one of them
    for token in f"{names} {element.get('id') or ''}".lower().split():
        if (
            token.startswith(_BUILDER_PREFIXES)
            or "layout" in token
            or token.startswith(("has-", "no-", "with-"))
        ):
            continue
        for part in _PART.findall(token):
            if part.startswith(NOT_CONTENT_WORDS):
                outside.add(part)
            if part.startswith(CONTENT_WORDS):
                inside.add(part)
    return outside, inside


def _names_outside(node: etree._Element) -> bool:
    """Whether the element's class and id words say it is not the article."""
    outside, inside = _name_parts(node)
    return bool(outside) and (
        not inside or any(part.startswith(_STRONG_OUTSIDE) for part in outside)
    )


def _box_outside(node: etree._Element) -> bool:
    """Whether an element around a block makes the block not the article: its tag (aside,
    footer, nav...) or its names."""
    # an <aside> a theme names as the post ("blogPost") is misused markup, not a box
    misused = node.tag == "aside" and bool(_name_parts(node)[1] - {"entry"})
    if node.tag in _OUTSIDE_TAGS and not misused:
        return True
    return _names_outside(node)


def is_outside_article(element: etree._Element, stop: etree._Element | None = None) -> bool:
    """Whether ``element`` sits in a comment section, sidebar, widget, footer or navigation."""
    if _names_outside(element):
        return True
    node = element.getparent()
    while node is not None and node is not stop and node.tag not in ("body", "html"):
        if _box_outside(node):
            return True
        node = node.getparent()
    return False


_HOLDS_PAGE = 0.6
"""Share of a page's text past which an element is the page, whatever its name says."""


def find_post_container(doc: Document, post_id: int | None) -> lxml_html.HtmlElement | None:
    """The element holding the page's post: the one with the page's post id, else the largest."""
    if post_id is not None:
        marked = [
            element
            for selector in (f"#post-{post_id}", f".post-{post_id}")
            for element in doc.select(doc.root, (selector,))
            if element.tag not in ("body", "html")
        ]
        if marked:
            # Themes mark a header or a teaser box with the id too: the post's own element
            # holds its title; among those, the largest.
            return max(marked, key=lambda el: (_HAS_TITLE(el), text_length(el)))
    candidates = [el for el in doc.select(doc.root, POST_CONTAINER) if not is_outside_article(el)]
    if not candidates:
        return None
    return max(candidates, key=text_length)


def find_content(doc: Document, scope: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """The post's body inside ``scope`` by the engines' markup; None when no selector fits.

    The first selector in order of preference wins, unless a later one finds a block apart
    from it with over twice the text (a theme's small ``.entry`` beside its ``.entrytext``).
    """
    chosen: lxml_html.HtmlElement | None = None
    chosen_length = 0
    for selector in CONTENT:
        matches = [el for el in doc.select(scope, (selector,)) if not is_outside_article(el, scope)]
        if not matches:
            continue
        best = max(matches, key=text_length)
        wrapper = best.getparent()
        if best.tag in ("p", "span") and wrapper is not None and len(matches) > 1:
            best = wrapper  # a theme that classes each paragraph, not their wrapper
        length = text_length(best)
        if length < _MIN_CONTENT_CHARS:
            continue
        if chosen is None or (length > 2 * chosen_length and not one_contains_other(best, chosen)):
            chosen, chosen_length = best, length
    return chosen


def one_contains_other(a: etree._Element, b: etree._Element) -> bool:
    """Whether one of the two elements contains the other."""
    return any(node is b for node in a.iterancestors()) or any(
        node is a for node in b.iterancestors()
    )


def _linked_length(element: etree._Element) -> int:
    """Characters of the element's text (whitespace folded) inside its links."""
    return sum(text_length(link) for link in element.iter("a"))


def _link_density(element: etree._Element, length: int) -> float:
    """Share of ``length`` characters of the element's text inside its links."""
    if not length:
        return 1.0
    return min(_linked_length(element) / length, 1.0)


def _class_weight(element: etree._Element) -> float:
    outside, inside = _name_parts(element)
    return (25.0 if inside else 0.0) - (25.0 if outside else 0.0)


def find_by_density(root: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """The blocks most likely to be the article, by text density; the body when nothing scores."""
    body = root.find("body")
    scope = body if body is not None else root
    page_length = text_length(scope)
    lengths: dict[etree._Element, int] = {}

    def holds_page(element: etree._Element) -> bool:
        if element not in lengths:
            lengths[element] = text_length(element)
        return lengths[element] > page_length * _HOLDS_PAGE

    # what is_outside_article(block, scope, holds_page) says, with each ancestor's answer
    # kept: thousands of blocks share a few dozen ancestors
    around: dict[etree._Element, bool] = {}

    def outside_from(node: etree._Element | None) -> bool:
        chain: list[etree._Element] = []
        result = False
        while node is not None and node is not scope and node.tag not in ("body", "html"):
            if node in around:
                result = around[node]
                break
            chain.append(node)
            if not holds_page(node) and _box_outside(node):
                result = True
                break
            node = node.getparent()
        for seen in chain:
            around[seen] = result
        return result

    scores: dict[lxml_html.HtmlElement, float] = {}
    for block in scope.iter(*_SCORED):
        if _names_outside(block) or outside_from(block.getparent()):
            continue
        text = "".join(block.itertext()).strip()
        if len(text) < 25:
            continue
        points = 1 + text.count(",") + text.count("،") + min(len(text) // 100, 3)
        parent = block.getparent()
        for ancestor, share in (
            (parent, 1.0),
            (parent.getparent() if parent is not None else None, 0.5),
        ):
            if ancestor is None or ancestor is scope.getparent():
                continue
            if ancestor not in scores:
                scores[ancestor] = _class_weight(ancestor)
            scores[ancestor] += points * share
    if not scores:
        return [scope]
    ranked = {
        element: score * (1 - _link_density(element, text_length(element)))
        for element, score in scores.items()
    }
    top = max(ranked, key=lambda element: ranked[element])
    parent = top.getparent()
    if parent is None:
        return [top]
    threshold = max(10.0, ranked[top] * 0.2)
    chosen = []
    for sibling in parent:
        if sibling is top or ranked.get(sibling, 0) >= threshold:
            chosen.append(sibling)
        elif sibling.tag == "p" and not is_outside_article(sibling, parent):
            text = "".join(sibling.itertext())
            if len(text) > 80 and _link_density(sibling, len(text)) < 0.25:
                chosen.append(sibling)
    return chosen


def running_length(blocks: list[lxml_html.HtmlElement]) -> int:
    """Characters of text outside links in ``blocks`` once cleaned as a body (on copies)."""
    total = 0
    for block in blocks:
        copy = deepcopy(block)
        copy.tail = None
        strip_page_furniture(copy)
        total += unlinked_length(copy)
    return total


def unlinked_length(block: lxml_html.HtmlElement) -> int:
    """Characters of the block's text (whitespace folded) outside links."""
    return max(text_length(block) - _linked_length(block), 0)


def _simple_rules(
    selectors: tuple[str, ...],
) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The tags, classes and ids of selector lists made of simple selectors only, so one walk
    over a body applies them all. Anything else in the lists is a mistake, caught at import."""
    tags, names, ids = set(), set(), set()
    for selector in selectors:
        for part in (part.strip() for part in selector.split(",")):
            if re.fullmatch(r"[a-z][a-z0-9]*", part):
                tags.add(part)
            elif re.fullmatch(r"\.[\w-]+", part):
                names.add(part[1:])
            elif re.fullmatch(r"#[\w-]+", part):
                ids.add(part[1:])
            elif part not in _ATTRIBUTE_RULES:
                raise ValueError(f"not a simple selector: {part!r}")
    return frozenset(tags), frozenset(names), frozenset(ids)


_ATTRIBUTE_RULES = ("[hidden]", "[aria-hidden='true']")
_DROP_TAGS, _DROP_CLASSES, _DROP_IDS = _simple_rules((*DROP_ALWAYS, *DROP_FROM_CONTENT))
_DROP_CLASSES |= BOILERPLATE_CLASSES
_DROP_IDS |= BOILERPLATE_IDS
_DROPPABLE = etree.XPath(
    ".//*[@class or @id or @hidden or @aria-hidden or "
    + " or ".join(f"self::{tag}" for tag in sorted(_DROP_TAGS))
    + "]"
)
_HAS_TITLE = etree.XPath(
    "boolean(.//h1 or .//*[contains(concat(' ', normalize-space(@class), ' '), ' entry-title ')])"
)
_LINE_TAGS = frozenset(
    {"p", "h2", "h3", "h4", "h5", "div", "span", "li", "em", "strong", "a", "ul"}
)
_NORMALIZED_TEXT = etree.XPath("normalize-space()", smart_strings=False)
_COUNT_ELEMENTS = etree.XPath("count(.//*)")
MAX_LINE_CHECKS = 20_000
"""Elements of a body whose whole text is compared with the boilerplate lines; past that
(a body of tens of thousands of elements is not a blog post) only classes and ids count."""


def _is_boilerplate_text(element: lxml_html.HtmlElement) -> bool:
    folded = str(_NORMALIZED_TEXT(element))
    if len(folded) >= 300:
        return False
    if "\xa0" in folded:
        folded = " ".join(folded.split())
    if folded.casefold() in _PAGE_LINES or is_boilerplate_line(folded):
        return True
    return bool(_TAXONOMY_LINE.match(folded)) and _link_density(element, len(folded)) > 0.5


def _should_drop(element: lxml_html.HtmlElement, check_text: bool) -> bool:
    if element.tag in _DROP_TAGS:
        return True
    names = element.get("class")
    if names:
        split = names.split()
        if _DROP_CLASSES.intersection(split):
            return True
        if any(_DROP_IN_CONTENT.search(name.lower()) for name in split):
            return True
    element_id = element.get("id")
    if element_id and (element_id in _DROP_IDS or _DROP_IN_CONTENT.search(element_id.lower())):
        return True
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    return check_text and element.tag in _LINE_TAGS and _is_boilerplate_text(element)


def strip_page_furniture(content: lxml_html.HtmlElement) -> bool:
    """Remove from ``content``, in place, everything that is not the article's text.

    Returns False when the body was too large for its texts to be checked line by line
    (see :data:`MAX_LINE_CHECKS`).
    """
    if _COUNT_ELEMENTS(content) > MAX_LINE_CHECKS:
        # only the markup rules apply: XPath finds their candidates without a walk in Python
        for element in _DROPPABLE(content):
            if element.getparent() is not None and _should_drop(element, check_text=False):
                element.drop_tree()
        return False
    stack = list(content)
    while stack:
        element = stack.pop()
        if not isinstance(element.tag, str):
            continue
        if _should_drop(element, check_text=True):
            element.drop_tree()
        else:
            stack.extend(element)
    return True
