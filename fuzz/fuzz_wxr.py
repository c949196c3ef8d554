"""Fuzz the WXR reader: any bytes in, an Export or a WxrkitError out, nothing else."""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from wxrkit import WxrkitError, read_wxr
    from wxrkit.serializers import get_serializer


def one_input(data: bytes) -> None:
    try:
        export = read_wxr(data)
    except WxrkitError:
        return
    for post in export.posts[:3]:  # what was read must also serialize, in every format
        for name in ("json", "markdown", "text"):
            get_serializer(name).post(post)


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
