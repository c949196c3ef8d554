"""Clean HTML to Markdown and to plain text, through the html-to-markdown library.

html-to-markdown (a Rust core) was measured against markdownify on the corpus bodies, for
fidelity and speed (docs/markdown.md, bench/markdown_candidates.py). What Markdown cannot
express (embeds, media, iframes) is kept as inline HTML. Page breaks survive as the
``<!--nextpage-->`` comment in Markdown and as a rule in text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from html_to_markdown import ConversionOptions, convert
from html_to_markdown import api as _api

from wxrkit.clean import PAGE_BREAK, flatten_deep

__all__ = ["html_to_markdown", "html_to_text"]

_KEPT_AS_HTML = [
    "iframe",
    "video",
    "audio",
    "object",
    "embed",
    "details",
    "summary",
    "abbr",
    "sub",
    "sup",
]
_MARKDOWN = ConversionOptions(
    heading_style="atx",
    code_block_style="backticks",
    bullets="-",
    preserve_tags=_KEPT_AS_HTML,
    extract_metadata=False,
    autolinks=False,
    expand_abbreviations=False,
    # Text that looks like Markdown (snake_case, *, [x](y), &lt;) must stay text.
    escape_underscores=True,
    escape_asterisks=True,
    escape_misc=True,
)
# A person reading text sees no image; its alt text would run into the next sentence.
_PLAIN = ConversionOptions(output_format="plain", extract_metadata=False, skip_images=True)
_BREAK_TOKEN = "WXRKITPAGEBREAKTOKEN"


def _converter(options: ConversionOptions) -> Callable[[str], str]:
    """A converter with its options translated once.

    ``convert`` translates the options to the Rust core's on every call, which costs more than
    converting a typical post; the translated options are reused where this version of the
    library exposes them, and the public call is the fallback.
    """
    try:
        rust_options = _api._to_rust_conversion_options(options)
        rust_convert = _api._rust.convert  # type: ignore[attr-defined]
    except AttributeError:  # pragma: no cover - another version of the library
        return lambda html: convert(html, options).content or ""

    def fast(html: str) -> str:
        result = rust_convert(html=html, options=rust_options, visitor=None)
        return str(result.content or "")

    return fast


_to_markdown = _converter(_MARKDOWN)
_to_plain = _converter(_PLAIN)
_LOOSE_ITEMS = re.compile(r"(?m)^(\s*(?:-|\d+\.) .*)\n\n(?=\s*(?:-|\d+\.) )")
_LINK = re.compile(r"<a\b[^>]*?\bhref=(\"[^\"]*\"|'[^']*')[^>]*>(.*?)</a>", re.DOTALL | re.I)


def _with_token(html: str) -> str:
    return flatten_deep(html.replace(PAGE_BREAK, f"<p>{_BREAK_TOKEN}</p>"))


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN_OR_ESCAPE = re.compile(r"(?<!\\)(`+)(?:.|\n)*?(?<!`)\1(?!`)|(?<=\w)\\([-.+=#_])(?=\w)")
"""An inline code span (left as it is), or a backslash before ``- . + = # _`` between two
word characters."""


def _without_mid_word_escapes(markdown: str) -> str:
    """``rdesktop\\-users``, ``KDE3\\.5``, ``mat\\_mipmap`` as ``rdesktop-users``, ``KDE3.5``,
    ``mat_mipmap``.

    html-to-markdown escapes these characters wherever they are (``escape_misc``), but
    CommonMark gives them a meaning only at the start of a line (a list, a heading, ``1.``) or,
    for ``_``, next to a space: between two word characters they are text, and a backslash
    there is noise a migrator edits out by hand. Code (fenced blocks, inline spans) is left
    exactly as written, and so is every escape that can matter (``*``, ``~``, ``[``, ``<``...).
    """
    if "\\" not in markdown:
        return markdown
    out: list[str] = []
    prose: list[str] = []
    fence: str | None = None
    for line in markdown.splitlines(keepends=True):
        opened = _FENCE.match(line)
        if fence is None and opened:
            out.append(_unescaped("".join(prose)))
            prose, fence = [], opened.group(1)[0] * 3
            out.append(line)
        elif fence is not None:
            out.append(line)
            if line.lstrip().startswith(fence):
                fence = None
        else:
            prose.append(line)
    out.append(_unescaped("".join(prose)))
    return "".join(out)


def _unescaped(prose: str) -> str:
    return _CODE_SPAN_OR_ESCAPE.sub(lambda m: m.group(2) or m.group(0), prose)


def html_to_markdown(html: str) -> str:
    """CommonMark for the clean HTML of a post body."""
    if not html.strip():
        return ""
    markdown = _without_mid_word_escapes(_to_markdown(_with_token(html)))
    return markdown.replace(_BREAK_TOKEN, PAGE_BREAK).strip() + "\n"


def html_to_text(html: str, *, link_urls: bool = False) -> str:
    """What a person reads: paragraphs apart by blank lines, bullets, no markup.

    ``link_urls`` writes each link's target after its text, in parentheses.
    """
    if not html.strip():
        return ""
    if link_urls:

        def with_url(match: re.Match[str]) -> str:
            url = match.group(1)[1:-1]
            return (
                f"{match.group(2)} ({url})" if url and not url.startswith("#") else match.group(2)
            )

        html = _LINK.sub(with_url, html)
    text = _to_plain(_with_token(html))
    # Whitespace between <li> elements (wpautop writes one item a line) would part the bullets.
    text = _LOOSE_ITEMS.sub(r"\1\n", text)
    return text.replace(_BREAK_TOKEN, "* * *").strip() + "\n"
