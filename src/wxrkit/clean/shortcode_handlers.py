"""The built-in shortcode handlers: what WordPress core and Jetpack render, as plain HTML.

Each handler turns one shortcode into HTML a serializer can carry: captions into
``<figure>``/``<figcaption>``, galleries into figures of their images, embeds into links, audio
and video into media tags, and code into ``<pre><code class="language-x">``. A shortcode a
handler cannot render (a gallery whose images are not in the export) is kept as written.
"""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs

from wxrkit.clean.shortcodes import Shortcode, ShortcodeContext, ShortcodeHandler, ShortcodeRegistry
from wxrkit.ids import parse_id
from wxrkit.models import Attachment
from wxrkit.urls import split_url

__all__ = [
    "BUILTIN",
    "CODE_SHORTCODES",
    "HIGHLIGHTER_LANGUAGES",
    "default_registry",
    "dollar_latex",
    "embed_link",
]

_IMAGE_THEN_TEXT = re.compile(r"((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*</a>)?)(.*)", re.DOTALL | re.I)


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def caption(shortcode: Shortcode, context: ShortcodeContext) -> str:
    content = context.expand(shortcode.content or "")
    text = shortcode.get("caption")
    match = _IMAGE_THEN_TEXT.match(content.strip())
    if match and not text:
        content, text = match.group(1), match.group(2).strip()
    if not text:
        return content
    attributes = ""
    if shortcode.get("id"):
        attributes += f' id="{_attr(shortcode.get("id"))}"'
    align = shortcode.get("align")
    classes = " ".join(part for part in ("wp-caption", align, shortcode.get("class")) if part)
    return (
        f'<figure{attributes} class="{_attr(classes)}">{content.strip()}'
        f'<figcaption class="wp-caption-text">{text}</figcaption></figure>'
    )


def _image(attachment: Attachment) -> str:
    alt = attachment.alt if attachment.alt is not None else ""
    figure = f'<img src="{_attr(attachment.url or "")}" alt="{_attr(alt)}" />'
    if attachment.caption:
        figure += f"<figcaption>{html.escape(attachment.caption)}</figcaption>"
    return f"<figure>{figure}</figure>"


def _attachments(
    shortcode: Shortcode, context: ShortcodeContext
) -> tuple[list[Attachment], list[str]]:
    """The attachments a gallery or playlist names (its ``ids``, else the post's own) that
    the export holds, and the ids it names that the export does not."""
    ids = shortcode.get("ids", "include")
    if not ids:
        return list(context.post_attachments), []
    found, missing = [], []
    for part in ids.split(","):
        number = parse_id(part)
        if number is not None and number in context.attachments:
            found.append(context.attachments[number])
        elif part.strip():
            missing.append(part.strip())
    return found, missing


def _missing_note(kind: str, missing: list[str]) -> str:
    """Said in the output where the images would be, never a literal ``[gallery ...]``: what
    the export lacks is a loss the new site's author should be able to find."""
    ids = html.escape(", ".join(missing))
    what = f"attachments {ids} are" if missing else "the post's attachments are"
    return f'<p class="wxrkit-missing">{kind.capitalize()}: {what} not in the export.</p>'


def gallery(shortcode: Shortcode, context: ShortcodeContext) -> str:
    images, missing = _attachments(shortcode, context)
    shown = '<div class="gallery">' + "".join(_image(image) for image in images) + "</div>"
    if images and not missing:
        return shown
    return (shown if images else "") + _missing_note("gallery", missing)


def playlist(shortcode: Shortcode, context: ShortcodeContext) -> str:
    items, missing = _attachments(shortcode, context)
    if not items:
        return _missing_note("playlist", missing)
    links = "".join(
        f'<li><a href="{_attr(item.url or "")}">'
        f"{html.escape(item.title or item.url or '')}</a></li>"
        for item in items
    )
    return f'<ul class="playlist">{links}</ul>'


def embed_link(url: str) -> str:
    """The paragraph every embed (shortcode, block, bare URL) becomes: a link to ``url``."""
    return f'<p class="embed"><a href="{_attr(url)}">{html.escape(url)}</a></p>'


def embed(shortcode: Shortcode, context: ShortcodeContext) -> str:
    url = (shortcode.content or "").strip() or shortcode.get("src", "url")
    if not url and shortcode.positional:
        url = shortcode.positional[0]
    return embed_link(url) if url else shortcode.raw


def _jetpack_url(shortcode: Shortcode) -> str:
    text = shortcode.attributes_text.strip()
    if text.startswith("="):  # Jetpack's [youtube=URL] form
        return html.unescape(text[1:].strip())
    return shortcode.get("url", "src") or (shortcode.positional[0] if shortcode.positional else "")


def youtube(shortcode: Shortcode, context: ShortcodeContext) -> str:
    url = _jetpack_url(shortcode) or (shortcode.content or "").strip()
    if not url:
        return shortcode.raw
    if not url.startswith(("http://", "https://")):
        url = f"https://www.youtube.com/watch?v={url}"
    video = parse_qs(split_url(url).query).get("v", [""])[0]
    if video:  # drop Jetpack's presentation options (&w=640&h=360)
        url = f"https://www.youtube.com/watch?v={video}"
    return embed_link(url)


def vimeo(shortcode: Shortcode, context: ShortcodeContext) -> str:
    url = _jetpack_url(shortcode) or (shortcode.content or "").strip()
    if not url:
        return shortcode.raw
    if url.isdigit():
        url = f"https://vimeo.com/{url}"
    return embed_link(url)


def _media(kind: str, formats: tuple[str, ...]) -> ShortcodeHandler:
    def handler(shortcode: Shortcode, context: ShortcodeContext) -> str:
        source = shortcode.get("src", *formats)
        if not source and shortcode.positional:
            source = shortcode.positional[0]
        if not source:
            return shortcode.raw
        extra = "".join(
            f' {name}="{_attr(shortcode.get(name))}"'
            for name in ("poster", "width", "height")
            if shortcode.get(name)
        )
        link = f'<a href="{_attr(source)}">{html.escape(source)}</a>'
        return f'<{kind} controls src="{_attr(source)}"{extra}>{link}</{kind}>'

    return handler


def code(shortcode: Shortcode, context: ShortcodeContext) -> str:
    """``[sourcecode]``, ``[code]``, ``[source]``, ``[cc]``: code kept exactly, with its language.

    Highlighter plugins store code raw (``<`` unescaped) or entity-escaped by the visual editor;
    both become the same escaped text.
    """
    if shortcode.content is None:
        return shortcode.raw
    language = shortcode.get("language", "lang")
    if not language and shortcode.positional and shortcode.positional[0].isidentifier():
        language = shortcode.positional[0]
    if not language and shortcode.name in HIGHLIGHTER_LANGUAGES:
        language = _LANGUAGE_NAMES.get(shortcode.name, shortcode.name)
    body = shortcode.content.strip("\n")
    body = html.escape(html.unescape(body), quote=False)
    css = f' class="language-{_attr(language.lower())}"' if language else ""
    return f"<pre><code{css}>{body}</code></pre>"


HIGHLIGHTER_LANGUAGES = frozenset(
    "as3 actionscript3 bash shell coldfusion cf clojure clj cpp c c-sharp csharp css delphi "  # noqa: SIM905
    "pascal pas diff patch erl erlang fsharp go golang groovy java javafx jfx js jscript "
    "javascript json kotlin lua matlab objc obj-c perl pl php plain powershell ps py python "
    "r rails rb ror ruby rust scala sql swift text ts typescript vb vbnet xml xhtml xslt html "
    "yaml".split()
)
"""SyntaxHighlighter Evolved's shortcodes named after a language (``[php]…[/php]``), and the
like of other highlighters; only their enclosing form (with content) is code."""
_LANGUAGE_NAMES = {
    "as3": "actionscript",
    "actionscript3": "actionscript",
    "c-sharp": "csharp",
    "cf": "coldfusion",
    "clj": "clojure",
    "erl": "erlang",
    "golang": "go",
    "jfx": "javafx",
    "js": "javascript",
    "jscript": "javascript",
    "obj-c": "objectivec",
    "objc": "objectivec",
    "pas": "pascal",
    "pl": "perl",
    "plain": "text",
    "ps": "powershell",
    "py": "python",
    "rb": "ruby",
    "ror": "ruby",
    "rails": "ruby",
    "sh": "bash",
    "shell": "bash",
    "ts": "typescript",
    "vb": "vbnet",
    "xhtml": "html",
}
"""Highlighter names as the common highlighters (highlight.js, Chroma, Rouge) call them."""

CODE_SHORTCODES = frozenset({"sourcecode", "code", "source", "cc", *HIGHLIGHTER_LANGUAGES})
"""Expanded before wpautop, so their content gets no paragraphs (as highlighter plugins do)."""


def latex(shortcode: Shortcode, context: ShortcodeContext) -> str:
    """``[latex]…[/latex]`` (WordPress.com, Jetpack): the formula kept verbatim as code, which
    every generator prints as written (math rendering is a site's own configuration)."""
    if shortcode.content is None:
        return shortcode.raw
    return _latex_code(shortcode.content)


def _latex_code(formula: str) -> str:
    escaped = html.escape(html.unescape(formula.strip()), quote=False)
    return f'<code class="language-latex">{escaped}</code>'


_DOLLAR_LATEX = re.compile(r"\$latex(?:=\s*|\s+)((?:\\\$|[^$])+?)\$")
"""Jetpack's inline form, ``$latex e^{i\\pi}+1=0$`` (its own pattern)."""


def dollar_latex(text: str) -> str:
    """``$latex …$`` as :func:`latex` writes ``[latex]``."""
    if "$latex" not in text:
        return text

    return _DOLLAR_LATEX.sub(lambda match: _latex_code(match.group(1)), text)


def googlemaps(shortcode: Shortcode, context: ShortcodeContext) -> str:
    """Jetpack's ``[googlemaps URL]``: a link to the map."""
    url = _jetpack_url(shortcode) or shortcode.get("src")
    return embed_link(html.unescape(url)) if url else shortcode.raw


BUILTIN: dict[str, ShortcodeHandler] = {
    "caption": caption,
    "wp_caption": caption,
    "gallery": gallery,
    "playlist": playlist,
    "embed": embed,
    "youtube": youtube,
    "vimeo": vimeo,
    "audio": _media("audio", ("mp3", "m4a", "ogg", "wav", "flac")),
    "video": _media("video", ("mp4", "m4v", "webm", "ogv", "wmv", "flv", "mov")),
    "latex": latex,
    "googlemaps": googlemaps,
    **dict.fromkeys(CODE_SHORTCODES, code),
}


def default_registry() -> ShortcodeRegistry:
    """A fresh registry with the built-in handlers; add your own with ``register``."""
    return ShortcodeRegistry(BUILTIN)
