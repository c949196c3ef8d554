"""References to stored media rewritten as paths relative to the file that holds them.

This runs in the workers, between cleaning and serializing: the clean HTML's ``src``,
``href``, ``srcset`` and ``poster`` (the Markdown, text and JSON are all made from it) and the
featured image and attachments of the post. A reference whose medium was not stored (another
host, a failure) is left exactly as it was.
"""

from __future__ import annotations

import dataclasses
import html
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import overload
from urllib.parse import quote

from wxrkit.clean import CleanContent
from wxrkit.models import Attachment, Post
from wxrkit.output.media.references import MediaHosts

__all__ = ["MediaLinks"]

_TAG = re.compile(r"<[A-Za-z][^<>]*>")
_URL_ATTRIBUTE = re.compile(
    r"""(?P<lead>\s(?:src|href|srcset|poster|data-src|data-srcset|data-orig-file|"""
    r"""data-large-file|data-medium-file)\s*=\s*)"""
    r"""(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s"'=<>`]+))""",
    re.IGNORECASE,
)
_SRCSET_ATTRIBUTES = frozenset({"srcset", "data-srcset"})


@dataclass(frozen=True, slots=True)
class MediaLinks:
    """Where each stored medium is (by key), and how URLs become keys."""

    hosts: MediaHosts
    stored: Mapping[str, str]
    """The stored file of each key, relative to the output folder (``media/2023/04/x.jpg``)."""

    def file_for(self, url: str) -> str | None:
        """The stored file ``url`` refers to; None when it was not stored."""
        key = self.hosts.key(html.unescape(url))
        return None if key is None else self.stored.get(key)

    def link(self, url: str, document: str) -> str | None:
        """``url`` as a link from the file ``document`` (relative to the output folder) to
        its stored medium, percent-encoded; None when it was not stored."""
        file = self.file_for(url)
        if file is None:
            return None
        relative = posixpath.relpath(file, posixpath.dirname(document) or ".")
        # No quotes, ampersands or commas left: the link goes into any attribute as it is,
        # and into a srcset's list
        return quote(relative, safe="/-._~!$()*+;=:@")

    def clean(self, clean: CleanContent, document: str) -> CleanContent:
        """``clean`` with its references to stored media rewritten for ``document``."""
        teaser = clean.teaser_html
        return dataclasses.replace(
            clean,
            html=self.html(clean.html, document),
            teaser_html=None if teaser is None else self.html(teaser, document),
        )

    def post(self, post: Post, document: str) -> Post:
        """``post`` with its featured image's and attachments' URLs rewritten."""
        featured = self._attachment(post.featured_image, document)
        attached = tuple(self._attachment(a, document) for a in post.attachments)
        if featured is post.featured_image and all(
            a is b for a, b in zip(attached, post.attachments, strict=True)
        ):
            return post
        return dataclasses.replace(post, featured_image=featured, attachments=attached)

    @overload
    def _attachment(self, attachment: Attachment, document: str) -> Attachment: ...
    @overload
    def _attachment(self, attachment: None, document: str) -> None: ...
    def _attachment(self, attachment: Attachment | None, document: str) -> Attachment | None:
        if attachment is None or not attachment.url:
            return attachment
        link = self.link(attachment.url, document)
        return attachment if link is None else dataclasses.replace(attachment, url=link)

    def html(self, text: str, document: str) -> str:
        """Rewrite the URL attributes in the tags of ``text``."""
        if not self.stored or "=" not in text:
            return text

        def attribute(match: re.Match[str]) -> str:
            value = match.group("double")
            quote_mark = '"'
            if value is None:
                value, quote_mark = match.group("single"), "'"
            if value is None:
                value, quote_mark = match.group("bare"), '"'
            name = match.group("lead").strip().split("=")[0].strip().lower()
            if name in _SRCSET_ATTRIBUTES:
                new = self._srcset(value, document)
            else:
                link = self.link(value, document)
                new = value if link is None else link
            if new == value:
                return match.group(0)
            return f"{match.group('lead')}{quote_mark}{new}{quote_mark}"

        def tag(match: re.Match[str]) -> str:
            return _URL_ATTRIBUTE.sub(attribute, match.group(0))

        return _TAG.sub(tag, text)

    def _srcset(self, value: str, document: str) -> str:
        """A ``srcset`` whose candidates are all one stored original collapses to it; other
        candidates are rewritten one by one."""
        candidates = [c.strip() for c in value.split(",") if c.strip()]
        rewritten: list[tuple[str | None, str]] = []
        for candidate in candidates:
            url, _, descriptor = candidate.partition(" ")
            rewritten.append((self.link(url, document), descriptor.strip()))
        links = {link for link, _ in rewritten}
        if len(links) == 1 and None not in links:
            return next(iter(links)) or value
        if links == {None}:
            return value
        return ", ".join(
            candidate if link is None else f"{link} {descriptor}".strip()
            for candidate, (link, descriptor) in zip(candidates, rewritten, strict=True)
        )
