"""The ``wxrkit`` command: ``convert`` and ``inspect``.

``main(argv)`` owns argv, output and exit codes: 0 done, 1 an input could not be read or a
file could not be written (the message names file, line and column and what to do), 2 usage.
A bug met in one post or one input is reported as that input's failure (exit 1), with the
exception, and the run goes on; a bug anywhere else shows its traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, BinaryIO

from dateutil import parser as date_parser

from wxrkit import __version__
from wxrkit.errors import WxrkitError
from wxrkit.models import ScrapedPage
from wxrkit.output.inspection import export_inspection, page_inspection
from wxrkit.output.layout import LAYOUTS
from wxrkit.output.run import convert
from wxrkit.output.select import Selection
from wxrkit.output.sources import EXPORT_SUFFIXES, PAGE_SUFFIXES, kind_of, read_page
from wxrkit.output.summary import Summary
from wxrkit.wxr import WxrReader

__all__ = ["main"]

_INPUT_SUFFIXES = (*EXPORT_SUFFIXES, *PAGE_SUFFIXES)


def _date(text: str) -> datetime:
    try:
        value = date_parser.isoparse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (use 2024-01-31)") from error
    return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wxrkit", description="WordPress exports and blog pages as clean, typed data."
    )
    parser.add_argument("--version", action="version", version=f"wxrkit {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    convert_ = commands.add_parser(
        "convert",
        help="convert exports and saved pages to Markdown, JSON or text files",
        description="Convert WordPress exports (.xml, .xml.gz; several parts of one split "
        "export), saved blog pages (.html) and plain-text scrapes of them (.txt) — or folders "
        "of them, or - for standard input — into one file per post.",
    )
    convert_.add_argument("inputs", nargs="+", metavar="INPUT")
    convert_.add_argument(
        "-o",
        "--output",
        default="-",
        metavar="DIR",
        help="output folder, or - for standard output (default)",
    )
    convert_.add_argument("--to", choices=("markdown", "json", "text"), default="markdown")
    convert_.add_argument(
        "--layout",
        choices=tuple(LAYOUTS),
        default="flat",
        help="flat, by type, by date, page bundles, or Jekyll's _posts/_drafts",
    )
    convert_.add_argument(
        "--all",
        action="store_true",
        dest="everything",
        help="every item: attachments, menu items, trash, internal types",
    )
    convert_.add_argument("--type", action="append", default=[], metavar="TYPE")
    convert_.add_argument("--status", action="append", default=[], metavar="STATUS")
    convert_.add_argument("--author", action="append", default=[], metavar="LOGIN")
    convert_.add_argument("--since", type=_date, metavar="DATE")
    convert_.add_argument("--until", type=_date, metavar="DATE")
    convert_.add_argument(
        "--force", action="store_true", help="overwrite files wxrkit did not write"
    )
    convert_.add_argument(
        "--strict", action="store_true", help="treat every repair or oddity as an error"
    )
    convert_.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes (default: the number of cores)",
    )
    convert_.add_argument("--report", type=Path, metavar="FILE", help="write the summary as JSON")
    loudness = convert_.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true")
    loudness.add_argument("-v", "--verbose", action="store_true")

    inspect = commands.add_parser(
        "inspect",
        help="what an export or a page holds",
        description="What an export holds, without converting: site, version, counts, date "
        "range and every diagnostic; for a saved page or text scrape, what was read from it.",
    )
    inspect.add_argument("input", metavar="INPUT")
    inspect.add_argument("--json", action="store_true", help="print one JSON object")
    inspect.add_argument("--strict", action="store_true")
    return parser


def _inputs(names: Sequence[str]) -> list[Path | BinaryIO]:
    found: list[Path | BinaryIO] = []
    for name in names:
        if name == "-":
            found.append(sys.stdin.buffer)
            continue
        path = Path(name)
        if path.is_dir():
            found.extend(
                sorted(
                    p for p in path.rglob("*") if p.is_file() and p.name.endswith(_INPUT_SUFFIXES)
                )
            )
        else:
            found.append(path)
    return found


def _print_summary(summary: Summary, out: Any, *, verbose: bool) -> None:
    total = sum(summary.written.values())
    kinds = ", ".join(f"{count} {kind}" for kind, count in summary.written.most_common())
    seen = [a.seen for a in summary.accounts]
    counted = f"{sum(n for n in seen if n is not None)} items seen, " if None not in seen else ""
    print(f"wxrkit: {counted}{summary.items} read, {total} written ({kinds or 'none'})", file=out)
    for account in summary.accounts:
        if account.lost or verbose:
            lost = f", {account.lost} lost" if account.lost else ""
            seen_text = "?" if account.seen is None else str(account.seen)
            print(f"  {account.input}: {seen_text} seen, {account.read} read{lost}", file=out)
    if summary.unchanged:
        print(f"  {summary.unchanged} files already up to date", file=out)
    for reason, count in summary.skipped.most_common():
        print(f"  skipped {count}: {reason}", file=out)
    if summary.comments:
        kinds = ", ".join(f"{count} {kind}" for kind, count in summary.comments.most_common())
        print(f"  comments: {kinds}", file=out)
    if summary.diagnostics:
        print(f"  {len(summary.diagnostics)} diagnostics (repairs made):", file=out)
        for diagnostic in summary.diagnostics if verbose else summary.diagnostics[:10]:
            print(f"    {diagnostic}", file=out)
        if not verbose and len(summary.diagnostics) > 10:
            print(f"    ... {len(summary.diagnostics) - 10} more (--verbose lists all)", file=out)


def _advance(bar: Any) -> Callable[[int], None]:
    def advance(count: int) -> None:
        bar.update(count)

    return advance


def _convert(args: argparse.Namespace) -> int:
    sources = _inputs(args.inputs)
    if not sources:
        print("wxrkit: error: no export or page found in the given inputs", file=sys.stderr)
        return 1
    selection = Selection(
        everything=args.everything,
        types=frozenset(args.type),
        statuses=frozenset(args.status),
        authors=frozenset(args.author),
        since=args.since,
        until=args.until,
    )
    out = None if args.output == "-" else Path(args.output)
    bar = None
    if not args.quiet and sys.stderr.isatty():
        from tqdm import tqdm  # noqa: PLC0415 (only a terminal needs it)

        bar = tqdm(unit=" items", file=sys.stderr, leave=False)
    try:
        summary = convert(
            sources,
            out=out,
            to=args.to,
            layout=args.layout,
            selection=selection,
            strict=args.strict,
            force=args.force,
            jobs=max(1, args.jobs),
            progress=_advance(bar) if bar is not None else None,
            report=args.report,
        )
    finally:
        if bar is not None:
            bar.close()
    if not args.quiet:
        _print_summary(summary, sys.stderr, verbose=args.verbose)
    for failure in summary.failures:
        print(f"wxrkit: error: {failure}", file=sys.stderr)
    return 1 if summary.failures else 0


def _inspect_page(page: ScrapedPage, as_json: bool) -> int:
    facts = page_inspection(page)
    if as_json:
        print(json.dumps(facts, ensure_ascii=False, indent=2))
        return 0
    print(f"{facts['source']}: {facts['title'] or '(untitled)'}")
    print(f"  {facts['engine']} page ({', '.join(facts['engine_evidence']) or 'no evidence'})")
    print(
        f"  by {facts['author'] or '?'}, published {facts['published'] or '?'}; "
        f"{facts['words']} words, {facts['comments']} comments"
    )
    categories, tags = ", ".join(facts["categories"]) or "-", ", ".join(facts["tags"]) or "-"
    print(f"  categories: {categories}; tags: {tags}")
    if facts["comment_form"]:
        form = facts["comment_form"]
        providers = ", ".join(form["login_providers"]) or "no log-in services"
        print(f"  comment form {form['title']!r}: {len(form['fields'])} fields, {providers}")
    for diagnostic in facts["diagnostics"]:
        print(f"  {diagnostic}")
    return 0


def _inspect(args: argparse.Namespace) -> int:
    try:
        return _inspect_input(args)
    except WxrkitError:
        raise
    except Exception as error:
        print(
            f"wxrkit: error: {args.input}: wxrkit failed reading it ({type(error).__name__}: "
            f"{str(error)[:300]}); this is a bug in wxrkit, please report it with the input",
            file=sys.stderr,
        )
        return 1


def _inspect_input(args: argparse.Namespace) -> int:
    source: Path | BinaryIO = sys.stdin.buffer if args.input == "-" else Path(args.input)
    kind = kind_of(source)
    if kind != "wxr":
        return _inspect_page(read_page(source, kind), args.json)
    with WxrReader(source, strict=args.strict) as reader:
        facts = export_inspection(reader)
    if args.json:
        print(json.dumps(facts, ensure_ascii=False, indent=2))
        return 0
    print(f"{facts['source']}: {facts['site']['title'] or '(untitled)'} <{facts['site']['link']}>")
    print(f"  WXR {facts['wxr_version'] or '?'}, generator {facts['generator'] or '?'}")
    print(
        f"  {facts['items']} items: "
        + ", ".join(f"{count} {kind}" for kind, count in facts["by_type_and_status"].items())
    )
    print(
        f"  {facts['comments']} comments ({facts['comments_not_approved']} not approved): "
        + ", ".join(f"{n} {k}" for k, n in facts["comments_by_type"].items())
    )
    print(
        f"  {facts['authors']} authors, {facts['categories']} categories, {facts['tags']} tags, "
        f"{facts['terms']} other terms"
    )
    if facts["first_published"]:
        print(f"  published {facts['first_published']} to {facts['last_published']}")
    for diagnostic in facts["diagnostics"]:
        print(f"  {diagnostic}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        return _convert(args) if args.command == "convert" else _inspect(args)
    except WxrkitError as error:
        print(f"wxrkit: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        # Files already written are complete (each was renamed into place whole).
        print("wxrkit: interrupted; the files written so far are complete", file=sys.stderr)
        return 130
