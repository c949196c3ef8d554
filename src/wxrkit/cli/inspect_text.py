"""``wxrkit inspect``: what an export or a page holds, as text or one JSON object."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, BinaryIO

from wxrkit.cli.summary_text import plural
from wxrkit.errors import ParseError
from wxrkit.output.inspection import export_inspection, page_inspection
from wxrkit.output.sources import kind_of, read_page
from wxrkit.wxr import WxrReader

__all__ = ["inspect"]


def _print_page(facts: dict[str, Any]) -> None:
    print(f"{facts['source']}: {facts['title'] or '(untitled)'}")
    evidence = ", ".join(facts["engine_evidence"]) or "no evidence"
    print(f"  {facts['engine']} page ({evidence})")
    print(
        f"  by {facts['author'] or '?'}, published {facts['published'] or '?'}; "
        f"{facts['words']} words, {facts['comments']} comments"
    )
    categories = ", ".join(facts["categories"]) or "-"
    tags = ", ".join(facts["tags"]) or "-"
    print(f"  categories: {categories}; tags: {tags}")
    form = facts["comment_form"]
    if isinstance(form, dict):
        providers = ", ".join(form["login_providers"]) or "no log-in services"
        print(f"  comment form {form['title']!r}: {len(form['fields'])} fields, {providers}")
    for diagnostic in facts["diagnostics"]:
        print(f"  {diagnostic}")


def _print_export(facts: dict[str, Any]) -> None:
    site = facts["site"]
    print(f"{facts['source']}: {site['title'] or '(untitled)'} <{site['link']}>")
    print(f"  WXR {facts['wxr_version'] or '?'}, generator {facts['generator'] or '?'}")
    kinds = facts["by_type_and_status"]
    print(
        f"  {plural(facts['items'], 'item')}: "
        + ", ".join(f"{count} {kind}" for kind, count in kinds.items())
    )
    comments = facts["comments_by_type"]
    print(
        f"  {plural(facts['comments'], 'comment')} "
        f"({facts['comments_not_approved']} not approved): "
        + ", ".join(f"{n} {k}" for k, n in comments.items())
    )
    print(
        f"  {plural(facts['authors'], 'author')}, "
        f"{facts['categories']} {'category' if facts['categories'] == 1 else 'categories'}, "
        f"{plural(facts['tags'], 'tag')}, {facts['terms']} other terms"
    )
    if facts["first_published"]:
        print(f"  published {facts['first_published']} to {facts['last_published']}")
    for diagnostic in facts["diagnostics"]:
        print(f"  {diagnostic}")


def inspect(name: str, *, as_json: bool, strict: bool) -> int:
    """Inspect one input (``-``: standard input); returns the exit code."""
    source: Path | BinaryIO = sys.stdin.buffer if name == "-" else Path(name)
    if isinstance(source, Path) and source.is_dir():
        raise ParseError(
            "this is a folder; inspect takes one file (convert takes folders)", source=name
        )
    kind = kind_of(source)
    if kind != "wxr":
        facts = page_inspection(read_page(source, kind, strict=strict))
        printer = _print_page
    else:
        with WxrReader(source, strict=strict) as reader:
            facts = export_inspection(reader)
        printer = _print_export
    if as_json:
        print(json.dumps(facts, ensure_ascii=False, indent=2))
    else:
        printer(facts)
    return 0
