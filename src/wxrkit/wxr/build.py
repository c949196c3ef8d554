"""Building models from parsed WXR elements: one function per element kind, no I/O.

Every child element is either turned into a field or kept in ``extra``; a field that is
present but unreadable (a non-numeric id, an impossible date) is reported, never guessed.
"""

from __future__ import annotations

import html
import re
from datetime import datetime, timezone
from urllib.parse import unquote

from lxml import etree

from wxrkit.ids import parse_id
from wxrkit.models import Author, Category, Comment, Meta, Post, RawElement, Tag, Term
from wxrkit.php import PhpSerializeError, PhpValue, looks_serialized, unserialize
from wxrkit.wxr.dates import InvalidDateError, combine, parse_rfc822, parse_wp_date
from wxrkit.wxr.diagnostic_log import DiagnosticLog
from wxrkit.wxr.limits import MAX_BODY_TAGS
from wxrkit.wxr.namespaces import CONTENT, DC, EXCERPT, NONE, WP, Classifier

__all__ = ["BuildContext", "text_of"]

_ENCODED_NON_ASCII = re.compile(r"(?:%[89a-fA-F][0-9a-fA-F])+")


def text_of(element: etree._Element) -> str:
    """The element's content as the exporter wrote it: text, CDATA, and any markup inside."""
    if not len(element):
        return element.text or ""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child, etree._Comment):
            parts.append(f"<!--{child.text or ''}-->")
        elif isinstance(child, etree._ProcessingInstruction):
            parts.append(f"<?{child.target} {child.text or ''}?>")
        else:
            parts.append(etree.tostring(child, encoding="unicode", with_tail=False))
        parts.append(child.tail or "")
    return "".join(parts)


def decode_slug(slug: str) -> str:
    """Decode the percent-encoded UTF-8 WordPress writes for non-ASCII slugs (``%e2%80%91``).

    Only runs of escaped non-ASCII bytes are decoded; an escaped ASCII character such as
    ``%2f`` is left as written, so a slug never gains a ``/`` it did not show.
    """
    if "%" not in slug:
        return slug

    def decode(match: re.Match[str]) -> str:
        try:
            return unquote(match.group(0), errors="strict")
        except UnicodeDecodeError:
            return match.group(0)

    return _ENCODED_NON_ASCII.sub(decode, slug)


RAW_DEPTH = 64
"""Levels of an unmodelled element copied as RawElement; deeper markup is kept as text."""


def raw_element(element: etree._Element, depth: int = 0, lines: int = 0) -> RawElement:
    """Keep an element the model does not know, with its attributes, text and children
    (``lines`` added to the parser's line numbers: see :attr:`BuildContext.line_offset`).

    Below :data:`RAW_DEPTH` levels the rest of the subtree is kept as its XML in ``text``, so a
    hostile nesting of thousands of levels costs no recursion.
    """
    attributes = tuple((str(key), str(value)) for key, value in element.attrib.items())
    if depth >= RAW_DEPTH:
        markup = etree.tostring(element, encoding="unicode", with_tail=False)
        return RawElement(
            tag=str(element.tag), attributes=attributes, text=markup, line=_line(element, lines)
        )
    return RawElement(
        tag=str(element.tag),
        attributes=attributes,
        text=element.text or "",
        children=tuple(
            raw_element(child, depth + 1, lines) for child in element if isinstance(child.tag, str)
        ),
        line=_line(element, lines),
    )


def _line(element: etree._Element, lines: int) -> int | None:
    line = element.sourceline
    return line + lines if line is not None else None


_FieldTable = dict[tuple[str | None, str], str]
_TAG = re.compile(r"<[^>]*>")

_POST_TABLE: _FieldTable = {
    **{
        (WP, name): name
        for name in (
            "post_id",
            "post_date",
            "post_date_gmt",
            "post_modified",
            "post_modified_gmt",
            "comment_status",
            "ping_status",
            "post_name",
            "status",
            "post_parent",
            "menu_order",
            "post_type",
            "post_password",
            "is_sticky",
            "attachment_url",
        )
    },
    **{(NONE, name): name for name in ("title", "link", "pubDate", "guid", "description")},
    (CONTENT, "encoded"): "content",
    (EXCERPT, "encoded"): "excerpt",
    (DC, "creator"): "creator",
    (WP, "postmeta"): "@meta",
    (WP, "comment"): "@comment",
    (NONE, "category"): "@category",
}
_COMMENT_TABLE: _FieldTable = {
    **{
        (WP, name): name
        for name in (
            "comment_id",
            "comment_author",
            "comment_author_email",
            "comment_author_url",
            "comment_author_IP",
            "comment_date",
            "comment_date_gmt",
            "comment_content",
            "comment_approved",
            "comment_type",
            "comment_parent",
            "comment_user_id",
        )
    },
    (WP, "commentmeta"): "@meta",
}
_META_TABLE: _FieldTable = {(WP, "meta_key"): "key", (WP, "meta_value"): "value"}
_TERM_TABLE: _FieldTable = {
    **{
        (WP, name): name
        for name in (
            "author_id",
            "author_login",
            "author_email",
            "author_display_name",
            "author_first_name",
            "author_last_name",
            "term_id",
            "category_nicename",
            "category_parent",
            "cat_name",
            "category_description",
            "tag_slug",
            "tag_name",
            "tag_description",
            "term_taxonomy",
            "term_slug",
            "term_parent",
            "term_name",
            "term_description",
        )
    },
    (WP, "termmeta"): "@meta",
}
_SKIP = "#"
"""The action of comments and processing instructions among an element's children."""
UNKNOWN = "?"
"""The action of children no table names: they are kept as :class:`RawElement`."""
_NOT_A_FIELD = frozenset({"@meta", "@comment", "@category", _SKIP, UNKNOWN})


class _Dispatch:
    """Which field a child element fills, by namespace family and local name; cached by tag.

    The hot loops call ``cache.get(tag) or miss(tag)``: a dict lookup, as exports use few tags.
    """

    __slots__ = ("_classify", "_table", "cache")

    def __init__(self, classify: Classifier, table: _FieldTable) -> None:
        self._classify = classify
        self._table = table
        self.cache: dict[object, str] = {}

    def miss(self, tag: object) -> str:
        # Comments and processing instructions have a function, not a string, as their tag.
        action = self._table.get(self._classify(tag), UNKNOWN) if isinstance(tag, str) else _SKIP
        self.cache[tag] = action
        return action


class BuildContext:
    """What building items needs from the channel, and what it learns along the way."""

    def __init__(self, log: DiagnosticLog, max_body_tags: int = MAX_BODY_TAGS) -> None:
        self.log = log
        self.max_body_tags = max_body_tags
        self.classify = Classifier()
        self.authors: dict[str, Author] = {}
        self.categories: dict[str, Category] = {}
        self.categories_by_name: dict[str, Category] = {}
        self.tags: dict[str, Tag] = {}
        self.terms: dict[tuple[str, str], Term] = {}
        self.offset: timezone | None = None
        """The UTC offset of the last item with both dates, for items that have only one."""
        self.offset_known = False
        """Whether an item of this read set :attr:`offset`."""
        self.offset_borrowed = False
        """Whether an item took the UTC offset from before its read began (:attr:`offset` as
        it was set from outside): a range of an export read alone cannot know it."""
        self.decode_meta = True
        """Decode PHP-serialized meta values as they are read, to report a corrupt one where
        it is (else they are decoded on first use, and a corrupt one is not reported)."""
        self.line_offset = 0
        """Added to the parser's line numbers: the line in the file where what the parser was
        fed begins (a byte range of an export, read alone), less one."""
        self._post_fields = _Dispatch(self.classify, _POST_TABLE)
        self._comment_fields = _Dispatch(self.classify, _COMMENT_TABLE)
        self._meta_fields = _Dispatch(self.classify, _META_TABLE)
        self._term_fields = _Dispatch(self.classify, _TERM_TABLE)

    # -- diagnostics -----------------------------------------------------------------------

    def check_undeclared(self, element: etree._Element) -> None:
        """Report prefixes used without a declaration, once each, at their first use."""
        fresh = self.classify.fresh_undeclared
        if fresh:
            for prefix in fresh:
                self.log.add(
                    "undeclared-prefix",
                    f"the prefix {prefix!r} is used without a namespace declaration; read as "
                    f"the usual {prefix}: namespace",
                    element.sourceline,
                )
            fresh.clear()

    def _bad(self, what: str, value: str, element: etree._Element) -> None:
        self.log.add(
            "invalid-value", f"{what} {value!r} is not valid; left unset", element.sourceline
        )

    def _missing(self, what: str, default: str, element: etree._Element) -> None:
        self.log.add(
            "missing-field",
            f"an item has no {what}; read as {default!r}, as the WordPress importer would",
            element.sourceline,
        )

    # -- shared pieces ---------------------------------------------------------------------

    def meta_of(self, element: etree._Element) -> Meta:
        key = value = ""
        get, miss = self._meta_fields.cache.get, self._meta_fields.miss
        for child in element:
            tag = child.tag
            action = get(tag) or miss(tag)
            if action == "key":
                key = child.text or "" if not len(child) else text_of(child)
            elif action == "value":
                value = child.text or "" if not len(child) else text_of(child)
        if self.decode_meta and looks_serialized(value):
            # Decoded now (the model caches it) so that a corrupt value is reported where it
            # is, not found later as a raw string where a PHP array was expected.
            try:
                decoded: PhpValue = unserialize(value)
            except PhpSerializeError as error:
                decoded = value
                self.log.add(
                    "invalid-serialized-meta",
                    f"the meta value of {key!r} looks PHP-serialized but is not valid ({error}); "
                    "kept as the raw string",
                    element.sourceline,
                )
            return Meta.decoded_as(key, value, decoded)
        return Meta(key=key, raw=value)

    def _dates(
        self, local_text: str | None, gmt_text: str | None, element: etree._Element
    ) -> tuple[datetime | None, datetime | None, bool]:
        try:
            local = parse_wp_date(local_text) if local_text is not None else None
        except InvalidDateError:
            self._bad("the date", local_text or "", element)
            local = None
        try:
            gmt = parse_wp_date(gmt_text) if gmt_text is not None else None
        except InvalidDateError:
            self._bad("the GMT date", gmt_text or "", element)
            gmt = None
        aware_local, aware_gmt, offset = combine(local, gmt, self.offset)
        if offset is not None:
            self.offset = offset
            self.offset_known = True
        elif not self.offset_known and (local is not None or gmt is not None):
            self.offset_borrowed = True
        return aware_local, aware_gmt, gmt_text is not None

    # -- channel ---------------------------------------------------------------------------

    def _fields(self, element: etree._Element) -> tuple[dict[str, str], list[Meta]]:
        fields: dict[str, str] = {}
        meta: list[Meta] = []
        get, miss = self._term_fields.cache.get, self._term_fields.miss
        for child in element:
            tag = child.tag
            action = get(tag) or miss(tag)
            if action == "@meta":
                meta.append(self.meta_of(child))
            elif action == UNKNOWN:
                self.log.add(
                    "unknown-element",
                    f"<{tag!s}> inside <{element.tag!s}> is not part of WXR; it was skipped",
                    child.sourceline,
                )
            elif action != _SKIP:
                fields.setdefault(action, text_of(child))
        return fields, meta

    def author(self, element: etree._Element) -> Author:
        fields, _ = self._fields(element)
        author = Author(
            login=fields.get("author_login", ""),
            email=fields.get("author_email") or None,
            display_name=fields.get("author_display_name") or None,
            first_name=fields.get("author_first_name") or None,
            last_name=fields.get("author_last_name") or None,
            id=parse_id(fields.get("author_id", "")),
        )
        self.authors.setdefault(author.login, author)
        return author

    def category(self, element: etree._Element) -> Category:
        fields, meta = self._fields(element)
        category = Category(
            slug=decode_slug(fields.get("category_nicename", "")),
            name=html.unescape(fields.get("cat_name", "")),
            parent=decode_slug(fields.get("category_parent", "")) or None,
            description=fields.get("category_description", ""),
            id=parse_id(fields.get("term_id", "")),
            meta=tuple(meta),
        )
        self.categories.setdefault(category.slug, category)
        self.categories_by_name.setdefault(category.name, category)
        return category

    def tag(self, element: etree._Element) -> Tag:
        fields, meta = self._fields(element)
        tag = Tag(
            slug=decode_slug(fields.get("tag_slug", "")),
            name=html.unescape(fields.get("tag_name", "")),
            description=fields.get("tag_description", ""),
            id=parse_id(fields.get("term_id", "")),
            meta=tuple(meta),
        )
        self.tags.setdefault(tag.slug, tag)
        return tag

    def term(self, element: etree._Element) -> Term:
        fields, meta = self._fields(element)
        term = Term(
            taxonomy=fields.get("term_taxonomy", ""),
            slug=decode_slug(fields.get("term_slug", "")),
            name=html.unescape(fields.get("term_name", "")),
            parent=decode_slug(fields.get("term_parent", "")) or None,
            description=fields.get("term_description", ""),
            id=parse_id(fields.get("term_id", "")),
            meta=tuple(meta),
        )
        self.terms.setdefault((term.taxonomy, term.slug), term)
        return term

    # -- items -----------------------------------------------------------------------------

    def comment(self, element: etree._Element) -> Comment:
        fields: dict[str, str] = {}
        meta: list[Meta] = []
        extra: list[RawElement] = []
        get, miss = self._comment_fields.cache.get, self._comment_fields.miss
        for child in element:
            tag = child.tag
            action = get(tag) or miss(tag)
            if action not in _NOT_A_FIELD and action not in fields:
                fields[action] = child.text or "" if not len(child) else text_of(child)
            elif action == "@meta":
                meta.append(self.meta_of(child))
            elif action != _SKIP:
                extra.append(raw_element(child, lines=self.line_offset))
        published, published_gmt, _ = self._dates(
            fields.get("comment_date"), fields.get("comment_date_gmt"), element
        )
        status = fields.get("comment_approved", "1").strip()
        raw_id = fields.get("comment_id", "")
        comment_id = parse_id(raw_id)
        if comment_id is None and raw_id.strip():
            self._bad("the comment id", raw_id, element)
        return Comment(
            id=comment_id,
            parent_id=parse_id(fields.get("comment_parent", "")) or None,
            author=fields.get("comment_author", ""),
            author_email=fields.get("comment_author_email") or None,
            author_url=fields.get("comment_author_url") or None,
            author_ip=fields.get("comment_author_IP") or None,
            published=published,
            published_gmt=published_gmt,
            content=self._bounded(fields.get("comment_content", ""), "comment", element),
            approved=status in {"1", "approve"},
            status=status,
            type=fields.get("comment_type", "").strip() or "comment",
            user_id=parse_id(fields.get("comment_user_id", "")) or None,
            meta=tuple(meta),
            extra=tuple(extra),
        )

    def post_type(self, item: etree._Element) -> str:
        """The item's post type, as :meth:`post` will read it, without building the item."""
        get, miss = self._post_fields.cache.get, self._post_fields.miss
        for child in item:
            tag = child.tag
            if (get(tag) or miss(tag)) == "post_type":
                return text_of(child).strip() or "post"
        return "post"

    def _bounded(self, markup: str, what: str, element: etree._Element) -> str:
        """``markup``, or its text when it has more tags than converting it would bear."""
        tags = markup.count("<")
        if tags <= self.max_body_tags:
            return markup
        self.log.add(
            "body-too-complex",
            f"the {what} has {tags:,} tags, more than the {self.max_body_tags:,} wxrkit "
            "converts (converting takes about 400 bytes a tag); kept as its text, without "
            "markup (Limits.max_body_tags raises the bound)",
            element.sourceline,
        )
        return html.escape(html.unescape(_TAG.sub(" ", markup)), quote=False)

    def post(self, item: etree._Element) -> Post:  # noqa: PLR0912, PLR0915 - the hot loop over an item's children: one dispatch, no calls per child
        fields: dict[str, str] = {}
        categories: list[Category] = []
        tags: list[Tag] = []
        terms: list[Term] = []
        unnamed: list[tuple[str | None, str]] = []
        meta: list[Meta] = []
        comments: list[Comment] = []
        extra: list[RawElement] = []
        get, miss = self._post_fields.cache.get, self._post_fields.miss
        meta_of = self.meta_of
        for child in item:
            tag = child.tag
            action = get(tag) or miss(tag)
            if action not in _NOT_A_FIELD and action not in fields:
                fields[action] = child.text or "" if not len(child) else text_of(child)
            elif action == "@meta":
                meta.append(meta_of(child))
            elif action == "@comment":
                comments.append(self.comment(child))
            elif action == "@category":
                self._assignment(child, categories, tags, terms, unnamed)
            elif action != _SKIP:
                extra.append(raw_element(child, lines=self.line_offset))
        if fields.get("description"):
            # RSS's description is always empty in WordPress's exports; keep one that is not.
            extra.append(RawElement(tag="description", text=fields["description"]))

        self.check_undeclared(item)
        self._add_unnamed(unnamed, categories, tags)
        raw_id = fields.get("post_id", "")
        post_id = parse_id(raw_id)
        if post_id is None and raw_id.strip():
            self._bad("the post id", raw_id, item)

        published, published_gmt, has_gmt = self._dates(
            fields.get("post_date"), fields.get("post_date_gmt"), item
        )
        if not has_gmt and "pubDate" in fields:
            try:
                published_gmt = parse_rfc822(fields["pubDate"])
            except InvalidDateError:
                self._bad("the pubDate", fields["pubDate"], item)
        modified, modified_gmt, _ = self._dates(
            fields.get("post_modified"), fields.get("post_modified_gmt"), item
        )

        post_type = fields.get("post_type", "").strip()
        if not post_type:
            post_type = "post"
            self._missing("wp:post_type", "post", item)
        status = fields.get("status", "").strip()
        if not status:
            # The WordPress importer would insert such an item as a draft: never publish a
            # post the export did not say was published.
            status = "draft"
            self._missing("wp:status", "draft", item)

        creator = fields.get("creator", "").strip()
        author = None
        if creator:
            author = self.authors.get(creator)
            if author is None:
                author = self.authors[creator] = Author(login=creator)

        title = fields.get("title", "")
        if "&" in title:
            title = html.unescape(title)
        thumbnail = next((entry.raw for entry in meta if entry.key == "_thumbnail_id"), "")
        return Post(
            id=post_id,
            type=post_type,
            status=status,
            title=title,
            slug=decode_slug(fields.get("post_name", "").strip()),
            url=fields.get("link", "").strip() or None,
            guid=fields.get("guid", "").strip() or None,
            author=author,
            published=published,
            published_gmt=published_gmt,
            modified=modified,
            modified_gmt=modified_gmt,
            content_raw=self._bounded(fields.get("content", ""), "content", item),
            excerpt=self._bounded(fields.get("excerpt", ""), "excerpt", item),
            categories=tuple(categories),
            tags=tuple(tags),
            terms=tuple(terms),
            comments=tuple(comments),
            parent_id=parse_id(fields.get("post_parent", "")) or None,
            menu_order=parse_id(fields.get("menu_order", "")) or 0,
            password=fields.get("post_password") or None,
            sticky=fields.get("is_sticky", "").strip() == "1",
            comment_status=fields.get("comment_status", "").strip() or None,
            ping_status=fields.get("ping_status", "").strip() or None,
            attachment_url=fields.get("attachment_url", "").strip() or None,
            meta=tuple(meta),
            featured_image_id=parse_id(thumbnail) or None,
            extra=tuple(extra),
            source_line=_line(item, self.line_offset),
        )

    def _assignment(
        self,
        element: etree._Element,
        categories: list[Category],
        tags: list[Tag],
        terms: list[Term],
        unnamed: list[tuple[str | None, str]],
    ) -> None:
        name = html.unescape(text_of(element))
        domain = element.get("domain")
        nicename = element.get("nicename")
        if nicename is None:
            # WXR 1.0 writes every assignment twice, once without nicename; the twin decides.
            unnamed.append((domain, name))
            return
        slug = decode_slug(nicename)
        if domain == "category":
            categories.append(self.categories.get(slug) or Category(slug=slug, name=name))
        elif domain in ("post_tag", "tag"):
            tags.append(self.tags.get(slug) or Tag(slug=slug, name=name))
        else:
            taxonomy = domain or ""
            terms.append(
                self.terms.get((taxonomy, slug)) or Term(taxonomy=taxonomy, slug=slug, name=name)
            )

    def _add_unnamed(
        self,
        unnamed: list[tuple[str | None, str]],
        categories: list[Category],
        tags: list[Tag],
    ) -> None:
        for domain, name in unnamed:
            if domain in (None, "category"):
                if any(category.name == name for category in categories):
                    continue
                known = self.categories_by_name.get(name)
                categories.append(known or Category(slug=name, name=name))
            elif domain in ("post_tag", "tag") and not any(tag.name == name for tag in tags):
                tags.append(Tag(slug=name, name=name))
