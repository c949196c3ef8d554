"""WXR dates: site-local ``wp:post_date``, UTC ``wp:post_date_gmt``, RFC 822 ``pubDate``.

The site's time zone is not exported. Where both dates are set, their difference is the UTC
offset the site had at that moment (DST included). ``0000-00-00 00:00:00`` and the ``pubDate``
year ``-0001`` that WordPress writes for never-published drafts mean "unset", never "now".
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

__all__ = ["InvalidDateError", "combine", "parse_rfc822", "parse_wp_date"]

_MAX_OFFSET = timedelta(hours=18)
_ZONES: dict[timedelta, timezone] = {}
"""The plausible offsets seen so far (at most a few dozen exist), to share their objects."""


class InvalidDateError(ValueError):
    """A date field holds something that is not a date (``2019-02-30 25:61:00``)."""


def parse_wp_date(text: str) -> datetime | None:
    """A naive datetime from ``YYYY-MM-DD HH:MM:SS``; None when unset; InvalidDateError when bad."""
    text = text.strip()
    if not text or text.startswith("0000-00-00"):
        return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError as error:
        raise InvalidDateError(f"{text!r} is not a valid date") from error
    if parsed.tzinfo is not None:
        raise InvalidDateError(f"{text!r} has a UTC offset, which WXR dates never carry")
    return parsed


def parse_rfc822(text: str) -> datetime | None:
    """An aware UTC datetime from a ``pubDate``; None when unset (year -0001) or unreadable."""
    text = text.strip()
    if not text or "-0001" in text.split("+")[0]:
        return None
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError) as error:
        raise InvalidDateError(f"{text!r} is not a valid RFC 822 date") from error
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


def combine(
    local: datetime | None, gmt: datetime | None, fallback: timezone | None
) -> tuple[datetime | None, datetime | None, timezone | None]:
    """``(local_aware, gmt_aware, offset)`` from the naive pair.

    The offset is ``local - gmt`` when both are set and it is a plausible UTC offset (a whole
    minute, at most 18 hours). Otherwise the local time gets ``fallback``, the offset seen on
    the export's previous dated item, and UTC if there was none.
    """
    gmt_aware = gmt.replace(tzinfo=timezone.utc) if gmt is not None else None
    if local is None:
        if gmt_aware is None:
            return None, None, None
        zone = fallback or timezone.utc
        return gmt_aware.astimezone(zone), gmt_aware, None
    offset: timezone | None = None
    if gmt is not None:
        delta = local - gmt
        offset = _ZONES.get(delta)
        if offset is None and abs(delta) <= _MAX_OFFSET and delta.total_seconds() % 60 == 0:
            offset = _ZONES[delta] = timezone(delta) if delta else timezone.utc
    zone = offset or fallback or timezone.utc
    return local.replace(tzinfo=zone), gmt_aware, offset
