"""The streaming WXR reader.

Posts are built one ``<item>`` at a time from lxml's pull parser and the parsed elements are
dropped at once, so memory stays flat however large the export. Channel data (site, authors,
categories, tags, terms) precedes the items in every WordPress export and is complete before
the first post is yielded.

Well-formed input is parsed as it is. When the parser meets a defect, the input is read again
with repairs (each one reported) and the posts already yielded are skipped, so a consumer sees
every post once. Input that cannot be read twice (a pipe) is read with repairs from the start.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, replace
from types import TracebackType
from typing import Final, TypeVar

from lxml import etree

from wxrkit.attachments import link_attachments
from wxrkit.errors import Diagnostic, LimitExceededError, ParseError
from wxrkit.models import Author, Category, Export, Post, RawElement, Site, Tag, Term
from wxrkit.wxr.build import BuildContext, raw_element, text_of
from wxrkit.wxr.dates import InvalidDateError, parse_rfc822
from wxrkit.wxr.diagnostic_log import DiagnosticLog
from wxrkit.wxr.limits import Limits
from wxrkit.wxr.namespaces import NONE, WP
from wxrkit.wxr.seen_ids import SeenIds
from wxrkit.wxr.source import ByteSource, Input, open_source
from wxrkit.wxr.stream import PreparedStream

__all__ = [
    "WxrReader",
    "check_version",
    "item_parser",
    "iter_wxr",
    "note_duplicate_id",
    "read_wxr",
    "rethread_comments",
]

KNOWN_VERSIONS: Final = ("1.0", "1.1", "1.2")
MAX_DEPTH: Final = 2048
"""libxml2 refuses deeper nesting, even with huge_tree; the reader reports it as a limit."""
_VERSION_SHAPE = re.compile(r"\d+\.\d+\Z")
_HEADER: Final = object()
_SITE_TEXT = {"title", "link", "description", "language", "generator", "pubDate"}
_SITE_WP = {"wxr_version", "base_site_url", "base_blog_url"}
_TRUNCATED = (
    "Premature end of data",
    "EndTag: '</' not found",
    "expected '>'",
    "Couldn't find end",
)


def note_duplicate_id(
    post_id: int | None, line: int | None, ids: SeenIds, log: DiagnosticLog
) -> None:
    """Report the id of a post (on ``line``) when an earlier item of the read (``ids``) had
    it too."""
    if post_id is not None and not ids.add(post_id):
        log.add(
            "duplicate-id",
            f"post id {post_id} is used by an earlier item too; both are kept",
            line=line,
        )


def rethread_comments(post: Post, log: DiagnosticLog) -> Post:
    """``post`` with comments that reply to a comment it does not have made top-level."""
    known = {comment.id for comment in post.comments if comment.id is not None}
    if all(c.parent_id is None or c.parent_id in known for c in post.comments):
        return post
    comments = []
    for comment in post.comments:
        if comment.parent_id is not None and comment.parent_id not in known:
            log.add(
                "missing-comment-parent",
                f"comment {comment.id} replies to comment {comment.parent_id}, which the "
                "post does not have; kept as a top-level comment, as WordPress imports it",
                # the post's line is absolute already: the log must not move it again
                line=None if post.source_line is None else post.source_line - log.line_offset,
            )
            comment = replace(comment, parent_id=None)
        comments.append(comment)
    return replace(post, comments=tuple(comments))


def item_parser() -> etree.XMLPullParser:
    # Untrusted input: no DTD, no entity expansion, no network. huge_tree lifts libxml2's 10 MB
    # text-node limit (base64 images in posts exceed it); depth is bounded by the reader itself.
    return etree.XMLPullParser(
        events=("start", "end"),
        tag=("rss", "channel", "item"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=True,
        collect_ids=False,
        remove_blank_text=False,
    )


class WxrReader:
    """Reads one WXR export as a stream of :class:`~wxrkit.models.Post`.

    >>> with WxrReader("export.xml") as reader:     # doctest: +SKIP
    ...     print(reader.site.title)
    ...     for post in reader:
    ...         print(post.title)

    The channel data is read on first access; iterating yields every item once. After the
    iteration, :attr:`diagnostics` holds every repair and oddity of the read. ``types`` reads
    only the items of those post types (``types={"attachment"}`` reads an export's media
    library at the cost of parsing it); the others are passed over unbuilt, unchecked.
    """

    def __init__(
        self,
        source: Input,
        *,
        strict: bool = False,
        limits: Limits | None = None,
        name: str | None = None,
        types: Collection[str] | None = None,
    ) -> None:
        self.limits = limits or Limits()
        self.strict = strict
        self.types = frozenset(types) if types is not None else None
        """Only items of these post types are built and yielded (None: every item); the
        others are passed over unbuilt, so their fields are neither read nor checked."""
        self._source: ByteSource = open_source(source, self.limits, name)
        self._site = Site()
        self._authors: list[Author] = []
        self._categories: list[Category] = []
        self._tags: list[Tag] = []
        self._terms: list[Term] = []
        self._listed: set[tuple[str, str]] = set()
        """The (taxonomy, slug) of the channel's terms, once the first item comes."""
        self._found_on_items: dict[tuple[str, str], Category | Tag | Term] = {}
        """Terms the items name that the channel does not list, by (taxonomy, slug)."""
        self._log = DiagnosticLog(self._source.name, strict=strict)
        self._header_done = False
        self.at_first_item: _FirstItem | None = None
        """What the channel left the read with, when the first item came (for
        :func:`wxrkit.wxr.ranges.read_head`)."""
        self._events: Iterator[object] = self._run()
        self._closed = False

    # -- public ----------------------------------------------------------------------------

    @property
    def name(self) -> str:
        """The source's name as messages give it."""
        return self._source.name

    @property
    def site(self) -> Site:
        """The export's site (the channel's own elements)."""
        self._read_header()
        return self._site

    @property
    def authors(self) -> tuple[Author, ...]:
        """The channel's authors, plus any named only by a post's ``dc:creator`` so far."""
        self._read_header()
        return tuple(self._authors)

    @property
    def categories(self) -> tuple[Category, ...]:
        """The channel's categories, then those only the items read so far name
        (``from_items``: a WordPress.com export lists none in its channel)."""
        self._read_header()
        return (*self._categories, *self._only_on_items(Category))

    @property
    def tags(self) -> tuple[Tag, ...]:
        """The channel's tags, then those only the items read so far name."""
        self._read_header()
        return (*self._tags, *self._only_on_items(Tag))

    @property
    def terms(self) -> tuple[Term, ...]:
        """The channel's terms of other taxonomies, then those only the items read so far
        name."""
        self._read_header()
        return (*self._terms, *self._only_on_items(Term))

    def _only_on_items(self, kind: type[_TermKind]) -> list[_TermKind]:
        return [term for term in self._found_on_items.values() if isinstance(term, kind)]

    def _note_terms(self, post: Post) -> None:
        """Remember the terms ``post`` names that the channel does not list."""
        found = self._found_on_items
        named: list[Category | Tag | Term] = [*post.categories, *post.tags, *post.terms]
        for term in named:
            key = _term_key(term)
            if key not in found and key not in self._listed:
                found[key] = replace(term, from_items=True)

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """What was repaired or noticed so far."""
        return self._log.diagnostics()

    @property
    def diagnostic_log(self) -> DiagnosticLog:
        """The log :attr:`diagnostics` comes from (what another log can absorb)."""
        return self._log

    def __iter__(self) -> Iterator[Post]:
        for event in self._events:
            if isinstance(event, Post):
                if not self._listed:
                    listed: list[Category | Tag | Term] = [
                        *self._categories,
                        *self._tags,
                        *self._terms,
                    ]
                    self._listed = {_term_key(term) for term in listed}
                self._note_terms(event)
                yield event

    def __enter__(self) -> WxrReader:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop reading and release the input."""
        if not self._closed:
            self._closed = True
            close = getattr(self._events, "close", None)
            if close is not None:
                close()

    # -- internals -------------------------------------------------------------------------

    def _read_header(self) -> None:
        if self._header_done:
            return
        for event in self._events:
            if event is _HEADER:
                return
            raise AssertionError("a post came before the channel data was complete")

    def _run(self) -> Iterator[object]:
        repair = not self._source.reopenable
        yielded = 0
        while True:
            self._log = DiagnosticLog(self._source.name, strict=self.strict)
            built = 0
            ids = SeenIds()
            raw = self._source.open()
            try:
                for event in self._parse(raw, repair):
                    if event is _HEADER:
                        self._check_categories()
                        if not self._header_done:
                            self._header_done = True
                            yield _HEADER
                        continue
                    assert isinstance(event, Post)
                    event = self._check_post(event, ids)
                    built += 1
                    if built > yielded:
                        yielded += 1
                        yield event
                if not self._header_done:
                    self._header_done = True
                    yield _HEADER
                return
            except (etree.XMLSyntaxError, _EndOfInputError) as failure:
                if "Excessive depth" in str(failure):
                    raise self._too_deep(getattr(failure, "lineno", None)) from None
                if not repair:
                    repair = True
                    continue
                truncated = isinstance(failure, _EndOfInputError)
                error = failure.error if isinstance(failure, _EndOfInputError) else failure
                raise self._syntax_error(error, yielded, truncated=truncated) from None
            finally:
                if self._source.owned:
                    close = getattr(raw, "close", None)
                    if close is not None:
                        close()

    def _check_post(self, post: Post, ids: SeenIds) -> Post:
        note_duplicate_id(post.id, post.source_line, ids, self._log)
        return rethread_comments(post, self._log)

    def _check_categories(self) -> None:
        """Report category parents that do not exist or form a cycle, and cut those links."""
        by_slug = {category.slug: category for category in self._categories}
        checked = []
        for category in self._categories:
            parent = category.parent
            if parent is not None and parent not in by_slug:
                self._log.add(
                    "missing-category-parent",
                    f"category {category.slug!r} names the parent {parent!r}, which the export "
                    "does not have; kept at the top level",
                )
                category = replace(category, parent=None)
            else:
                seen, step = {category.slug}, parent
                while step is not None and step in by_slug and step not in seen:
                    seen.add(step)
                    step = by_slug[step].parent
                if step == category.slug:
                    self._log.add(
                        "category-cycle",
                        f"category {category.slug!r} is its own ancestor (through {parent!r}); "
                        "its parent link is cut",
                    )
                    category = replace(category, parent=None)
                    by_slug[category.slug] = category
            checked.append(category)
        self._categories = checked

    def _too_deep(self, line: int | None) -> LimitExceededError:
        return LimitExceededError(
            f"elements nest more than {MAX_DEPTH} levels deep (libxml2's bound); WordPress "
            "exports nest 6. This input is not an export, or is hostile",
            source=self._source.name,
            line=line,
        )

    def _syntax_error(
        self, error: etree.XMLSyntaxError, items: int, *, truncated: bool
    ) -> ParseError:
        message = str(error.msg or error).split(", line ")[0].splitlines()[0]
        line, column = error.position if error.position else (error.lineno, None)
        if truncated or any(marker in message for marker in _TRUNCATED):
            reason = (
                f"the export ends before it is complete ({message}); the file looks cut "
                f"short: {items} complete item(s) were read. Export or download it again"
            )
        else:
            reason = (
                f"the XML is broken here ({message}); {items} item(s) were read before this "
                "point. Fix the file around this line, or export it again"
            )
        return ParseError(
            reason, source=self._source.name, line=line, column=column, items_read=items
        )

    def _parse(self, raw: object, repair: bool) -> Iterator[object]:  # noqa: PLR0912, PLR0915 - the parser's event loop: state shared by every event stays local and fast
        """Yield ``_HEADER`` once the channel data is known, then each item's Post.

        The parser reports only ``<rss>``, ``<channel>`` and ``<item>`` (Python never sees the
        other elements' events). When an item starts, every sibling before it is complete:
        that is where the channel's own children are read and dropped.
        """
        log = self._log
        context = BuildContext(log, self.limits.max_body_tags)
        self._authors, self._categories, self._tags, self._terms = [], [], [], []
        site_fields: dict[str, str] = {}
        site_extra: list[RawElement] = []
        prepared = PreparedStream(raw, log, self.limits, repair=repair)  # type: ignore[arg-type]
        parser = item_parser()
        classify = context.classify
        wanted = self.types
        container: etree._Element | None = None
        header_sent = False

        def settle(before: etree._Element | None) -> None:
            """Read and drop the container's children that precede ``before`` (all if None)."""
            assert container is not None
            for child in list(container):
                if child is before:
                    break
                if isinstance(child.tag, str):
                    family, local = classify(child.tag)
                    self._channel_child(
                        child,
                        family,
                        local,
                        context=context,
                        site_fields=site_fields,
                        site_extra=site_extra,
                        late=header_sent,
                    )
                container.remove(child)

        for _ in _chunks(prepared, parser):
            for event, element in parser.read_events():
                tag = element.tag
                parent = element.getparent()
                if event == "start":
                    if tag != "item":
                        continue
                    if container is None:
                        if parent is None:
                            log.add(
                                "fragment",
                                "the document is a single <item> without <rss> and <channel>; "
                                "read as a one-item export",
                                element.sourceline,
                            )
                        else:
                            container = parent
                            self._check_container(parent, log)
                    if parent is container:
                        if container is not None and element.getprevious() is not None:
                            settle(element)
                        if not header_sent:
                            self._site = self._make_site(site_fields, site_extra, prepared, log)
                            header_sent = True
                            self.at_first_item = _FirstItem(context, prepared, container)
                            yield _HEADER
                    continue

                if tag == "item":
                    if parent is container:
                        if wanted is None or context.post_type(element) in wanted:
                            yield context.post(element)
                        if parent is not None:
                            element.clear(keep_tail=False)
                            parent.remove(element)
                elif container is None or element is container or tag == "rss":
                    if container is None:
                        container = element if tag == "channel" else _first_child(element)
                    if container is not None:
                        settle(None)

        if not header_sent:
            self._site = self._make_site(site_fields, site_extra, prepared, log)
        self._authors = _merge_authors(self._authors, context.authors)
        self._check_version(log)

    def _check_container(self, container: etree._Element, log: DiagnosticLog) -> None:
        if container.tag == "channel":
            return
        if container.getparent() is None:
            log.add(
                "item-outside-channel",
                "items stand directly under <rss>, outside <channel>; read as items",
                container.sourceline,
            )
        else:
            log.add(
                "unexpected-element",
                f"<{container.tag!s}> stands where <channel> belongs; read as the channel",
                container.sourceline,
            )

    def _channel_child(  # noqa: PLR0913 - every piece of channel state it fills, named
        self,
        element: etree._Element,
        family: str | None,
        local: str,
        *,
        context: BuildContext,
        site_fields: dict[str, str],
        site_extra: list[RawElement],
        late: bool,
    ) -> None:
        if family == WP and local in ("author", "category", "tag", "term"):
            if late:
                self._log.add(
                    "late-channel-element",
                    f"a wp:{local} comes after the first item; it is in the export's lists but "
                    "was not known to the items before it",
                    element.sourceline,
                )
            if local == "author":
                self._authors.append(context.author(element))
            elif local == "category":
                self._categories.append(context.category(element))
            elif local == "tag":
                self._tags.append(context.tag(element))
            else:
                self._terms.append(context.term(element))
            return
        is_site_field = (family == NONE and local in _SITE_TEXT) or (
            family == WP and local in _SITE_WP
        )
        if is_site_field and local not in site_fields:
            site_fields[local] = text_of(element).strip()
            return
        context.check_undeclared(element)
        site_extra.append(raw_element(element))

    def _make_site(
        self,
        fields: dict[str, str],
        extra: list[RawElement],
        prepared: PreparedStream,
        log: DiagnosticLog,
    ) -> Site:
        comment = prepared.prolog.generator_comment if prepared.prolog else None
        exported_at = None
        if fields.get("pubDate"):
            try:
                exported_at = parse_rfc822(fields["pubDate"])
            except InvalidDateError:
                log.add(
                    "invalid-value",
                    f"the channel pubDate {fields['pubDate']!r} is not a date; left unset",
                )
        return Site(
            title=fields.get("title", ""),
            link=fields.get("link") or None,
            description=fields.get("description", ""),
            language=fields.get("language") or None,
            base_site_url=fields.get("base_site_url") or None,
            base_blog_url=fields.get("base_blog_url") or None,
            wxr_version=fields.get("wxr_version") or None,
            generator=fields.get("generator") or (comment[0] if comment else None),
            exported_at=exported_at,
            extra=tuple(extra),
        )

    def _check_version(self, log: DiagnosticLog) -> None:
        check_version(self._site, log)


class _EndOfInputError(Exception):
    """The parser's complaint on being closed: the input ended before the document did."""

    def __init__(self, error: etree.XMLSyntaxError) -> None:
        super().__init__(str(error))
        self.error = error


def _chunks(prepared: PreparedStream, parser: etree.XMLPullParser) -> Iterator[None]:
    """Feed the parser chunk by chunk, pausing after each so its events can be read."""
    for chunk in prepared:
        parser.feed(chunk)
        yield None
    try:
        parser.close()
    except etree.XMLSyntaxError as error:
        raise _EndOfInputError(error) from error
    yield None


_TermKind = TypeVar("_TermKind", Category, Tag, Term)


def _term_key(term: Category | Tag | Term) -> tuple[str, str]:
    if isinstance(term, Category):
        return ("category", term.slug)
    if isinstance(term, Tag):
        return ("post_tag", term.slug)
    return (term.taxonomy, term.slug)


def _first_child(element: etree._Element) -> etree._Element | None:
    return next((child for child in element if isinstance(child.tag, str)), None)


def _merge_authors(channel: list[Author], known: dict[str, Author]) -> list[Author]:
    logins = {author.login for author in channel}
    return [*channel, *(author for login, author in known.items() if login not in logins)]


def check_version(site: Site, log: DiagnosticLog) -> None:
    """Report an export without a WXR version, or with one wxrkit does not know."""
    version = site.wxr_version
    if version is None:
        log.add(
            "missing-wxr-version",
            "the export has no wp:wxr_version; read with the rules of WXR 1.2",
        )
    elif version not in KNOWN_VERSIONS:
        if _VERSION_SHAPE.match(version):
            log.add(
                "unknown-wxr-version",
                f"WXR version {version} is newer than the versions wxrkit knows (1.0 to "
                "1.2); read with the rules of 1.2, check the result",
            )
        else:
            log.add(
                "invalid-wxr-version",
                f"wp:wxr_version {version!r} is not a version number; read with the rules "
                "of WXR 1.2",
            )


@dataclass(frozen=True, slots=True)
class _FirstItem:
    context: BuildContext
    prepared: PreparedStream
    container: etree._Element | None


def iter_wxr(
    source: Input,
    *,
    strict: bool = False,
    limits: Limits | None = None,
    name: str | None = None,
) -> Iterator[Post]:
    """Yield every item of an export as a :class:`~wxrkit.models.Post`, streaming."""
    with WxrReader(source, strict=strict, limits=limits, name=name) as reader:
        yield from reader


def read_wxr(
    source: Input,
    *,
    strict: bool = False,
    limits: Limits | None = None,
    name: str | None = None,
) -> Export:
    """Read a whole export into an :class:`~wxrkit.models.Export`.

    Unlike the streaming reader, this links each post to its featured image and attachments.
    """
    with WxrReader(source, strict=strict, limits=limits, name=name) as reader:
        posts = list(reader)
        return Export(
            site=reader.site,
            authors=reader.authors,
            categories=reader.categories,
            tags=reader.tags,
            terms=reader.terms,
            posts=tuple(link_attachments(posts)),
            diagnostics=reader.diagnostics,
            source=reader.name,
        )
