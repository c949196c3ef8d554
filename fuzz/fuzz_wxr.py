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
    json = get_serializer("json")
    for post in export.posts[:3]:  # what was read must also serialize
        json.post(post)


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
