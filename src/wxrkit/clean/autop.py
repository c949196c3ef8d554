"""WordPress's automatic paragraphs (``wpautop``), reimplemented from its documented behaviour.

Classic-editor posts are stored without ``<p>``: WordPress makes paragraphs at display time
from blank lines, and line breaks (``<br />``) from single newlines. Block-level elements are
never wrapped in a paragraph; ``<pre>`` is left untouched; newlines inside tags, HTML comments,
``<script>``, ``<style>``, ``<svg>``, ``<math>`` (and, unlike WordPress, ``<textarea>``) are not
turned into ``<br />``; ``<option>``,
``<object>``/``<param>``/``<embed>``, ``<audio>``/``<video>``/``<source>``/``<track>`` and
``<figcaption>`` get no stray breaks. WordPress applies this only to content without block
comments; :class:`wxrkit.clean.Cleaner` does the same.

tests/clean/test_autop.py holds the table of cases this follows.
"""

from __future__ import annotations

import functools
import re

__all__ = ["BLOCK_TAGS", "shortcode_unautop", "wpautop"]

BLOCK_TAGS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|"
    "area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|"
    "header|footer|nav|figure|figcaption|details|menu|summary"
)
"""The elements WordPress treats as blocks: never inside a paragraph of their own making."""

_BLOCK = f"(?:{BLOCK_TAGS})"
_NEWLINE_IN_TAG = " <!-- wpnl --> "
_KEPT_NEWLINE = "<WPPreserveNewline />"

_DOUBLE_BR = re.compile(r"<br\s*/?>\s*<br\s*/?>")
_BEFORE_BLOCK_OPEN = re.compile(rf"(<{_BLOCK}[\s/>])")
_AFTER_BLOCK_CLOSE = re.compile(rf"(</{_BLOCK}>)")
_AFTER_HR = re.compile(r"(<hr\s*?/?>)")
_TAG_OR_COMMENT = re.compile(r"(<!--.*?-->|<[^>]*>?)", re.DOTALL)
# The quantifiers marked possessive (``*+``, ``++``) are followed by what they cannot match
# (``[^>]*`` by ``>``), so giving characters back never finds another match: they only spare
# the regex engine from trying (the unclosed-paragraph pattern was an eighth of wpautop).
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_EMPTY_P = re.compile(r"<p>\s*</p>")
_UNCLOSED_IN_CONTAINER = re.compile(r"<p>([^<]++)</(div|address|form)>")
_P_AROUND_BLOCK = re.compile(rf"<p>\s*+(</?{_BLOCK}[^>]*+>)\s*+</p>")
_P_AROUND_LI = re.compile(r"<p>(<li.+?)</p>")
_P_BEFORE_BLOCKQUOTE = re.compile(r"<p><blockquote([^>]*)>", re.IGNORECASE)
_P_BEFORE_BLOCK = re.compile(rf"<p>\s*+(</?{_BLOCK}[^>]*+>)")
_P_CLOSE_AFTER_BLOCK = re.compile(rf"(</?{_BLOCK}[^>]*+>)\s*+</p>")
# WordPress protects script, style, svg and math; wxrkit also protects textarea, whose text
# WordPress would show readers with a literal "<br />" in it.
_RAW_TEXT = re.compile(r"<(script|style|svg|math|textarea)\b.*?</\1>", re.DOTALL)
_BARE_NEWLINE = re.compile(r"(?<!<br />)\s*\n")
"""The rule of :func:`break_lines`, which applies it without trying every character."""
_BR_AFTER_BLOCK = re.compile(rf"(</?{_BLOCK}[^>]*+>)\s*+<br />")
_BR_BEFORE_BLOCK = re.compile(r"<br />(\s*+</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*+>)")


def _protect_pre(text: str) -> tuple[str, dict[str, str]]:
    """Swap each ``<pre>...</pre>`` for a placeholder, to be put back untouched at the end."""
    if "<pre" not in text:
        return text, {}
    *parts, last = text.split("</pre>")
    kept: dict[str, str] = {}
    out: list[str] = []
    for part in parts:
        start = part.find("<pre")
        if start < 0:  # a stray </pre>: WordPress drops it with the split
            out.append(part)
            continue
        placeholder = f"<pre wp-pre-tag-{len(kept)}></pre>"
        kept[placeholder] = part[start:] + "</pre>"
        out.append(part[:start] + placeholder)
    out.append(last)
    return "".join(out), kept


def _newlines_in_tags(text: str) -> str:
    """Mark newlines inside tags and comments so that they become neither ``<p>`` nor ``<br>``."""
    if "\n" not in text:
        return text
    pieces = _TAG_OR_COMMENT.split(text)
    for index in range(1, len(pieces), 2):
        if "\n" in pieces[index]:
            pieces[index] = pieces[index].replace("\n", _NEWLINE_IN_TAG)
    return "".join(pieces)


def _collapse_around_media(text: str) -> str:
    if "<option" in text:
        text = re.sub(r"\s*<option", "<option", text)
        text = re.sub(r"</option>\s*", "</option>", text)
    if "</object>" in text:
        text = re.sub(r"(<object[^>]*>)\s*", r"\1", text)
        text = re.sub(r"\s*</object>", "</object>", text)
        text = re.sub(r"\s*(</?(?:param|embed)[^>]*>)\s*", r"\1", text)
    if "<source" in text or "<track" in text:
        text = re.sub(r"([<\[](?:audio|video)[^>\]]*[>\]])\s*", r"\1", text)
        text = re.sub(r"\s*([<\[]/(?:audio|video)[>\]])", r"\1", text)
        text = re.sub(r"\s*(<(?:source|track)[^>]*>)\s*", r"\1", text)
    if "<figcaption" in text:
        text = re.sub(r"\s*(<figcaption[^>]*>)", r"\1", text)
        text = re.sub(r"</figcaption>\s*", "</figcaption>", text)
    return text


def _paragraphs(text: str) -> str:
    text = re.sub(r"\n\n+", "\n\n", text)
    pieces = [piece for piece in _PARAGRAPH_BREAK.split(text) if piece]
    return "".join(f"<p>{piece.strip(chr(10))}</p>\n" for piece in pieces)


def _unwrap_blocks(text: str) -> str:
    text = _EMPTY_P.sub("", text)
    text = _UNCLOSED_IN_CONTAINER.sub(r"<p>\1</p></\2>", text)
    text = _P_AROUND_BLOCK.sub(r"\1", text)
    text = _P_AROUND_LI.sub(r"\1", text)
    text = _P_BEFORE_BLOCKQUOTE.sub(r"<blockquote\1><p>", text)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = _P_BEFORE_BLOCK.sub(r"\1", text)
    return _P_CLOSE_AFTER_BLOCK.sub(r"\1", text)


def break_lines(text: str) -> str:
    """``_BARE_NEWLINE.sub("<br />\\n", text)``, computed from the newlines outward.

    The regex is tried at every character, which made it most of wpautop's time. A match is
    a whitespace run up to its last newline, unless ``<br />`` precedes the run, when it starts
    one character later (and needs a newline after that character).
    """
    out: list[str] = []
    at = 0
    end = len(text)
    newline = text.find("\n")
    while newline != -1:
        start = newline
        while start > at and text[start - 1].isspace():
            start -= 1
        stop = newline + 1
        while stop < end and text[stop].isspace():
            stop += 1
        last = text.rfind("\n", newline, stop)
        if text.endswith("<br />", 0, start):
            start += 1
        if start <= last:
            out.append(text[at:start])
            out.append("<br />\n")
            at = last + 1
        newline = text.find("\n", stop)
    out.append(text[at:])
    return "".join(out)


def _line_breaks(text: str) -> str:
    if any(tag in text for tag in ("<script", "<style", "<svg", "<math", "<textarea")):
        text = _RAW_TEXT.sub(lambda match: match.group(0).replace("\n", _KEPT_NEWLINE), text)
    text = text.replace("<br>", "<br />").replace("<br/>", "<br />")
    text = break_lines(text)
    return text.replace(_KEPT_NEWLINE, "\n")


def wpautop(text: str, *, br: bool = True) -> str:
    """Paragraphs and line breaks for classic-editor content, as WordPress displays it.

    ``br=False`` keeps single newlines as they are (WordPress's second argument).
    """
    if not text.strip():
        return ""
    text, pre = _protect_pre(text + "\n")
    text = _DOUBLE_BR.sub("\n\n", text)
    text = _BEFORE_BLOCK_OPEN.sub(r"\n\n\1", text)
    text = _AFTER_BLOCK_CLOSE.sub(r"\1\n\n", text)
    text = _AFTER_HR.sub(r"\1\n\n", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _newlines_in_tags(text)
    text = _collapse_around_media(text)
    text = _unwrap_blocks(_paragraphs(text))
    if br:
        text = _line_breaks(text)
    text = _BR_AFTER_BLOCK.sub(r"\1", text)
    text = _BR_BEFORE_BLOCK.sub(r"\1", text)
    text = re.sub(r"\n</p>$", "</p>", text)
    for placeholder, original in pre.items():
        text = text.replace(placeholder, original)
    if "<!-- wpnl -->" in text:
        text = text.replace(_NEWLINE_IN_TAG, "\n").replace("<!-- wpnl -->", "\n")
    return text


def shortcode_unautop(text: str, names: frozenset[str] | set[str]) -> str:
    """Unwrap the ``<p>`` autop put around a shortcode that stands alone in its paragraph.

    Only the given (registered) names are unwrapped, as WordPress does.
    """
    if not names or "[" not in text:
        return text
    return _alone(frozenset(names)).sub(lambda match: match.group(1) + "\n", text)


@functools.lru_cache(maxsize=8)
def _alone(names: frozenset[str]) -> re.Pattern[str]:
    """A shortcode of ``names`` alone in its paragraph; built once per registry (escaping
    and joining forty names for every post cost more than the search)."""
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(
        rf"<p>\s*(\[({alternatives})(?![\w-])[^\]]*\](?:(?:(?!</p>).)*?\[/\2\])?)\s*</p>\n?",
        re.DOTALL,
    )
