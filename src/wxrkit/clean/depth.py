"""A guard for markup nested deeper than HTML converters handle.

HTML parsers and converters cap nesting (libxml2's HTML parser at 256 levels, html-to-markdown
near 1,000) and drop what lies below, silently. Content nested deeper than any real post is
flattened first: tags past the limit are removed and their text kept.
"""

from __future__ import annotations

import re

__all__ = ["MAX_HTML_DEPTH", "flatten_deep"]

MAX_HTML_DEPTH = 200
"""Deepest element nesting kept; real posts nest a few dozen levels at most."""

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)\b[^>]*?(/?)>")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)


def flatten_deep(html: str, max_depth: int = MAX_HTML_DEPTH) -> str:
    """``html`` with the tags nested deeper than ``max_depth`` removed, their text kept."""
    if html.count("<") <= max_depth:
        return html
    out: list[str] = []
    depth = 0
    dropped: list[int] = []  # depths whose opening tag was dropped, to drop their closers
    at = 0
    changed = False
    for match in _TAG.finditer(html):
        out.append(html[at : match.start()])
        at = match.end()
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if name in _VOID or self_closing:
            out.append(match.group(0))
        elif closing:
            if dropped and dropped[-1] == depth:
                dropped.pop()
                changed = True
            else:
                out.append(match.group(0))
            depth = max(depth - 1, 0)
        else:
            depth += 1
            if depth > max_depth:
                dropped.append(depth)
                changed = True
            else:
                out.append(match.group(0))
    out.append(html[at:])
    return "".join(out) if changed else html
