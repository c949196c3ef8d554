"""``parse_text``: a crawler's text dump of a post page to a :class:`ScrapedPage`.

A dump keeps a page's lines in order and nothing else, so the reader goes by what WordPress
prints where: the title, then a byline, the body, and after it a row of sections each of
which starts with a line WordPress writes the same way on every site — the author box
("About <name>"), the taxonomy line ("This entry was posted in …"), the comment list
("2 thoughts on “<title>”"), the comment form ("Leave a Reply"), Jetpack's sharing, likes and
related posts, navigation, sidebars and footers. The first such line ends the body; each
section is read into structure (author bio, categories, tags, comments, comment form) or
dropped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from wxrkit.clean.boilerplate import is_boilerplate_line
from wxrkit.errors import Diagnostic, LimitExceededError
from wxrkit.html.dates import parse_page_date
from wxrkit.html.decode import decode_page
from wxrkit.html.page_input import PageInput, page_content
from wxrkit.html.selectors import CANCEL_REPLY_TEXTS
from wxrkit.html.text import fold
from wxrkit.models import Author, Category, Comment, CommentForm, FormField, Post, ScrapedPage, Tag
from wxrkit.text.locate import locate_post
from wxrkit.text.rules import (
    AUTHOR_BOX,
    BYLINE,
    COMMENT_HEADER,
    COMMENT_REPLY,
    COMMENT_SAYS,
    FORM_FIELDS,
    FORM_HEADING,
    FORM_LOGIN_REQUIRED,
    LOGIN_PROVIDER,
    PAGE_CHROME,
    PERMALINK_PHRASE,
    PINGBACK,
    RELATED_HEADING,
    SHARING_HEADING,
    TAXONOMY,
    VIEW_ALL_POSTS,
    WORDPRESS_COM_LINES,
    WORDPRESS_LINES,
)

__all__ = ["parse_text"]

_NAMELESS_PROVIDER = "WordPress.com"  # the first service block; its name is a link crawlers drop
_LIST_SPLIT = re.compile(r",\s*|\s+(?:and|und|et|y|e)\s+")
_DATE_LINE_MAX = 60
_TITLE_DISTANCE = 40  # lines between a title the rules found and the post's first sentence
_MAX_STRUCTURE_LINE = 1000
"""Longest line read as a byline, heading or taxonomy line: they are short, and the patterns
need not run over a paragraph (or a hostile 10 MB line)."""


@dataclass
class _Found:
    """What the sections after the body said."""

    author: str = ""
    author_bio: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    published: datetime | None = None
    comment_lines: list[str] = field(default_factory=list)
    form_title: str | None = None
    form_fields: list[FormField] = field(default_factory=list)
    providers: list[str] = field(default_factory=list)
    requires_login: bool = False
    evidence: list[str] = field(default_factory=list)


def _group(match: re.Match[str], *names: str) -> str:
    for name in names:
        value = match.groupdict().get(name)
        if value:
            return value.strip()
    return ""


def _names(listed: str) -> list[str]:
    return [name.strip(" .") for name in _LIST_SPLIT.split(listed) if name.strip(" .")]


def _taxonomy(line: str) -> re.Match[str] | None:
    for index, pattern in enumerate(TAXONOMY):
        match = pattern.fullmatch(line)
        if match and (index < 2 or _looks_like_term_list(line)):
            return match
    return None


def _looks_like_term_list(line: str) -> bool:
    """Whether a "Posted in …"/"Tags: …" line lists names rather than being a sentence that
    starts the same way: names are short and a list does not end with a full stop."""
    if line.endswith((".", "!", "?")):
        return False
    listed = line.split(" | ", maxsplit=1)[0]
    return all(len(name.split()) <= 6 for name in _LIST_SPLIT.split(listed))


def _section_kind(line: str) -> str | None:  # noqa: PLR0911 - one return per kind of section, most specific first
    """The kind of section ``line`` starts, or None for a line of running text."""
    if len(line) > _MAX_STRUCTURE_LINE:
        return None
    if AUTHOR_BOX.fullmatch(line):
        return "author-box"
    if VIEW_ALL_POSTS.fullmatch(line):
        return "view-all"
    if _taxonomy(line):
        return "taxonomy"
    if COMMENT_HEADER.fullmatch(line):
        return "comments"
    if FORM_HEADING.fullmatch(line) or FORM_LOGIN_REQUIRED.fullmatch(line):
        return "form"
    if SHARING_HEADING.fullmatch(line):
        return "sharing"
    if RELATED_HEADING.fullmatch(line):
        return "related"
    if PAGE_CHROME.fullmatch(line):
        return "chrome"
    return None


def _is_date_line(line: str) -> bool:
    return len(line) <= _DATE_LINE_MAX and parse_page_date(line, whole=True) is not None


def _find_title(lines: Sequence[str]) -> int | None:
    """The index of the title line as WordPress's own lines tell it: the title quoted in the
    comments' heading ("2 thoughts on “<title>”"), else the line above a byline."""
    for line in lines:
        header = COMMENT_HEADER.fullmatch(line) if len(line) <= _MAX_STRUCTURE_LINE else None
        title = _group(header, "rest") if header else ""
        if title:
            for index, candidate in enumerate(lines):
                if candidate == title:
                    return index
    for index, line in enumerate(lines):
        if line and len(line) <= _MAX_STRUCTURE_LINE and BYLINE.fullmatch(line):
            for before in range(index - 1, -1, -1):
                if lines[before] and _section_kind(lines[before]) is None:
                    return before
            break
    return None


def _first_text_line(lines: Sequence[str]) -> int | None:
    """The first line that is neither a section heading nor boilerplate: the title of a
    scrape too short to locate its post in."""
    for index, line in enumerate(lines):
        if line and _section_kind(line) is None and not is_boilerplate_line(line):
            return index
    return None


def _read_sections(lines: Sequence[str], found: _Found) -> None:  # noqa: PLR0912 - one pass over the lines with its state in one place
    state: str | None = None
    for line in lines:
        if not line:
            continue
        kind = _section_kind(line)
        if kind == "author-box":
            match = AUTHOR_BOX.fullmatch(line)
            assert match is not None
            found.author = found.author or _group(match, "name", "name2", "name3", "name4", "name5")
            state = "bio"
        elif kind == "view-all":
            match = VIEW_ALL_POSTS.fullmatch(line)
            assert match is not None
            found.author = found.author or _group(match, "name", "name2", "name3")
            state = None
        elif kind == "taxonomy":
            match = _taxonomy(line)
            assert match is not None
            found.categories.extend(_names(_group(match, "categories")))
            found.tags.extend(_names(_group(match, "tags")))
            found.published = found.published or parse_page_date(_group(match, "date"))
            found.author = found.author or _group(match, "author")
            state = None
        elif kind == "comments":
            state = "comments"
        elif kind == "form":
            if FORM_LOGIN_REQUIRED.fullmatch(line):
                found.requires_login = True
            elif found.form_title is None:
                found.form_title = _form_title(line)
            state = "form"
        elif kind in ("sharing", "related", "chrome"):
            state = kind
        elif state == "form":
            _read_form_line(line, found)
        elif state == "bio":
            found.author_bio.append(line)
        elif state == "comments":
            found.comment_lines.append(line)
        # lines of sharing, related posts, navigation and sidebars are dropped


def _form_title(line: str) -> str:
    for cancel in CANCEL_REPLY_TEXTS:
        line = line.removesuffix(" " + cancel)
    return line


def _read_form_line(line: str, found: _Found) -> None:
    provider = LOGIN_PROVIDER.fullmatch(line)
    if provider:
        said = _group(provider, "service", "service_de", "service_fr", "service_es", "service_pt")
        name = said or _NAMELESS_PROVIDER
        if name not in found.providers:
            found.providers.append(name)
        return
    if FORM_LOGIN_REQUIRED.fullmatch(line):
        found.requires_login = True
        return
    for pattern, name, kind in FORM_FIELDS:
        if pattern.fullmatch(line) and all(f.name != name for f in found.form_fields):
            found.form_fields.append(
                FormField(
                    name=name, label=line, type=kind, required="*" in line or "required" in line
                )
            )
            return
    # avatar alt texts ("Twitter picture"), notes and buttons carry nothing further


def _comments(lines: Sequence[str]) -> list[Comment]:
    """Comment entries: a name line, a date line, the text, and a "Reply" line."""
    comments: list[Comment] = []
    index = 0
    current: Comment | None = None  # the entry being read, its text still to come
    body: list[str] = []

    def close() -> None:
        if current is not None:
            content = "\n".join(f"<p>{html.escape(line)}</p>" for line in body)
            comments.append(replace(current, content=content))
        body.clear()

    while index < len(lines):
        line = lines[index]
        pingback = PINGBACK.fullmatch(line)
        following = lines[index + 1] if index + 1 < len(lines) else ""
        says = COMMENT_SAYS.fullmatch(line)
        if pingback:
            close()
            current = Comment(
                id=None, author=pingback.group("rest"), type=pingback.group("kind").lower()
            )
        elif (says or len(line) <= 80) and following and _is_date_line(following):
            close()
            name = says.group("name") if says else line
            current = Comment(
                id=None, author=name, published=parse_page_date(following, whole=True)
            )
            index += 1
        elif COMMENT_REPLY.fullmatch(line):
            close()
            current = None
        elif current is not None:
            body.append(line)
        index += 1
    close()
    return comments


def _paragraphs(lines: Sequence[str]) -> list[str]:
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
        elif not is_boilerplate_line(line):
            paragraphs[-1].append(line)
    return ["\n".join(p) for p in paragraphs if p]


def _engine(lines: Sequence[str]) -> tuple[str, tuple[str, ...]]:
    for pattern, engine in ((WORDPRESS_COM_LINES, "wordpress.com"), (WORDPRESS_LINES, "wordpress")):
        for line in lines:
            if line and pattern.fullmatch(line):
                return engine, (f"line: {line[:80]}",)
    return "other", ()


def _read_byline(lines: Sequence[str], start: int, found: _Found) -> int:
    """Read the byline and comment count a theme prints under the title; the line after them."""
    while start < len(lines) and (
        not lines[start]
        or (len(lines[start]) <= _MAX_STRUCTURE_LINE and BYLINE.fullmatch(lines[start]))
        or _is_date_line(lines[start])
        or COMMENT_HEADER.fullmatch(lines[start])
        or lines[start] in ("Leave a comment", "Hinterlasse einen Kommentar")
    ):
        byline = (
            BYLINE.fullmatch(lines[start])
            if lines[start] and len(lines[start]) <= _MAX_STRUCTURE_LINE
            else None
        )
        if byline:
            found.author = found.author or _group(byline, "author", "author2", "author3", "author4")
            found.published = found.published or parse_page_date(
                _group(byline, "date", "date2", "date3", "date4", "date5")
            )
        elif lines[start] and _is_date_line(lines[start]):
            found.published = found.published or parse_page_date(lines[start], whole=True)
        start += 1
    return start


_HEADER_LINE_MAX = 120
_HEADER_LINES = 12  # non-blank lines above the post's text searched for its byline
_BY_AUTHOR = re.compile(
    r"^(?:by|von|par|por|di|door|av|af|przez|od|från)\s+"
    r"(?P<name>[^\d,|:•·]{2,60}?)"
    r"(?=\s+(?:on|am|le|el|em|il|op|den|dnia|в|in|im)\s|\s*[,|•·–—]|\s*$)",
    re.IGNORECASE,
)
"""A byline's author in any of the common languages' "by": "by John on July 21, 2012"."""


def _read_header(lines: Sequence[str], start: int, text_start: int, found: _Found) -> int:
    """Read the date and author from the lines between the title and the post's first line of
    text that the theme patterns did not know ("by John on July 21, 2012", "4:42 PM on
    12/07/2012"); the first line after the last one read."""
    nearest = [index for index in range(text_start - 1, start - 1, -1) if lines[index]]
    lowest = nearest[_HEADER_LINES - 1] if len(nearest) >= _HEADER_LINES else start
    for index in range(lowest, text_start):
        line = lines[index]
        if not line or len(line) > _HEADER_LINE_MAX:
            continue
        date = parse_page_date(line, whole=True)
        if date is None:
            continue
        found.published = found.published or date
        author = _BY_AUTHOR.search(line)
        if author and not found.author:
            found.author = author.group("name").strip()
        start = index + 1
    return start


_NEARBY_LINES = 4


def _nearby_date(lines: Sequence[str], title: int | None, end: int) -> datetime | None:
    """A date on a line of its own just above the title ("23 July 2012") or just after the
    post ("Posted on July 19th, 2012"), where themes print it when not under the title."""
    above = [i for i in range(title - 1, -1, -1) if lines[i]][:_NEARBY_LINES] if title else []
    below = [i for i in range(end, len(lines)) if lines[i]][:_NEARBY_LINES]
    for index in (*above, *below):
        if len(lines[index]) <= _DATE_LINE_MAX:
            date = parse_page_date(lines[index], whole=True)
            if date is not None:
                return date
    return None


def _is_page_line(line: str) -> bool:
    """Whether a line is one WordPress or a theme prints around every post, not the post's."""
    if is_boilerplate_line(line) or _section_kind(line) is not None or _is_reply_link(line):
        return True
    return len(line) <= _MAX_STRUCTURE_LINE and PERMALINK_PHRASE.search(line) is not None


def _starts_comments(line: str) -> bool:
    return _section_kind(line) in ("comments", "form") or _is_reply_link(line)


def _is_reply_link(line: str) -> bool:
    """A comment's "Reply" link: the site's line, and a sign that comments are being read."""
    return len(line) <= _MAX_STRUCTURE_LINE and COMMENT_REPLY.fullmatch(line) is not None


MAX_TEXT_LINES = 250_000
"""Most lines a text scrape is read with. Scrapes of post pages have hundreds (the corpus at
most 5,909); each line costs up to 600 bytes and 20 microseconds while the post is looked
for, so 8 million one-letter lines (16 MB) would take gigabytes. A longer scrape is refused."""


_LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
"""Where ``str.splitlines`` ends a line (a CRLF pair is counted once)."""


def _too_long(lines: int, limit: int, source: str | None) -> LimitExceededError:
    return LimitExceededError(
        f"the scrape has {lines:,} lines, more than the {limit:,} a post page's text is read "
        "up to (real ones have hundreds); if it really is one post, pass a larger max_lines",
        source=source,
    )


def parse_text(
    text: PageInput, *, source: str | None = None, max_lines: int = MAX_TEXT_LINES
) -> ScrapedPage:
    """Read a plain-text scrape of one blog post page.

    ``text`` is the dump as text (a ``str`` is always the scrape itself), its bytes (decoded
    as UTF-8, else detected, and reported), or a ``Path`` or binary file to read it from.
    ``source`` names the file in diagnostics (a path's name by default). An empty scrape is a
    :class:`ParseError`; one of more than ``max_lines`` lines is refused with
    :class:`LimitExceededError` (see :data:`MAX_TEXT_LINES`).
    """
    # Long, and read top to bottom: the scrape's parts are read in page order (menus, title,
    # body, sections, comments, form), each starting where the one before ended.
    text, source = page_content(text, source, "parse_text")
    diagnostics: list[Diagnostic] = []
    encoding: str | None = None
    if isinstance(text, bytes):
        breaks = text.count(b"\n")
        if breaks > max_lines:  # before decoding: a count of bytes costs nothing
            raise _too_long(breaks, max_lines, source)
        text, encoding, decoded = decode_page(text, source)
        diagnostics.extend(decoded)
    breaks = sum(map(text.count, _LINE_BREAKS)) - text.count("\r\n")
    if breaks > max_lines:
        raise _too_long(breaks, max_lines, source)
    lines = [fold(line) for line in text.splitlines()]
    engine, evidence = _engine(lines)
    found = _Found()
    located = locate_post(lines, _is_page_line, _starts_comments)
    title_index = _find_title(lines)
    if located is None and title_index is None:
        title_index = _first_text_line(lines)
    if located is not None and (
        title_index is None
        or title_index >= located.start
        or located.start - title_index > _TITLE_DISTANCE
    ):
        title_index = located.title
    title = lines[title_index] if title_index is not None else ""
    start = (title_index + 1) if title_index is not None else 0
    start = _read_byline(lines, start, found)
    if located is not None:
        start = _read_header(lines, start, located.start, found)
        # what lies between the byline and the first line of running text (share buttons,
        # a caption, a sentence of its own) is left out: it is as often the site's as not
        start = max(start, located.start)
        end = located.end
        kept = [lines[i] if i in located.kept or not lines[i] else "" for i in range(start, end)]
    else:
        end = start
        while end < len(lines) and (not lines[end] or _section_kind(lines[end]) is None):
            end += 1
        kept = lines[start:end]
    paragraphs = _paragraphs(kept)
    _read_sections(lines[end:], found)
    if found.published is None and located is not None:
        found.published = _nearby_date(lines, title_index, end)

    author = None
    if found.author:
        bio = "\n".join(found.author_bio) or None
        author = Author(login=found.author, display_name=found.author, bio=bio)
    comment_form = None
    if found.form_title is not None or found.requires_login:
        comment_form = CommentForm(
            title=found.form_title or "",
            fields=tuple(found.form_fields),
            login_providers=tuple(found.providers),
            requires_login=found.requires_login,
        )
    post = Post(
        id=None,
        title=title,
        author=author,
        published=found.published,
        content_rendered=True,
        content_raw="\n".join(
            "<p>" + html.escape(p).replace("\n", "<br />\n") + "</p>" for p in paragraphs
        ),
        categories=tuple(Category(slug=_slug(n), name=n) for n in dict.fromkeys(found.categories)),
        tags=tuple(Tag(slug=_slug(n), name=n) for n in dict.fromkeys(found.tags)),
        comments=tuple(_comments(found.comment_lines)),
    )
    return ScrapedPage(
        engine=engine,
        engine_evidence=evidence,
        post=post,
        text="\n\n".join(paragraphs),
        comment_form=comment_form,
        encoding=encoding,
        diagnostics=tuple(diagnostics),
        source=source,
    )


def _slug(name: str) -> str:
    """WordPress's ``sanitize_title`` in short: lower case, words joined by hyphens."""
    return re.sub(r"[^\w]+", "-", name.lower()).strip("-")
