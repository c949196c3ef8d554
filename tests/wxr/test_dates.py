"""WXR dates: unset values, impossible values, and the offset derived from the local/GMT pair."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wxrkit.wxr.dates import InvalidDateError, combine, parse_rfc822, parse_wp_date

UTC = timezone.utc


@pytest.mark.parametrize("text", ["", "  ", "0000-00-00 00:00:00", "0000-00-00"])
def test_unset_wp_dates(text: str) -> None:
    assert parse_wp_date(text) is None


@pytest.mark.parametrize(
    "text",
    ["2019-02-30 25:61:00", "10000-01-01 00:00:00", "yesterday", "2024-01-01 10:00:00+02:00"],
)
def test_invalid_wp_dates(text: str) -> None:
    with pytest.raises(InvalidDateError):
        parse_wp_date(text)


def test_wp_date() -> None:
    assert parse_wp_date(" 2024-02-12 07:30:00 ") == datetime(2024, 2, 12, 7, 30)


def test_rfc822() -> None:
    assert parse_rfc822("Mon, 12 Feb 2024 07:30:00 +0000") == datetime(
        2024, 2, 12, 7, 30, tzinfo=UTC
    )
    assert parse_rfc822("Mon, 12 Feb 2024 09:30:00 +0200") == datetime(
        2024, 2, 12, 7, 30, tzinfo=UTC
    )
    assert parse_rfc822("Mon, 30 Nov -0001 00:00:00 +0000") is None
    with pytest.raises(InvalidDateError):
        parse_rfc822("not a date")


@pytest.mark.parametrize(
    "text",
    [
        # found by fuzz/fuzz_wxr.py: a number too large for datetime overflowed a C long
        "Mon, 10 Jun 2024 12:299999999999999999999999999999999999:10 +0000",
        "Mon, 10 Jun 99999999999999999999 12:00:00 +0000",
    ],
)
def test_rfc822_overflow_is_an_invalid_date(text: str) -> None:
    with pytest.raises(InvalidDateError):
        parse_rfc822(text)


def test_offset_from_the_pair() -> None:
    local, gmt, offset = combine(datetime(2024, 7, 1, 14, 0), datetime(2024, 7, 1, 12, 0), None)
    assert offset == timezone(timedelta(hours=2))
    assert local == gmt and local is not None and local.utcoffset() == timedelta(hours=2)


def test_half_hour_and_negative_offsets() -> None:
    _, _, offset = combine(datetime(2024, 1, 1, 5, 45), datetime(2024, 1, 1, 0, 0), None)
    assert offset == timezone(timedelta(hours=5, minutes=45))
    _, _, offset = combine(datetime(2024, 1, 1, 0, 0), datetime(2024, 1, 1, 8, 0), None)
    assert offset == timezone(timedelta(hours=-8))


def test_implausible_offset_falls_back() -> None:
    fallback = timezone(timedelta(hours=1))
    local, gmt, offset = combine(datetime(2024, 1, 3), datetime(2024, 1, 1), fallback)
    assert offset is None and local is not None and local.tzinfo == fallback
    assert gmt == datetime(2024, 1, 1, tzinfo=UTC)


def test_draft_without_gmt_keeps_its_wall_time() -> None:
    fallback = timezone(timedelta(hours=-5))
    local, gmt, offset = combine(datetime(2024, 3, 1, 18, 5), None, fallback)
    assert gmt is None and offset is None
    assert local == datetime(2024, 3, 1, 18, 5, tzinfo=fallback)


@given(
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1)),
    st.integers(min_value=-14 * 60, max_value=14 * 60),
)
def test_pair_always_denotes_the_same_instant(gmt: datetime, minutes: int) -> None:
    gmt = gmt.replace(second=0, microsecond=0)
    local = gmt + timedelta(minutes=minutes)
    aware_local, aware_gmt, offset = combine(local, gmt, None)
    assert aware_local == aware_gmt
    assert offset is not None and offset.utcoffset(None) == timedelta(minutes=minutes)
