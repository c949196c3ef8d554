"""Models cross process boundaries (``convert --jobs``) by pickle, and come back equal."""

from __future__ import annotations

import pickle

import pytest

from tests.conftest import FIXTURES
from wxrkit import Post, parse_html, read_wxr


def test_every_model_of_an_export_round_trips() -> None:
    export = read_wxr(FIXTURES / "wxr" / "kitchen-sink.xml")
    back = pickle.loads(pickle.dumps(export))
    assert back == export
    assert [post.comments for post in back.posts] == [post.comments for post in export.posts]
    serialized = [m for post in back.posts for m in post.meta if m.serialized]
    assert serialized and all(not isinstance(m.value, str) for m in serialized)


def test_a_scraped_page_round_trips() -> None:
    page_file = sorted((FIXTURES / "html").glob("*.html"))[0]
    page = parse_html(page_file.read_bytes(), source=page_file.name)
    assert pickle.loads(pickle.dumps(page)) == page


def test_a_restored_post_is_still_frozen() -> None:
    post = pickle.loads(pickle.dumps(Post(id=3, title="Frozen")))
    assert post.title == "Frozen"
    with pytest.raises(AttributeError):
        post.title = "Thawed"  # type: ignore[misc]
