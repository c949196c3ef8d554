"""The public API is exactly what __all__ lists (a change to it is a decision, not an accident)."""

from __future__ import annotations

import dataclasses
import importlib

import pytest

import wxrkit

PUBLIC = [
    "Attachment",
    "Author",
    "Category",
    "CleanContent",
    "Cleaner",
    "Comment",
    "CommentForm",
    "Diagnostic",
    "Export",
    "FormField",
    "InputNotFoundError",
    "JsonSerializer",
    "LimitExceededError",
    "Limits",
    "LoneSurrogateWarning",
    "MarkdownSerializer",
    "Meta",
    "NotAnExportError",
    "ParseError",
    "PhpObject",
    "PhpSerializeError",
    "Post",
    "RawElement",
    "ScrapedPage",
    "Serializer",
    "Site",
    "Tag",
    "Term",
    "TextSerializer",
    "WxrReader",
    "WxrkitError",
    "WxrkitWarning",
    "__version__",
    "get_serializer",
    "iter_wxr",
    "parse_html",
    "parse_text",
    "read_wxr",
    "register_serializer",
    "serializer_names",
    "unserialize",
]
PUBLIC_CLEAN = [
    "PAGE_BREAK",
    "RENDERED_STEPS",
    "STEPS",
    "Block",
    "CleanContent",
    "Cleaner",
    "Shortcode",
    "ShortcodeContext",
    "ShortcodeHandler",
    "ShortcodeRegistry",
    "Split",
    "default_registry",
    "flatten_deep",
    "has_blocks",
    "is_boilerplate_line",
    "mark_page_breaks",
    "parse_attributes",
    "parse_blocks",
    "remove_boilerplate",
    "render_blocks",
    "shortcode_unautop",
    "split_more",
    "wpautop",
]
PUBLIC_SERIALIZERS = [
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
PUBLIC_RANGES = [
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
PUBLIC_MODULES = {
    "wxrkit": PUBLIC,
    "wxrkit.clean": PUBLIC_CLEAN,
    "wxrkit.serializers": PUBLIC_SERIALIZERS,
    "wxrkit.wxr.ranges": PUBLIC_RANGES,
}


def test_all_is_pinned() -> None:
    for name, public in PUBLIC_MODULES.items():
        assert importlib.import_module(name).__all__ == public, name


def test_every_public_name_exists() -> None:
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            assert hasattr(module, name), f"{module_name}.{name}"


def test_errors_share_one_base() -> None:
    for error in (
        wxrkit.ParseError,
        wxrkit.NotAnExportError,
        wxrkit.LimitExceededError,
        wxrkit.PhpSerializeError,
    ):
        assert issubclass(error, wxrkit.WxrkitError)
    assert issubclass(wxrkit.ParseError, ValueError)


def test_models_are_frozen_and_keyword_only() -> None:
    post = wxrkit.Post(id=1, title="x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        post.title = "y"  # type: ignore[misc]
    with pytest.raises(TypeError):
        wxrkit.Post(1)  # type: ignore[misc]
    assert not hasattr(post, "__dict__"), "models are slotted"
