"""Active content out of clean HTML: scripts, event handlers, and links that run code.

Exports and pages are written by strangers, and what wxrkit writes is published: a
``javascript:`` link becomes a Markdown link that Kramdown or Goldmark render as is. So every
body, whatever the cleaning steps, leaves without ``<script>``, without ``on…=`` attributes and
without URLs outside WordPress's own allowed protocols (:data:`wxrkit.urls.ALLOWED_SCHEMES`;
image data may stay as an image's source). The element keeps its text: a link that ran code is
its words.

Most bodies have nothing of the kind: a scan of their attributes decides, and only a body with
something to remove is parsed and written again.
"""

from __future__ import annotations

import html
import re

from lxml import etree
from lxml import html as lxml_html

from wxrkit.urls import is_safe_url

__all__ = ["remove_active_content"]

_URL_ATTRIBUTES = frozenset(
    "href src srcset action formaction poster data cite background longdesc usemap codebase "  # noqa: SIM905
    "dynsrc lowsrc ping xlink:href manifest".split()
)
_IMAGE_ATTRIBUTES = frozenset({"src", "poster", "srcset"})
_ACTIVE_ELEMENTS = frozenset({"script"})
_NOTHING_WITHOUT_SOURCE = frozenset({"img", "iframe", "embed", "frame"})
_TAG = re.compile(r"""<[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>?""")
"""A tag, its quoted attribute values whole (a ``>`` inside quotes does not end it)."""
_ACTIVE_TAG = re.compile(r"<\s*/?\s*(?:script|svg|math)\b", re.I)
_HANDLER = re.compile(r"[\s/\"']on[a-z]+\s*=", re.I)
_URL_VALUE = re.compile(
    rf"\b({'|'.join(sorted(map(re.escape, _URL_ATTRIBUTES), key=len, reverse=True))})"
    r"\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)",
    re.I,
)
"""An attribute of :data:`_URL_ATTRIBUTES` and its value, in a tag's text."""


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
    """Whether any tag is a script (or an SVG or MathML island, which can hold one), has an
    event handler, or links somewhere unsafe. Only the tags are looked at: the text between
    them, most of a body, is skipped at the speed of a search for ``<``."""
    for found in _TAG.finditer(markup):
        tag = found.group()
        if _ACTIVE_TAG.match(tag):
            return True
        if "=" not in tag:
            continue
        if _HANDLER.search(tag):
            return True
        for match in _URL_VALUE.finditer(tag):
            value = match.group(2)
            if value[:1] in "\"'":
                value = value[1:-1]
            if not _safe_value(match.group(1).lower(), html.unescape(value)):
                return True
    return False


def remove_active_content(markup: str) -> str:
    """``markup`` without scripts, event handlers and unsafe URLs (see the module)."""
    if "<" not in markup or not _needs_work(markup):
        return markup
    wrapper = lxml_html.fragment_fromstring(markup, create_parent="div")
    for element in list(wrapper.iter()):
        if not isinstance(element.tag, str):
            continue
        if element.tag in _ACTIVE_ELEMENTS:
            if element.getparent() is not None:
                element.drop_tree()
            continue
        for name in list(element.attrib):
            lowered = name.lower()
            if lowered.startswith("on") or (
                lowered in _URL_ATTRIBUTES and not _safe_value(lowered, element.attrib[name])
            ):
                del element.attrib[name]
        if _without_source(element) and element.getparent() is not None:
            element.drop_tree()
    inner = (wrapper.text and html.escape(wrapper.text, quote=False)) or ""
    return inner + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in wrapper
    )
