"""The readable text of an element: paragraphs apart, line breaks kept, inline spaces folded.

The walk runs in libxslt (a fixed stylesheet, all document and network access denied), which
is some thirty times faster than walking the tree from Python on large pages: it marks block
boundaries, ``<br>`` and ``<pre>`` with noncharacters (U+FDD0-U+FDD2) that Python then
turns into blank lines, line breaks and kept whitespace. A page that holds those
noncharacters itself (they have no business in a document) has them replaced first
(:func:`without_markers`), or they would be taken for marks.
"""

from __future__ import annotations

import re

from lxml import etree

__all__ = ["BLOCK_TAGS", "element_text", "fold", "without_markers"]

BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "details", "dialog", "div", "dl",
        "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
        "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
        "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "caption",
    }
)  # fmt: skip
"""Elements whose text stands apart from what comes before and after."""

_SKIPPED = frozenset({"script", "style", "noscript", "template", "head", "title"})
_BLOCK, _BREAK, _PRE = "\ufdd0", "\ufdd1", "\ufdd2"
_STYLESHEET = f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:output method="text" encoding="UTF-8"/>
<xsl:template match="{"|".join(sorted(_SKIPPED))}"/>
<xsl:template match="br"><xsl:text>{_BREAK}</xsl:text></xsl:template>
<xsl:template match="pre"><xsl:text>{_BLOCK}{_PRE}</xsl:text><xsl:apply-templates/>\
<xsl:text>{_BLOCK}</xsl:text></xsl:template>
<xsl:template match="{"|".join(sorted(BLOCK_TAGS - {"pre", "td", "th"}))}">\
<xsl:text>{_BLOCK}</xsl:text><xsl:apply-templates/><xsl:text>{_BLOCK}</xsl:text></xsl:template>
<xsl:template match="td|th"><xsl:apply-templates/><xsl:text> </xsl:text></xsl:template>
</xsl:stylesheet>""".replace("\\\n", "")
# Only runs and lone non-space whitespace match, so the common single space costs nothing.
_WHITESPACE = re.compile(r"\s{2,}|[^\S ]")
_TRANSFORM = etree.XSLT(
    etree.XML(_STYLESHEET.encode()), access_control=etree.XSLTAccessControl.DENY_ALL
)
_MARKERS = (_BLOCK, _BREAK, _PRE)


def without_markers(markup: str) -> tuple[str, bool]:
    """``markup`` with the noncharacters the walk marks with (U+FDD0-U+FDD2) replaced by
    U+FFFD, and whether it held any: what a page must go through before it is parsed."""
    if not any(marker in markup for marker in _MARKERS):
        return markup, False
    return markup.translate(dict.fromkeys(map(ord, _MARKERS), "\ufffd")), True


def fold(text: str) -> str:
    """``text`` with every run of whitespace (no-break spaces too) as one space, trimmed."""
    return " ".join(text.split())


def element_text(element: etree._Element) -> str:
    """The text of ``element``: blocks separated by a blank line, ``<br>`` as a line break."""
    raw = str(_TRANSFORM(element))
    if _PRE not in raw:
        # whole-string operations only, each a C loop over the text: no per-block Python work
        text = _WHITESPACE.sub(" ", raw)
        for mark in (_BREAK, _BLOCK):
            text = text.replace(" " + mark, mark).replace(mark + " ", mark)
        text = text.replace(_BREAK + _BLOCK, _BLOCK).replace(_BLOCK + _BREAK, _BLOCK)
        while _BLOCK + _BLOCK in text:
            text = text.replace(_BLOCK + _BLOCK, _BLOCK)
        while _BREAK + _BLOCK in text or _BLOCK + _BREAK in text:
            text = text.replace(_BREAK + _BLOCK, _BLOCK).replace(_BLOCK + _BREAK, _BLOCK)
        return text.replace(_BLOCK, "\n\n").replace(_BREAK, "\n").strip()
    blocks = []
    for block in raw.split(_BLOCK):
        if block.startswith(_PRE):
            lines = [line.rstrip() for line in block[1:].replace(_BREAK, "\n").split("\n")]
            kept = "\n".join(lines).strip("\n")
        else:
            kept = "\n".join(line for line in (fold(part) for part in block.split(_BREAK)) if line)
        if kept.strip():
            blocks.append(kept)
    return "\n\n".join(blocks)
