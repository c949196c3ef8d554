"""Cutting the boxes that are not the article out of a body by their structure, in any language.

Themes and plugins put boxes inside the post's content element: related posts, "more from
this site", newsletter sign-ups, lists of other headlines, tag clouds, "share this article?".
Their names and phrases differ from site to site and language to language; their shape does
not. Such a box is mostly links, or short items under a short heading, and holds no running
text. So a block is cut when

- its text is mostly the text of links (:data:`LINK_DENSITY`) and it has several of them, or
- it is a list, table or box of short linked items (teasers: a headline and a line each)
  under a heading of its own,

and its links lead to pages of the same site (lists of links to other sites are the
content of link round-ups and deal posts); and never when it holds running text: a
paragraph of several sentences outside links (:func:`holds_running_text`). Inside the
article (before its last paragraph) only a box with a heading of its own is cut. A short
heading just before a cut box goes with it ("Related posts", "Lesen Sie auch", "À lire
aussi"): a heading with nothing left under it heads nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

from wxrkit.urls import split_url

__all__ = ["LINK_DENSITY", "holds_running_text", "prune_by_structure", "site_host"]

LINK_DENSITY = 0.6
"""Share of a block's text inside links past which it is a list of links, not prose."""
_PARAGRAPH_DENSITY = 0.8
"""A paragraph is cut only when it is nearly all links (a row of tags, "filed under")."""
_TEASER_DENSITY = 0.15
"""Least share of linked text in a box of teasers (a linked headline over an excerpt each)."""
_MIN_LINKS = 3
_SAME_SITE = 0.6  # share of a box's links that lead within the site for it to be the site's
_MIN_SENTENCES = 2
_RUNNING_CHARS = 160
_PARAGRAPH_CHARS = 80
_HEADING_CHARS = 80
_BOXES = ("div", "section", "aside", "ul", "ol", "table", "nav", "dl", "footer", "p")
_PROSE = ("p", "blockquote", "li", "td", "dd")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_SENTENCE_END = re.compile("[.!?\u3002\uff01\uff1f\u2026](?:[\"'\u201d\u2019)\\]]*)(?:\\s|$)")
_NORMALIZED = etree.XPath("normalize-space()", smart_strings=False)


def _text(element: etree._Element) -> str:
    return str(_NORMALIZED(element))


_BLOCKS = frozenset({*_BOXES, *_PROSE, *_HEADINGS, "article", "main"})


def _unlinked_text(element: etree._Element) -> str:
    """The element's text with the text of its links left out, its pieces apart (text of
    adjacent tags is not glued into one word, nor a full stop to the next sentence)."""
    parts: list[str] = []
    stack: list[tuple[etree._Element, bool]] = [(element, True)]
    while stack:  # text, then each child, then the child's tail: document order
        node, whole = stack.pop()
        if not whole:
            parts.append(node.tail or "")
            continue
        if node is not element:
            stack.append((node, False))
        if node.tag == "a" or not isinstance(node.tag, str):
            continue
        parts.append(node.text or "")
        stack.extend((child, True) for child in reversed(node))
    return " ".join(" ".join(parts).split())


def _is_running(text: str) -> bool:
    """Whether a block's unlinked text is prose: several sentences, long enough."""
    return len(text) >= _RUNNING_CHARS and len(_SENTENCE_END.findall(text)) >= _MIN_SENTENCES


def _is_paragraph(text: str) -> bool:
    """Whether a block's unlinked text reads as a paragraph of the article: a sentence."""
    return len(text) >= _PARAGRAPH_CHARS and _SENTENCE_END.search(text) is not None


def _is_text_block(element: etree._Element) -> bool:
    """Whether the element is where a paragraph's words sit: a ``p``, ``li``, ``blockquote``,
    cell, or a box with no block inside it (its words are its own)."""
    if element.tag in _PROSE:
        return True
    return element.tag in _BOXES and not any(child.tag in _BLOCKS for child in element)


def holds_running_text(element: etree._Element) -> bool:
    """Whether the element holds prose: one of its paragraphs (or the element itself, when it
    is one) has several sentences outside links. A box of one-sentence excerpts has none."""
    return _tallies(element, "")[element].prose


def _host(href: str | None) -> str | None:
    """The host of a link, without ``www.``; "" for a link within the page's site (relative);
    None for no address (a fragment, ``mailto:``, a script)."""
    parts = split_url((href or "").strip())
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    if not parts.netloc:
        return "" if parts.path else None
    return (parts.hostname or "").removeprefix("www.")


def site_host(root: etree._Element, url: str | None) -> str:
    """The page's own host: its address's, else the one most of its links lead to (menus,
    archives and categories all point home)."""
    own = _host(url)
    if own:
        return own
    hosts = Counter(_host(link.get("href")) for link in root.iter("a"))
    hosts.pop(None, None)
    hosts.pop("", None)
    return hosts.most_common(1)[0][0] or "" if hosts else ""


def _is_within(address: str | None, host: str) -> bool:
    return address == "" or bool(
        host and address and (address == host or address.endswith("." + host))
    )


@dataclass(slots=True)
class _Tally:
    """What a box check needs of an element's subtree, counted once for the whole body."""

    chars: int = 0
    """Characters of text, whitespace left out."""
    linked: int = 0
    """Of those, the ones inside links."""
    links: int = 0
    """Links with text."""
    addressed: int = 0
    """Links with an address (not a fragment, a script, ``mailto:``)."""
    within: int = 0
    """Of those, the ones that lead within the site."""
    last: int = 0
    """The document position of the subtree's last element."""
    prose: bool = False
    """Whether the subtree holds running text (:func:`holds_running_text`)."""
    paragraph: bool = False
    """Whether the element is a paragraph of the article (``p``, ``li``...: a sentence)."""


def _solid(text: str | None) -> int:
    return len("".join(text.split())) if text else 0


def _tallies(body: etree._Element, host: str) -> dict[etree._Element, _Tally]:
    """Each element's :class:`_Tally`, children first: one walk, however deep the nesting."""
    elements = [element for element in body.iter() if isinstance(element.tag, str)]
    tallies: dict[etree._Element, _Tally] = {}
    for position, element in reversed(list(enumerate(elements))):
        tally = _Tally(chars=_solid(element.text), last=position)
        for child in element:
            tally.chars += _solid(child.tail)
            inner = tallies.get(child)
            if inner is None:
                continue
            tally.chars += inner.chars
            tally.linked += inner.linked
            tally.links += inner.links
            tally.addressed += inner.addressed
            tally.within += inner.within
            tally.last = max(tally.last, inner.last)
            tally.prose = tally.prose or inner.prose
        if element.tag == "a":
            tally.prose = False  # a teaser card linked whole is a link, whatever it says
        if element.tag == "a" and tally.chars:
            tally.linked = tally.chars
            tally.links += 1
            address = _host(element.get("href"))
            if address is not None:
                tally.addressed += 1
                tally.within += _is_within(address, host)
        if _is_text_block(element) and (element.tag in _PROSE or not tally.prose):
            text = _unlinked_text(element)  # once, for both questions
            tally.prose = tally.prose or _is_running(text)
            tally.paragraph = element.tag in _PROSE and _is_paragraph(text)
        tallies[element] = tally
    return tallies


def _box_kind(element: etree._Element, tally: _Tally) -> str | None:
    """``links`` for a box that is nearly all links within the site, ``teasers`` for a list
    of items each led by such a link, None for anything else (or a box holding prose)."""
    if not tally.chars or tally.links < _MIN_LINKS or not tally.addressed:
        return None
    if tally.within < _SAME_SITE * tally.addressed:
        return None
    density = tally.linked / tally.chars
    if element.tag == "p" and density < _PARAGRAPH_DENSITY:
        return None  # a paragraph with many links is still a paragraph
    if density >= LINK_DENSITY:
        kind = "links"
    elif density >= _TEASER_DENSITY and _is_teaser_list(element):
        kind = "teasers"
    else:
        return None
    return None if tally.prose else kind


def _is_teaser_list(element: etree._Element) -> bool:
    """Whether the box is a list of items each led by a link (headline, then an excerpt line)."""
    items = [child for child in element if isinstance(child.tag, str) and _text(child)]
    if len(items) < _MIN_LINKS:
        return False
    led = sum(1 for item in items if item.tag == "a" or item.find(".//a") is not None)
    return led >= 0.8 * len(items)


def _heading_before(element: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """The short heading right before ``element``, if any (its previous element sibling)."""
    previous = element.getprevious()
    while previous is not None and not isinstance(previous.tag, str):
        previous = previous.getprevious()
    if previous is None or (previous.tail or "").strip():
        return None  # none, or words between it and the box
    text = _text(previous)
    if not text or len(text) > _HEADING_CHARS or previous.find(".//a") is not None:
        return None
    if previous.tag in _HEADINGS or (
        previous.tag in ("p", "div", "strong", "b", "span") and not _SENTENCE_END.search(text)
    ):
        return previous
    return None


def prune_by_structure(body: lxml_html.HtmlElement, host: str) -> int:
    """Cut boxes of links within the site ``host`` (see :func:`site_host`) and lists of
    teasers out of ``body`` in place; the number of boxes cut."""
    cut = 0
    tallies = _tallies(body, host)
    last_text = max((tally.last for tally in tallies.values() if tally.paragraph), default=-1)
    stack = [child for child in body if isinstance(child.tag, str)]
    while stack:
        element = stack.pop()
        tally = tallies.get(element)
        kind = _box_kind(element, tally) if tally and element.tag in _BOXES else None
        if kind is not None and tally is not None:
            heading = _heading_before(element)
            # A bare list of links inside the article, or of the site's posts each with a
            # line about it anywhere, may be what the post is about (a round-up of its own
            # posts); a box with a heading of its own is a box ("Read also", "Related").
            if heading is None and (kind == "teasers" or tally.last < last_text):
                stack.extend(child for child in element if isinstance(child.tag, str))
                continue
            if heading is not None:
                heading.drop_tree()
            element.drop_tree()
            cut += 1
            continue
        stack.extend(child for child in element if isinstance(child.tag, str))
    return cut
