"""Property tests: no slug, title or type makes a path that escapes the folder or collides."""

from __future__ import annotations

from pathlib import PurePosixPath

from hypothesis import given, settings
from hypothesis import strategies as st

from wxrkit import Post
from wxrkit.output.layout import LAYOUTS, Layout
from wxrkit.output.names import MAX_NAME_BYTES, safe_name

NASTY = st.sampled_from(
    ["..", ".", "/", "\\", "con", "NUL", "a/../b", "\x00", " ", "%2f", "é", "CON.txt"]
)
TEXT = st.one_of(st.text(max_size=300), NASTY, st.lists(NASTY, max_size=6).map("".join))


@settings(max_examples=500)
@given(TEXT)
def test_safe_name_is_one_harmless_component(text: str) -> None:
    name = safe_name(text, "fallback")
    assert name and name not in {".", ".."}
    assert not any(char in name for char in '/\\\x00:*?"<>|')
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES + 1
    assert name.partition(".")[0].lower() not in {"con", "prn", "aux", "nul"}


posts = st.builds(
    Post,
    id=st.one_of(st.none(), st.integers(min_value=0, max_value=10**6)),
    type=st.sampled_from(["post", "page", "product", "../x", "nav_menu_item"]),
    status=st.sampled_from(["publish", "draft"]),
    slug=TEXT,
    title=TEXT,
)


@settings(max_examples=200)
@given(st.lists(posts, max_size=30), st.sampled_from(sorted(LAYOUTS)))
def test_layout_paths_stay_inside_and_never_collide(batch: list[Post], layout: str) -> None:
    placer = Layout(layout, ".md")
    paths = [placer.path(post) for post in batch]
    assert len({p.casefold() for p in paths}) == len(paths), "no two posts share a file"
    for path in paths:
        parts = PurePosixPath(path).parts
        assert not PurePosixPath(path).is_absolute()
        assert all(part not in {"", ".", ".."} for part in parts)
        assert path.endswith(".md")
