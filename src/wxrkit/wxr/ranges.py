"""Reading an export in byte ranges, each range alone: what lets several processes (or
machines) share one export.

The byte scan (:func:`wxrkit.wxr.census.scan_items`) finds where every ``<item>`` starts;
:func:`item_ranges` cuts the export there into ranges of a few megabytes. What an item needs
from the rest of the export is the channel: its namespace declarations and its authors,
categories, tags and terms. :func:`read_head` reads it once; :func:`read_range` then parses a
range inside a synthetic ``<rss><channel>`` that declares the same namespaces, and builds its
posts exactly as :class:`~wxrkit.wxr.WxrReader` would, line numbers included (the loop
that ties them together is in ``docs/api.md``, *Reading in byte ranges*).

The reader's state that crosses items is kept where it can be merged: diagnostics are
listed per range and merged in order (:func:`merge_range`, which also reports duplicate ids);
the UTC offset that an item with one date borrows from the item before is reported as
borrowed (:attr:`RangeRead.offset_borrowed`) so that the range can be read again with the
offset the ranges before it end with. A range that is not plain items (a defect, a channel
element among the items) raises :class:`RangeUnreadableError`: such an export is read whole,
with the reader's repairs.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import timezone
from pathlib import Path
from xml.sax.saxutils import quoteattr

from lxml import etree

from wxrkit.errors import Diagnostic, WxrkitError
from wxrkit.models import Author, Category, Post, Site, Tag, Term
from wxrkit.wxr.build import BuildContext
from wxrkit.wxr.census import ScannedItem, scan_items
from wxrkit.wxr.diagnostic_log import DiagnosticLog
from wxrkit.wxr.limits import Limits
from wxrkit.wxr.namespaces import WP, family_of_uri
from wxrkit.wxr.reader import (
    WxrReader,
    check_version,
    item_parser,
    note_duplicate_id,
    rethread_comments,
)
from wxrkit.wxr.seen_ids import SeenIds

__all__ = [
    "ExportHead",
    "ItemRange",
    "RangeRead",
    "RangeUnreadableError",
    "SeenIds",
    "check_version",
    "item_ranges",
    "merge_range",
    "read_head",
    "read_items_at",
    "read_range",
]

RANGE_BYTES = 2 << 20
"""A range's size: enough items (about 350 of WordPress's) that a range's fixed cost is
small, few enough that several are in flight per process with little memory."""
_READ = 1 << 20
_END = b"</channel></rss>"
_LINE_BOUND = 65535
_HEAD_CHUNK = 64 << 10


class RangeUnreadableError(WxrkitError):
    """A range that cannot be read alone; the export is to be read whole."""


@dataclass(frozen=True, slots=True)
class ItemRange:
    """Bytes of an export from one ``<item>`` start tag to another, or to the end."""

    start: int
    end: int | None
    """Where the next range begins; None: the end of the file (the last range)."""
    line: int
    """The line ``start`` is on, from 1."""
    items: int
    """How many items start in it (by the byte scan)."""


@dataclass(frozen=True, slots=True)
class ExportHead:
    """What a range needs to be read alone, from the export's channel; picklable."""

    name: str
    """The export's name in messages."""
    site: Site
    diagnostics: tuple[Diagnostic, ...]
    """What reading the channel reported (the first diagnostics of a whole read), listed one
    by one."""
    folded: dict[str, int]
    """Counts of the channel's diagnostics beyond those listed, by code."""
    prefix: bytes
    """An XML declaration, ``<rss>`` declaring the namespaces in scope of the channel, and
    ``<channel>``, on one line."""
    authors: dict[str, Author]
    categories: dict[str, Category]
    categories_by_name: dict[str, Category]
    tags: dict[str, Tag]
    terms: dict[tuple[str, str], Term]
    strict: bool = False
    limits: Limits = field(default_factory=Limits)

    def log(self) -> DiagnosticLog:
        """A log for the whole export's read, holding the channel's diagnostics."""
        log = DiagnosticLog(self.name, strict=self.strict)
        log.absorb(self.diagnostics, self.folded)
        return log

    def context(self, log: DiagnosticLog) -> BuildContext:
        """A context to build items in, knowing the channel's authors and terms."""
        context = BuildContext(log, self.limits.max_body_tags)
        context.authors = dict(self.authors)
        context.categories = self.categories
        context.categories_by_name = self.categories_by_name
        context.tags = self.tags
        context.terms = self.terms
        return context


@dataclass(frozen=True, slots=True)
class RangeRead:
    """What reading one range gave."""

    posts: list[Post]
    keys: list[tuple[int | None, int | None]]
    """Per post, its id and line: what :func:`merge_range` needs of it (so a process that
    keeps the posts can send the rest of the read alone)."""
    diagnostics: list[Diagnostic]
    """Those listed one by one (see :meth:`DiagnosticLog.listed`)."""
    folded: dict[str, int]
    """Counts of those beyond the listed ones, by code."""
    marks: list[tuple[int, int]]
    """Per post: how many of :attr:`diagnostics` came up to its build, and up to its end (a
    duplicate id is reported between the two)."""
    offset_borrowed: bool
    """Whether an item took the UTC offset from before the range (read with none known)."""
    offset_after: timezone | None
    """The offset the range ends with; None when no item of it set one."""


def read_head(
    path: str | os.PathLike[str],
    *,
    strict: bool = False,
    limits: Limits | None = None,
    name: str | None = None,
) -> ExportHead | None:
    """The channel of the export at ``path``, when its items can be read in ranges: a plain
    (not compressed) UTF-8 file, with ``<item>`` children of
    ``<rss><channel>`` and the ``wp`` prefix bound to WordPress's namespace; else None (read
    it whole). A read error of the channel is raised, as :class:`WxrReader` raises it."""
    limits = limits or Limits()
    # Small chunks: the parser takes a chunk whole, and a defect in the first one (in an
    # early item) would send the channel's read down the repairing path.
    small = dataclasses.replace(limits, chunk_size=min(limits.chunk_size, _HEAD_CHUNK))
    with WxrReader(path, strict=strict, limits=small, name=name) as reader:
        site = reader.site
        first = reader.at_first_item
        if first is None or reader._source.compressed:
            return None
        prolog, container = first.prepared.prolog, first.container
        if not first.prepared.direct or prolog is None or prolog.root != "rss":
            return None
        if container is None or container.tag != "channel":
            return None
        rss = container.getparent()
        if rss is None or rss.tag != "rss" or rss.getparent() is not None:
            return None
        namespaces = dict(container.nsmap)
        wordpress = [prefix for prefix, uri in namespaces.items() if family_of_uri(uri) == WP]
        if wordpress != ["wp"]:
            return None  # the scan finds post types by their "wp:" tag
        declarations = "".join(
            f" xmlns{':' + prefix if prefix else ''}={quoteattr(uri)}"
            for prefix, uri in namespaces.items()
        )
        context = first.context
        listed, folded = reader.diagnostic_log.listed()
        return ExportHead(
            name=reader.name,
            site=site,
            diagnostics=tuple(listed),
            folded=folded,
            prefix=f'<?xml version="1.0" encoding="UTF-8"?><rss{declarations}><channel>'.encode(),
            authors=dict(context.authors),
            categories=dict(context.categories),
            categories_by_name=dict(context.categories_by_name),
            tags=dict(context.tags),
            terms=dict(context.terms),
            strict=strict,
            limits=limits,
        )


def item_ranges(
    path: str | os.PathLike[str],
    size: int = RANGE_BYTES,
    items: Iterator[ScannedItem] | None = None,
) -> Iterator[ItemRange]:
    """The export at ``path`` cut at ``<item>`` start tags into ranges of about ``size``
    bytes, from the first item to the end of the file; ``items`` is its scan, when already
    made (:func:`~wxrkit.wxr.census.scan_items`)."""
    start: ScannedItem | None = None
    count = 0
    for item in items if items is not None else scan_items(path):
        if start is not None and item.offset - start.offset >= size:
            yield ItemRange(start.offset, item.offset, start.line, count)
            start, count = None, 0
        if start is None:
            start = item
        count += 1
    if start is not None:
        yield ItemRange(start.offset, None, start.line, count)


def read_range(
    path: str | os.PathLike[str],
    part: ItemRange,
    head: ExportHead,
    *,
    offset: timezone | None = None,
    offset_known: bool = False,
) -> RangeRead:
    """The posts of one range of the export at ``path``, built as a whole read builds them.

    ``offset`` is the UTC offset the ranges before this one end with, when ``offset_known``;
    else an item with one date that would borrow it is noted (:attr:`RangeRead.offset_borrowed`)
    and built as if there were none. Raises :class:`RangeUnreadableError` for a range that
    is not plain items.
    """
    # libxml2 keeps lines up to 65,535 in an element and finds larger ones from the element's
    # text; so that a range's lines are the ones a whole read gives, its items stand on the
    # same side of that bound: newlines before a range, up to its own line or 65,535.
    padding = min(part.line, _LINE_BOUND) - 1
    lines = part.line - 1 - padding
    log = DiagnosticLog(head.name, strict=head.strict, line_offset=lines)
    context = head.context(log)
    context.offset, context.offset_known = offset, offset_known
    context.line_offset = lines
    posts: list[Post] = []
    marks: list[tuple[int, int]] = []
    keys: list[tuple[int | None, int | None]] = []
    try:
        prefix = head.prefix + b"\n" * padding
        for element in _items(Path(path), [(part.start, part.end)], prefix):
            post = context.post(element)
            built = log.listed_count()
            posts.append(rethread_comments(post, log))
            marks.append((built, log.listed_count()))
            keys.append((post.id, post.source_line))
    except etree.XMLSyntaxError as error:
        raise RangeUnreadableError(f"{head.name}: not readable as a range ({error})") from None
    except WxrkitError as error:  # strict mode's first diagnostic, a limit
        raise RangeUnreadableError(f"{head.name}: {error}") from None
    listed, folded = log.listed()
    return RangeRead(
        posts=posts,
        keys=keys,
        diagnostics=listed,
        folded=folded,
        marks=marks,
        offset_borrowed=context.offset_borrowed,
        offset_after=context.offset if context.offset_known else None,
    )


def _items(
    path: Path, spans: Iterable[tuple[int, int | None]], prefix: bytes
) -> Iterator[etree._Element]:
    """The ``<item>`` children of the channel in ``spans`` (byte ranges, in order; one
    reaching the end of the file, if any, comes last), each complete; dropped once the
    caller is done with it."""
    parser = item_parser()
    parser.feed(prefix)
    channel: etree._Element | None = None
    to_end = False
    with path.open("rb") as file:
        for start, end in spans:
            file.seek(start)
            to_end = end is None
            left = end - start if end is not None else None
            while left is None or left > 0:
                chunk = file.read(_READ if left is None else min(_READ, left))
                if not chunk:
                    if left is not None:
                        raise RangeUnreadableError(f"{path}: shorter than its scan")
                    break
                if left is not None:
                    left -= len(chunk)
                parser.feed(chunk)
                for event, element in parser.read_events():
                    channel = _event(event, element, channel)
                    if channel is not None and event == "end" and element.getparent() is channel:
                        yield element
                        element.clear(keep_tail=False)
                        channel.remove(element)
        if not to_end:
            parser.feed(_END)
        parser.close()
        for event, element in parser.read_events():
            channel = _event(event, element, channel)
            if channel is not None and event == "end" and element.getparent() is channel:
                yield element


def _event(
    event: str, element: etree._Element, channel: etree._Element | None
) -> etree._Element | None:
    """Check one parser event of a range; the channel element, once known."""
    if element.tag == "channel" and channel is None:
        return element
    if channel is not None and element.tag == "item" and event == "start":
        if element.getparent() is not channel:
            return channel
        for sibling in list(element.itersiblings(preceding=True)):
            if isinstance(sibling.tag, str):
                raise RangeUnreadableError(f"<{sibling.tag}> among the items")
            channel.remove(sibling)  # a comment between items
    elif event == "end" and element is channel and any(isinstance(c.tag, str) for c in element):
        raise RangeUnreadableError("channel elements after the items")
    elif (
        event == "end"
        and element.tag == "rss"
        and any(isinstance(child.tag, str) and child is not channel for child in element)
    ):
        raise RangeUnreadableError("elements after the channel")
    return channel


def read_items_at(
    path: str | os.PathLike[str], spans: Iterable[tuple[int, int | None]], head: ExportHead
) -> Iterator[Post]:
    """The items in ``spans`` (each from an item's start to the next item's, or None for the
    end of the file), parsed as one stream: a few items picked from the whole export (its
    attachments, say) without parsing the rest. Their line numbers and diagnostics are not
    those of a whole read; :func:`read_range` gives those."""
    context = head.context(DiagnosticLog(head.name, strict=False))
    context.decode_meta = False  # its diagnostics are not kept: values decode when used
    try:
        for element in _items(Path(path), spans, head.prefix):
            yield context.post(element)
    except etree.XMLSyntaxError as error:
        raise RangeUnreadableError(f"{head.name}: not readable as a range ({error})") from None


def merge_range(read: RangeRead, ids: SeenIds, log: DiagnosticLog) -> list[Post]:
    """Add a range's diagnostics to ``log``, the log of the whole read, reporting the ids
    that ranges before it (``ids``) already had; the ranges must come in export order.
    Returns the range's posts."""
    done = 0
    for (post_id, line), (built, end) in zip(read.keys, read.marks, strict=True):
        log.absorb(read.diagnostics[done:built])
        note_duplicate_id(post_id, line, ids, log)
        log.absorb(read.diagnostics[built:end])
        done = end
    log.absorb(read.diagnostics[done:], read.folded)
    return read.posts
