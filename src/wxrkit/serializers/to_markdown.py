"""Markdown with YAML front matter, for Hugo, Jekyll, Astro and Eleventy.

The front matter is written by PyYAML (titles with quotes, colons, ``#``, a leading ``@`` or
emoji, and multi-line excerpts survive); the body is the clean HTML converted by
html-to-markdown. Front matter keys:

``title``, ``date`` (published, with offset), ``lastmod``, ``slug``, ``draft`` (true unless
published), ``categories`` and ``tags`` (names), ``author``, ``summary`` (the excerpt),
``aliases`` (the old permalink's path, and paths of ``_wp_old_slug`` renames), ``featured_image``
(URL), and ``wordpress`` (id, type, status) for round trips.
"""

from __future__ import annotations

import io
from typing import Any

import yaml

from wxrkit.clean import CleanContent
from wxrkit.models import Post
from wxrkit.serializers.base import Serializer, register_serializer, utf8_safe
from wxrkit.serializers.convert import html_to_markdown, html_to_text
from wxrkit.serializers.excerpt import excerpt_of
from wxrkit.serializers.sites import SITES
from wxrkit.urls import is_safe_url, safe_url, split_url

__all__ = ["MarkdownSerializer", "addresses", "comment_fields", "front_matter"]


def addresses(post: Post) -> list[str]:
    """The post's old addresses a generator can serve a redirect at (its permalink's path,
    its old slugs' paths): the ``aliases``. Never the site's root
    (Hugo aborts the build on an alias of ``/``) and never a query string (``/?p=2`` would
    become a folder named ``?p=2``, which no server maps a request to)."""
    aliases: list[str] = []
    parsed = split_url(safe_url(post.url))
    if post.url and parsed.path.strip("/") and not parsed.query:
        aliases.append(parsed.path)
    for entry in post.meta:
        if entry.key == "_wp_old_slug" and entry.raw and post.url and not parsed.query:
            parent = parsed.path.rstrip("/").rsplit("/", 1)[0]
            aliases.append(f"{parent}/{entry.raw}/")
    return list(dict.fromkeys(aliases))


def front_matter(post: Post, clean: CleanContent) -> dict[str, Any]:
    """The front matter fields of one post, in the order they are written."""
    fields: dict[str, Any] = {"title": post.title}
    if post.published is not None:
        fields["date"] = post.published.isoformat()
    if post.modified is not None:
        fields["lastmod"] = post.modified.isoformat()
    if post.slug:
        fields["slug"] = post.slug
    fields["draft"] = post.status != "publish"
    if post.categories:
        fields["categories"] = [category.name for category in post.categories]
    if post.tags:
        fields["tags"] = [tag.name for tag in post.tags]
    if post.author is not None:
        fields["author"] = post.author.name
    summary = excerpt_of(post, clean)
    if summary:
        fields["summary"] = summary
    aliases = addresses(post)
    if aliases:
        fields["aliases"] = aliases
    image = post.featured_image
    if image is not None and image.url and is_safe_url(image.url, image=True):
        fields["featured_image"] = image.url
    fields["wordpress"] = {"id": post.id, "type": post.type, "status": post.status}
    return fields


def comment_fields(post: Post) -> list[dict[str, Any]]:
    """The post's approved comments, as front matter a template can loop over: id, parent,
    author, link, date, type and the text. Never an e-mail or IP address, never a comment
    that was not approved (pending, spam, trash)."""
    return [
        {
            "id": comment.id,
            "parent": comment.parent_id,
            "author": comment.author,
            "author_url": safe_url(comment.author_url) or None,
            "date": comment.published.isoformat() if comment.published else None,
            "type": comment.type,
            "text": html_to_text(comment.content).strip(),
        }
        for comment in post.comments
        if comment.approved
    ]


_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's, where PyYAML has it


class _Dumper(_BaseDumper):  # type: ignore[misc, valid-type]
    """Block style for lists, literal style for multi-line text, no line folding."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def dump_front_matter(fields: dict[str, Any]) -> str:
    """``---``-fenced YAML."""
    stream = io.StringIO()
    dumper = _Dumper(
        stream,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1 << 30,  # never fold a line
    )
    try:
        dumper.open()
        # What yaml.dump does, but with the nodes made here: PyYAML's representer looks up
        # every value's type in its tables and keeps it for aliases, which cost twice as much
        # as libyaml's emitting; front matter holds maps, lists, text, numbers and booleans.
        dumper.serialize(_node(fields, dumper))
        dumper.close()
    finally:
        dumper.dispose()
    return f"---\n{stream.getvalue()}---\n"


def _node(value: object, dumper: yaml.SafeDumper) -> yaml.Node:
    """The node PyYAML's safe representer, as :class:`_Dumper` sets it up, makes of ``value``."""
    if isinstance(value, dict):
        pairs = [(_node(key, dumper), _node(item, dumper)) for key, item in value.items()]
        return yaml.MappingNode(_MAP, pairs, flow_style=False)
    if isinstance(value, list):
        return yaml.SequenceNode(_SEQ, [_node(item, dumper) for item in value], flow_style=False)
    scalar = _scalar(value)
    if scalar is not None:
        return scalar
    node: yaml.Node = dumper.represent_data(value)  # a float, say: PyYAML's own way
    return node


def _scalar(value: object) -> yaml.ScalarNode | None:
    if isinstance(value, str):
        return yaml.ScalarNode(_STR, value, style="|" if "\n" in value else None)
    if value is None:
        return yaml.ScalarNode(_NULL, "null")
    if isinstance(value, bool):
        return yaml.ScalarNode(_BOOL, "true" if value else "false")
    if type(value) is int:
        return yaml.ScalarNode(_INT, str(value))
    return None


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_NULL, _BOOL, _INT = "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int"


class MarkdownSerializer(Serializer):
    """One post as a Markdown document with YAML front matter; for ``site`` (a name in
    :data:`wxrkit.serializers.sites.SITES`), as that generator needs it."""

    name = "markdown"
    extension = ".md"

    def __init__(self, site: str | None = None, *, comments: bool = False) -> None:
        self.site = SITES[site] if site is not None else None
        self.comments = comments
        """Write the approved comments in the front matter (``comments``), for the site's
        templates to loop over."""

    @utf8_safe
    def render(self, post: Post, clean: CleanContent) -> str:
        body = html_to_markdown(clean.html)
        fields = front_matter(post, clean)
        if self.comments:
            shown = comment_fields(post)
            if shown:
                fields["comments"] = shown
        if self.site is not None:
            body = self.site.adapt_body(body)
            fields = self.site.adapt_fields(fields, post, body)
        return dump_front_matter(fields) + ("\n" + body if body else "")


register_serializer(MarkdownSerializer())
