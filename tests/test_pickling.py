"""Models cross process boundaries (``convert --jobs``) by pickle, and come back equal: by the
default pickling, and by the workers' pickling by fields."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from multiprocessing.reduction import ForkingPickler

import pytest

from tests.conftest import FIXTURES
from wxrkit import Post, models, parse_html, read_wxr
from wxrkit.output.pickling import _MODELS, _rebuild, register_model_pickling

register_model_pickling()


def _forking_round_trip(value: object) -> object:
    return pickle.loads(ForkingPickler.dumps(value))


ROUND_TRIPS: list[Callable[[object], object]] = [
    lambda value: pickle.loads(pickle.dumps(value)),
    _forking_round_trip,
]


@pytest.mark.parametrize("round_trip", ROUND_TRIPS, ids=["pickle", "workers"])
def test_every_model_of_an_export_round_trips(round_trip: Callable[[object], object]) -> None:
    export = read_wxr(FIXTURES / "wxr" / "kitchen-sink.xml")
    back = round_trip(export)
    assert back == export
    assert isinstance(back, models.Export)
    assert [post.comments for post in back.posts] == [post.comments for post in export.posts]
    serialized = [m for post in back.posts for m in post.meta if m.serialized]
    assert serialized and all(not isinstance(m.value, str) for m in serialized)


@pytest.mark.parametrize("round_trip", ROUND_TRIPS, ids=["pickle", "workers"])
def test_a_scraped_page_round_trips(round_trip: Callable[[object], object]) -> None:
    page_file = sorted((FIXTURES / "html").glob("*.html"))[0]
    page = parse_html(page_file.read_bytes(), source=page_file.name)
    assert round_trip(page) == page


@pytest.mark.parametrize("round_trip", ROUND_TRIPS, ids=["pickle", "workers"])
def test_a_restored_post_is_still_frozen(round_trip: Callable[[object], object]) -> None:
    post = round_trip(Post(id=3, title="Frozen"))
    assert isinstance(post, Post) and post.title == "Frozen"
    with pytest.raises(AttributeError):
        post.title = "Thawed"  # type: ignore[misc]


def test_the_workers_pickle_every_model_by_its_fields() -> None:
    assert {models.Post, models.Export, models.Comment, models.ScrapedPage} <= set(_MODELS)
    assert models.Meta not in _MODELS  # pickled without its decoded cache, by its own reduce
    for model in (models.Post(id=1), models.Comment(id=2), models.Category(slug="a", name="A")):
        assert _rebuild.__name__.encode() in bytes(ForkingPickler.dumps(model))
        assert _rebuild.__name__.encode() not in pickle.dumps(model)
