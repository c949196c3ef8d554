"""The typed, immutable data model every reader produces and every serializer consumes.

Models keep what the source says: no parsing and no rendering happen here. Collections are
tuples, datetimes are aware, and free-form data lives in ``meta`` only. docs/models.md maps each
field to the WXR element it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from wxrkit.errors import Diagnostic
from wxrkit.php import PhpSerializeError, PhpValue, looks_serialized, unserialize

__all__ = [
    "Attachment",
    "Author",
    "Category",
    "Comment",
    "CommentForm",
    "Export",
    "FormField",
    "Meta",
    "Post",
    "RawElement",
    "ScrapedPage",
    "Site",
    "Tag",
    "Term",
]

_UNDECODED: object = object()


@dataclass(frozen=True, slots=True, kw_only=True)
class Meta:
    """One meta entry (post, comment or term meta), in the order the source lists them."""

    key: str
    """The meta key, e.g. ``_thumbnail_id``; plugin keys are kept as they are."""
    raw: str
    """The value exactly as stored."""
    _decoded: object = field(default=_UNDECODED, init=False, repr=False, compare=False)

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        # Pickled without the decoded value's cache (read-only mappings do not pickle).
        return (_meta, (self.key, self.raw))

    @classmethod
    def decoded_as(cls, key: str, raw: str, value: PhpValue | str) -> Meta:
        """An entry whose ``raw`` the caller has already decoded to ``value`` (or found
        corrupt: then ``value`` is ``raw``); the reader decodes as it reads, to report a
        corrupt value where it is."""
        meta = cls(key=key, raw=raw)
        object.__setattr__(meta, "_decoded", value)
        return meta

    @property
    def serialized(self) -> bool:
        """Whether :attr:`raw` has the shape of a PHP-serialized value."""
        return looks_serialized(self.raw)

    @property
    def value(self) -> PhpValue:
        """The decoded PHP value when :attr:`raw` is serialized and valid, else :attr:`raw`.

        Decoding is lazy (and cached) because most consumers never look at most meta.
        """
        cached = self._decoded
        if cached is _UNDECODED:
            cached = self.raw
            if looks_serialized(self.raw):
                try:
                    cached = unserialize(self.raw)
                except PhpSerializeError:
                    cached = self.raw
            object.__setattr__(self, "_decoded", cached)
        return cached  # type: ignore[return-value]


def _meta(key: str, raw: str) -> Meta:
    return Meta(key=key, raw=raw)


@dataclass(frozen=True, slots=True, kw_only=True)
class RawElement:
    """An element the reader does not model (a plugin's, an unknown namespace's), kept as found."""

    tag: str
    """The name in Clark notation: ``{namespace-uri}local`` or ``local``."""
    attributes: tuple[tuple[str, str], ...] = ()
    """The attributes, in document order."""
    text: str = ""
    """The text content before the first child."""
    children: tuple[RawElement, ...] = ()
    """Child elements, recursively."""
    line: int | None = None
    """The source line where the element starts."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Site:
    """The blog an export or page comes from (the WXR ``<channel>``)."""

    title: str = ""
    """Site name (``channel/title``)."""
    link: str | None = None
    """Home URL (``channel/link``)."""
    description: str = ""
    """Tagline (``channel/description``)."""
    language: str | None = None
    """Language code such as ``en-US`` (``channel/language``)."""
    base_site_url: str | None = None
    """``wp:base_site_url``: the network's home on multisite, else the site URL."""
    base_blog_url: str | None = None
    """``wp:base_blog_url``: this blog's URL."""
    wxr_version: str | None = None
    """``wp:wxr_version`` as written (``1.0``, ``1.1``, ``1.2``...); None where absent."""
    generator: str | None = None
    """``channel/generator``, e.g. ``https://wordpress.org/?v=6.4``."""
    exported_at: datetime | None = None
    """When the export was made (``channel/pubDate``), in UTC."""
    extra: tuple[RawElement, ...] = ()
    """Channel children that are not modelled, kept as found."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Author:
    """A post's author (``wp:author`` in WXR 1.1+, ``dc:creator`` alone in 1.0)."""

    login: str
    """``wp:author_login``, the key posts refer to via ``dc:creator``."""
    email: str | None = None
    """``wp:author_email``."""
    display_name: str | None = None
    """``wp:author_display_name``."""
    first_name: str | None = None
    """``wp:author_first_name``."""
    last_name: str | None = None
    """``wp:author_last_name``."""
    id: int | None = None
    """``wp:author_id`` (absent in WordPress.com exports)."""
    url: str | None = None
    """The author's home page (from scraped pages; WXR does not export it)."""
    bio: str | None = None
    """The author's description (author boxes of scraped pages; WXR does not export it)."""

    @property
    def name(self) -> str:
        """The name to show: the display name, else first and last name, else the login."""
        if self.display_name:
            return self.display_name
        full = " ".join(part for part in (self.first_name, self.last_name) if part)
        return full or self.login


@dataclass(frozen=True, slots=True, kw_only=True)
class Category:
    """A category (``wp:category`` in the channel, ``category[domain=category]`` in items)."""

    slug: str
    """``wp:category_nicename``, percent-decoded."""
    name: str
    """``wp:cat_name``."""
    parent: str | None = None
    """The parent's slug (``wp:category_parent``), None at the top level."""
    description: str = ""
    """``wp:category_description``."""
    id: int | None = None
    """``wp:term_id`` (WXR 1.1+)."""
    meta: tuple[Meta, ...] = ()
    """``wp:termmeta`` entries."""
    from_items: bool = False
    """Not listed in the channel, only named by items (WordPress.com exports list none)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Tag:
    """A tag (``wp:tag`` in the channel, ``category[domain=post_tag]`` in items)."""

    slug: str
    """``wp:tag_slug``, percent-decoded."""
    name: str
    """``wp:tag_name``."""
    description: str = ""
    """``wp:tag_description``."""
    id: int | None = None
    """``wp:term_id``."""
    meta: tuple[Meta, ...] = ()
    """``wp:termmeta`` entries."""
    from_items: bool = False
    """Not listed in the channel, only named by items."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Term:
    """A term of any other taxonomy: post formats, nav menus, custom taxonomies (``wp:term``)."""

    taxonomy: str
    """``wp:term_taxonomy`` or the item's ``category/@domain``, e.g. ``post_format``."""
    slug: str
    """``wp:term_slug``, percent-decoded."""
    name: str
    """``wp:term_name``."""
    parent: str | None = None
    """The parent's slug (``wp:term_parent``)."""
    description: str = ""
    """``wp:term_description``."""
    id: int | None = None
    """``wp:term_id``."""
    meta: tuple[Meta, ...] = ()
    """``wp:termmeta`` entries."""
    from_items: bool = False
    """Not listed in the channel, only named by items."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Comment:
    """A comment, pingback or trackback (``wp:comment``)."""

    id: int | None
    """``wp:comment_id``."""
    parent_id: int | None = None
    """``wp:comment_parent``; None for a top-level comment (WordPress writes 0)."""
    author: str = ""
    """``wp:comment_author``, the name the commenter gave."""
    author_email: str | None = None
    """``wp:comment_author_email``."""
    author_url: str | None = None
    """``wp:comment_author_url``."""
    author_ip: str | None = None
    """``wp:comment_author_IP``."""
    published: datetime | None = None
    """``wp:comment_date`` (site-local) with the offset derived from the GMT date."""
    published_gmt: datetime | None = None
    """``wp:comment_date_gmt``, in UTC."""
    content: str = ""
    """``wp:comment_content``, raw (may hold HTML)."""
    approved: bool = True
    """Whether ``wp:comment_approved`` is ``1``; pending comments are kept with False."""
    status: str = "1"
    """``wp:comment_approved`` as written: ``1``, ``0``, ``spam``, ``trash``."""
    type: str = "comment"
    """``comment``, ``pingback``, ``trackback`` or a plugin's type (empty in the source means
    ``comment``)."""
    user_id: int | None = None
    """``wp:comment_user_id`` of a logged-in commenter; None for guests (WordPress writes 0)."""
    meta: tuple[Meta, ...] = ()
    """``wp:commentmeta`` entries, e.g. ``akismet_result``."""
    extra: tuple[RawElement, ...] = ()
    """Children of ``wp:comment`` that are not modelled, kept as found."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Attachment:
    """A media item: an ``attachment`` post seen from the posts that use it."""

    id: int | None
    """The attachment's ``wp:post_id``."""
    url: str | None
    """``wp:attachment_url``, else the ``guid`` (as the WordPress importer falls back)."""
    title: str = ""
    """The attachment's title."""
    caption: str = ""
    """``excerpt:encoded`` of the attachment."""
    description: str = ""
    """``content:encoded`` of the attachment."""
    alt: str | None = None
    """``_wp_attachment_image_alt`` meta."""
    file: str | None = None
    """``_wp_attached_file`` meta: the path under ``wp-content/uploads``."""
    parent_id: int | None = None
    """The post the file was uploaded to."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FormField:
    """One input of a comment form."""

    name: str
    """The input's ``name`` attribute, e.g. ``author``, ``email``, ``url``, ``comment``."""
    label: str = ""
    """Its label as shown."""
    type: str = "text"
    """``text``, ``email``, ``url``, ``textarea``, ``checkbox``, ``hidden``..."""
    required: bool = False
    """Whether the form marks it required."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CommentForm:
    """A page's comment form, turned into structure instead of body text (page readers)."""

    title: str = ""
    """The form's heading, e.g. ``Leave a Reply``."""
    action: str | None = None
    """The form's ``action`` URL."""
    fields: tuple[FormField, ...] = ()
    """The inputs offered."""
    login_providers: tuple[str, ...] = ()
    """Services offered to log in with, e.g. ``WordPress.com``, ``Twitter``."""
    requires_login: bool = False
    """Whether commenting needs a login (``.must-log-in``)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Post:
    """One item: a post, page, attachment, menu item or any custom post type."""

    id: int | None
    """``wp:post_id``; None where the source has none."""
    type: str = "post"
    """``wp:post_type`` as written, custom types included (``post`` where absent)."""
    status: str = "publish"
    """``wp:status`` as written (``publish``, ``draft``, ``inherit``, ``trash``, plugin states);
    ``draft`` where the source has none, as the WordPress importer reads it."""
    title: str = ""
    """``title``, with the HTML entities of pre-5.7 exports decoded."""
    slug: str = ""
    """``wp:post_name``, percent-decoded where it encodes non-ASCII text; may be empty."""
    url: str | None = None
    """The permalink at export time (``link``)."""
    guid: str | None = None
    """``guid``."""
    author: Author | None = None
    """The author named by ``dc:creator``, resolved against the channel's ``wp:author`` list."""
    published: datetime | None = None
    """``wp:post_date`` (site-local) as an aware datetime; see docs/models.md for the offset."""
    published_gmt: datetime | None = None
    """``wp:post_date_gmt`` (else ``pubDate``) in UTC; None for never-published drafts."""
    modified: datetime | None = None
    """``wp:post_modified`` (WordPress 5.7+)."""
    modified_gmt: datetime | None = None
    """``wp:post_modified_gmt`` in UTC."""
    content_raw: str = ""
    """``content:encoded`` exactly as stored: no wpautop, block comments and shortcodes kept
    (for a post read from a page, the HTML the page showed: see ``content_rendered``)."""
    content_rendered: bool = False
    """Whether ``content_raw`` is HTML as a page displayed it (set by the page and text-scrape
    readers) rather than content as stored: cleaning then runs only the steps that apply to
    rendered HTML (see ``wxrkit.clean.RENDERED_STEPS``), never wpautop or shortcodes again."""
    excerpt: str = ""
    """``excerpt:encoded``, the manual excerpt, raw (often empty)."""
    categories: tuple[Category, ...] = ()
    """Assigned categories (``category[domain=category]``), in source order."""
    tags: tuple[Tag, ...] = ()
    """Assigned tags (``category[domain=post_tag]``, ``tag`` in WXR 1.0)."""
    terms: tuple[Term, ...] = ()
    """Terms of every other taxonomy: post formats, nav menus, custom taxonomies."""
    comments: tuple[Comment, ...] = ()
    """Comments, pingbacks and trackbacks, in source order (threading via ``parent_id``)."""
    parent_id: int | None = None
    """``wp:post_parent``; None where it is 0 or absent."""
    menu_order: int = 0
    """``wp:menu_order``."""
    password: str | None = None
    """``wp:post_password`` of a password-protected post; None where empty."""
    sticky: bool = False
    """``wp:is_sticky``."""
    comment_status: str | None = None
    """``wp:comment_status``: ``open`` or ``closed``."""
    ping_status: str | None = None
    """``wp:ping_status``: ``open`` or ``closed``."""
    attachment_url: str | None = None
    """``wp:attachment_url`` (attachments only)."""
    meta: tuple[Meta, ...] = ()
    """``wp:postmeta`` entries, in order."""
    featured_image_id: int | None = None
    """The ``_thumbnail_id`` meta: the attachment id of the featured image."""
    featured_image: Attachment | None = None
    """The featured image, where its attachment is in the export (linked by ``read_wxr``)."""
    attachments: tuple[Attachment, ...] = ()
    """Attachments whose parent is this post (linked by ``read_wxr``)."""
    extra: tuple[RawElement, ...] = ()
    """Item children that are not modelled (enclosures, plugin elements), kept as found."""
    source_line: int | None = None
    """The line of the ``<item>`` in the source, for messages."""

    def get_meta(self, key: str) -> Meta | None:
        """The first meta entry with this key, or None."""
        for entry in self.meta:
            if entry.key == key:
                return entry
        return None


@dataclass(frozen=True, slots=True, kw_only=True)
class Export:
    """Everything read from one export: site, vocabularies, posts, and what was noticed."""

    site: Site
    """The channel's site data."""
    authors: tuple[Author, ...] = ()
    """``wp:author`` entries (plus authors named only by ``dc:creator``)."""
    categories: tuple[Category, ...] = ()
    """Channel ``wp:category`` entries, parents first as WordPress writes them."""
    tags: tuple[Tag, ...] = ()
    """Channel ``wp:tag`` entries."""
    terms: tuple[Term, ...] = ()
    """Channel ``wp:term`` entries (custom taxonomies, nav menus)."""
    posts: tuple[Post, ...] = ()
    """Every item, of every type and status, in source order."""
    diagnostics: tuple[Diagnostic, ...] = ()
    """Repairs made and oddities found while reading."""
    source: str | None = None
    """The file name the export was read from."""

    def posts_of_type(self, *types: str) -> tuple[Post, ...]:
        """The posts whose type is one of ``types``."""
        return tuple(post for post in self.posts if post.type in types)


@dataclass(frozen=True, slots=True, kw_only=True)
class ScrapedPage:
    """One blog page read by :func:`wxrkit.parse_html` or :func:`wxrkit.parse_text`."""

    engine: str
    """What made the page: ``wordpress``, ``wordpress.com``, ``blogger`` or ``other``
    (``text`` for a plain-text scrape, where nothing tells)."""
    post: Post
    """The post: title, author, date, categories, tags, comments and the cleaned body
    (``content_raw`` is HTML without the page's boilerplate; ``content_rendered`` is true)."""
    text: str = ""
    """The post's body as plain text, paragraphs separated by a blank line."""
    site: Site = field(default_factory=Site)
    """The site, as far as the page tells (name, address, language, generator)."""
    comment_form: CommentForm | None = None
    """The page's comment form, or None if it has none."""
    engine_evidence: tuple[str, ...] = ()
    """What the engine was recognised by, e.g. ``generator=WordPress 6.4``."""
    encoding: str | None = None
    """The encoding the page's bytes were decoded with (None when given text)."""
    diagnostics: tuple[Diagnostic, ...] = ()
    """Repairs made and guesses taken while reading."""
    source: str | None = None
    """The file name the page was read from."""
