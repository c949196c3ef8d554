"""wxrkit convert and inspect, end to end through main([...])."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import FIXTURES, corpus_manifest, corpus_root
from wxrkit.cli import main

ROOT = Path(__file__).parent.parent.parent
SAMPLE = ROOT / "docs" / "examples" / "sample-export.xml"
ENTRIES = corpus_manifest("wxr")


def tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".wxrkit-manifest.json"
    }


def test_sample_to_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "converted"
    assert main(["convert", str(SAMPLE), "-o", str(out), "--jobs", "1"]) == 0
    assert sorted(tree(out)) == [
        "about.md",
        "reading-a-tide-table.md",
        "seaweed-pressing-draft.md",
        "what-lives-in-a-rockpool.md",
    ]
    document = (out / "what-lives-in-a-rockpool.md").read_text(encoding="utf-8")
    fields = yaml.safe_load(document.split("---\n")[1])
    assert fields["title"] == "What lives in a rockpool?" and fields["draft"] is False
    assert "![A red beadlet anemone" in document
    err = capsys.readouterr().err
    assert "5 items seen, 5 read, 4 converted (2 post/publish, 1 post/draft, 1 page/publish)" in err
    assert f"into {out}: 4 files written\n" in err
    assert "skipped 1: internal type attachment" in err


@pytest.mark.parametrize("layout", ["flat", "type", "date", "bundle", "jekyll"])
def test_layouts(tmp_path: Path, layout: str) -> None:
    assert (
        main(["convert", str(SAMPLE), "-o", str(tmp_path), "--layout", layout, "-q", "--jobs", "1"])
        == 0
    )
    expected = {
        "flat": {"what-lives-in-a-rockpool.md", "about.md"},
        "type": {"posts/what-lives-in-a-rockpool.md", "pages/about.md"},
        "date": {"2023/04/what-lives-in-a-rockpool.md", "2022/11/about.md"},
        "bundle": {"posts/what-lives-in-a-rockpool/index.md", "pages/about/index.md"},
        "jekyll": {
            "_posts/2023-04-02-what-lives-in-a-rockpool.md",
            "_drafts/seaweed-pressing-draft.md",
        },
    }[layout]
    assert expected <= set(tree(tmp_path))


def test_second_run_is_byte_identical_and_jobs_do_not_matter(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    wxr = FIXTURES / "wxr" / "kitchen-sink.xml"
    assert main(["convert", str(wxr), "-o", str(one), "--all", "-q", "--jobs", "1"]) == 0
    first = tree(one)
    stamps = {p: p.stat().st_mtime_ns for p in one.rglob("*.md")}
    assert main(["convert", str(wxr), "-o", str(one), "--all", "-q", "--jobs", "1"]) == 0
    assert tree(one) == first
    assert {p: p.stat().st_mtime_ns for p in one.rglob("*.md")} == stamps, (
        "unchanged files are not rewritten"
    )
    assert main(["convert", str(wxr), "-o", str(two), "--all", "-q", "--jobs", "2"]) == 0
    assert tree(two) == first


def test_foreign_file_is_not_overwritten_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "about.md").write_text("my own notes\n", encoding="utf-8")
    assert main(["convert", str(SAMPLE), "-o", str(tmp_path), "-q", "--jobs", "1"]) == 1
    assert "was not written by wxrkit" in capsys.readouterr().err
    assert (tmp_path / "about.md").read_text(encoding="utf-8") == "my own notes\n"
    assert main(["convert", str(SAMPLE), "-o", str(tmp_path), "-q", "--force", "--jobs", "1"]) == 0
    assert (tmp_path / "about.md").read_text(encoding="utf-8").startswith("---\ntitle: About")


def test_a_run_killed_before_its_manifest_does_not_block_the_next(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Files a killed run left (no manifest lists them) are taken as they are when they hold
    exactly what the next run writes; one edited since is still refused."""
    assert main(["convert", str(SAMPLE), "-o", str(tmp_path), "-q", "--jobs", "1"]) == 0
    (tmp_path / ".wxrkit-manifest.json").unlink()  # as a run killed before its end leaves it
    assert main(["convert", str(SAMPLE), "-o", str(tmp_path), "-q", "--jobs", "2"]) == 0
    assert (tmp_path / ".wxrkit-manifest.json").exists()
    (tmp_path / ".wxrkit-manifest.json").unlink()
    (tmp_path / "about.md").write_text("edited by hand\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["convert", str(SAMPLE), "-o", str(tmp_path), "-q", "--jobs", "1"]) == 1
    assert "about.md: exists and was not written by wxrkit" in capsys.readouterr().err
    assert (tmp_path / "about.md").read_text(encoding="utf-8") == "edited by hand\n"


HOSTILE_SLUGS = [
    "../../etc/passwd",
    "/absolute/path",
    "..",
    "con",
    "NUL",
    "com1.txt",
    "",
    "a" * 400,
    "same",
    "same",
    "SAME",
    "%e2%80%91%c3%a9t%c3%a9",
    "with space and: colon?*",
    "back\\slash",
]


def hostile_export(path: Path) -> None:
    items = "".join(
        f"<item><title>Post {n}</title><wp:post_id>{n}</wp:post_id>"
        f"<wp:post_name><![CDATA[{slug}]]></wp:post_name><wp:post_type>post</wp:post_type>"
        f"<wp:status>publish</wp:status>"
        f"<content:encoded><![CDATA[Body {n}]]></content:encoded></item>"
        for n, slug in enumerate(HOSTILE_SLUGS, 1)
    )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:wp="http://wordpress.org/export/1.2/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<wp:wxr_version>1.2</wp:wxr_version>{items}</channel></rss>",
        encoding="utf-8",
    )


def test_hostile_slugs_stay_inside_and_apart(tmp_path: Path) -> None:
    source = tmp_path / "hostile.xml"
    hostile_export(source)
    out = tmp_path / "out" / "inner"
    assert main(["convert", str(source), "-o", str(out), "--to", "json", "-q", "--jobs", "1"]) == 0
    files = [p for p in out.rglob("*") if p.is_file() and p.name != ".wxrkit-manifest.json"]
    assert len(files) == len(HOSTILE_SLUGS), "one file per post, none overwritten"
    assert all(out.resolve() in p.resolve().parents for p in files)
    assert not (tmp_path / "out" / "etc").exists() and not Path("/absolute/path.json").exists()
    names = {p.name for p in files}
    assert len({n.casefold() for n in names}) == len(names)
    assert all(len(n.encode()) <= 130 for n in names)
    assert not any(n.split(".")[0].lower() in {"con", "nul", "com1"} for n in names)
    assert "\u2011été.json" in names, "non-ASCII slugs stay readable"
    bodies = sorted(json.loads(p.read_text(encoding="utf-8"))["id"] for p in files)
    assert bodies == list(range(1, len(HOSTILE_SLUGS) + 1))


@pytest.mark.parametrize(
    ("options", "ids"),
    [
        ([], [10, 12, 2, 14]),  # content types, every status but trash
        (["--type", "page"], [2]),
        (["--status", "draft"], [12]),
        (["--all"], [10, 11, 12, 2, 13, 14]),
        (["--since", "2024-01-01", "--until", "2024-02-15"], [10]),
        (["--author", "ben"], [12]),
        (["--type", "attachment"], [11]),
    ],
)
def test_filters(
    options: list[str], ids: list[int], capfdbinary: pytest.CaptureFixture[bytes]
) -> None:
    args = [
        "convert",
        str(FIXTURES / "wxr" / "kitchen-sink.xml"),
        "--to",
        "json",
        "-q",
        "--jobs",
        "1",
    ]
    assert main(args + options) == 0
    lines = capfdbinary.readouterr().out.decode().splitlines()
    assert [json.loads(line)["id"] for line in lines] == ids


def test_report(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    args = [
        "convert",
        str(FIXTURES / "wxr" / "broken-bare-ampersand.xml"),
        "-o",
        str(tmp_path / "o"),
    ]
    assert main([*args, "--report", str(report), "-q", "--jobs", "1"]) == 0
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["written_total"] == 1 and data["items_read"] == 1
    assert (
        data["diagnostics"][0]["code"] == "bare-ampersand" and data["diagnostics"][0]["line"] == 14
    )


@pytest.mark.parametrize(
    ("name", "says"),
    [
        (
            "broken-truncated.xml",
            "broken-truncated.xml:38:34: the export ends before it is complete",
        ),
        ("not-an-rss-feed.xml", "RSS feed without"),
    ],
)
def test_bad_inputs_exit_1_without_traceback(
    name: str, says: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", str(FIXTURES / "wxr" / name), "-o", str(tmp_path), "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err


def test_strict_fails_on_a_repair(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = str(FIXTURES / "wxr" / "broken-bare-ampersand.xml")
    assert main(["convert", name, "-o", str(tmp_path), "--strict", "--jobs", "1"]) == 1
    assert f"{name}:14" in capsys.readouterr().err


def test_inspect_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", str(FIXTURES / "wxr" / "kitchen-sink.xml"), "--json"]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert facts["items"] == 6 and facts["by_type"]["post"] == 2
    assert facts["comments_by_type"] == {"comment": 3, "pingback": 1, "trackback": 1}
    assert facts["comments_not_approved"] == 1 and facts["wxr_version"] == "1.2"


def _generated_export(tmp_path: Path, size: int) -> Path:
    """An export of about ``size`` bytes from the benchmark's generator."""
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate  # noqa: PLC0415 (the benchmark's generator, reused)

    source = tmp_path / "big.xml"
    generate(source, size)
    return source


def _wait_for_files(out: Path, pattern: str, count: int = 50) -> None:
    """Until a running conversion has written ``count`` files (a minute at most)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob(pattern))) < count:
        time.sleep(0.05)


def test_interrupted_run_leaves_only_complete_files(tmp_path: Path) -> None:
    # big enough that the signal lands mid-run on a fast machine
    source = _generated_export(tmp_path, 24 << 20)
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-m",
        "wxrkit",
        "convert",
        str(source),
        "-o",
        str(out),
        "--to",
        "json",
        "-q",
        "--jobs",
        "1",
    ]
    for sig in (signal.SIGINT, signal.SIGKILL):
        process = subprocess.Popen(command, stderr=subprocess.PIPE)
        _wait_for_files(out, "[!.]*.json")
        os.kill(process.pid, sig)
        process.wait(timeout=60)
        assert process.returncode != 0, "the run was interrupted mid-way"
        for path in out.glob("[!.]*.json"):
            json.loads(path.read_text(encoding="utf-8"))  # every visible file is complete
        leftovers = [p.name for p in out.rglob("*") if p.name.endswith(".wxrkit-tmp")]
        if sig == signal.SIGINT:
            assert leftovers == [], "an interrupt cleans up its temporary file"
    assert main(["convert", str(source), "-o", str(out), "--to", "json", "-q", "--jobs", "1"]) == 0
    assert not [p for p in out.rglob("*") if p.name.endswith(".wxrkit-tmp")], (
        "the next run removes leftovers"
    )


def test_ctrl_c_with_workers_ends_quietly_every_time(tmp_path: Path) -> None:
    """Ctrl-C reaches the terminal's whole process group; with workers, the run printed their
    KeyboardInterrupt tracebacks and, one time in three, never ended (the pool's feeding
    thread stuck sending a batch to workers that were gone). Several rounds, at several
    moments, each must end within seconds, quietly, with exit 130."""
    source = _generated_export(tmp_path, 16 << 20)
    for round_, files_first in enumerate((0, 20, 200, 600)):
        out = tmp_path / f"out-{round_}"
        command = [sys.executable, "-m", "wxrkit", "convert", str(source), "-o", str(out)]
        process = subprocess.Popen(
            [*command, "--jobs", "2"],
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # a group of its own, as a terminal's job is
        )
        if files_first:
            _wait_for_files(out, "[!.]*.md", files_first)
        else:  # in the first pass: the run has started (it locks the folder first)
            deadline = time.monotonic() + 60
            while not (out / ".wxrkit-lock").exists() and time.monotonic() < deadline:
                time.sleep(0.01)
        os.killpg(process.pid, signal.SIGINT)
        try:
            _, err = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            pytest.fail(f"round {round_}: still running 30 s after Ctrl-C")
        assert process.returncode == 130, err
        assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
        assert "wxrkit: interrupted; the files written so far are complete" in err
        for path in out.glob("[!.]*.md"):
            assert path.read_text(encoding="utf-8").startswith("---\n")


def _path(entry: dict[str, Any]) -> Path:
    root = corpus_root()
    assert root is not None
    return root / "wxr" / entry["file"]


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_corpus_export_converts_with_counts(
    entry: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report.json"
    code = main(
        [
            "convert",
            str(_path(entry)),
            "-o",
            str(tmp_path / "o"),
            "--all",
            "--to",
            "json",
            "--report",
            str(report),
            "-q",
            "--jobs",
            "1",
        ]
    )
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if code == 1:
        assert not entry["lxml_strict_ok"], err
        assert f"{_path(entry)}:" in err and "error:" in err
        return
    assert code == 0, err
    data = json.loads(report.read_text(encoding="utf-8"))
    expected = entry["item_count"] if entry["lxml_strict_ok"] else entry["raw_item_open_tags"]
    assert data["items_read"] == expected
    assert data["written_total"] == expected, "with --all every item is written"
    assert (
        len([p for p in (tmp_path / "o").glob("*.json") if not p.name.startswith(".")]) == expected
    )


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_truncated_export_keeps_its_complete_items_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], jobs: str
) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    second_item_end = text.index("</item>", text.index("</item>") + 1) + len("</item>")
    cut = tmp_path / "cut.xml"
    cut.write_text(text[: second_item_end + 200], encoding="utf-8")
    out = tmp_path / "out"
    report = tmp_path / "report.json"
    code = main(
        ["convert", str(cut), "-o", str(out), "--jobs", jobs, "--all", "--report", str(report)]
    )
    assert code == 1, "a lost tail must fail the run"
    err = capsys.readouterr().err
    assert f"wxrkit: error: {cut}:" in err
    assert "2 complete item(s) were read" in err
    summary = json.loads(report.read_text(encoding="utf-8"))
    assert summary["items_read"] == 2
    assert summary["written_total"] == 2
    assert len(summary["failures"]) == 1
    assert len([p for p in out.iterdir() if not p.name.startswith(".")]) == 2


def test_a_broken_input_does_not_stop_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text(
        "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'></feed>", encoding="utf-8"
    )
    out = tmp_path / "out"
    assert main(["convert", str(broken), str(SAMPLE), "-o", str(out), "-q"]) == 1
    assert "broken.xml" in capsys.readouterr().err
    assert len([p for p in out.iterdir() if p.suffix == ".md"]) >= 3


def test_an_export_from_standard_input_is_read_like_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Copied as it comes in, it gets the first pass (featured images resolve) and the census."""
    wxr = FIXTURES / "wxr" / "kitchen-sink.xml"
    from_file, from_pipe = tmp_path / "file", tmp_path / "pipe"
    report = tmp_path / "report.json"
    assert main(["convert", str(wxr), "-o", str(from_file), "--to", "json", "-q"]) == 0
    stream = io.TextIOWrapper(io.BufferedReader(io.BytesIO(wxr.read_bytes())))
    monkeypatch.setattr(sys, "stdin", stream)
    command = ["convert", "-", "-o", str(from_pipe), "--to", "json", "-q", "--report", str(report)]
    assert main(command) == 0
    assert tree(from_pipe) == tree(from_file)
    assert any(b'"featured_image": {' in data for data in tree(from_pipe).values())
    accounting = json.loads(report.read_text(encoding="utf-8"))["accounting"]
    assert accounting == [
        {
            "input": "<stdin>",
            "kind": "wxr",
            "items_seen": 6,
            "items_read": 6,
            "items_lost": 0,
            "reason": None,
        }
    ]


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return False
    return "\nState:\tZ" not in status  # a zombie has ended; only its exit status is left


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_workers_end_with_a_killed_main_process(tmp_path: Path) -> None:
    source = _generated_export(tmp_path, 8 << 20)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "wxrkit", "convert", str(source), "-o", str(out), "-q"]
    process = subprocess.Popen([*command, "--jobs", "2"], stderr=subprocess.PIPE)
    _wait_for_files(out, "[!.]*.md")
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    assert len(children) >= 2, "the workers were running"
    process.kill()
    _, stderr = process.communicate(timeout=60)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(int(pid)) for pid in children):
        time.sleep(0.1)
    assert not any(_alive(int(pid)) for pid in children), "a worker outlived the main process"
    assert b"Traceback" not in stderr
