"""The ``wxrkit`` command.

``main(argv)`` owns argv, output and exit codes: 0 done, 1 an input could not be read (the
message names file, line and column), 2 usage. Only wxrkit's own errors are caught, so a bug
shows its traceback.

Writing converted files (Markdown, JSON, text) arrives with the serializers; until then
``convert`` reads every input in full and prints what it found, so the command already
checks an export end to end.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from wxrkit import __version__
from wxrkit.errors import WxrkitError
from wxrkit.models import Export
from wxrkit.wxr import read_wxr

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wxrkit", description="WordPress exports and blog pages as clean, typed data."
    )
    parser.add_argument("--version", action="version", version=f"wxrkit {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    convert = commands.add_parser(
        "convert",
        help="read exports and report what they hold",
        description="Read WXR exports (.xml or .xml.gz) and print a summary of each.",
    )
    convert.add_argument("inputs", nargs="+", type=Path, metavar="INPUT", help="WXR files")
    convert.add_argument(
        "-o", "--output", type=Path, metavar="DIR", help="output folder (not written yet)"
    )
    convert.add_argument(
        "--strict", action="store_true", help="treat every repair or oddity as an error"
    )
    return parser


def summarize(export: Export, out: TextIO) -> None:
    """Print what an export holds, in a few lines a person reads."""
    site = export.site
    print(f"{export.source}: {site.title or '(untitled site)'} <{site.link or '?'}>", file=out)
    print(
        f"  WXR {site.wxr_version or '?'}, generator {site.generator or '?'}; "
        f"{len(export.authors)} authors, {len(export.categories)} categories, "
        f"{len(export.tags)} tags, {len(export.terms)} other terms",
        file=out,
    )
    by_kind = Counter(f"{post.type}/{post.status}" for post in export.posts)
    listed = ", ".join(f"{count} {kind}" for kind, count in by_kind.most_common())
    print(f"  {len(export.posts)} items: {listed or 'none'}", file=out)
    comments = Counter(comment.type for post in export.posts for comment in post.comments)
    pending = sum(not comment.approved for post in export.posts for comment in post.comments)
    if comments:
        kinds = ", ".join(f"{count} {kind}" for kind, count in comments.most_common())
        print(f"  {sum(comments.values())} comments ({kinds}; {pending} not approved)", file=out)
    for diagnostic in export.diagnostics:
        print(f"  {diagnostic}", file=out)


def _convert(args: argparse.Namespace) -> int:
    for path in args.inputs:
        export = read_wxr(path, strict=args.strict)
        summarize(export, sys.stdout)
    if args.output is not None:
        print(
            f"note: writing files to {args.output} comes with wxrkit's serializers; "
            "nothing was written",
            file=sys.stderr,
        )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        return _convert(args)
    except WxrkitError as error:
        print(f"wxrkit: error: {error}", file=sys.stderr)
        return 1
