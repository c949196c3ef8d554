"""A URL alone on its line, as WordPress shows it: an embed (``WP_Embed::autoembed``).

WordPress turns a line holding only the address of a video, a tweet or a map into the player
or card; stored content keeps the bare URL. Written as text it stays an unlinked address in
CommonMark, so it becomes a link in the same form as the ``[embed]`` shortcode's.
"""

from __future__ import annotations

import html
import re

from wxrkit.clean.shortcode_handlers import embed_link

__all__ = ["autoembed"]

_ALONE = re.compile(r"<p>\s*(https?://[^\s<>\"]+)\s*</p>", re.I)


def autoembed(markup: str) -> str:
    """Each paragraph that is a URL and nothing else, as a link to it."""
    if "://" not in markup:
        return markup

    return _ALONE.sub(lambda match: embed_link(html.unescape(match.group(1))), markup)
