"""What a new user meets in the first hour, through main(): every answer says what happened,
names the file and what to do, and never surprises."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pytest

from tests.robustness.cases import export, item
from wxrkit import InputNotFoundError, ParseError, parse_html, parse_text, read_wxr
from wxrkit.cli import main
from wxrkit.cli.arguments import _parser
from wxrkit.output.run import convert

ROOT = Path(__file__).parent.parent.parent
SAMPLE = ROOT / "docs" / "examples" / "sample-export.xml"
PAGE = (
    b"<html><head><title>A walk</title></head><body><article><h1>A walk</h1>"
    b"<p>We walked along the cliffs to the lighthouse and back, in the rain.</p>"
    b"</article></body></html>"
)


def run(*argv: str) -> int:
    return main(list(argv))


# -- --strict for every kind of input ----------------------------------------------------


def test_strict_fails_on_a_page_that_needed_a_repair(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(PAGE.replace(b"cliffs", b"cli\x01ffs"))  # a control character: repaired
    assert run("convert", str(page), "-o", str(tmp_path / "lax"), "-q") == 0
    assert run("convert", str(page), "-o", str(tmp_path / "out"), "--strict") == 1
    assert run("inspect", str(page), "--strict") == 1
    err = capsys.readouterr().err
    assert f"{page}" in err and "control-character; strict mode" in err


def test_strict_fails_on_a_scrape_that_needed_a_repair(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scrape = tmp_path / "scrape.txt"
    scrape.write_bytes("A walk\n\nWe walked along the cliffs, caf\xe9 and all.\n".encode("latin-1"))
    assert run("convert", str(scrape), "-o", str(tmp_path / "out"), "--strict") == 1
    assert "strict mode" in capsys.readouterr().err


# -- empty inputs --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["empty.html", "empty.txt", "blank.html"])
def test_an_empty_page_is_an_error_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    page = tmp_path / name
    page.write_bytes(b"" if name.startswith("empty") else b"\n  \n")
    assert run("convert", str(page), "-o", str(tmp_path / "out")) == 1
    err = capsys.readouterr().err
    assert f"{page}: the page" in err and "saved or downloaded whole" in err
    assert not list((tmp_path / "out").glob("*.md"))


# -- filters -------------------------------------------------------------------------------


def test_comma_lists_select_as_repeated_options(tmp_path: Path) -> None:
    assert run("convert", str(SAMPLE), "-o", str(tmp_path / "a"), "--type", "post,page", "-q") == 0
    assert (
        run(
            "convert",
            str(SAMPLE),
            "-o",
            str(tmp_path / "b"),
            "--type",
            "post",
            "--type",
            "page",
            "-q",
        )
        == 0
    )
    names = sorted(p.name for p in (tmp_path / "a").glob("*.md"))
    assert names == sorted(p.name for p in (tmp_path / "b").glob("*.md")) and len(names) == 4


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (["--type", "pots"], "--type pots matches no item; the inputs hold post (3), attachment"),
        (["--author", "nobody"], "--author nobody matches no item; the inputs hold maren (5)"),
        (["--since", "2030-01-01"], "the filters selected none of the 5 items read"),
    ],
)
def test_a_selection_of_nothing_warns_with_what_the_inputs_hold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str], said: str
) -> None:
    out = tmp_path / "out"
    assert run("convert", str(SAMPLE), "-o", str(out), *options) == 0
    err = capsys.readouterr().err
    assert f"wxrkit: warning: {said}" in err
    assert (
        "the inputs hold types: post (3), attachment (1), page (1); statuses: publish (3), "
        "inherit (1), draft (1); authors: maren (5); published 2022-11-20 to 2023-06-01"
    ) in err
    assert run("convert", str(SAMPLE), "-o", str(out), "--strict", *options) == 1
    assert f"wxrkit: error: {said}" in capsys.readouterr().err


def test_contradictory_dates_are_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        run("convert", str(SAMPLE), "--since", "2012-01-01", "--until", "2011-03-01")
    assert exited.value.code == 2
    assert "--since 2012-01-01 is after --until 2011-03-01" in capsys.readouterr().err


@pytest.mark.parametrize("jobs", ["0", "-3", "many"])
def test_a_number_of_jobs_below_one_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], jobs: str
) -> None:
    with pytest.raises(SystemExit) as exited:
        run("convert", str(SAMPLE), "--jobs", jobs)
    assert exited.value.code == 2 and "not a number of processes" in capsys.readouterr().err


# -- the library ---------------------------------------------------------------------------


@pytest.mark.parametrize("reader", [parse_html, parse_text])
def test_a_file_name_given_as_a_str_is_a_type_error_saying_what_to_pass(reader: object) -> None:
    with pytest.raises(TypeError, match=r"pass a Path: parse_\w+\(Path\('saved.html'\)\)"):
        reader("saved.html")  # type: ignore[operator]


def test_pages_read_from_a_path_or_an_open_file(tmp_path: Path) -> None:
    page = tmp_path / "walk.html"
    page.write_bytes(PAGE)
    from_path = parse_html(page)
    with page.open("rb") as stream:
        from_stream = parse_html(stream)
    assert from_path.post.title == from_stream.post.title == "A walk"
    assert from_path.source == str(page)
    with pytest.raises(InputNotFoundError):
        parse_text(tmp_path / "missing.txt")


def test_read_wxr_takes_the_document_as_a_str_and_names_a_missing_file(tmp_path: Path) -> None:
    assert len(read_wxr(SAMPLE.read_text(encoding="utf-8")).posts) == 5
    with pytest.raises(FileNotFoundError) as caught:
        read_wxr(str(tmp_path / "missing.xml"))
    assert isinstance(caught.value, ParseError)
    assert len(str(caught.value)) < 200


# -- messages ------------------------------------------------------------------------------


def test_a_missing_input_stops_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("convert", str(tmp_path / "nosuch.xml"), str(SAMPLE), "-o", str(tmp_path)) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 'nosuch.xml'}: no such file or folder" in err
    assert "read" not in err and not list(tmp_path.glob("*.md"))


def test_inspect_of_a_folder_says_it_takes_one_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("inspect", str(tmp_path)) == 1
    err = capsys.readouterr().err
    assert "inspect takes one file (convert takes folders)" in err and "Is a directory" not in err


def test_files_passed_over_in_a_folder_are_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "walk.html").write_bytes(PAGE)
    for name in ("photo.png", "data.json", "notes.md"):
        (folder / name).write_bytes(b"x")
    (folder / ".hidden.json").write_bytes(b"x")
    assert run("convert", str(folder), "-o", str(tmp_path / "out")) == 0
    err = capsys.readouterr().err
    assert "passed over 3 files in the folders given that are neither exports nor pages" in err
    assert run("convert", str(folder), "-o", str(tmp_path / "out"), "-v") == 0
    assert f"  {folder / 'photo.png'}" in capsys.readouterr().err


def test_a_cut_export_says_what_to_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cut = tmp_path / "cut.xml"
    cut.write_bytes(SAMPLE.read_bytes()[:50])
    assert run("inspect", str(cut)) == 1
    assert "cut short: export it again, or download it whole" in capsys.readouterr().err


def test_one_item_is_one_item(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "one.xml"
    source.write_text(export(item()), encoding="utf-8")
    assert run("convert", str(source), "-o", str(tmp_path / "out")) == 0
    assert "wxrkit: 1 item seen, 1 read, 1 converted" in capsys.readouterr().err


def test_a_rerun_says_the_files_were_already_up_to_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert run("convert", str(SAMPLE), "-o", str(out)) == 0
    capsys.readouterr()
    assert run("convert", str(SAMPLE), "-o", str(out)) == 0
    assert f"into {out}: 0 files written, 4 already up to date" in capsys.readouterr().err


def test_another_format_into_the_same_folder_mentions_the_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert run("convert", str(SAMPLE), "-o", str(out)) == 0
    assert run("convert", str(SAMPLE), "-o", str(out), "--to", "json") == 0
    err = capsys.readouterr().err
    assert (
        f"warning: {out} also holds 4 files earlier runs wrote and this one did not (4 .md)" in err
    )


def test_posts_to_a_terminal_get_a_word_first(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert run("convert", str(SAMPLE), "--jobs", "1") == 0
    assert "writing every post to the terminal; give -o DIR" in capsys.readouterr().err


# -- help ----------------------------------------------------------------------------------


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = _parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(subparsers.choices)


@pytest.mark.parametrize("command", ["convert", "inspect"])
def test_every_option_has_help(command: str) -> None:
    for action in _commands()[command]._actions:
        assert action.help and action.help.strip(), action.option_strings or action.dest


def test_convert_help_shows_examples_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run("convert", "--help")
    text = capsys.readouterr().out
    assert "examples:" in text and "--type post,page" in text and "Exit codes" in text


# -- progress ------------------------------------------------------------------------------


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_learns_the_total_from_the_census(tmp_path: Path, jobs: int) -> None:
    totals: list[int] = []
    steps: list[int] = []
    convert(
        [SAMPLE],
        out=tmp_path / f"out-{jobs}",
        jobs=jobs,
        progress=steps.append,
        progress_total=totals.append,
    )
    assert totals == [5] and sum(steps) == 5


def test_report_lists_the_warnings(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    out = tmp_path / "out"
    assert (
        run("convert", str(SAMPLE), "-o", str(out), "--type", "pots", "--report", str(report)) == 0
    )
    warnings = json.loads(report.read_text(encoding="utf-8"))["warnings"]
    assert len(warnings) == 2 and warnings[0].startswith("--type pots matches no item")
