"""Removing blog-page boilerplate from a post body, by the rules in :mod:`boilerplate_rules`.

An element goes when its class or id is a boilerplate one, or when its whole text (whitespace
folded) is a boilerplate line. Content without any rule's marker is returned untouched, without
being parsed; content the HTML parser would not read whole (it caps nesting and drops text
after some defects) is returned untouched too, so the step never loses article text.
"""

from __future__ import annotations

import html
import re

from lxml import etree
from lxml import html as lxml_html

from wxrkit.clean.boilerplate_rules import (
    BOILERPLATE_CLASSES,
    BOILERPLATE_IDS,
    BOILERPLATE_LINES,
    BOILERPLATE_PATTERNS,
)

__all__ = ["blank_long_values", "is_boilerplate_line", "remove_boilerplate"]

_SPACE = re.compile(r"\s+")
_TAGS = re.compile(r"<[^>]*>")
_SHORT_TEXT = re.compile(r">([^<>]{1,200})<")
_NAMES = BOILERPLATE_CLASSES | BOILERPLATE_IDS
_LINES = frozenset(" ".join(line.split()) for line in BOILERPLATE_LINES)


_PATTERN_HINTS = ("permalink", "Log Out", "Posted in", "Filed under")


def is_boilerplate_line(text: str) -> bool:
    """Whether ``text`` as a whole (whitespace folded) is a boilerplate line."""
    folded = " ".join(text.split())  # str.split also splits at no-break spaces
    if not folded:
        return False
    if folded in _LINES:
        return True
    return any(hint in folded for hint in _PATTERN_HINTS) and any(
        pattern.fullmatch(folded) for pattern in BOILERPLATE_PATTERNS
    )


_LONG_VALUE = re.compile(r"""="[^"]{4096,}"|='[^']{4096,}'""")


def blank_long_values(markup: str) -> str:
    """``markup`` with attribute values over 4,096 characters emptied, for scans that look at
    names, classes and text: an inlined image is none of them, and copying it is costly."""
    return _LONG_VALUE.sub('=""', markup) if len(markup) > 1 << 20 else markup


# Each quick look runs in C over the whole content; the precise rules run only on content that
# passes one (a look may say yes wrongly, never no wrongly). A class or id value's names are
# among the content's words once quotes count as spaces.
_LINE = re.compile(
    r">\s*(?:"
    + "|".join(
        r"\s+".join(re.escape(word) for word in line.split())
        for line in sorted(_LINES, key=len, reverse=True)
    )
    + r")\s*<"
)


def _might_hold_boilerplate(content: str) -> bool:
    """A quick look: a boilerplate class or id, or a text between tags that is a rule's line."""
    content = blank_long_values(content)
    words = content.replace('"', " ").replace("'", " ").split()
    if not _NAMES.isdisjoint(words) or _LINE.search(content):
        return True
    if not any(hint in content for hint in _PATTERN_HINTS):
        return False
    return any(
        is_boilerplate_line(match.group(1))
        for match in _SHORT_TEXT.finditer(content)
        if not match.group(1).isspace()
    )


def _is_boilerplate_element(element: lxml_html.HtmlElement) -> bool:
    classes = (element.get("class") or "").split()
    if BOILERPLATE_CLASSES.intersection(classes) or element.get("id") in BOILERPLATE_IDS:
        return True
    return is_boilerplate_line(element.text_content())


def remove_boilerplate(content: str) -> str:
    """``content`` without the boilerplate elements; untouched where there are none."""
    if not _might_hold_boilerplate(content):
        return content
    parser = lxml_html.HTMLParser(huge_tree=True, remove_comments=False)
    try:
        document = lxml_html.document_fromstring(
            f"<html><body>{content}</body></html>", parser=parser
        )
    except (etree.ParserError, ValueError):
        return content
    body = document.body
    if body is None:
        return content
    expected = len(_SPACE.sub("", html.unescape(_TAGS.sub("", content))))
    if len(_SPACE.sub("", body.text_content())) < expected * 0.98:
        return content  # the parser did not read it whole; keep everything
    removed = False
    stack = list(reversed(body))
    while stack:
        element = stack.pop()
        if not isinstance(element.tag, str):
            continue
        if _is_boilerplate_element(element):
            element.drop_tree()
            removed = True
        else:
            stack.extend(reversed(element))
    if not removed:
        return content
    parts = [body.text or ""]
    parts.extend(etree.tostring(child, encoding="unicode", method="html") for child in body)
    return "".join(parts)
