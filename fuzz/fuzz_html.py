"""Fuzz the HTML page reader: any bytes in, a ScrapedPage or a WxrkitError out."""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from wxrkit import WxrkitError, parse_html
    from wxrkit.serializers import get_serializer


def one_input(data: bytes) -> None:
    try:
        page = parse_html(data)
    except WxrkitError:
        return
    get_serializer("markdown").post(page.post)


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
