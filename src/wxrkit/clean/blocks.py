"""Block-editor (Gutenberg) content: ``<!-- wp:name {json} -->...<!-- /wp:name -->`` comments.

:func:`parse_blocks` builds the block tree the way WordPress's block parser does: void blocks
(``<!-- wp:name /-->``), namespaced names (``plugin/name``; plain names are ``core/``), JSON
attributes, nesting, and free-form HTML between blocks. :func:`render_blocks` gives the HTML a
reader saw: the comments removed, the inner HTML kept, and attributes applied where they carry
meaning (a code block's language, an embed's URL, a reusable block's content).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from wxrkit.clean.shortcode_handlers import embed_link

__all__ = ["MAX_BLOCK_DEPTH", "Block", "has_blocks", "parse_blocks", "render_blocks"]

MAX_BLOCK_DEPTH = 100
"""Block comments nested deeper are kept as plain HTML comments (hostile content)."""

_DELIMITER = re.compile(
    r"<!--\s+(?P<closer>/)?wp:(?P<namespace>[a-z][a-z0-9_-]*/)?(?P<name>[a-z][a-z0-9_-]*)"
    r"\s+(?P<attrs>\{.*?\}\s+)?(?P<void>/)?-->",
    re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class Block:
    """One block; ``name`` None stands for free-form HTML between blocks."""

    name: str | None
    """``core/paragraph``, ``jetpack/slideshow``...; None for free-form HTML."""
    attributes: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    """The comment's JSON attributes (empty where absent or not valid JSON)."""
    inner: tuple[str | Block, ...] = ()
    """The block's content in order: HTML strings and inner blocks."""

    @property
    def inner_blocks(self) -> tuple[Block, ...]:
        """The blocks directly inside this one."""
        return tuple(part for part in self.inner if isinstance(part, Block))

    @property
    def inner_html(self) -> str:
        """The block's own HTML, inner blocks left out."""
        return "".join(part for part in self.inner if isinstance(part, str))


def has_blocks(content: str) -> bool:
    """Whether the content holds block comments (WordPress's ``has_blocks``)."""
    return "<!-- wp:" in content


def _attributes(text: str | None) -> Mapping[str, Any]:
    if not text:
        return MappingProxyType({})
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return MappingProxyType({})
    return MappingProxyType(value) if isinstance(value, dict) else MappingProxyType({})


@dataclass
class _Open:
    name: str
    attributes: Mapping[str, Any]
    inner: list[str | Block] = field(default_factory=list)


def parse_blocks(content: str) -> list[Block]:
    """The top-level blocks of ``content``, free-form HTML included as ``Block(name=None)``."""
    top: list[Block] = []
    stack: list[_Open] = []
    at = 0

    def add_text(text: str) -> None:
        if not text:
            return
        if stack:
            stack[-1].inner.append(text)
        else:
            top.append(Block(None, inner=(text,)))

    def add_block(block: Block) -> None:
        (stack[-1].inner if stack else top).append(block)

    for match in _DELIMITER.finditer(content):
        add_text(content[at : match.start()])
        at = match.end()
        name = (match.group("namespace") or "core/") + match.group("name")
        if match.group("closer"):
            if stack and stack[-1].name == name:
                done = stack.pop()
                add_block(Block(done.name, done.attributes, tuple(done.inner)))
            else:  # a closer without its opener: WordPress keeps it as HTML
                add_text(match.group(0))
        elif match.group("void"):
            add_block(Block(name, _attributes(match.group("attrs"))))
        elif len(stack) >= MAX_BLOCK_DEPTH:
            add_text(match.group(0))
        else:
            stack.append(_Open(name, _attributes(match.group("attrs"))))
    add_text(content[at:])
    while stack:  # unclosed blocks end with the content
        done = stack.pop()
        add_block(Block(done.name, done.attributes, tuple(done.inner)))
    return top


_CODE_TAG = re.compile(r"<code(?![^>]*\bclass=)([^>]*)>")
_EMBED_WRAPPER_URL = re.compile(
    r'(<div class="wp-block-embed__wrapper">)\s*(https?://[^\s<]+)\s*(</div>)'
)

BlockRenderer = Callable[[Block, str], str]
"""Gets the block and its rendered inner HTML; returns the block's HTML."""


def _code(block: Block, inner: str) -> str:
    language = block.attributes.get("language")
    if isinstance(language, str) and language:
        css = html.escape(f"language-{language.lower()}")
        return _CODE_TAG.sub(rf'<code class="{css}"\1>', inner, count=1)
    return inner


def _embed(block: Block, inner: str) -> str:
    def link(match: re.Match[str]) -> str:
        url = match.group(2)
        return (
            f'{match.group(1)}<a href="{html.escape(url)}">{html.escape(url)}</a>{match.group(3)}'
        )

    rendered = _EMBED_WRAPPER_URL.sub(link, inner)
    url = block.attributes.get("url")
    if rendered == inner and isinstance(url, str) and url and url not in inner:
        rendered += embed_link(url)
    return rendered


RENDERERS: dict[str, BlockRenderer] = {
    "core/code": _code,
    "core/embed": _embed,
    "core-embed/youtube": _embed,
    "core-embed/vimeo": _embed,
    "core-embed/twitter": _embed,
}
"""Blocks whose attributes change their HTML; every other block renders its inner HTML."""


def render_blocks(blocks: Sequence[Block], reusable: Mapping[int, str] | None = None) -> str:
    """The HTML of ``blocks`` with the block comments removed.

    ``reusable`` maps ``wp_block`` post ids to their content, for ``core/block`` references;
    a reference not found there is kept as its comment.
    """
    return "".join(_render(block, reusable or {}, 0) for block in blocks)


def _render(block: Block, reusable: Mapping[int, str], depth: int) -> str:
    if block.name == "core/block":
        ref = block.attributes.get("ref")
        if isinstance(ref, int) and ref in reusable and depth < MAX_BLOCK_DEPTH:
            return "".join(
                _render(inner, reusable, depth + 1) for inner in parse_blocks(reusable[ref])
            )
        return f"<!-- wp:block {json.dumps(dict(block.attributes))} /-->"
    inner = "".join(
        part if isinstance(part, str) else _render(part, reusable, depth + 1)
        for part in block.inner
    )
    if block.name is not None and block.name in RENDERERS:
        return RENDERERS[block.name](block, inner)
    return inner
