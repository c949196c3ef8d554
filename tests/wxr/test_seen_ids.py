"""The reader's record of post ids seen behaves as a set, in and beyond its bitmap."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wxrkit.wxr.seen_ids import _BITMAP_BOUND, SeenIds

IDS = st.integers(min_value=0, max_value=5000) | st.sampled_from(
    [-1, 0, 7, 8, _BITMAP_BOUND - 1, _BITMAP_BOUND, 10**12]
)


@given(st.lists(IDS, max_size=200))
def test_add_says_new_exactly_as_a_set_would(ids: list[int]) -> None:
    seen, reference = SeenIds(), set()
    for post_id in ids:
        assert seen.add(post_id) == (post_id not in reference)
        reference.add(post_id)


def test_the_bitmap_stays_small_for_dense_ids() -> None:
    seen = SeenIds()
    assert all(seen.add(post_id) for post_id in range(1, 200_000))
    assert len(seen._bits) < 64 * 1024
