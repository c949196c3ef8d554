"""WordPress shortcodes: the grammar, a registry of handlers, and expansion.

The grammar is WordPress's (``get_shortcode_regex`` and ``shortcode_parse_atts``): a name,
attributes double-quoted, single-quoted, unquoted or positional, self-closing (``[x /]``) or
enclosing (``[x]...[/x]``), and ``[[x]]`` to print ``[x]`` literally. As in WordPress, only
registered names are shortcodes: anything else, and anything malformed (``[caption`` never
closed), stays in the text verbatim. Handlers expand nested shortcodes by calling
:meth:`ShortcodeContext.expand` on their content, to a bounded depth.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from wxrkit.models import Attachment

__all__ = [
    "MAX_NESTING",
    "Shortcode",
    "ShortcodeContext",
    "ShortcodeHandler",
    "ShortcodeRegistry",
    "parse_attributes",
]

MAX_NESTING = 16
"""Deeper nesting of handled shortcodes is left unexpanded (hostile content)."""


@dataclass(frozen=True, slots=True)
class Shortcode:
    """One shortcode occurrence."""

    name: str
    """The tag name, e.g. ``caption``."""
    attributes: Mapping[str, str]
    """Named attributes (names lowercased), in order."""
    positional: tuple[str, ...]
    """Values without a name, e.g. the URL of ``[embed https://...]``."""
    content: str | None
    """What stands between ``[name]`` and ``[/name]``; None for a self-closing use."""
    raw: str
    """The whole occurrence as written."""
    attributes_text: str = ""
    """The attribute text as written (Jetpack's ``[youtube=URL]`` needs it)."""

    def get(self, *names: str, default: str = "") -> str:
        """The first of ``names`` that is set."""
        for name in names:
            if name in self.attributes:
                return self.attributes[name]
        return default


@dataclass(slots=True)
class ShortcodeContext:
    """What handlers may use: the export's attachments, the post's, and nested expansion."""

    registry: ShortcodeRegistry
    attachments: Mapping[int, Attachment] = field(default_factory=dict)
    """Every attachment of the export, by id (for ``[gallery ids=...]``)."""
    post_attachments: tuple[Attachment, ...] = ()
    """The attachments of the post being cleaned (a ``[gallery]`` without ids shows these)."""
    depth: int = 0

    def expand(self, text: str) -> str:
        """Expand the registered shortcodes in ``text`` (for enclosing handlers' content)."""
        if self.depth >= MAX_NESTING:
            return text
        self.depth += 1
        try:
            return self.registry.expand(text, self)
        finally:
            self.depth -= 1


ShortcodeHandler = Callable[[Shortcode, ShortcodeContext], str]
"""A handler returns the HTML that replaces the shortcode."""

_ATTRIBUTE = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)"""
    r"""|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)"""
    r"""|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)"""
    r"""|"([^"]*)"(?:\s|$)"""
    r"""|'([^']*)'(?:\s|$)"""
    r"""|(\S+)(?:\s|$)"""
)
_ODD_SPACE = re.compile("[\u00a0\u200b]+")


def parse_attributes(text: str) -> tuple[dict[str, str], tuple[str, ...]]:
    """Named and positional attributes, as ``shortcode_parse_atts`` reads them."""
    named: dict[str, str] = {}
    positional: list[str] = []
    for match in _ATTRIBUTE.finditer(_ODD_SPACE.sub(" ", text)):
        groups = match.groups()
        for name_at in (0, 2, 4):
            if groups[name_at] is not None:
                named[groups[name_at].lower()] = groups[name_at + 1] or ""
                break
        else:
            positional.append(next(value for value in groups[6:] if value is not None))
    return named, tuple(positional)


@lru_cache(maxsize=64)
def _opener(names: frozenset[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(
        r"\[(\[?)"  # 1: a second bracket escapes: [[name]]
        rf"({alternatives})(?![\w-])"  # 2: the name
        r"([^\]/]*(?:/(?!\])[^\]/]*)*?)"  # 3: attributes
        r"(/)?\]",  # 4: self-closing
    )


@dataclass(frozen=True, slots=True)
class _Match:
    start: int
    end: int
    escaped: bool
    """``[[name]]``: printed literally, without the outer brackets."""
    prefix: str
    """A lone extra ``[`` before the shortcode (kept around the output, as WordPress does)."""
    suffix: str
    """A lone extra ``]`` after it."""
    code: Shortcode


def _matches(text: str, names: frozenset[str]) -> Iterator[_Match]:
    """The top-level shortcodes of ``text``, as WordPress's grammar reads them.

    An enclosing shortcode's content runs to the *first* ``[/name]`` after it (WordPress's
    grammar allows no other). Closers are indexed once, so each opener costs a binary search
    instead of a scan: hostile input with 100,000 unclosed openers stays linear.
    """
    closers: dict[str, list[int]] = {}
    for name in names:
        token = f"[/{name}]"
        positions, at = [], text.find(token)
        while at >= 0:
            positions.append(at)
            at = text.find(token, at + 1)
        closers[name] = positions
    opener = _opener(names)
    at = 0
    while True:
        match = opener.search(text, at)
        if match is None:
            return
        name = match.group(2)
        content: str | None = None
        end = match.end()
        if match.group(4) is None:
            positions = closers[name]
            index = bisect.bisect_left(positions, end)
            if index < len(positions):
                content = text[end : positions[index]]
                end = positions[index] + len(name) + 3
        bracket_after = text.startswith("]", end)
        escaped = match.group(1) == "[" and bracket_after
        start = match.start()
        outer_end = end + 1 if bracket_after else end
        named, positional = parse_attributes(match.group(3))
        raw_start = start + (1 if match.group(1) else 0)
        code = Shortcode(
            name=name,
            attributes=MappingProxyType(named),
            positional=positional,
            content=content,
            raw=text[raw_start:end],
            attributes_text=match.group(3),
        )
        yield _Match(
            start=start,
            end=outer_end,
            escaped=escaped,
            prefix=match.group(1),
            suffix="]" if bracket_after else "",
            code=code,
        )
        at = outer_end


class ShortcodeRegistry:
    """Shortcode names and their handlers (``default_registry()`` has the built-in ones)."""

    def __init__(self, handlers: Mapping[str, ShortcodeHandler] | None = None) -> None:
        self._handlers: dict[str, ShortcodeHandler] = dict(handlers or {})

    @property
    def names(self) -> frozenset[str]:
        """The registered names."""
        return frozenset(self._handlers)

    @property
    def handlers(self) -> Mapping[str, ShortcodeHandler]:
        """Name to handler, read-only."""
        return MappingProxyType(self._handlers)

    def register(self, name: str, handler: ShortcodeHandler) -> None:
        """Add or replace the handler of ``name``."""
        if not re.fullmatch(r"[\w-]+", name):
            raise ValueError(f"not a shortcode name: {name!r}")
        self._handlers[name] = handler

    def unregister(self, name: str) -> None:
        """Forget ``name``: its uses are then kept verbatim."""
        self._handlers.pop(name, None)

    def only(self, *names: str) -> ShortcodeRegistry:
        """A registry with just these of this registry's handlers."""
        return ShortcodeRegistry({n: h for n, h in self._handlers.items() if n in names})

    def without(self, *names: str) -> ShortcodeRegistry:
        """A registry with all but these handlers."""
        return ShortcodeRegistry({n: h for n, h in self._handlers.items() if n not in names})

    def find(self, text: str) -> Iterator[Shortcode]:
        """The registered shortcodes at the top level of ``text``, escaped ones excluded."""
        if not self._handlers or "[" not in text:
            return
        for match in _matches(text, self.names):
            if not match.escaped:
                yield match.code

    def expand(self, text: str, context: ShortcodeContext | None = None) -> str:
        """Replace every registered shortcode by its handler's HTML; ``[[x]]`` becomes ``[x]``."""
        if not self._handlers or "[" not in text:
            return text
        context = context or ShortcodeContext(registry=self)
        out: list[str] = []
        at = 0
        for match in _matches(text, self.names):
            out.append(text[at : match.start])
            if match.escaped:
                out.append(text[match.start + 1 : match.end - 1])
            else:
                handler = self._handlers[match.code.name]
                out.append(match.prefix + handler(match.code, context) + match.suffix)
            at = match.end
        out.append(text[at:])
        return "".join(out)
