"""What ``parse_html`` and ``parse_text`` accept: the page itself, a path, or an open file.

A ``str`` is always the page's content; a path must be a :class:`pathlib.Path` (or any
``os.PathLike``) or an open binary file. A ``str`` that is plainly a file name
(``"saved.html"``) would otherwise be read as a page whose text is the name: it is a
``TypeError`` saying what to pass instead.
"""

from __future__ import annotations

import os
import re
from typing import BinaryIO

from wxrkit.errors import InputNotFoundError, LimitExceededError, ParseError

__all__ = ["MAX_PAGE_BYTES", "PageInput", "page_content"]

MAX_PAGE_BYTES = 256 * 1024 * 1024
"""Largest page read. Real post pages are a few megabytes, but a page saved whole (images
inlined as ``data:`` addresses) can run to tens."""

PageInput = str | bytes | os.PathLike[str] | BinaryIO
_FILE_NAME = re.compile(r"[^\n<>]{1,1024}\.(?:html?|xhtml|txt|mhtml)", re.I)


def page_content(
    page: PageInput, source: str | None, reader: str
) -> tuple[str | bytes, str | None]:
    """The page's content and the name its messages give it (``source``, else the file's)."""
    if isinstance(page, str):
        if _FILE_NAME.fullmatch(page.strip()):
            raise TypeError(
                f"{reader}() takes the page itself as a str; {page!r} looks like a file name. "
                f"To read the file, pass a Path: {reader}(Path({page!r}))"
            )
        return _checked(page, source)
    if isinstance(page, (bytes, bytearray, memoryview)):
        return _checked(bytes(page), source)
    if isinstance(page, os.PathLike):
        path = os.fspath(page)
        name = source or path
        try:
            with open(path, "rb") as stream:
                return _checked(_bounded(stream, name), name)
        except FileNotFoundError as error:
            raise InputNotFoundError("no such file; check the path", source=name) from error
        except IsADirectoryError as error:
            raise ParseError("this is a folder, not a page", source=name) from error
        except OSError as error:
            raise ParseError(f"cannot open the file: {error.strerror}", source=name) from error
    label = getattr(page, "name", None)
    stream_name = source or (str(label) if label is not None else None)
    data = _bounded(page, stream_name)
    if not isinstance(data, bytes):
        raise TypeError(f"{reader}() reads files opened in binary mode: open it with 'rb'")
    return _checked(data, stream_name)


def _bounded(stream: BinaryIO, name: str | None) -> bytes:
    data = stream.read(MAX_PAGE_BYTES + 1)
    if len(data) > MAX_PAGE_BYTES:
        raise LimitExceededError(
            f"more than the {MAX_PAGE_BYTES:,} bytes a page is read up to; is it really one "
            "post page?",
            source=name,
        )
    return data


def _checked(content: str | bytes, source: str | None) -> tuple[str | bytes, str | None]:
    if not content.strip():
        raise ParseError(
            "the page is empty; was it saved or downloaded whole?"
            if not content
            else "the page holds only white space; was it saved or downloaded whole?",
            source=source,
        )
    return content, source
