"""The plain-text scrape reader: a crawler's text dump of a post page to a
:class:`~wxrkit.models.ScrapedPage`."""

from wxrkit.text.reader import MAX_TEXT_LINES, parse_text

__all__ = ["MAX_TEXT_LINES", "parse_text"]
