"""The public API is exactly what __all__ lists (a change to it is a decision, not an accident)."""

from __future__ import annotations

import dataclasses

import pytest

import wxrkit

PUBLIC = [
    "Attachment",
    "Author",
    "Category",
    "Comment",
    "CommentForm",
    "Diagnostic",
    "Export",
    "FormField",
    "InputNotFoundError",
    "LimitExceededError",
    "Limits",
    "Meta",
    "NotAnExportError",
    "ParseError",
    "PhpObject",
    "PhpSerializeError",
    "Post",
    "RawElement",
    "ScrapedPage",
    "Site",
    "Tag",
    "Term",
    "WxrReader",
    "WxrkitError",
    "WxrkitWarning",
    "__version__",
    "iter_wxr",
    "parse_html",
    "parse_text",
    "read_wxr",
    "unserialize",
]


def test_all_is_pinned() -> None:
    assert wxrkit.__all__ == PUBLIC


def test_every_public_name_exists() -> None:
    for name in wxrkit.__all__:
        assert hasattr(wxrkit, name), name


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
