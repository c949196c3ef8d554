"""The output folder's guards, below the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from wxrkit.output.names import safe_name
from wxrkit.output.writer import OutputFolder, UnsafePathError


@pytest.mark.parametrize(
    "relative", ["../x.md", "/etc/passwd", "a/../../x.md", "", "a//b.md", "a\\..\\b.md"]
)
def test_paths_outside_are_refused(tmp_path: Path, relative: str) -> None:
    folder = OutputFolder(tmp_path)
    with pytest.raises(UnsafePathError):
        folder.write(relative, b"x")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("../../etc/passwd", "etc-passwd"),
        ("con", "con-"),
        ("CON.txt", "CON-.txt"),
        ("", "fallback"),
        ("...", "fallback"),
        ("été", "été"),
        ("a b\tc", "a-b-c"),
    ],
)
def test_safe_name(text: str, name: str) -> None:
    assert safe_name(text, "fallback") == name


def test_long_names_are_cut_between_characters() -> None:
    name = safe_name("é" * 300, "x")
    assert len(name.encode()) <= 120 and set(name) == {"é"}
