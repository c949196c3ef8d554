"""Dates as pages write them: ISO 8601 in attributes, or localized text in bylines.

``time[datetime]`` and meta values are ISO 8601; bylines say "April 9, 2020 at 10:15 am",
"9. April 2020", "9 avril 2020" or "9 de abril de 2020". Text is read with month names of the
languages the boilerplate rules cover; a string without a four-digit year is not a date.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo

from dateutil import parser as date_parser

__all__ = ["parse_page_date"]

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_ISO = re.compile(r"\s*\d{4}-\d\d-\d\d")
_MAX_DATE_TEXT = 120


_MONTHS: list[tuple[str, ...]] = [
    ("Jan", "January", "Januar", "Jänner", "janvier", "enero", "janeiro"),
    ("Feb", "February", "Februar", "février", "fevrier", "febrero", "fevereiro"),
    ("Mar", "March", "März", "Maerz", "mars", "marzo", "março", "marco"),
    ("Apr", "April", "avril", "abril"),
    ("May", "Mai", "mayo", "maio"),
    ("Jun", "June", "Juni", "juin", "junio", "junho"),
    ("Jul", "July", "Juli", "juillet", "julio", "julho"),
    ("Aug", "August", "août", "aout", "agosto"),
    ("Sep", "Sept", "September", "septembre", "septiembre", "setembro"),
    ("Oct", "October", "Oktober", "Okt", "octobre", "octubre", "outubro"),
    ("Nov", "November", "novembre", "noviembre", "novembro"),
    ("Dec", "December", "Dezember", "Dez", "décembre", "decembre", "diciembre", "dezembro"),
]
_WEEKDAYS: list[tuple[str, ...]] = [
    ("Mon", "Monday", "Montag", "lundi", "lunes", "segunda-feira", "segunda"),
    ("Tue", "Tuesday", "Dienstag", "mardi", "martes", "terça-feira", "terça"),
    ("Wed", "Wednesday", "Mittwoch", "mercredi", "miércoles", "quarta-feira", "quarta"),
    ("Thu", "Thursday", "Donnerstag", "jeudi", "jueves", "quinta-feira", "quinta"),
    ("Fri", "Friday", "Freitag", "vendredi", "viernes", "sexta-feira", "sexta"),
    ("Sat", "Saturday", "Samstag", "Sonnabend", "samedi", "sábado"),
    ("Sun", "Sunday", "Sonntag", "dimanche", "domingo"),
]


class _PageDates(date_parser.parserinfo):
    """English, German, French, Spanish and Portuguese month and weekday names."""

    # dateutil takes any number of names per month; its stubs say two or three.
    MONTHS = _MONTHS  # type: ignore[assignment]
    WEEKDAYS = _WEEKDAYS  # type: ignore[assignment]
    JUMP = [*date_parser.parserinfo.JUMP, "um", "Uhr", "de", "du", "le", "el", "em", "às", "à", "h"]  # noqa: RUF012


_INFO = _PageDates(dayfirst=True)

_ZONE_HOURS = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 1, "IST": 1, "WEST": 1, "CET": 1, "MEZ": 1,
    "CEST": 2, "MESZ": 2, "EET": 2, "EEST": 3, "MSK": 3,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "AKST": -9, "AKDT": -8, "HST": -10, "AEST": 10, "AEDT": 11, "JST": 9, "KST": 9,
}  # fmt: skip
"""Zone abbreviations bylines print, with their offsets. "IST" is taken as Irish Summer Time
and "CST" as US Central, the readings of the English-language blogs that print them."""


def _zone(name: str | None, offset: int | None) -> tzinfo | None:
    """The zone of an abbreviation dateutil found; None (a naive time, the day still right)
    for one it cannot know ("PT", a stray capital), instead of its warning on every page."""
    if offset is not None:
        return timezone(timedelta(seconds=offset))
    key = (name or "").upper()
    hours = _ZONE_HOURS.get(key)
    return timezone(timedelta(hours=hours), key) if hours is not None else None


_FILL_A = datetime(2001, 1, 1)
_FILL_B = datetime(2002, 2, 2)  # two fillers: a part the text lacks differs between them


def parse_page_date(text: str | None, *, whole: bool = False) -> datetime | None:
    """The date in ``text`` (ISO 8601 or a byline's words), or None if it holds none.

    dateutil fills a part the text does not give from today ("season 2019" reads as today's
    day and month in 2019). With ``whole``, a text must give the day and the month: what
    reads a date out of any short line (a scrape's byline zone, a comment's header) asks
    for that."""
    if whole:
        first = _parse(text, _FILL_A)
        if first is None:
            return None
        if first.month != _FILL_A.month and first.day != _FILL_A.day:
            return first  # neither part is the filler's: the text gave both
        second = _parse(text, _FILL_B)
        if second is None or (first.month, first.day) != (second.month, second.day):
            return None
        return first
    return _parse(text, None)


def _parse(text: str | None, default: datetime | None) -> datetime | None:  # noqa: PLR0911 - a decision table: each date shape returns as soon as it is known
    if not text:
        return None
    text = text.strip()
    if not text or len(text) > _MAX_DATE_TEXT or not _YEAR.search(text):
        return None
    try:
        if _ISO.match(text):
            return date_parser.isoparse(text.replace(" ", "T", 1) if "T" not in text else text)
        return date_parser.parse(text, parserinfo=_INFO, fuzzy=True, tzinfos=_zone, default=default)
    except (ValueError, OverflowError):
        if _ISO.match(text):  # ISO-looking but not ISO, e.g. "2020-04-09 10:00:00 +0200"
            try:
                return date_parser.parse(text, fuzzy=True, tzinfos=_zone, default=default)
            except (ValueError, OverflowError):
                return None
        return None
