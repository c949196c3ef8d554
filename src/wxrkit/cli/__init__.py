"""The ``wxrkit`` command: ``convert`` and ``inspect``.

``main(argv)`` owns argv, output and exit codes: 0 done, 1 an input could not be read or a
file could not be written (the message names file, line and column and what to do), 2 usage,
130 interrupted. A bug met in one post or one input is reported as that input's failure
(exit 1), with the exception, and the run goes on; a bug anywhere else shows its traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from wxrkit.cli.arguments import parse_arguments
from wxrkit.cli.inputs import find_inputs
from wxrkit.cli.inspect_text import inspect
from wxrkit.cli.summary_text import print_summary
from wxrkit.errors import WxrkitError
from wxrkit.output.media.stage import MediaOptions
from wxrkit.output.run import convert
from wxrkit.output.select import Selection

__all__ = ["main"]


def _note(text: str) -> None:
    print(f"wxrkit: {text}", file=sys.stderr)


def _progress_bar(quiet: bool, unit: str) -> Any:
    """A bar with a total and the time left once the census has counted the items; only on
    a terminal, never in a CI log."""
    if quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm  # noqa: PLC0415 (only a terminal needs it)

    return tqdm(unit=unit, file=sys.stderr, leave=False, dynamic_ncols=True)


def _set_total(bar: Any) -> Callable[[int], None]:
    def set_total(total: int) -> None:
        bar.total = total
        bar.refresh()

    return set_total


class _MediaBar:
    """The downloads' bar on a terminal: media done of all, bytes stored, time left. Made when
    the number of media is known, closed when the last is done (the items' bar goes on)."""

    def __init__(self, quiet: bool) -> None:
        self._quiet = quiet
        self._bar: Any = None
        self._bytes = 0

    def total(self, count: int) -> None:
        if count:
            self._bar = _progress_bar(self._quiet, " media")
            if self._bar is not None:
                _set_total(self._bar)(count)

    def step(self, count: int, size: int) -> None:
        if self._bar is None:
            return
        self._bytes += size
        self._bar.set_postfix_str(f"{self._bytes / 1e6:,.1f} MB", refresh=False)
        self._bar.update(count)
        if self._bar.n >= self._bar.total:
            self.close()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def _media_options(args: argparse.Namespace, bar: _MediaBar) -> MediaOptions | None:
    if args.media is None and args.media_from is None:
        return None
    return MediaOptions(
        copy_from=args.media_from,
        hosts=tuple(args.media_host),
        timeout=args.media_timeout,
        max_size=args.media_max_size,
        allow_private_addresses=args.allow_private_addresses,
        progress=bar.step,
        total=bar.total,
    )


def _convert(args: argparse.Namespace) -> int:
    found = find_inputs(args.inputs)
    for name in found.missing:
        _note(f"error: {name}: no such file or folder")
    if found.missing:
        return 1
    if not args.quiet:
        for line in found.passed_over_note(verbose=args.verbose):
            _note(f"note: {line}" if not line.startswith(" ") else line)
    if not found.sources:
        _note("error: no export or page found in the given inputs")
        return 1
    out = None if args.output == "-" else Path(args.output)
    if out is None and sys.stdout.isatty() and not args.quiet:
        _note(
            "note: writing every post to the terminal; give -o DIR to write one file per "
            "post (or redirect: > posts.jsonl)"
        )
    bar = _progress_bar(args.quiet, " items")
    media_bar = _MediaBar(args.quiet)
    try:
        summary = convert(
            found.sources,
            out=out,
            to=args.to,
            layout=args.layout,
            site=args.site,
            comments=args.comments,
            selection=Selection(
                everything=args.everything,
                types=args.type,
                statuses=args.status,
                authors=args.author,
                since=args.since,
                until=args.until,
            ),
            strict=args.strict,
            force=args.force,
            jobs=args.jobs,
            progress=bar.update if bar is not None else None,
            progress_total=_set_total(bar) if bar is not None else None,
            report=args.report,
            media=_media_options(args, media_bar),
        )
    finally:
        media_bar.close()
        if bar is not None:
            bar.close()
    if not args.quiet:
        print_summary(summary, sys.stderr, output=out, verbose=args.verbose)
    for warning in summary.warnings:
        _note(f"warning: {warning}")
    for failure in summary.failures:
        _note(f"error: {failure}")
    return 1 if summary.failures else 0


def _inspect(args: argparse.Namespace) -> int:
    try:
        return inspect(args.input, as_json=args.json, strict=args.strict)
    except WxrkitError:
        raise
    except Exception as error:
        _note(
            f"error: {args.input}: wxrkit failed reading it ({type(error).__name__}: "
            f"{str(error)[:300]}); this is a bug in wxrkit, please report it with the input"
        )
        return 1


def _quiet_broken_stdout() -> None:
    """Standard output closed by its reader: the run has said so; Python's own flush at exit
    must not print a second, bare ``BrokenPipeError``."""
    try:
        sys.stdout.flush()
    except OSError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = parse_arguments(list(argv) if argv is not None else None)
    try:
        return _convert(args) if args.command == "convert" else _inspect(args)
    except WxrkitError as error:
        _note(f"error: {error}")
        return 1
    except KeyboardInterrupt:
        # Files already written are complete (each was renamed into place whole).
        _note("interrupted; the files written so far are complete")
        return 130
    finally:
        _quiet_broken_stdout()
