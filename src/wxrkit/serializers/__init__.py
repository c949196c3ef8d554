"""Serializers: posts and exports as JSON, Markdown with front matter, and plain text.

One small interface (:class:`Serializer`) and a registry by name::

    from wxrkit.serializers import get_serializer
    markdown = get_serializer("markdown").post(post)
"""

from wxrkit.serializers.base import (
    Serializer,
    get_serializer,
    register_serializer,
    serializer_names,
)
from wxrkit.serializers.convert import html_to_markdown, html_to_text
from wxrkit.serializers.to_json import JsonSerializer, export_record, load_schema, post_record
from wxrkit.serializers.to_markdown import MarkdownSerializer, front_matter
from wxrkit.serializers.to_text import TextSerializer

__all__ = [
    "JsonSerializer",
    "MarkdownSerializer",
    "Serializer",
    "TextSerializer",
    "export_record",
    "front_matter",
    "get_serializer",
    "html_to_markdown",
    "html_to_text",
    "load_schema",
    "post_record",
    "register_serializer",
    "serializer_names",
]
