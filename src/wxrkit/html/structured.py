"""What a page says about itself in structured data: JSON-LD (Yoast's ``@graph`` too) and meta.

Only plain values are taken (strings, lists of strings, names of referenced nodes); a block
that is not valid JSON is skipped and reported, never guessed at.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field

from lxml import etree

from wxrkit.errors import Diagnostic

__all__ = ["StructuredData", "read_structured_data"]

_ARTICLE_TYPES = frozenset(
    {"Article", "BlogPosting", "NewsArticle", "TechArticle", "Report", "SocialMediaPosting"}
)
_MAX_JSON_LD = 2_000_000  # bytes of one block; larger ones are not metadata


@dataclass(slots=True)
class StructuredData:
    """Metadata from JSON-LD and ``<meta>``; empty strings and lists where the page has none."""

    headline: str = ""
    author: str = ""
    published: str = ""
    """JSON-LD's ``datePublished``, else the first date ``<meta>`` (``article:published_time``)."""
    published_ld: str = ""
    """JSON-LD's ``datePublished`` alone (the page's own structured data)."""
    modified: str = ""
    sections: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    description: str = ""
    site_name: str = ""
    language: str = ""
    url: str = ""
    generator: str = ""
    meta: dict[str, list[str]] = field(default_factory=dict)
    """Every ``<meta>`` by lower-cased ``name`` or ``property``, values in page order."""

    def first_meta(self, *keys: str) -> str:
        """The first non-empty value of the first of ``keys`` the page has."""
        for key in keys:
            for value in self.meta.get(key, ()):
                if value.strip():
                    return value.strip()
        return ""


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _nodes(document: object) -> list[dict[str, object]]:
    """Every object of a JSON-LD document: top-level, in lists and in ``@graph``."""
    found: list[dict[str, object]] = []
    pending = [document]
    while pending:
        current = pending.pop()
        if isinstance(current, list):
            pending.extend(reversed(current))
        elif isinstance(current, dict):
            found.append(current)
            graph = current.get("@graph")
            if isinstance(graph, list):
                pending.extend(reversed(graph))
    return found


def _types(node: dict[str, object]) -> set[str]:
    return set(_strings(node.get("@type")))


def _name_of(value: object, by_id: dict[str, dict[str, object]]) -> str:
    """The name of a person or thing given inline, as a list, or as an ``@id`` reference."""
    if isinstance(value, list):
        names = [_name_of(item, by_id) for item in value]
        return ", ".join(name for name in names if name)
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, str):
            return name
        ref = value.get("@id")
        if isinstance(ref, str) and ref in by_id:
            referenced = by_id[ref].get("name")
            return referenced if isinstance(referenced, str) else ""
    return ""


def _json_ld(
    root: etree._Element, data: StructuredData, diagnostics: list[Diagnostic], source: str | None
) -> None:
    nodes: list[dict[str, object]] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = (script.text or "").strip()
        if not text or len(text) > _MAX_JSON_LD:
            continue
        try:
            nodes.extend(_nodes(json.loads(text)))
        except (ValueError, RecursionError):
            diagnostics.append(
                Diagnostic(
                    code="invalid-json-ld",
                    message="a JSON-LD block is not valid JSON; skipped",
                    source=source,
                    line=script.sourceline,
                )
            )
    by_id = {ref: node for node in nodes if isinstance(ref := node.get("@id"), str)}
    for node in nodes:
        types = _types(node)
        if types & _ARTICLE_TYPES and not data.headline:
            data.headline = html.unescape(next(iter(_strings(node.get("headline"))), ""))
            data.author = _name_of(node.get("author"), by_id)
            data.published = next(iter(_strings(node.get("datePublished"))), "")
            data.published_ld = data.published
            data.modified = next(iter(_strings(node.get("dateModified"))), "")
            data.sections = [
                html.unescape(part.strip())
                for section in _strings(node.get("articleSection"))
                for part in section.split(",")
                if part.strip()
            ]
            keywords = node.get("keywords")
            if isinstance(keywords, str):
                data.keywords = [k.strip() for k in keywords.split(",") if k.strip()]
            else:
                data.keywords = _strings(keywords)
            data.description = data.description or next(iter(_strings(node.get("description"))), "")
        elif "WebSite" in types and not data.site_name:
            data.site_name = html.unescape(next(iter(_strings(node.get("name"))), ""))
        elif "WebPage" in types:
            data.published = data.published or next(iter(_strings(node.get("datePublished"))), "")
            data.published_ld = data.published
            data.url = data.url or next(iter(_strings(node.get("url"))), "")
            data.language = data.language or next(iter(_strings(node.get("inLanguage"))), "")


def read_structured_data(
    root: etree._Element, source: str | None = None
) -> tuple[StructuredData, list[Diagnostic]]:
    """The JSON-LD and meta data of the document ``root``."""
    data = StructuredData()
    diagnostics: list[Diagnostic] = []
    for meta in root.iter("meta"):
        key = (
            (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        )
        content = meta.get("content")
        if key and content is not None:
            data.meta.setdefault(key, []).append(content)
    _json_ld(root, data, diagnostics, source)
    data.generator = data.first_meta("generator")
    data.site_name = data.site_name or data.first_meta("og:site_name")
    data.description = data.description or data.first_meta("og:description", "description")
    data.url = data.first_meta("og:url") or data.url
    data.language = data.language or (root.get("lang") or "").strip()
    if not data.published:
        data.published = data.first_meta("article:published_time", "datepublished", "date")
    if not data.modified:
        data.modified = data.first_meta("article:modified_time", "og:updated_time")
    if not data.sections:
        data.sections = [s for s in data.meta.get("article:section", []) if s.strip()]
    if not data.keywords:
        data.keywords = [s for s in data.meta.get("article:tag", []) if s.strip()]
    if not data.author:
        author = data.first_meta("author", "article:author")
        data.author = "" if author.startswith(("http://", "https://")) else author
    return data, diagnostics
