"""Shared test helpers: the corpus location and the project's own fixtures."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


def corpus_root() -> Path | None:
    """The shared corpus, from WXRKIT_CORPUS; a set variable naming a missing folder fails."""
    value = os.environ.get("WXRKIT_CORPUS")
    if not value:
        return None
    root = Path(value)
    if not root.is_dir():
        raise RuntimeError(f"WXRKIT_CORPUS={value!r} is set but is not a folder")
    return root


def corpus_manifest(kind: str) -> list[dict[str, Any]]:
    """Entries of ``<corpus>/<kind>/manifest.json``; empty when WXRKIT_CORPUS is unset."""
    root = corpus_root()
    if root is None:
        return []
    manifest = root / kind / "manifest.json"
    entries: list[dict[str, Any]] = json.loads(manifest.read_text(encoding="utf-8"))
    return entries


@pytest.fixture
def corpus() -> Path:
    root = corpus_root()
    if root is None:
        pytest.skip("WXRKIT_CORPUS is not set (CI sets it; see README)")
    return root
