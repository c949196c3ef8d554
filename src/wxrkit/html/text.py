"""The readable text of an element: paragraphs apart, line breaks kept, inline spaces folded."""

from __future__ import annotations

from lxml import etree

__all__ = ["BLOCK_TAGS", "element_text", "fold"]

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


def fold(text: str) -> str:
    """``text`` with every run of whitespace (no-break spaces too) as one space, trimmed."""
    return " ".join(text.split())


def element_text(element: etree._Element) -> str:
    """The text of ``element``: blocks separated by a blank line, ``<br>`` as a line break.

    Comments are not walked (lxml's walker does not report them), so trees are parsed with
    ``remove_comments``, which keeps the text around a comment.
    """
    blocks: list[str] = []
    line: list[str] = []
    lines: list[str] = []

    def end_line() -> None:
        folded = fold("".join(line))
        if folded:
            lines.append(folded)
        line.clear()

    def end_block() -> None:
        end_line()
        if lines:
            blocks.append("\n".join(lines))
            lines.clear()

    walker = etree.iterwalk(element, events=("start", "end"))
    for event, node in walker:
        tag = node.tag if isinstance(node.tag, str) else ""
        if event == "start":
            if tag in _SKIPPED or not tag:
                walker.skip_subtree()
                continue
            if tag in BLOCK_TAGS:
                end_block()
            elif tag == "br":
                end_line()
            if node.text:
                line.append(node.text)
        else:
            if tag in BLOCK_TAGS:
                end_block()
            elif tag in ("td", "th"):
                line.append(" ")
            if node is not element and node.tail:
                line.append(node.tail)
    end_block()
    return "\n\n".join(blocks)
