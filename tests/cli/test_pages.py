"""``wxrkit convert`` and ``inspect`` on saved pages and text scrapes, alone and mixed with an
export: our fixtures, every page of the corpus, standard input."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import FIXTURES
from wxrkit.cli import main
from wxrkit.output.sources import kind_of
from wxrkit.serializers import load_schema

PAGES = sorted((FIXTURES / "html").glob("*.html")) + sorted((FIXTURES / "text").glob("*.txt"))
SAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "sample-export.xml"


def _records(out: Path) -> list[dict[str, object]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(out.glob("[!.]*.json"))]


def test_fixture_pages_convert_to_valid_json(tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = tmp_path / "report.json"
    code = main(
        [
            "convert",
            str(FIXTURES / "html"),
            str(FIXTURES / "text"),
            "-o",
            str(out),
            "--to",
            "json",
            "-q",
            "--report",
            str(report),
        ]
    )
    assert code == 0
    records = _records(out)
    assert len(records) == len(PAGES)
    schema = load_schema("post")
    for record in records:
        jsonschema.validate(record, schema)
        assert record["content_text"]
        for text in (
            "Leave a Reply",
            "Share this:",
            "Kommentar verfassen",
            "Bookmark the permalink",
        ):
            assert text not in record["content_text"]
    summary = json.loads(report.read_text(encoding="utf-8"))
    assert summary["items_read"] == len(PAGES)
    assert summary["written_total"] == len(PAGES)
    assert summary["comments"] == {"comment": 10, "pingback": 2}


def test_page_html_is_not_run_through_wpautop(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<html><body><article class="post-1 hentry"><h1 class="entry-title">T</h1>'
        '<div class="entry-content"><p>One sentence that the theme\nwrapped across\nthree lines.</p></div>'
        "</article></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main(["convert", str(page), "-o", str(out), "--to", "json", "-q"]) == 0
    (record,) = _records(out)
    assert "<br" not in str(record["content_html"])  # a stored post would get <br /> here
    assert record["content_text"] == "One sentence that the theme wrapped across three lines."


def test_export_and_pages_in_one_run(tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = tmp_path / "report.json"
    assert (
        main(
            [
                "convert",
                str(SAMPLE),
                *map(str, PAGES[:2]),
                "-o",
                str(out),
                "--to",
                "json",
                "-q",
                "--report",
                str(report),
            ]
        )
        == 0
    )
    summary = json.loads(report.read_text(encoding="utf-8"))
    sample_only = tmp_path / "sample.json"
    assert (
        main(
            [
                "convert",
                str(SAMPLE),
                "-o",
                str(tmp_path / "o2"),
                "--to",
                "json",
                "-q",
                "--report",
                str(sample_only),
            ]
        )
        == 0
    )
    assert (
        summary["written_total"]
        == json.loads(sample_only.read_text(encoding="utf-8"))["written_total"] + 2
    )


def test_page_from_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    data = (FIXTURES / "text" / "twentyten-login-required.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    assert main(["convert", "-", "--to", "json", "-q"]) == 0
    record = json.loads(capsysbinary.readouterr().out)
    assert record["title"] == "A walk along the canal"
    assert [t["name"] for t in record["tags"]] == ["canal", "birds"]


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"<?xml version='1.0'?><rss version='2.0'>", "wxr"),
        (b"\x1f\x8b\x08", "wxr"),
        (b"<!DOCTYPE html><html>", "html"),
        (b"\xef\xbb\xbf  <html lang='en'>", "html"),
        (
            b"<?xml version='1.0'?><!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0//EN' ''><html xmlns='x'>",
            "html",
        ),
        (b"<!-- saved from url=(0014)about:internet -->\n<html>", "html"),
        (b"Thing 7: a title\n\nSome words.", "text"),
    ],
)
def test_kind_of_unnamed_input(tmp_path: Path, head: bytes, kind: str) -> None:
    path = tmp_path / "input"
    path.write_bytes(head)
    assert kind_of(path) == kind


@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [
        ("export.txt", b"<?xml version='1.0'?><rss version='2.0'>", "wxr"),
        ("export.html", b"\x1f\x8b\x08", "wxr"),
        ("page.xml", b"<!DOCTYPE html><html>", "html"),
        ("scrape.xml", b"Thing 7: a title\n\nSome words.", "text"),
        ("scrape.html", b"Thing 7: a title\n\nSome words.", "html"),  # could be either
        ("notes.txt", b"Ratings: 3 < 4, and <3 for the author.", "text"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "wxr"),  # for the export reader's error
        ("archive.html", b"PK\x03\x04", "wxr"),
        ("fragment.html", b"\n\t<item>\n<title>One item", "wxr"),  # an export's fragment
        ("saved.txt", b"<div class='entry-content'><p>Words", "html"),
        ("empty.txt", b"", "text"),
        ("empty.xml", b"", "wxr"),
    ],
)
def test_the_content_decides_not_the_name(
    tmp_path: Path, name: str, head: bytes, kind: str
) -> None:
    path = tmp_path / name
    path.write_bytes(head)
    assert kind_of(path) == kind


def test_a_file_that_is_none_of_them_is_an_error_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = tmp_path / "photo.txt"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    page = tmp_path / "page.xml"
    page.write_bytes((FIXTURES / "html" / "block-theme.html").read_bytes())
    out = tmp_path / "out"
    assert main(["convert", str(photo), str(page), "-o", str(out), "--to", "json", "-q"]) == 1
    err = capsys.readouterr().err
    assert f"wxrkit: error: {photo}" in err and "Traceback" not in err
    assert len(list(out.glob("[!.]*.json"))) == 1  # the page, read as a page despite its name


def test_inspect_page(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["inspect", str(FIXTURES / "html" / "wordpresscom-highlander-de.html"), "--json"]) == 0
    )
    facts = json.loads(capsys.readouterr().out)
    assert facts["engine"] == "wordpress.com"
    assert facts["title"] == "Rezept: Apfelkuchen"
    assert facts["comment_form"]["login_providers"] == ["WordPress.com", "Twitter", "Facebook"]
    assert main(["inspect", str(FIXTURES / "text" / "selfhosted-twentyseventeen.txt")]) == 0
    assert "Planting garlic in November" in capsys.readouterr().out


def test_every_corpus_page_and_the_scrape_convert(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = tmp_path / "report.json"
    inputs = [str(corpus / "html"), str(corpus / "text" / "indie-librarian-thing-7.txt")]
    assert (
        main(["convert", *inputs, "-o", str(out), "--to", "json", "-q", "--report", str(report)])
        == 0
    )
    pages = len(list((corpus / "html").glob("*.html")))
    summary = json.loads(report.read_text(encoding="utf-8"))
    assert summary["items_read"] == pages + 1
    assert summary["written_total"] == pages + 1
    records = _records(out)
    assert len(records) == pages + 1
    assert all(record["content_text"] for record in records)
    (scrape,) = [r for r in records if str(r["title"]).startswith("Thing 7:")]
    assert [c["name"] for c in scrape["categories"]] == ["cpd23"]  # type: ignore[index, union-attr]
    assert "About indie librarian" not in str(scrape["content_text"])


def test_json_of_a_page_keeps_its_comment_form(tmp_path: Path) -> None:
    out = tmp_path / "out"
    page = FIXTURES / "html" / "wordpresscom-highlander-de.html"
    assert main(["convert", str(page), "-o", str(out), "--to", "json", "-q", "--jobs", "2"]) == 0
    (record,) = _records(out)
    form = record["comment_form"]
    assert isinstance(form, dict)
    assert form["title"] == "Kommentar verfassen"
    assert form["login_providers"] == ["WordPress.com", "Twitter", "Facebook"]


@pytest.mark.parametrize("to", ["markdown", "json", "text"])
@pytest.mark.parametrize("page_path", PAGES, ids=[p.name for p in PAGES])
def test_library_and_command_clean_a_page_alike(tmp_path: Path, page_path: Path, to: str) -> None:
    """``get_serializer(to).post(page.post)`` in a script writes what ``convert`` writes: the
    post says its content is rendered, so no cleaner renders it a second time."""
    from wxrkit import parse_html, parse_text  # noqa: PLC0415
    from wxrkit.serializers import get_serializer  # noqa: PLC0415

    out = tmp_path / "out"
    assert main(["convert", str(page_path), "-o", str(out), "--to", to, "-q"]) == 0
    (written,) = [p for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")]
    data = page_path.read_bytes()
    page = parse_html(data) if page_path.suffix == ".html" else parse_text(data)
    assert page.post.content_rendered
    document = get_serializer(to).page(page)
    assert written.read_text(encoding="utf-8") == document
