"""A page's markup to an lxml tree, guarded against what makes libxml2's HTML parser lose text.

libxml2 stops at 256 levels of nesting and drops the rest of the document, drops the document
after an attribute larger than 10 MB unless ``huge_tree`` is set, and checks attributes for
duplicates in quadratic time (100,000 attributes on one element take over ten seconds). So:
``huge_tree`` always, tags with thousands of attributes cut down first, and a page that hit the
depth limit parsed again with its deepest tags flattened (their text kept). Each guard that
fires is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from lxml import etree
from lxml import html as lxml_html
from lxml.cssselect import CSSSelector

from wxrkit.clean.boilerplate import blank_long_values
from wxrkit.clean.depth import flatten_deep
from wxrkit.errors import Diagnostic

__all__ = [
    "MAX_ATTRIBUTES",
    "Document",
    "classes",
    "drop",
    "inner_html",
    "link_of",
    "parse_tree",
    "text_length",
]

MAX_ATTRIBUTES = 256
"""Attributes kept on one element; real markup has a handful, hostile markup 100,000."""

_LONG_TAG = re.compile(r"<[A-Za-z][^<>]{4096,}>")
_ATTRIBUTE = re.compile(r"""\s+([^\s"'=<>/]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?""")
_DEPTH_DEFECT = "Excessive depth"


def _cut_attributes(markup: str, source: str | None) -> tuple[str, list[Diagnostic]]:
    cut = 0

    def shorten(match: re.Match[str]) -> str:
        nonlocal cut
        tag = match.group(0)
        if tag.count("=") <= MAX_ATTRIBUTES:  # long for a big value, not for many attributes
            return tag
        name_end = re.match(r"<[A-Za-z][^\s/>]*", tag)
        assert name_end is not None  # the pattern starts with a tag name
        attributes = list(_ATTRIBUTE.finditer(tag, name_end.end(), len(tag) - 1))
        if len(attributes) <= MAX_ATTRIBUTES:
            return tag
        cut += 1
        kept = "".join(a.group(0) for a in attributes[:MAX_ATTRIBUTES])
        return f"{tag[: name_end.end()]}{kept}>"

    if not any(match.group(0).count("=") > MAX_ATTRIBUTES for match in _LONG_TAG.finditer(markup)):
        return markup, []  # no copy of a large page for nothing
    shortened = _LONG_TAG.sub(shorten, markup)
    if not cut:
        return markup, []
    return shortened, [
        Diagnostic(
            code="too-many-attributes",
            message=f"an element had more than {MAX_ATTRIBUTES} attributes; the rest were dropped",
            source=source,
            count=cut,
        )
    ]


def _parse(markup: str) -> tuple[lxml_html.HtmlElement, bool]:
    parser = lxml_html.HTMLParser(
        huge_tree=True, remove_comments=True, remove_pis=True, no_network=True
    )
    root = lxml_html.document_fromstring(markup, parser=parser)
    too_deep = any(_DEPTH_DEFECT in entry.message for entry in parser.error_log)
    return root, too_deep


def parse_tree(
    markup: str, source: str | None = None
) -> tuple[lxml_html.HtmlElement, list[Diagnostic]]:
    """The document element of ``markup`` and the guards that fired."""
    markup, diagnostics = _cut_attributes(markup, source)
    if not markup.strip():
        markup = "<html><body></body></html>"
    try:
        root, too_deep = _parse(markup)
    except (
        etree.ParserError
    ):  # "Document is empty": nothing but comments or processing instructions
        root, too_deep = _parse("<html><body></body></html>")
    if too_deep:
        root, _ = _parse(flatten_deep(markup))
        diagnostics.append(
            Diagnostic(
                code="too-deep",
                message="markup nested deeper than the HTML parser reads; the deepest tags "
                "were removed and their text kept",
                source=source,
            )
        )
    return root, diagnostics


_SIMPLE_PART = re.compile(r"\[\s*([\w-]+)[^\]]*\]|([.#]?)([A-Za-z_][\w-]*)")
# Tags libxml2 adds where a page leaves them out; never looked up in the markup.
_IMPLIED_TAGS = frozenset({"html", "head", "body", "p", "tbody"})


@cache
def _compiled(selector: str) -> tuple[CSSSelector, tuple[frozenset[str], ...]]:
    """The selector compiled to XPath, and per branch of a group the markers an element
    matching it must have: classes (``.name``), ids (``#name``), tags (``<name``) and
    attribute names (``@name``)."""
    branches = []
    for branch in selector.split(","):
        needed = set()
        for match in _SIMPLE_PART.finditer(branch):
            if match.group(1):
                needed.add("@" + match.group(1).lower())
            elif match.group(3):
                needed.add(f"{match.group(2) or '<'}{match.group(3).lower()}")
        branches.append(frozenset(needed))
    return CSSSelector(selector), tuple(branches)


_ALL_CLASSES = etree.XPath("//@class", smart_strings=False)
_ALL_IDS = etree.XPath("//@id", smart_strings=False)
_WORDS_LENGTH = etree.XPath("string-length(normalize-space())")


def text_length(element: etree._Element) -> int:
    """The length of the element's text, whitespace folded (computed inside libxml2)."""
    return int(_WORDS_LENGTH(element))


class Document:
    """A parsed page, with what classes, ids, tags and attributes occur in it.

    Most selectors of a list never match a given page (each theme uses its own); checking
    their markers against the page's skips the XPath walk over the whole tree for them.
    Classes and ids come from the tree; tags and attribute names from the markup, where a
    substring search is a superset of what the tree holds and far cheaper than a walk.
    """

    __slots__ = (
        "_lowered",
        "_markup",
        "_possible",
        "_present",
        "_seen",
        "block_classes",
        "ids",
        "root",
    )

    def __init__(self, root: lxml_html.HtmlElement, markup: str) -> None:
        self.root = root
        present: set[str] = set()
        # Attribute values come out of XPath as plain strings, without an element proxy each.
        for names in _ALL_CLASSES(root):
            present.update("." + name for name in str(names).lower().split())
        self.ids = frozenset(str(value) for value in _ALL_IDS(root))
        """Every ``id`` on the page, as written."""
        present.update("#" + value.lower() for value in self.ids)
        self._present = present
        self._markup = markup
        self._lowered: str | None = None
        self._seen: dict[str, bool] = {}
        self._possible: dict[str, bool] = {}
        self.block_classes = any(name.startswith(".wp-block-") for name in present)
        """Whether the page uses the block editor's ``wp-block-*`` classes."""

    def _in_markup(self, marker: str) -> bool:
        known = self._seen.get(marker)
        if known is None:
            if self._lowered is None:
                # Tag and attribute names ignore case; long values (inlined images) hold
                # neither, and copying them would double a large page's memory.
                self._lowered = blank_long_values(self._markup).lower()
                self._markup = ""  # not needed any more
            name = marker[1:]
            if marker.startswith("<"):
                known = name in _IMPLIED_TAGS or "<" + name in self._lowered
            else:
                known = name in self._lowered
            self._seen[marker] = known
        return known

    def has(self, marker: str) -> bool:
        """Whether the page may have the class (``.name``), id (``#name``), tag (``<name``)
        or attribute (``@name``)."""
        return self._has(marker.lower())

    def _has(self, marker: str) -> bool:
        if marker[0] in "<@":
            return self._in_markup(marker)
        return marker in self._present

    def _may_match(self, selector: str, branches: tuple[frozenset[str], ...]) -> bool:
        known = self._possible.get(selector)
        if known is None:
            known = any(all(self._has(marker) for marker in needed) for needed in branches)
            self._possible[selector] = known
        return known

    def select(
        self, scope: etree._Element, selectors: Iterable[str]
    ) -> list[lxml_html.HtmlElement]:
        """Elements in ``scope`` matching the first of ``selectors`` that matches anything."""
        for selector in selectors:
            compiled, branches = _compiled(selector)
            if not self._may_match(selector, branches):
                continue
            found = compiled(scope)
            if found:
                return found  # type: ignore[return-value]
        return []

    def first(
        self, scope: etree._Element, selectors: Iterable[str]
    ) -> lxml_html.HtmlElement | None:
        """The first element matching the first selector that matches anything."""
        found = self.select(scope, selectors)
        return found[0] if found else None


def link_of(element: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """The element itself if it is a link, else the first link inside it."""
    return element if element.tag == "a" else element.find(".//a")


def inner_html(element: etree._Element) -> str:
    """The markup inside ``element`` (its children and text, not its own tag or tail)."""
    markup = etree.tostring(element, encoding="unicode", method="html", with_tail=False)
    start, end = markup.find(">") + 1, markup.rfind("</")
    return markup[start:end].strip() if end >= start else ""


def drop(element: lxml_html.HtmlElement) -> None:
    """Remove ``element`` and its subtree, keeping its tail; an element without a parent (the
    root of a copy, which a selector run over the copy may match too) stays."""
    if element.getparent() is not None:
        element.drop_tree()


def classes(element: etree._Element) -> list[str]:
    """The element's class names."""
    return (element.get("class") or "").split()
