"""From a post's stored content to the clean HTML its readers saw, in named steps.

The steps run in WordPress's own order for ``the_content`` (blocks before wpautop, wpautop only
without blocks, shortcodes after wpautop), with two additions: code shortcodes are expanded
before wpautop, as highlighter plugins arrange, and page boilerplate is removed at the end.

1. ``more``: split at ``<!--more-->``, normalize ``<!--nextpage-->`` page breaks;
2. ``blocks``: block comments removed, their attributes applied;
3. ``code``: ``[sourcecode]``/``[code]``/``[source]``/``[cc]`` to ``<pre><code>``;
4. ``autop``: wpautop, for content without blocks, then shortcode_unautop;
5. ``shortcodes``: the registered shortcodes expanded, unknown ones kept verbatim;
6. ``depth``: markup nested past any real post's depth flattened, text kept (HTML parsers
   drop what lies deeper);
7. ``boilerplate``: sharing, likes, related posts, comment forms and the like removed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from wxrkit.attachments import index_attachments
from wxrkit.clean.active import remove_active_content
from wxrkit.clean.autoembed import autoembed
from wxrkit.clean.autop import shortcode_unautop, wpautop
from wxrkit.clean.blocks import has_blocks, parse_blocks, render_blocks
from wxrkit.clean.boilerplate import remove_boilerplate
from wxrkit.clean.depth import flatten_deep
from wxrkit.clean.more import PAGE_BREAK, mark_page_breaks, split_more
from wxrkit.clean.shortcode_handlers import CODE_SHORTCODES, default_registry, dollar_latex
from wxrkit.clean.shortcodes import ShortcodeContext, ShortcodeRegistry
from wxrkit.models import Attachment, Export, Post

__all__ = ["RENDERED_STEPS", "STEPS", "CleanContent", "Cleaner"]

_TEASER_END = "<!--wxrkit-teaser-end-->"
"""Where the teaser ends, while both parts are cleaned together."""

STEPS = ("more", "blocks", "code", "autop", "shortcodes", "depth", "boilerplate")
"""The steps, in the order they run."""

RENDERED_STEPS = ("depth", "boilerplate")
"""The steps that apply to HTML a page displayed (a post whose ``content_rendered`` is set):
WordPress rendered it already, so wpautop, blocks and shortcodes would render it twice (a
``[gallery]`` a post quotes as text would become a gallery, line breaks paragraphs)."""


@dataclass(frozen=True, slots=True)
class CleanContent:
    """A post body as its readers saw it."""

    html: str
    """The full body, clean (the ``<!--more-->`` marker removed)."""
    teaser_html: str | None
    """The part before ``<!--more-->``, cleaned the same way; None without the marker."""
    more_text: str | None
    """The marker's custom "read more" text, if any."""
    had_blocks: bool
    """Whether the stored content was block-editor content."""


class Cleaner:
    """Cleans the posts of one export: knows its attachments and reusable blocks."""

    def __init__(
        self,
        *,
        registry: ShortcodeRegistry | None = None,
        attachments: Mapping[int, Attachment] | None = None,
        reusable: Mapping[int, str] | None = None,
        steps: Sequence[str] = STEPS,
    ) -> None:
        unknown = set(steps) - set(STEPS)
        if unknown:
            raise ValueError(f"unknown cleaning steps: {sorted(unknown)}; known: {STEPS}")
        self.registry = registry if registry is not None else default_registry()
        # Kept, not copied: convert's is on disk, too big to copy into every worker.
        self.attachments: Mapping[int, Attachment] = attachments if attachments is not None else {}
        self.reusable = dict(reusable or {})
        self.steps = frozenset(steps)
        self._code = self.registry.only(*CODE_SHORTCODES)
        self._others = self.registry.without(*CODE_SHORTCODES)
        self._rendered_cleaner: Cleaner | None = None  # made when a page's post comes

    @classmethod
    def for_export(
        cls,
        export: Export,
        *,
        registry: ShortcodeRegistry | None = None,
        steps: Sequence[str] = STEPS,
    ) -> Cleaner:
        """A cleaner that resolves galleries and reusable blocks against ``export``."""
        attachments = index_attachments(export.posts).by_id
        reusable = {
            post.id: post.content_raw
            for post in export.posts
            if post.type == "wp_block" and post.id is not None
        }
        return cls(registry=registry, attachments=attachments, reusable=reusable, steps=steps)

    def body(self, raw: str, post_attachments: Sequence[Attachment] = ()) -> str:
        """Clean one piece of stored content (no ``<!--more-->`` handling)."""
        steps = self.steps
        blocks = has_blocks(raw)
        text = mark_page_breaks(raw) if "more" in steps else raw
        if blocks and "blocks" in steps:
            text = render_blocks(parse_blocks(text), self.reusable)
        context = ShortcodeContext(
            registry=self.registry,
            attachments=self.attachments,
            post_attachments=tuple(post_attachments),
        )
        if "code" in steps:
            text = self._code.expand(text, context)
        if not blocks and "autop" in steps:
            text = shortcode_unautop(wpautop(text), self.registry.names)
            text = text.replace(f"<p>{PAGE_BREAK}</p>", PAGE_BREAK)
        if "shortcodes" in steps:
            text = self._others.expand(text, context)
            text = autoembed(dollar_latex(text))
        if "depth" in steps:
            text = flatten_deep(text)
        if "boilerplate" in steps:
            text = remove_boilerplate(text)
        # Not a step: whatever the steps, nothing that runs code leaves wxrkit.
        return remove_active_content(text)

    def clean(self, raw: str, post_attachments: Sequence[Attachment] = ()) -> CleanContent:
        """Clean stored content, with its teaser split at ``<!--more-->``.

        The teaser and the rest are cleaned together, with a marker where they meet, and the
        clean HTML is split at the marker; where a step swallowed the marker (a ``<!--more-->``
        inside a shortcode's content), the teaser is cleaned on its own.
        """
        blocks = has_blocks(raw)
        if "more" not in self.steps:
            return CleanContent(self.body(raw, post_attachments), None, None, blocks)
        split = split_more(raw)
        if not split.found:
            return CleanContent(self.body(raw, post_attachments), None, None, blocks)
        if not split.no_teaser:
            joined = f"{split.teaser.rstrip()}\n\n{_TEASER_END}\n\n{split.rest.lstrip()}"
            html = self.body(joined, post_attachments).replace(f"<p>{_TEASER_END}</p>", _TEASER_END)
            if html.count(_TEASER_END) == 1:
                teaser, _, rest = html.partition(_TEASER_END)
                return CleanContent(
                    html=teaser + rest.lstrip("\n"),
                    teaser_html=teaser,
                    more_text=split.more_text,
                    had_blocks=blocks,
                )
        return CleanContent(
            html=self.body(split.content, post_attachments),
            teaser_html=self.body(split.teaser, post_attachments),
            more_text=split.more_text,
            had_blocks=blocks,
        )

    def post(self, post: Post) -> CleanContent:
        """Clean a post's ``content_raw``: as stored content, or, for a post read from a page
        (``content_rendered``), with only the :data:`RENDERED_STEPS` of this cleaner's."""
        if post.content_rendered:
            return self._rendered().clean(post.content_raw, post.attachments)
        return self.clean(post.content_raw, post.attachments)

    def _rendered(self) -> Cleaner:
        rendered = self._rendered_cleaner
        if rendered is None:
            rendered = Cleaner(
                registry=self.registry,
                attachments=self.attachments,
                reusable=self.reusable,
                steps=[step for step in STEPS if step in self.steps and step in RENDERED_STEPS],
            )
            self._rendered_cleaner = rendered
        return rendered
