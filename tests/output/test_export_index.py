"""The attachments and reusable blocks read from the byte scan's spans (an export read in
ranges) are those a pass of the reader over the whole export finds, in the same order."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES, corpus_root
from wxrkit.output.export_index import index_exports
from wxrkit.output.ranged import plan_ranges

_ROOT = corpus_root()
EXPORTS = sorted((_ROOT / "wxr").rglob("*.xml")) if _ROOT is not None else []
EXPORTS += sorted((FIXTURES / "wxr").glob("*.xml"))


def _contents(tmp_path: Path, exports: list[Path], *, planned: bool) -> tuple[object, ...]:
    plans = [plan_ranges(path, path.name, strict=False) if planned else None for path in exports]
    scratch = tmp_path / ("planned" if planned else "whole")
    scratch.mkdir()
    index, unplanned = index_exports(
        [(path, path.name, plan) for path, plan in zip(exports, plans, strict=True)],
        scratch,
        strict=False,
    )
    try:
        store = index.attachments
        by_id = [(key, store[key]) for key in store]
        parents = sorted({a.parent_id for _, a in by_id if a.parent_id is not None})
        children = [(parent, store.children(parent)) for parent in parents]
        used = sum(plan is not None for plan in plans) - len(unplanned)
        return by_id, children, sorted(index.reusable.items()), used
    finally:
        index.close()


@pytest.mark.parametrize("path", EXPORTS, ids=[path.name for path in EXPORTS])
def test_the_scan_indexes_what_a_whole_pass_indexes(path: Path, tmp_path: Path) -> None:
    *planned, _ = _contents(tmp_path, [path], planned=True)
    *whole, _ = _contents(tmp_path, [path], planned=False)
    assert planned == whole


def test_a_split_export_indexes_its_parts_in_order(tmp_path: Path) -> None:
    parts = [path for path in EXPORTS if path.stat().st_size > 20_000][:6]
    *planned, used = _contents(tmp_path, parts, planned=True)
    *whole, _ = _contents(tmp_path, parts, planned=False)
    assert planned == whole
    assert used >= 3, "most parts are indexed from their spans"
