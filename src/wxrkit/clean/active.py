"""Active content out of clean HTML: scripts, event handlers, and links that run code.

Exports and pages are written by strangers, and what wxrkit writes is published: a
``javascript:`` link becomes a Markdown link that Kramdown or Goldmark render as is. So every
body, whatever the cleaning steps, leaves without ``<script>``, without ``on…=`` attributes and
without URLs outside WordPress's own allowed protocols (:data:`wxrkit.urls.ALLOWED_SCHEMES`;
image data may stay as an image's source). The element keeps its text: a link that ran code is
its words.

Most bodies have nothing of the kind: a search of the text decides, and only a body with
something to remove is parsed and written again (by lxml, whose libxml2 reads HTML as the
WHATWG algorithm does; the tests read the result with html5lib, as a browser would).
"""

from __future__ import annotations

import html
import re

from lxml import etree
from lxml import html as lxml_html

from wxrkit.urls import is_safe_url, may_have_scheme_ahead

__all__ = ["remove_active_content"]

_URL_ATTRIBUTES = frozenset(
    "href src srcset action formaction poster data cite background longdesc usemap codebase "  # noqa: SIM905
    "dynsrc lowsrc ping xlink:href manifest".split()
)
_IMAGE_ATTRIBUTES = frozenset({"src", "poster", "srcset"})
_ACTIVE_ELEMENTS = frozenset({"script"})
_NOTHING_WITHOUT_SOURCE = frozenset({"img", "iframe", "embed", "frame"})
_ALWAYS_REMOVED = frozenset({"srcdoc"})
"""Attributes that are a document of their own (an ``<iframe srcdoc>`` runs its scripts)."""
_ANIMATED_LINKS = frozenset({"animate", "set"})
"""SVG elements that can set a link's address as it is shown (``<set to="javascript:…">``)."""
_ACTIVE_ELEMENT = re.compile(r"<\s*/?\s*(?:script|svg|math)")
"""A script, or an SVG or MathML island (which can hold one), in lower-case text."""
_ACTIVE_ATTRIBUTE = re.compile(r"(?:on[a-z]+|srcdoc)\s*=")
"""An event handler, or a document in an attribute, in lower-case text."""
_URL_NAME = re.compile(
    rf"(?:{'|'.join(sorted(map(re.escape, _URL_ATTRIBUTES), key=len, reverse=True))})\s*=\s*"
)
"""An attribute of :data:`_URL_ATTRIBUTES` up to its value, in lower-case text."""
_VALUE_END = {'"': re.compile('"'), "'": re.compile("'")}
_UNQUOTED_VALUE_END = re.compile(r"[\s>]")
_LONGEST_VALUE_READ = 4096
_CUT_REFERENCE = re.compile(r"&[#\w]*$")


def _safe_value(name: str, value: str) -> bool:
    image = name in _IMAGE_ATTRIBUTES
    if name == "srcset":
        return all(
            is_safe_url(candidate.strip().split(" ")[0], image=True)
            for candidate in value.split(",")
            if candidate.strip()
        )
    return is_safe_url(value, image=image)


def _without_source(element: lxml_html.HtmlElement) -> bool:
    """An image, frame or player left with nothing to show (its source ran code)."""
    if element.tag in _NOTHING_WITHOUT_SOURCE:
        return not element.get("src")
    if element.tag in ("audio", "video"):
        sources = [element, *element.iter("source")]
        return not any(source.get("src") for source in sources)
    return False


def _needs_work(markup: str) -> bool:
    """Whether the text holds anything :func:`remove_active_content` removes.

    The text is searched as a whole, not tag by tag: where a tag starts and where a quoted
    value ends is the parser's call (and parsers differ), so every place where an attribute's
    name could start is looked at, inside values and text too. That only makes the full parse
    run for some bodies that did not need it; it never lets one through that did.
    """
    lowered = _same_length_lower(markup)
    if _ACTIVE_ELEMENT.search(lowered):
        return True
    for found in _ACTIVE_ATTRIBUTE.finditer(lowered):
        if _name_starts_at(markup, found.start()):
            return True
    for found in _URL_NAME.finditer(lowered):
        name = found.group().partition("=")[0].rstrip()
        if _name_starts_at(markup, found.start()) and _unsafe_value_at(markup, name, found.end()):
            return True
    return False


def _same_length_lower(markup: str) -> str:
    """``markup`` in lower case, each character where it was. Searching it with case-sensitive
    patterns is several times faster than searching ``markup`` ignoring case. Only U+0130
    lowers to two characters; it is in no attribute's name, so any name character stands in."""
    lowered = markup.lower()
    if len(lowered) != len(markup):
        lowered = markup.replace("\u0130", "x").lower()
    return lowered


def _name_starts_at(markup: str, index: int) -> bool:
    """Whether an attribute's name can start at ``index``: a name character before it would
    make it the tail of another name (which never starts with ``on`` nor is a URL
    attribute). The patterns leave this test out, which lets the regex engine skip ahead to
    their first letters."""
    if index == 0:
        return True
    before = markup[index - 1]
    return not (before.isalnum() or before in "_.-")


def _unsafe_value_at(markup: str, name: str, start: int) -> bool:
    """Whether the value of attribute ``name`` starting at ``start`` may be unsafe; values
    longer than :data:`_LONGEST_VALUE_READ` are judged by their start, when it decides."""
    quote = markup[start : start + 1]
    if quote in _VALUE_END:
        start += 1
        end = _VALUE_END[quote].search(markup, start, start + _LONGEST_VALUE_READ)
    else:
        end = _UNQUOTED_VALUE_END.search(markup, start, start + _LONGEST_VALUE_READ)
    if end is not None or start + _LONGEST_VALUE_READ >= len(markup):
        stop = end.start() if end is not None else len(markup)
        return not _safe_value(name, html.unescape(markup[start:stop]))
    if name == "srcset":
        return True  # every candidate of a set counts, and only the start was read
    head = html.unescape(_CUT_REFERENCE.sub("", markup[start : start + _LONGEST_VALUE_READ]))
    return may_have_scheme_ahead(head) or not _safe_value(name, head)


def remove_active_content(markup: str) -> str:
    """``markup`` without scripts, event handlers and unsafe URLs (see the module)."""
    if "<" not in markup or not _needs_work(markup):
        return markup
    wrapper = lxml_html.fragment_fromstring(markup, create_parent="div")
    for element in list(wrapper.iter()):
        if not isinstance(element.tag, str):
            continue
        if element.tag in _ACTIVE_ELEMENTS or (
            element.tag in _ANIMATED_LINKS
            and element.get("attributename", "").lower() in _URL_ATTRIBUTES
        ):
            if element.getparent() is not None:
                element.drop_tree()
            continue
        for name in list(element.attrib):
            lowered = name.lower()
            if (
                lowered.startswith("on")
                or lowered in _ALWAYS_REMOVED
                or (lowered in _URL_ATTRIBUTES and not _safe_value(lowered, element.attrib[name]))
            ):
                del element.attrib[name]
        if _without_source(element) and element.getparent() is not None:
            element.drop_tree()
    inner = (wrapper.text and html.escape(wrapper.text, quote=False)) or ""
    return inner + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in wrapper
    )
