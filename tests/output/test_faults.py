"""Faults that must fail a run loudly without losing the rest of it: an input rewritten while
it is read, a census that disagrees either way, a bug met in one post or one input, an
export in UTF-16."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.robustness.cases import export, item
from wxrkit.clean import pipeline
from wxrkit.cli import main
from wxrkit.output import run
from wxrkit.output.ranged import RangePlan
from wxrkit.output.run import convert

ROOT = Path(__file__).parent.parent.parent
SAMPLE = ROOT / "docs" / "examples" / "sample-export.xml"


def _export(path: Path, posts: int, first_id: int = 1) -> Path:
    items = "".join(
        item(f"<![CDATA[Post {n}.]]>", post_id=n, title=f"Post {n}")
        for n in range(first_id, first_id + posts)
    )
    path.write_text(export(items), encoding="utf-8")
    return path


def test_an_export_replaced_while_it_is_read_fails_the_run(tmp_path: Path) -> None:
    source = _export(tmp_path / "export.xml", 50)
    other = _export(tmp_path / "other.xml", 20, first_id=1000)
    replaced = []

    def replace_once(_: int) -> None:
        if not replaced:  # after the first item: another export takes the file's place
            os.replace(other, source)
            replaced.append(True)

    summary = convert([source], out=tmp_path / "out", progress=replace_once)
    assert replaced
    assert len(summary.failures) == 1
    assert "the file changed while wxrkit was reading it" in summary.failures[0]
    assert str(source) in summary.failures[0]


def test_an_export_appended_to_after_it_was_read_fails_the_run(tmp_path: Path) -> None:
    source = _export(tmp_path / "export.xml", 5)

    def touch_at_the_end(count: int) -> None:
        with source.open("ab") as out:  # the first pass already counted, the second reads
            out.write(b"\n")

    summary = convert([source], out=tmp_path / "out", progress=touch_at_the_end)
    assert any("changed while wxrkit was reading it" in f for f in summary.failures)


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("census", [1, 9])
def test_a_census_that_disagrees_either_way_fails_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, census: int, jobs: int
) -> None:
    source = _export(tmp_path / "export.xml", 5)
    real_plan = run.plan_ranges

    def miscounted(*args: Any, **kwargs: Any) -> RangePlan | None:
        plan = real_plan(*args, **kwargs)  # the scan of an export read in ranges counts it
        return None if plan is None else dataclasses.replace(plan, items=census)

    monkeypatch.setattr(run, "plan_ranges", miscounted)
    monkeypatch.setattr("wxrkit.output.census.count_items", lambda *_a, **_k: census)
    summary = convert([source], out=tmp_path / "out", jobs=jobs)
    assert len(summary.failures) == 1
    assert f"5 items read but {census} in the file's bytes" in summary.failures[0]


def test_a_census_that_disagrees_fails_an_export_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _export(tmp_path / "export.xml", 5)
    monkeypatch.setattr(run, "plan_ranges", lambda *_a, **_k: None)
    monkeypatch.setattr("wxrkit.output.census.count_items", lambda *_a, **_k: 9)
    summary = convert([source], out=tmp_path / "out", jobs=2)
    assert summary.failures == [
        f"{source}: 5 items read but 9 in the file's bytes, and no reason was given; this is "
        "a bug in wxrkit, please report it with the file"
    ]


def test_a_bug_in_one_post_fails_that_post_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "export.xml"
    source.write_text(
        export(
            item("<![CDATA[Fine.]]>", post_id=1, title="One")
            + item("<![CDATA[BUGGY body.]]>", post_id=2, title="Two")
            + item("<![CDATA[Fine too.]]>", post_id=3, title="Three")
        ),
        encoding="utf-8",
    )
    real = pipeline.remove_boilerplate

    def buggy(html: str) -> str:
        if "BUGGY" in html:
            raise RuntimeError("a bug met on this post")
        return real(html)

    monkeypatch.setattr(pipeline, "remove_boilerplate", buggy)
    out = tmp_path / "out"
    report = tmp_path / "report.json"
    code = main(["convert", str(source), "-o", str(out), "--jobs", "1", "--report", str(report)])
    assert code == 1
    assert (
        sorted(p.name for p in out.glob("*.md")) == ["a-post-2.md", "a-post.md"]
        or len(list(out.glob("*.md"))) == 2
    )
    err = capsys.readouterr().err
    assert "post 2 'Two'" in err and "RuntimeError: a bug met on this post" in err
    assert "this is a bug in wxrkit" in err and "Traceback" not in err
    assert len(json.loads(report.read_text(encoding="utf-8"))["failures"]) == 1


def test_a_bug_reading_one_input_fails_that_input_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><article><p>Words of a post.</p></article></body></html>")

    def buggy(*_args: object, **_kwargs: object) -> object:
        raise KeyError("inside the page reader")

    monkeypatch.setattr("wxrkit.output.run.read_page", buggy)
    out = tmp_path / "out"
    code = main(["convert", str(page), str(SAMPLE), "-o", str(out), "--jobs", "1"])
    assert code == 1
    assert len(list(out.glob("*.md"))) == 4  # the export after the page, whole
    err = capsys.readouterr().err
    assert f"{page}: wxrkit failed reading it after 0 items (KeyError" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_the_census_counts_wide_exports(tmp_path: Path, encoding: str) -> None:
    items = "".join(item(f"<![CDATA[Post {n}.]]>", post_id=n) for n in range(1, 4))
    source = tmp_path / "wide.xml"
    source.write_bytes(export(items, encoding=encoding.upper()).encode(encoding))
    summary = convert([source], out=tmp_path / "out", jobs=1)
    assert summary.failures == []
    assert [(a.seen, a.read) for a in summary.accounts] == [(3, 3)]


def test_a_bug_in_inspect_is_said_as_one(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def buggy(*_args: object) -> object:
        raise ValueError("int too large")

    monkeypatch.setattr("wxrkit.cli.inspect_text.export_inspection", buggy)
    assert main(["inspect", str(SAMPLE)]) == 1
    err = capsys.readouterr().err
    assert f"{SAMPLE}: wxrkit failed reading it (ValueError: int too large)" in err
    assert "Traceback" not in err


def test_an_export_with_a_5000_digit_php_integer_converts_and_inspects(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    meta = (
        "<wp:postmeta><wp:meta_key>m</wp:meta_key><wp:meta_value><![CDATA[a:1:{i:0;i:"
        + "9" * 5000
        + ";}]]></wp:meta_value></wp:postmeta>"
    )
    source = tmp_path / "php.xml"
    source.write_text(export(item(extra=meta)), encoding="utf-8")
    assert main(["convert", str(source), "-o", str(tmp_path / "out"), "--jobs", "1"]) == 0
    assert main(["inspect", str(source)]) == 0
    err = capsys.readouterr()
    assert "invalid-serialized-meta" in err.err + err.out
    assert "more than 19 digits" in err.err + err.out
