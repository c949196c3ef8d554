"""The part of a document before and including the root start tag.

Here the reader decides whether the input is a WordPress export at all, and makes the prolog safe
and parseable: the XML declaration is dropped (the parser is always fed UTF-8, and whitespace
before a declaration is then legal), a DOCTYPE is removed (WXR never has one; its entities are
never expanded), and the well-known prefixes the root does not declare are bound so that files
using ``atom:`` or ``dc:`` undeclared still parse. Line numbers are kept: what is removed is
replaced by its newlines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wxrkit.errors import NotAnExportError, ParseError
from wxrkit.wxr.diagnostic_log import DiagnosticLog
from wxrkit.wxr.namespaces import KNOWN_PREFIXES, UNDECLARED_URN, family_of_uri

__all__ = ["Prolog", "parse_prolog", "sniff_declared_encoding"]

_DECLARATION = re.compile(r"<\?xml\s[^?]*\?>", re.DOTALL)
_ENCODING = re.compile(r"""encoding\s*=\s*["']([A-Za-z0-9._\-]+)["']""")
_BYTES_DECLARATION = re.compile(rb"\s*<\?xml\s[^?]{0,300}?encoding\s*=\s*[\"']([A-Za-z0-9._\-]+)")
_SPACE = re.compile(r"[ \t\r\n]*")
_NAME = re.compile(r"[A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?")
_START_TAG_REST = re.compile(r"""(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(/?)>""")
_XMLNS = re.compile(r"""xmlns:([A-Za-z_][\w.\-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_DOCTYPE = re.compile(r"<!DOCTYPE\s+([^\s\[>]+)[^\[>]*(?:\[.*?\]\s*)?>", re.DOTALL | re.IGNORECASE)
_GENERATOR_COMMENT = re.compile(r'generator="([^"]*)"(?:\s+created="([^"]*)")?')

SNIFF_CHARS = 65536
"""How far into the document the reader looks for signs of WordPress before refusing it."""


@dataclass(slots=True)
class Prolog:
    """What the prolog says, and the edits that make it safe."""

    root: str
    """The root element's qualified name: ``rss``, or ``item`` for a one-item fragment."""
    end: int
    """Index just after the root start tag's ``>``."""
    declared_encoding: str | None = None
    """The XML declaration's encoding, as written."""
    generator_comment: tuple[str, str | None] | None = None
    """``generator`` and ``created`` of WordPress's ``<!-- generator=... -->`` comment."""
    edits: list[tuple[int, int, str]] = field(default_factory=list)
    """``(start, end, replacement)`` to apply, in order and not overlapping."""

    def apply(self, text: str) -> str:
        """``text[: self.end]`` with the edits made."""
        out: list[str] = []
        at = 0
        for start, end, replacement in self.edits:
            out.append(text[at:start])
            out.append(replacement)
            at = end
        out.append(text[at : self.end])
        return "".join(out)


def sniff_declared_encoding(head: bytes) -> str | None:
    """The encoding an ASCII-compatible XML declaration names, if any."""
    match = _BYTES_DECLARATION.match(head)
    return match.group(1).decode("ascii") if match else None


def _newlines(text: str) -> str:
    return "\n" * text.count("\n")


def _refuse(kind: str, log: DiagnosticLog) -> NotAnExportError:
    return NotAnExportError(kind, source=log.source, line=1, column=1)


def _line_col(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def parse_prolog(text: str, log: DiagnosticLog, *, final: bool) -> Prolog | None:  # noqa: PLR0911, PLR0912, PLR0915 - the prolog's grammar in reading order; each branch is one of its parts
    """Parse the prolog at the start of ``text``; None if more text is needed to decide.

    Raises :class:`NotAnExportError` for inputs that are plainly something else.
    """
    if not text.strip():
        if final:
            raise _refuse(
                "the input is empty; export the site again (WordPress: Tools > Export)", log
            )
        return None
    pos = _SPACE.match(text).end()  # type: ignore[union-attr]
    edits: list[tuple[int, int, str]] = []
    declared: str | None = None
    generator: tuple[str, str | None] | None = None

    declaration = _DECLARATION.match(text, pos)
    if declaration is None and text.startswith("<?xml", pos) and not final:
        return None
    if declaration is not None:
        if pos > 0:
            line, column = _line_col(text, pos)
            log.add(
                "text-before-declaration",
                f"{text[:pos].count(chr(10))} blank line(s) before the XML declaration; "
                "the declaration was dropped so the document parses",
                line,
                column,
            )
        found = _ENCODING.search(declaration.group(0))
        declared = found.group(1) if found else None
        edits.append((declaration.start(), declaration.end(), _newlines(declaration.group(0))))
        pos = declaration.end()

    while True:
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        if pos >= len(text):
            if final:
                raise ParseError(
                    "the document has no root element; the file is cut short or is not XML: "
                    "export it again, or download it whole",
                    source=log.source,
                    line=text.count("\n") + 1,
                )
            return None
        if text.startswith("<!--", pos):
            close = text.find("-->", pos + 4)
            if close < 0:
                _need_more(text, final, log, "comment")
                return None
            comment = text[pos + 4 : close]
            match = _GENERATOR_COMMENT.search(comment)
            if match and generator is None:
                generator = (match.group(1), match.group(2))
            pos = close + 3
        elif text.startswith("<?", pos):
            close = text.find("?>", pos + 2)
            if close < 0:
                _need_more(text, final, log, "processing instruction")
                return None
            pos = close + 2
        elif text[pos : pos + 9].upper() == "<!DOCTYPE":
            doctype = _DOCTYPE.match(text, pos)
            if doctype is None:
                _need_more(text, final, log, "DOCTYPE")
                return None
            if doctype.group(1).lower() == "html":
                raise _refuse(_HTML, log)
            line, column = _line_col(text, pos)
            log.add(
                "doctype-removed",
                "a DOCTYPE was removed: WordPress exports have none, and its entities are "
                "never expanded (entity references to it are kept as text)",
                line,
                column,
            )
            edits.append((pos, doctype.end(), _newlines(doctype.group(0))))
            pos = doctype.end()
        else:
            break

    if text[pos] != "<":
        raise _refuse(
            f"this is not XML: it starts with {text[pos : pos + 40]!r}; "
            "a WordPress export starts with '<?xml' and an <rss> element",
            log,
        )
    name_match = _NAME.match(text, pos + 1)
    if name_match is None:
        raise _refuse(f"this is not XML: it starts with {text[pos : pos + 40]!r}", log)
    root = name_match.group(0)
    rest = _START_TAG_REST.match(text, name_match.end())
    if rest is None:
        _need_more(text, final, log, "root start tag")
        return None
    lowered = root.lower()
    if lowered == "html" or lowered.endswith(":html"):
        raise _refuse(_HTML, log)
    if lowered == "feed":
        raise _refuse(
            "this is an Atom feed, not a WordPress export; in WordPress use Tools > Export "
            "to get the WXR file",
            log,
        )
    if root not in ("rss", "item"):
        raise _refuse(
            f"this is an XML document whose root element is <{root}>, not a WordPress "
            "export (an <rss> document with the wp: namespace)",
            log,
        )

    tag = text[pos : rest.end()]
    declared_prefixes = {}
    for match in _XMLNS.finditer(tag):
        declared_prefixes[match.group(1)] = match.group(2) or match.group(3) or ""
    sniffed = text[: max(SNIFF_CHARS, rest.end())]
    wp_declared = any(family_of_uri(uri) == "wp" for uri in declared_prefixes.values())
    if not wp_declared and "wordpress.org/export/" not in sniffed and "<wp:" not in sniffed:
        if len(text) < SNIFF_CHARS and not final:
            return None
        raise _refuse(
            f"this is an RSS feed without WordPress's export namespace (xmlns:wp="
            f'"{KNOWN_PREFIXES["wp"]}"), so it holds no WordPress data; '
            "export the site with Tools > Export to get a WXR file",
            log,
        )

    missing = [prefix for prefix in KNOWN_PREFIXES if prefix not in declared_prefixes]
    if missing:
        bindings = "".join(f' xmlns:{prefix}="{UNDECLARED_URN}{prefix}"' for prefix in missing)
        close_at = rest.start(1) if rest.group(1) else rest.end() - 1
        edits.append((close_at, close_at, bindings))

    return Prolog(
        root=root,
        end=rest.end(),
        declared_encoding=declared,
        generator_comment=generator,
        edits=edits,
    )


_HTML = (
    "this is an HTML page, not a WordPress export; read scraped pages with "
    "wxrkit.parse_html, or export the site with Tools > Export to get a WXR file"
)


def _need_more(text: str, final: bool, log: DiagnosticLog, what: str) -> None:
    if final:
        raise ParseError(
            f"the document ends inside its {what}; the file is cut short: export it again, "
            "or download it whole",
            source=log.source,
            line=text.count("\n") + 1,
        )
