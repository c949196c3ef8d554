"""Clean content: a post's stored content turned into the HTML its readers saw.

Pure functions and small steps, each usable alone: :func:`wpautop`, :func:`parse_blocks` and
:func:`render_blocks`, the shortcode :class:`ShortcodeRegistry`, :func:`split_more`, and
:func:`remove_boilerplate`; :class:`Cleaner` runs them in WordPress's order.
"""

from wxrkit.clean.autop import shortcode_unautop, wpautop
from wxrkit.clean.blocks import Block, has_blocks, parse_blocks, render_blocks
from wxrkit.clean.boilerplate import is_boilerplate_line, remove_boilerplate
from wxrkit.clean.depth import flatten_deep
from wxrkit.clean.more import PAGE_BREAK, Split, mark_page_breaks, split_more
from wxrkit.clean.pipeline import RENDERED_STEPS, STEPS, CleanContent, Cleaner
from wxrkit.clean.shortcode_handlers import default_registry
from wxrkit.clean.shortcodes import (
    Shortcode,
    ShortcodeContext,
    ShortcodeHandler,
    ShortcodeRegistry,
    parse_attributes,
)

__all__ = [
    "PAGE_BREAK",
    "RENDERED_STEPS",
    "STEPS",
    "Block",
    "CleanContent",
    "Cleaner",
    "Shortcode",
    "ShortcodeContext",
    "ShortcodeHandler",
    "ShortcodeRegistry",
    "Split",
    "default_registry",
    "flatten_deep",
    "has_blocks",
    "is_boilerplate_line",
    "mark_page_breaks",
    "parse_attributes",
    "parse_blocks",
    "remove_boilerplate",
    "render_blocks",
    "shortcode_unautop",
    "split_more",
    "wpautop",
]
