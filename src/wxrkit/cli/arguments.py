"""The command line's grammar: every option with its help and an example, and the checks
argparse can make before any work (exit 2)."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from dateutil import parser as date_parser

from wxrkit import __version__
from wxrkit.output.layout import LAYOUTS
from wxrkit.serializers.sites import SITES

__all__ = ["parse_arguments"]

_EPILOG_CONVERT = """examples:
  wxrkit convert export.xml -o content/ --site hugo      a Hugo site's content (bundles)
  wxrkit convert export.xml -o . --site jekyll           _posts/, _drafts/, pages/ (Jekyll)
  wxrkit convert export.xml --to json > posts.jsonl      JSON Lines on standard output
  wxrkit convert saved-pages/ -o out/ --to text          saved pages and text scrapes
  wxrkit convert export.xml -o out/ --type post,page --status publish --since 2020-01-01
  wxrkit convert export.xml -o site/ --media download    with the images and files, fetched
  wxrkit convert export.xml -o site/ --media-from uploads.zip   ... or from a backup

Filters (--type, --status, --author) take comma lists and repeat; all of them must match.
Exit codes: 0 done, 1 an input or a file failed (each named, the rest written), 2 usage,
130 interrupted. Documentation: docs/cli.md."""


def _date(text: str) -> datetime:
    try:
        value = date_parser.isoparse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"not a date: {text!r} (use 2024-01-31, or 2024-01-31T18:00+02:00)"
        ) from error
    return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a number of processes: {text!r} (use 1 or more)")
    return value


def _positive(kind: str, convert: type[float] | type[int]) -> Callable[[str], float]:
    def positive(text: str) -> float:
        try:
            value = convert(text)
        except ValueError:
            value = 0
        if value <= 0:
            raise argparse.ArgumentTypeError(f"not {kind}: {text!r} (use a number above 0)")
        return value

    return positive


def _comma_list(values: list[str]) -> frozenset[str]:
    return frozenset(part.strip() for value in values for part in value.split(",") if part.strip())


def _parser() -> argparse.ArgumentParser:
    # Long as a table is: one option after another, each with its help, in --help's order.
    parser = argparse.ArgumentParser(
        prog="wxrkit",
        description="WordPress exports and blog pages as clean, typed data.",
        epilog="Run 'wxrkit convert --help' or 'wxrkit inspect --help' for each command.",
    )
    parser.add_argument("--version", action="version", version=f"wxrkit {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    convert = commands.add_parser(
        "convert",
        help="convert exports and saved pages to Markdown, JSON or text files",
        description="Convert WordPress exports (.xml, .xml.gz; several parts of one split "
        "export), saved blog pages (.html) and plain-text scrapes of them (.txt) - or folders "
        "of them, or - for standard input - into one file per post.",
        epilog=_EPILOG_CONVERT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    convert.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="exports, saved pages, text scrapes, folders of them, or - for standard input "
        "(e.g. site.wordpress.2024-01-01.000.xml)",
    )
    convert.add_argument(
        "-o",
        "--output",
        default="-",
        metavar="DIR",
        help="the folder to write one file per post into (made if missing), or - for "
        "standard output, the default (e.g. -o content/posts)",
    )
    convert.add_argument(
        "--to",
        choices=("markdown", "json", "text"),
        default="markdown",
        help="markdown (front matter + CommonMark, the default), json, or text",
    )
    convert.add_argument(
        "--site",
        choices=tuple(SITES),
        help="write Markdown as this generator builds it with its defaults: its layout, its "
        "draft flags, templates kept from running over posts (e.g. --site hugo -o content/)",
    )
    convert.add_argument(
        "--comments",
        action="store_true",
        help="write each post's approved comments in its front matter (comments: id, parent, "
        "author, author_url, date, type, text) for the site's templates; Markdown only",
    )
    convert.add_argument(
        "--layout",
        choices=tuple(LAYOUTS),
        help="where files go: flat (slug.md, the default), type (posts/, pages/), date "
        "(YYYY/MM/), bundle (posts/slug/index.md), jekyll (_posts/, _drafts/); --site "
        "chooses its own unless this is given",
    )
    convert.add_argument(
        "--all",
        action="store_true",
        dest="everything",
        help="every item: attachments, menu items, trash and the other internal types",
    )
    convert.add_argument(
        "--type",
        action="append",
        default=[],
        metavar="TYPE",
        help="only items of these post types; comma list, repeatable (e.g. --type post,page)",
    )
    convert.add_argument(
        "--status",
        action="append",
        default=[],
        metavar="STATUS",
        help="only items in these statuses; comma list, repeatable (e.g. --status publish)",
    )
    convert.add_argument(
        "--author",
        action="append",
        default=[],
        metavar="LOGIN",
        help="only posts by these authors' logins; comma list, repeatable (e.g. --author ada)",
    )
    convert.add_argument(
        "--since",
        type=_date,
        metavar="DATE",
        help="only posts published on or after DATE, an ISO date, UTC unless an offset is "
        "given (e.g. --since 2020-01-01)",
    )
    convert.add_argument(
        "--until",
        type=_date,
        metavar="DATE",
        help="only posts published on or before DATE (e.g. --until 2020-12-31T23:59)",
    )
    convert.add_argument(
        "--force",
        action="store_true",
        help="overwrite files in DIR that wxrkit did not write (or that were edited since)",
    )
    convert.add_argument(
        "--strict",
        action="store_true",
        help="fail (exit 1) on any repair, oddity or filter that matches nothing: for CI",
    )
    convert.add_argument(
        "--jobs",
        type=_jobs,
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes (default: the number of cores; the output is the same)",
    )
    media = convert.add_argument_group("media (images, audio, video, files)")
    source = media.add_mutually_exclusive_group()
    source.add_argument(
        "--media",
        choices=["download"],
        help="fetch the export's media from the blog's own hosts into DIR/media/ and point "
        "the posts at them (--media download); other hosts are never contacted",
    )
    source.add_argument(
        "--media-from",
        type=Path,
        metavar="PATH",
        help="take the media from a copy of the uploads folder (the one holding 2023/04/...), "
        "or a .zip of it, instead of the web: no network at all (e.g. --media-from uploads/)",
    )
    media.add_argument(
        "--media-host",
        action="append",
        default=[],
        metavar="HOST",
        help="another host whose files are the blog's (repeat; e.g. --media-host cdn.example.com)",
    )
    media.add_argument(
        "--media-timeout",
        type=_positive("a number of seconds", float),
        default=30.0,
        metavar="SECONDS",
        help="seconds to wait for a server to connect or send more (default 30)",
    )
    media.add_argument(
        "--media-max-size",
        type=_positive("a number of bytes", int),
        default=100_000_000,
        metavar="BYTES",
        help="the largest file stored, in bytes (default 100000000); larger ones fail",
    )
    media.add_argument(
        "--allow-private-addresses",
        action="store_true",
        help="fetch from private, loopback and link-local addresses too (a server of your "
        "own); refused by default, as an export's links are untrusted",
    )
    convert.add_argument(
        "--report",
        type=Path,
        metavar="FILE",
        help="write the summary as JSON, with every file written, to FILE or - for standard "
        "output (e.g. --report convert-report.json)",
    )
    loudness = convert.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    loudness.add_argument(
        "-v", "--verbose", action="store_true", help="print every diagnostic and every input"
    )

    inspect = commands.add_parser(
        "inspect",
        help="what an export or a page holds",
        description="What an export holds, without converting: site, version, counts, date "
        "range and every diagnostic; for a saved page or text scrape, what was read from it.",
        epilog="example:\n  wxrkit inspect site.wordpress.2024-01-01.000.xml --json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    inspect.add_argument(
        "input",
        metavar="INPUT",
        help="one export, saved page or text scrape, or - for standard input",
    )
    inspect.add_argument("--json", action="store_true", help="print one JSON object")
    inspect.add_argument(
        "--strict", action="store_true", help="fail (exit 1) on any repair or oddity"
    )
    return parser


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    """The parsed command line; exits 2 with a message on a usage error."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "convert":
        for name in ("type", "status", "author"):
            setattr(args, name, _comma_list(getattr(args, name)))
        if args.site is not None and args.to != "markdown":
            parser.error(f"--site {args.site} writes Markdown; leave out --to {args.to}")
        if args.comments and args.to != "markdown":
            parser.error(f"--comments is for Markdown; --to {args.to} has them already")
        if (args.media or args.media_from) and args.output == "-":
            parser.error("media are stored beside the posts: give -o DIR")
        if args.media_from is not None and not args.media_from.exists():
            parser.error(f"--media-from {args.media_from}: no such folder or file")
        if args.since is not None and args.until is not None and args.since > args.until:
            parser.error(
                f"--since {args.since.date()} is after --until {args.until.date()}: "
                "no post can be in that range"
            )
    return args
