"""Property tests: no slug, title or type makes a path that escapes the folder or collides."""

from __future__ import annotations

import unicodedata
from pathlib import PurePosixPath

from hypothesis import given, settings
from hypothesis import strategies as st

from wxrkit import Post
from wxrkit.output.layout import LAYOUTS, Layout
from wxrkit.output.names import MAX_NAME_BYTES, UniqueNames, safe_name

NASTY = st.sampled_from(
    [
        *["..", ".", "/", "\\", "con", "NUL", "a/../b", "\x00", " ", "%2f", "é", "CON.txt"],
        *["\u202e", "\u200b", "\x85", "\x9b", "\ufeff", "\u00ad", "\u200c", "\u2066"],
    ]
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
    invisible = {c for c in name if unicodedata.category(c) in ("Cc", "Cf")}
    assert invisible <= {"\u200c", "\u200d"}, "no controls, overrides or zero-width spaces"


def _claim_by_trying_every_number(taken: set[str], folder: str, stem: str, ext: str) -> str:
    """How names were handed out before they were remembered: the reference."""
    number, candidate = 1, f"{stem}{ext}"
    while f"{folder}/{candidate}".casefold() in taken:
        number += 1
        candidate = f"{stem}-{number}{ext}"
    taken.add(f"{folder}/{candidate}".casefold())
    return f"{folder}/{candidate}" if folder else candidate


STEMS = st.sampled_from(["a", "A", "a-2", "a-3", "b", "b-2-2", "b-2", "a-2-2"])


@settings(max_examples=300)
@given(st.lists(st.tuples(st.sampled_from(["", "x", "X"]), STEMS, st.sampled_from([".md", ".MD"]))))
def test_remembered_numbers_give_the_names_trying_every_number_gave(
    claims: list[tuple[str, str, str]],
) -> None:
    names, taken = UniqueNames(), set[str]()
    for folder, stem, ext in claims:
        expected = _claim_by_trying_every_number(taken, folder, stem, ext)
        assert names.claim(folder, stem, ext) == expected


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
