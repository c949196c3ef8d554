"""The scraped-page reader: a saved blog page (HTML) to a :class:`~wxrkit.models.ScrapedPage`."""

from wxrkit.html.detect import ENGINES
from wxrkit.html.reader import MAX_PAGE_BYTES, MAX_PAGE_TAGS, parse_html

__all__ = ["ENGINES", "MAX_PAGE_BYTES", "MAX_PAGE_TAGS", "parse_html"]
