"""Repairs for the defects real exports have, applied to text on its way to the parser.

Only the reader's repairing pass uses these (a well-formed export is parsed without them). Each
repair is reported with its line and column, and none changes the number of lines, so the
parser's own line numbers stay true:

- bytes invalid in the declared encoding: decoded as Windows-1252 (Latin-1 for the five bytes
  it leaves undefined), the usual origin of such bytes in WordPress data;
- a file declared ISO-8859-1 (or ASCII) whose bytes are UTF-8: read as UTF-8;
- C0 control characters (``\\x0b``, ``\\x1a``, NUL...), raw or as ``&#11;``: removed;
- outside CDATA, comments and processing instructions: HTML entities such as ``&nbsp;`` turned
  into character references, a bare ``&`` escaped, an unknown ``&name;`` kept as text, a stray
  ``]]>`` escaped, and non-ASCII namespace URIs percent-encoded;
- a ``]]>`` inside CDATA that the exporter did not split (``crazy-cdata``): kept as text.
"""

from __future__ import annotations

import codecs
import html.entities
import re
from contextvars import ContextVar
from urllib.parse import quote

from wxrkit.errors import ParseError
from wxrkit.wxr.diagnostic_log import DiagnosticLog

__all__ = ["ControlStripper", "FallbackDecoder", "MarkupRepairer"]

# ---------------------------------------------------------------------------------------------
# Decoding


_FALLBACK_HITS: ContextVar[list[tuple[int, int, bytes]]] = ContextVar("wxrkit_fallback_hits")


def _fallback_handler(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    _FALLBACK_HITS.get().append((error.start, error.end, bytes(bad)))
    return "".join(_cp1252(byte) for byte in bad), error.end


def _cp1252(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


_HANDLER = "wxrkit-cp1252-fallback"
codecs.register_error(_HANDLER, _fallback_handler)

_LATIN_FAMILY = {"latin_1", "iso8859_1", "cp1252", "ascii"}


class FallbackDecoder:
    """Incremental decoding that never drops a byte: invalid bytes are decoded as cp1252."""

    __slots__ = ("_decided", "_decoder", "_lines", "encoding", "log")

    def __init__(self, encoding: str, log: DiagnosticLog) -> None:
        try:
            info = codecs.lookup(encoding)
        except (LookupError, ValueError) as error:  # ValueError: a NUL in the name
            raise_unknown_encoding(encoding, log, error)
        # Python also has bytes-to-bytes codecs (uu, zlib, base64...): no document is in those.
        if not getattr(info, "_is_text_encoding", True):
            raise_unknown_encoding(encoding, log, LookupError(encoding))
        self.encoding = info.name.replace("-", "_")
        self.log = log
        self._decided = self.encoding not in _LATIN_FAMILY
        self._decoder = codecs.getincrementaldecoder(self.encoding)(errors=_HANDLER)
        self._lines = 0

    def _decide(self, data: bytes) -> None:
        # A file declared Latin-1 or ASCII whose first non-ASCII bytes are valid UTF-8 multi-byte
        # sequences was written as UTF-8: decoding it as declared would turn every accent into
        # mojibake without a single error.
        first = next((i for i, byte in enumerate(data) if byte >= 0x80), None)
        if first is None:
            return
        self._decided = True
        sample = data[first : first + 4096]
        cut = len(sample)
        while cut and cut > len(sample) - 4 and (sample[cut - 1] & 0xC0) == 0x80:
            cut -= 1
        if cut and sample[cut - 1] >= 0xC0:
            cut -= 1
        try:
            sample[:cut].decode("utf-8")
        except UnicodeDecodeError:
            return
        line = self._lines + data.count(b"\n", 0, first) + 1
        self.log.add(
            "encoding-mismatch",
            f"the file declares {self.encoding} but its bytes are UTF-8; read as UTF-8",
            line,
        )
        self.encoding = "utf_8"
        self._decoder = codecs.getincrementaldecoder("utf_8")(errors=_HANDLER)

    def decode(self, data: bytes, *, final: bool = False) -> str:
        """Decode the next bytes of the stream."""
        if not self._decided:
            self._decide(data)
        hits: list[tuple[int, int, bytes]] = []
        token = _FALLBACK_HITS.set(hits)
        try:
            text = self._decoder.decode(data, final)
        except UnicodeError as error:
            # Codecs with state of their own (UTF-16 without a byte order mark, say) can fail
            # before any byte is handed to the fallback.
            raise ParseError(
                f"the bytes cannot be decoded as {self.encoding} ({error}); convert the file "
                "to UTF-8 and read it again",
                source=self.log.source,
                line=self._lines + 1,
            ) from error
        finally:
            _FALLBACK_HITS.reset(token)
        for start, _end, bad in hits[:1]:
            # Offsets are into the decoder's buffer, whose carried-over bytes hold no newline.
            line = self._lines + data.count(b"\n", 0, max(start, 0)) + 1
            self.log.add(
                "invalid-bytes",
                f"{len(hits)} byte sequence(s) invalid in {self.encoding} (first "
                f"{bad.hex(' ')}) were decoded as Windows-1252",
                line,
            )
        self._lines += data.count(b"\n")
        return text


def raise_unknown_encoding(encoding: str, log: DiagnosticLog, error: Exception) -> None:
    raise ParseError(
        f"the XML declaration names an unknown encoding {encoding!r}; convert the file to "
        "UTF-8 (iconv -f ENCODING -t UTF-8) and read it again",
        source=log.source,
        line=1,
    ) from error


# ---------------------------------------------------------------------------------------------
# Control characters

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class ControlStripper:
    """Removes the characters XML 1.0 forbids, which WordPress exports carry verbatim."""

    __slots__ = ("_lines", "log")

    def __init__(self, log: DiagnosticLog) -> None:
        self.log = log
        self._lines = 0

    def __call__(self, text: str) -> str:
        first = _CONTROL.search(text)
        if first is not None:
            found = _CONTROL.findall(text)
            kinds = ", ".join(sorted({f"U+{ord(char):04X}" for char in found}))
            index = first.start()
            self.log.add(
                "control-characters",
                f"{len(found)} control character(s) not allowed in XML ({kinds}) were removed",
                self._lines + text.count("\n", 0, index) + 1,
                index - text.rfind("\n", 0, index),
            )
            text = _CONTROL.sub("", text)
        self._lines += text.count("\n")
        return text


# ---------------------------------------------------------------------------------------------
# Markup outside CDATA

_SPECIAL = re.compile(r"<!\[CDATA\[|<!--|<\?")
_AMPERSAND = re.compile(
    r"&(?:#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));|([A-Za-z][A-Za-z0-9]{0,31});)?"
)
_XML_ENTITIES = {"amp", "lt", "gt", "quot", "apos"}
_XMLNS_VALUE = re.compile(r"""(xmlns(?::[\w.\-]+)?\s*=\s*)(["'])(.*?)\2""")
_URI_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


def _allowed_in_xml(code: int) -> bool:
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


_STATE_OF = {"<![CDATA[": 1, "<!--": 2, "<?": 3}
"""The state each opener starts, as numbered in :class:`MarkupRepairer`."""


class MarkupRepairer:
    """A streaming pass that knows CDATA, comments and PIs, and repairs what lies outside them."""

    __slots__ = ("_buffer", "_lines", "_state", "log")

    _MARKUP, _CDATA, _COMMENT, _PI = range(4)

    def __init__(self, log: DiagnosticLog) -> None:
        self.log = log
        self._buffer = ""
        self._state = self._MARKUP
        self._lines = 0

    def _where(self, index: int) -> tuple[int, int]:
        buffer = self._buffer
        return (
            self._lines + buffer.count("\n", 0, index) + 1,
            index - buffer.rfind("\n", 0, index),
        )

    def feed(self, text: str, *, final: bool = False) -> str:  # noqa: PLR0915 - a character-level state machine in one loop, for speed
        """Repair the next text of the stream; returns what is safe to pass on."""
        buffer = self._buffer = self._buffer + text
        out: list[str] = []
        pos = 0
        end = len(buffer)
        while pos < end:
            if self._state == self._MARKUP:
                special = _SPECIAL.search(buffer, pos)
                if special is None:
                    cut = end if final else self._safe_cut(pos)
                    if cut <= pos:
                        break
                    out.append(self._repair_markup(pos, cut))
                    pos = cut
                    if not final:
                        break
                    continue
                out.append(self._repair_markup(pos, special.start()))
                out.append(special.group(0))
                self._state = _STATE_OF[special.group(0)]
                pos = special.end()
            elif self._state == self._CDATA:
                close = buffer.find("]]>", pos)
                if close < 0:
                    keep = end if final else max(pos, end - 2)
                    out.append(buffer[pos:keep])
                    pos = keep
                    break
                # WXR wraps whole element contents in CDATA, so a real end is followed by the
                # element's end tag (or by the next section, where the exporter split one). A
                # ']]>' is the content's own when more sections close than open before that tag.
                split = buffer.startswith("<![CDATA[", close + 3)
                following = -1 if split else buffer.find("</", close + 3)
                if not split and following < 0 and not final:
                    out.append(buffer[pos:close])
                    pos = close
                    break
                between = "" if split else buffer[close + 3 : following if following >= 0 else end]
                if between.count("]]>") > between.count("<![CDATA["):
                    line, column = self._where(close)
                    self.log.add(
                        "unescaped-cdata-end",
                        "a ']]>' inside CDATA was not escaped by the exporter; kept as text",
                        line,
                        column,
                    )
                    out.append(buffer[pos:close])
                    out.append("]]]]><![CDATA[>")
                    pos = close + 3
                else:
                    out.append(buffer[pos : close + 3])
                    pos = close + 3
                    self._state = self._MARKUP
            else:
                closing = "-->" if self._state == self._COMMENT else "?>"
                close = buffer.find(closing, pos)
                if close < 0:
                    keep = end if final else max(pos, end - len(closing) + 1)
                    out.append(buffer[pos:keep])
                    pos = keep
                    break
                out.append(buffer[pos : close + len(closing)])
                pos = close + len(closing)
                self._state = self._MARKUP
        self._lines += buffer.count("\n", 0, pos)
        self._buffer = buffer[pos:]
        return "".join(out)

    def _safe_cut(self, pos: int) -> int:
        """Where markup text may be cut without splitting an entity, a tag or a ``<![CDATA[``."""
        buffer = self._buffer
        cut = len(buffer)
        last_lt = buffer.rfind("<", pos)
        if last_lt >= 0:
            cut = last_lt
        last_amp = buffer.rfind("&", pos, cut)
        if last_amp >= 0 and cut - last_amp <= 40 and ";" not in buffer[last_amp:cut]:
            cut = last_amp
        while cut > pos and buffer[cut - 1] == "]":
            cut -= 1
        return cut

    def _repair_markup(self, start: int, stop: int) -> str:
        region = self._buffer[start:stop]
        if "&" in region:
            region = _AMPERSAND.sub(lambda match: self._entity(match, start), region)
        if "]]>" in region:
            index = region.find("]]>")
            line, column = self._where(start + index)
            self.log.add("stray-cdata-end", "a stray ']]>' outside CDATA was escaped", line, column)
            region = region.replace("]]>", "]]&gt;")
        if "xmlns" in region:
            region = _XMLNS_VALUE.sub(lambda match: self._namespace(match, start), region)
        return region

    def _entity(self, match: re.Match[str], offset: int) -> str:
        hex_digits, decimal, name = match.groups()
        if hex_digits is not None or decimal is not None:
            code = int(hex_digits, 16) if hex_digits is not None else int(decimal)
            if _allowed_in_xml(code):
                return match.group(0)
            line, column = self._where(offset + match.start())
            self.log.add(
                "control-characters",
                f"a character reference to U+{code:04X}, not allowed in XML, was removed",
                line,
                column,
            )
            return ""
        if name is not None:
            if name in _XML_ENTITIES:
                return match.group(0)
            line, column = self._where(offset + match.start())
            codepoints = html.entities.html5.get(name + ";")
            if codepoints is not None:
                self.log.add(
                    "html-entity",
                    f"the HTML entity &{name}; (undefined in XML) was replaced by the character",
                    line,
                    column,
                )
                return "".join(f"&#{ord(char)};" for char in codepoints)
            self.log.add(
                "unknown-entity",
                f"the undefined entity &{name}; was kept as text (it is never expanded)",
                line,
                column,
            )
            return "&amp;" + name + ";"
        line, column = self._where(offset + match.start())
        self.log.add("bare-ampersand", "a bare '&' was escaped as '&amp;'", line, column)
        return "&amp;"

    def _namespace(self, match: re.Match[str], offset: int) -> str:
        uri = match.group(3)
        if uri.isascii() and " " not in uri:
            return match.group(0)
        fixed = quote(uri, safe=_URI_SAFE)
        line, column = self._where(offset + match.start())
        self.log.add(
            "namespace-uri",
            f"the namespace URI {uri!r} is not a valid URI; read as {fixed!r}",
            line,
            column,
        )
        return f"{match.group(1)}{match.group(2)}{fixed}{match.group(2)}"
