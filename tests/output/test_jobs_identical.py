"""``--jobs 1`` and ``--jobs N`` write the same folder, byte for byte, and the same report:
on every corpus export, cut into ranges of a few kilobytes so that each is read by several
workers; on a truncated export and on one the reader repairs (the ranges give way to the
whole-file reader part-way)."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import corpus_root
from wxrkit.output import ranged, run
from wxrkit.output.ranged import RangedInput
from wxrkit.output.run import convert

_ROOT = corpus_root()
EXPORTS = sorted((_ROOT / "wxr").rglob("*.xml")) if _ROOT is not None else []
BIG = "wpcom-bacharakis-2025.xml"
"""189 items, 1 MB: the corpus export the synthetic cases are cut from."""


@pytest.fixture
def ranges_read(monkeypatch: pytest.MonkeyPatch) -> list[RangedInput]:
    """Ranges of 4 KB, and what each export read in ranges gave."""
    monkeypatch.setattr(ranged, "RANGE_BYTES", 4096)
    seen: list[RangedInput] = []
    real: Callable[..., RangedInput] = run.read_in_ranges

    def recording(*args: Any, **kwargs: Any) -> RangedInput:
        seen.append(real(*args, **kwargs))
        return seen[-1]

    monkeypatch.setattr(run, "read_in_ranges", recording)
    return seen


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _both(source: Path, tmp_path: Path, **options: Any) -> tuple[dict[str, Any], ...]:
    """The trees and reports of one export converted with one job and with two."""
    results: list[dict[str, Any]] = []
    for jobs in (1, 2):
        out, report = tmp_path / f"out-{jobs}", tmp_path / f"report-{jobs}.json"
        convert([source], out=out, jobs=jobs, report=report, **options)
        text = report.read_text(encoding="utf-8").replace(str(out), "OUT")
        results.append({"tree": _tree(out), "report": json.loads(text)})
    return results[0], results[1]


def _assert_same(one: dict[str, Any], two: dict[str, Any]) -> None:
    assert sorted(one["tree"]) == sorted(two["tree"])
    for name, data in one["tree"].items():
        assert two["tree"][name] == data, name
    assert one["report"] == two["report"]


@pytest.mark.skipif(_ROOT is None, reason="WXRKIT_CORPUS is not set (CI sets it; see README)")
@pytest.mark.parametrize("source", EXPORTS, ids=[path.name for path in EXPORTS])
def test_every_corpus_export_converts_the_same_with_two_jobs(
    source: Path, tmp_path: Path, ranges_read: list[RangedInput]
) -> None:
    one, two = _both(source, tmp_path, site="hugo", comments=True)
    _assert_same(one, two)
    if source.name == BIG:  # well-formed and cut into dozens of ranges: read in them all
        assert len(ranges_read) == 1 and ranges_read[0].whole_from is None
        assert ranges_read[0].items == 189


def test_the_corpus_is_there_when_ci_says_so() -> None:
    if _ROOT is not None:
        assert len(EXPORTS) >= 40, EXPORTS


@pytest.fixture
def big(corpus: Path) -> bytes:
    return (corpus / "wxr" / BIG).read_bytes()


def test_a_truncated_export_converts_the_same_with_two_jobs(
    big: bytes, tmp_path: Path, ranges_read: list[RangedInput]
) -> None:
    source = tmp_path / "truncated.xml"
    source.write_bytes(big[: len(big) * 2 // 3])
    one, two = _both(source, tmp_path)
    _assert_same(one, two)
    assert one["report"]["failures"], "a truncated export fails the run"
    assert ranges_read and ranges_read[0].whole_from not in (None, 0)  # ranges, then whole


def test_a_repaired_export_converts_the_same_with_two_jobs(
    big: bytes, tmp_path: Path, ranges_read: list[RangedInput]
) -> None:
    # a bare ampersand and a control character in a post's title half-way: the reader
    # repairs both (in an attachment, the index's read would refuse the ranges at once)
    post = big.index(b"<wp:post_type><![CDATA[post]]>", len(big) // 2)
    middle = big.rindex(b"<title>", 0, post)
    defect = b"<title>Fish & chips \x01"
    source = tmp_path / "repaired.xml"
    source.write_bytes(big[:middle] + defect + big[middle + len(b"<title>") :])
    one, two = _both(source, tmp_path, site="jekyll")
    _assert_same(one, two)
    codes = {d["code"] for d in one["report"]["diagnostics"]}
    assert codes, "the repairs are reported"
    assert ranges_read and ranges_read[0].whole_from not in (None, 0)


def test_a_worker_killed_mid_run_fails_the_export_loudly(
    big: bytes, tmp_path: Path, ranges_read: list[RangedInput]
) -> None:
    source = tmp_path / "export.xml"
    source.write_bytes(big)
    killed: list[int] = []

    def kill_a_worker(_: int) -> None:
        if not killed:
            victim = multiprocessing.active_children()[0]
            assert victim.pid is not None
            os.kill(victim.pid, signal.SIGKILL)
            killed.append(victim.pid)

    out = tmp_path / "out"
    summary = convert([source], out=out, jobs=2, progress=kill_a_worker)
    assert killed
    assert any("a worker process ended before its work was done" in f for f in summary.failures)
    assert any(str(source) in f for f in summary.failures)
    # what the other worker wrote and could not report is in the manifest all the same, so
    # that the next run may overwrite it
    on_disk = {str(path.relative_to(out)) for path in out.rglob("*.md")}
    manifest = json.loads((out / ".wxrkit-manifest.json").read_text(encoding="utf-8"))
    assert on_disk <= set(manifest["files"])
    rerun = convert([source], out=out, jobs=2)
    assert not rerun.failures


def test_an_unusual_post_type_tag_reads_the_export_whole(
    big: bytes, tmp_path: Path, ranges_read: list[RangedInput]
) -> None:
    # valid XML the byte scan would take for a post: the attachments must still be found
    source = tmp_path / "export.xml"
    source.write_bytes(big.replace(b"<wp:post_type>", b"<wp:post_type >"))
    one, two = _both(source, tmp_path, site="hugo")
    _assert_same(one, two)
    assert not ranges_read
    assert any(b"featured_image:" in data for data in two["tree"].values())
