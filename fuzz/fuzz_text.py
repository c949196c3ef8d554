"""Fuzz the text-scrape reader: any bytes in, a ScrapedPage or a WxrkitError out."""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from wxrkit import WxrkitError, parse_text


def one_input(data: bytes) -> None:
    try:
        parse_text(data)
    except WxrkitError:
        return


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
