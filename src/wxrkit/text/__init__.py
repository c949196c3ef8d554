"""The plain-text scrape reader: a crawler's text dump of a post page to a
:class:`~wxrkit.models.ScrapedPage`."""

from wxrkit.text.reader import parse_text

__all__ = ["parse_text"]
