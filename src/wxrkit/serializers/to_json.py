"""JSON: one post as an object, an export as JSON Lines or as one document.

Keys come in a fixed order, dates are ISO 8601 with their UTC offset, text is UTF-8 (not
``\\u`` escapes). The format is specified by the JSON Schema shipped beside this module
(``wxrkit.schema.json``) and described in docs/json-format.md.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from datetime import datetime
from importlib import resources
from typing import Any

from wxrkit.clean import CleanContent, Cleaner
from wxrkit.models import Author, Comment, CommentForm, Export, Meta, Post, ScrapedPage, Site
from wxrkit.php import PhpObject, PhpValue
from wxrkit.serializers.base import Serializer, register_serializer, utf8_safe
from wxrkit.serializers.convert import html_to_text
from wxrkit.serializers.excerpt import excerpt_of
from wxrkit.urls import safe_url

__all__ = ["FORMAT_VERSION", "JsonSerializer", "export_record", "load_schema", "post_record"]

FORMAT_VERSION = 1
"""Bumped when a key changes meaning or disappears (adding keys does not bump it)."""

Json = Any
"""A JSON-compatible value (dicts, lists, str, int, float, bool, None)."""


def _date(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def php_to_json(value: PhpValue) -> Json:
    """A decoded PHP value as JSON: arrays indexed 0..n-1 become lists, objects keep a class."""
    if isinstance(value, PhpObject):
        return {
            "__class__": value.class_name,
            **{str(k): php_to_json(v) for k, v in value.properties.items()},
        }
    if isinstance(value, Mapping):
        keys = list(value)
        if keys == list(range(len(keys))):
            return [php_to_json(value[key]) for key in keys]
        return {str(key): php_to_json(item) for key, item in value.items()}
    if isinstance(value, float) and not math.isfinite(value):  # NaN and INF are not JSON
        return None
    return value


def _meta(entries: Iterable[Meta]) -> list[Json]:
    return [
        {"key": entry.key, "value": php_to_json(entry.value), "raw": entry.raw} for entry in entries
    ]


def _author(author: Author | None) -> Json:
    if author is None:
        return None
    return {
        "login": author.login,
        "name": author.name,
        "email": author.email,
        "url": safe_url(author.url),
        "bio": author.bio,
    }


def _comment(comment: Comment) -> Json:
    return {
        "id": comment.id,
        "parent_id": comment.parent_id,
        "author": comment.author,
        "author_url": safe_url(comment.author_url),
        "published": _date(comment.published),
        "content_text": html_to_text(comment.content).strip(),
        "approved": comment.approved,
        "type": comment.type,
    }


def _comment_form(form: CommentForm | None) -> Json:
    if form is None:
        return None
    return {
        "title": form.title,
        "action": form.action,
        "fields": [
            {"name": f.name, "label": f.label, "type": f.type, "required": f.required}
            for f in form.fields
        ],
        "login_providers": list(form.login_providers),
        "requires_login": form.requires_login,
    }


def post_record(
    post: Post, clean: CleanContent, *, comment_form: CommentForm | None = None
) -> Json:
    """The JSON object of one post (see docs/json-format.md for every key)."""
    image = post.featured_image
    return {
        "id": post.id,
        "type": post.type,
        "status": post.status,
        "title": post.title,
        "slug": post.slug,
        "url": safe_url(post.url),
        "guid": post.guid,
        "published": _date(post.published),
        "published_gmt": _date(post.published_gmt),
        "modified": _date(post.modified),
        "modified_gmt": _date(post.modified_gmt),
        "author": _author(post.author),
        "categories": [{"slug": c.slug, "name": c.name} for c in post.categories],
        "tags": [{"slug": t.slug, "name": t.name} for t in post.tags],
        "terms": [{"taxonomy": t.taxonomy, "slug": t.slug, "name": t.name} for t in post.terms],
        "excerpt": excerpt_of(post, clean),
        "content_html": clean.html,
        "content_text": html_to_text(clean.html).strip(),
        "content_raw": post.content_raw,
        "featured_image": None
        if image is None
        else {
            "id": image.id,
            "url": safe_url(image.url, image=True),
            "alt": image.alt,
            "caption": image.caption,
        },
        "parent_id": post.parent_id,
        "menu_order": post.menu_order,
        "sticky": post.sticky,
        "password_protected": post.password is not None,
        "comment_status": post.comment_status,
        "comments": [_comment(comment) for comment in post.comments],
        "comment_form": _comment_form(comment_form),
        "meta": _meta(post.meta),
    }


def _site(site: Site) -> Json:
    return {
        "title": site.title,
        "link": site.link,
        "description": site.description,
        "language": site.language,
        "base_site_url": site.base_site_url,
        "base_blog_url": site.base_blog_url,
        "wxr_version": site.wxr_version,
        "generator": site.generator,
        "exported_at": _date(site.exported_at),
    }


def export_record(export: Export, cleaner: Cleaner | None = None) -> Json:
    """The JSON document of a whole export."""
    cleaner = cleaner or Cleaner.for_export(export)
    return {
        "format": "wxrkit-export",
        "format_version": FORMAT_VERSION,
        "site": _site(export.site),
        "authors": [_author(author) for author in export.authors],
        "categories": [
            {
                "slug": c.slug,
                "name": c.name,
                "parent": c.parent,
                "description": c.description,
                "from_items": c.from_items,
            }
            for c in export.categories
        ],
        "tags": [
            {
                "slug": t.slug,
                "name": t.name,
                "description": t.description,
                "from_items": t.from_items,
            }
            for t in export.tags
        ],
        "terms": [
            {
                "taxonomy": t.taxonomy,
                "slug": t.slug,
                "name": t.name,
                "parent": t.parent,
                "from_items": t.from_items,
            }
            for t in export.terms
        ],
        "posts": [post_record(post, cleaner.post(post)) for post in export.posts],
        "diagnostics": [
            {"code": d.code, "message": d.message, "line": d.line, "column": d.column}
            for d in export.diagnostics
        ],
    }


def dumps(value: Json, *, indent: int | None = None) -> str:
    """JSON text: UTF-8 characters kept, key order kept."""
    return json.dumps(value, ensure_ascii=False, indent=indent, allow_nan=False)


def load_schema(name: str = "post") -> Json:
    """The shipped JSON Schema of a ``post`` or an ``export`` (one file, wxrkit.schema.json)."""
    text = resources.files("wxrkit.serializers").joinpath("wxrkit.schema.json").read_text("utf-8")
    schema = json.loads(text)
    if name not in schema["$defs"]:
        raise ValueError(f"no schema named {name!r}; known: post, export")
    return {**schema, "$ref": f"#/$defs/{name}"}


class JsonSerializer(Serializer):
    """``post``: one JSON object; ``export``: JSON Lines; ``document``: one JSON document."""

    name = "json"
    extension = ".json"

    def __init__(self, *, indent: int | None = None) -> None:
        self.indent = indent

    separator = ""  # each document ends its own line

    @utf8_safe
    def render(self, post: Post, clean: CleanContent) -> str:
        return dumps(post_record(post, clean), indent=self.indent) + "\n"

    @utf8_safe
    def render_page(self, page: ScrapedPage, clean: CleanContent) -> str:
        """The page's post, with its comment form (``comment_form``)."""
        record = post_record(page.post, clean, comment_form=page.comment_form)
        return dumps(record, indent=self.indent) + "\n"

    def export(self, export: Export) -> str:
        """JSON Lines: one post per line, nothing else."""
        cleaner = Cleaner.for_export(export)  # compact whatever the indent: one post a line
        return "".join(dumps(post_record(post, cleaner.post(post))) + "\n" for post in export.posts)

    def document(self, export: Export) -> str:
        """The whole export as one JSON document (site, vocabularies, posts)."""
        return dumps(export_record(export), indent=self.indent) + "\n"


register_serializer(JsonSerializer())
