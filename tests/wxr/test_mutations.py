"""Damaged exports: cut anywhere or with bytes changed, a read ends in an Export or a WxrkitError.

Never another exception (no bare lxml or Unicode error), and never a silent loss: a cut file
either fails with the number of items read, or (when the cut falls after the last item) reads
every item.
"""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES
from wxrkit import ParseError, WxrkitError, read_wxr

SINK = (FIXTURES / "wxr" / "kitchen-sink.xml").read_bytes()
ITEMS = SINK.count(b"<item>")
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_every_tenth_of_the_file() -> None:
    for tenth in range(10):
        cut = SINK[: len(SINK) * tenth // 10]
        try:
            export = read_wxr(cut)
        except ParseError as error:
            complete = cut.count(b"</item>")
            if error.items_read is not None:
                assert error.items_read == complete
            continue
        raise AssertionError(f"a file cut at {tenth}/10 read as complete: {export}")


@FAST
@given(st.integers(min_value=0, max_value=len(SINK)))
def test_cut_anywhere(at: int) -> None:
    cut = SINK[:at]
    try:
        export = read_wxr(cut)
    except WxrkitError as error:
        if isinstance(error, ParseError) and error.items_read is not None:
            assert error.items_read == cut.count(b"</item>")
        return
    assert len(export.posts) == ITEMS, "only a cut after the last item can read as complete"


@FAST
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=len(SINK) - 1), st.binary(min_size=1, max_size=3)
        ),
        min_size=1,
        max_size=4,
    )
)
def test_bytes_changed(changes: list[tuple[int, bytes]]) -> None:
    data = bytearray(SINK)
    for at, replacement in changes:
        data[at : at + len(replacement)] = replacement
    with contextlib.suppress(WxrkitError):
        read_wxr(bytes(data))
