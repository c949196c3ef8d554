"""A hostile or faulty output folder, through main() and against the folder itself.

Links and special files planted in the folder, a second run into it, a full disk, a read-only
folder, closed or full standard output: wxrkit writes nothing outside the folder, never hangs
or reads without end, and ends with exit 1 and a message naming the path, never a traceback.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from wxrkit.cli import main
from wxrkit.output.writer import JOURNAL, MANIFEST

ROOT = Path(__file__).parent.parent.parent
SAMPLE = ROOT / "docs" / "examples" / "sample-export.xml"
SAMPLE_FILES = {
    "about.md",
    "reading-a-tide-table.md",
    "seaweed-pressing-draft.md",
    "what-lives-in-a-rockpool.md",
}
COMMAND = [sys.executable, "-m", "wxrkit"]


def convert(out: Path, *options: str) -> int:
    return main(["convert", str(SAMPLE), "-o", str(out), "--jobs", "1", *options])


def written(out: Path) -> set[str]:
    return {
        str(p.relative_to(out))
        for p in out.rglob("*")
        if p.is_file() and not p.is_symlink() and not p.name.startswith(".")
    }


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the output folder, holding a file nobody may touch."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "precious.txt").write_bytes(b"precious")
    return folder


def _untouched(outside: Path) -> None:
    assert {p.name for p in outside.iterdir()} == {"precious.txt"}
    assert (outside / "precious.txt").read_bytes() == b"precious"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_linked_subfolder_is_refused_and_the_rest_written(
    tmp_path: Path, outside: Path, capsys: pytest.CaptureFixture[str], jobs: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "posts").symlink_to(outside)
    code = main(["convert", str(SAMPLE), "-o", str(out), "--layout", "type", "--jobs", jobs, "-q"])
    assert code == 1
    _untouched(outside)
    assert written(out) == {"pages/about.md"}  # the page went where no link was
    err = capsys.readouterr().err
    assert f"{out / 'posts'}: is a symbolic link" in err and "Traceback" not in err
    assert err.count("not written") == 3  # each post refused, by name


def test_a_linked_file_with_the_outside_files_digest_is_not_overwritten(
    tmp_path: Path, outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "about.md").symlink_to(outside / "precious.txt")
    digest = hashlib.sha256(b"precious").hexdigest()
    manifest = {"generator": "wxrkit", "files": {"about.md": digest}}
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    assert convert(out, "--force") == 1  # not even with --force
    _untouched(outside)
    assert (out / "about.md").is_symlink()
    assert written(out) == SAMPLE_FILES - {"about.md"}
    assert f"{out / 'about.md'}: is a symbolic link" in capsys.readouterr().err


@pytest.mark.parametrize("name", [JOURNAL, MANIFEST, ".wxrkit-lock"])
def test_a_linked_record_stops_the_run_before_any_work(
    tmp_path: Path, outside: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / name).symlink_to(outside / "precious.txt")
    assert convert(out) == 1
    _untouched(outside)
    assert written(out) == set()
    err = capsys.readouterr().err
    assert f"{out / name}: is a symbolic link" in err and "Traceback" not in err


def test_a_fifo_where_a_post_goes_is_refused_without_hanging(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / "about.md")
    assert convert(out) == 1  # a read of the FIFO would wait for a writer forever
    assert written(out) == SAMPLE_FILES - {"about.md"}
    assert f"{out / 'about.md'}: is a FIFO where wxrkit needs a file" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["about.md", MANIFEST, JOURNAL])
def test_a_link_to_dev_zero_is_never_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / name).symlink_to("/dev/zero")
    assert convert(out) == 1  # reading it would go on until memory runs out
    err = capsys.readouterr().err
    assert f"{out / name}: is a symbolic link" in err and "MemoryError" not in err


def test_a_file_where_a_folder_must_go_fails_those_posts_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "posts").write_bytes(b"a file")
    assert convert(out, "--layout", "type") == 1
    assert written(out) == {"posts", "pages/about.md"}
    err = capsys.readouterr().err
    assert f"{out / 'posts'}: is a file where wxrkit needs a folder" in err


def test_a_foreign_file_is_skipped_listed_and_the_rest_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "about.md").write_bytes(b"my own about page")
    report = tmp_path / "report.json"
    assert convert(out, "--report", str(report)) == 1
    assert (out / "about.md").read_bytes() == b"my own about page"
    assert written(out) == SAMPLE_FILES
    failures = json.loads(report.read_text(encoding="utf-8"))["failures"]
    assert len(failures) == 1 and "about.md: exists and was not written by wxrkit" in failures[0]
    files = json.loads(report.read_text(encoding="utf-8"))["files"]
    assert "about.md" not in files and len(files) == 3
    assert "about.md" not in json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"]


def test_output_naming_an_existing_file_is_an_error_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "notes.txt"
    target.write_bytes(b"mine")
    assert convert(target) == 1
    assert target.read_bytes() == b"mine"
    err = capsys.readouterr().err
    assert f"{target}: is a file, not a folder" in err and "items seen" not in err


@pytest.mark.parametrize("report", ["missing-folder/report.json", "."])
def test_a_report_that_cannot_be_written_is_an_error_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], report: str
) -> None:
    out = tmp_path / "out"
    assert convert(out, "--report", str(tmp_path / report)) == 1
    assert not out.exists()  # nothing converted
    err = capsys.readouterr().err
    assert str(tmp_path / report) in err and ("is a folder" in err or "does not exist" in err)


def test_report_dash_is_standard_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert convert(tmp_path / "out", "--report", "-", "-q") == 0
    report = json.loads(capsys.readouterr().out)
    assert report["files_total"] == 4 and not (tmp_path / "-").exists()


def test_temporary_files_of_dead_runs_only_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_file = out / f".about.md.{dead.stdout.strip()}.wxrkit-tmp"
    live_file = out / f".other.md.{os.getpid()}.wxrkit-tmp"  # this process is alive
    dead_file.write_bytes(b"half")
    live_file.write_bytes(b"half")
    assert convert(out, "-q") == 0
    assert not dead_file.exists() and live_file.exists()


@contextlib.contextmanager
def _mounted_tmpfs(folder: Path, size: str) -> Iterator[Path]:
    folder.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_full_disk_stops_the_run_with_a_message_and_whole_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], jobs: str
) -> None:
    with _mounted_tmpfs(tmp_path / "small", "64k") as disk:
        filler = disk / "filler"
        filler.write_bytes(b"x" * 50_000)  # leaves room for a file or two (4 KB blocks)
        out = disk / "out"
        code = main(["convert", str(SAMPLE), "-o", str(out), "--jobs", jobs])
        err = capsys.readouterr().err
        assert code == 1 and "Traceback" not in err
        assert "the disk is full; free some space and run again" in err
        assert not list(out.rglob("*.wxrkit-tmp")), "no half-written file is left"
        # what was written is whole, and recorded: the manifest, else the journal
        files = {p.name: p.read_bytes() for p in out.glob("*.md")}
        record = out / MANIFEST if (out / MANIFEST).exists() else out / JOURNAL
        if files:
            recorded = record.read_text(encoding="utf-8")
            for name, data in files.items():
                assert hashlib.sha256(data).hexdigest() in recorded, name
        filler.unlink()  # room again: the rerun completes, over the same folder
        assert main(["convert", str(SAMPLE), "-o", str(out), "--jobs", "1", "-q"]) == 0
        assert written(out) == SAMPLE_FILES


def test_a_read_only_file_system_is_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with _mounted_tmpfs(tmp_path / "ro", "1m") as disk:
        (disk / "out").mkdir()
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        assert convert(disk / "out") == 1
        err = capsys.readouterr().err
        assert "the file system is read-only; convert into a writable folder" in err


def _without_root_powers() -> list[str]:
    """Root writes anywhere, whatever the permissions: its child runs without that power."""
    if os.geteuid() != 0:
        return []
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner", "--"]


def test_a_folder_without_write_permission_is_a_message(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    done = subprocess.run(
        [*_without_root_powers(), *COMMAND, "convert", str(SAMPLE), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert f"{out}" in done.stderr and "permission denied" in done.stderr
    assert "Traceback" not in done.stderr


def test_full_standard_output_is_a_message() -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [*COMMAND, "convert", str(SAMPLE), "--jobs", "1"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 1
    assert "standard output: cannot write: the disk is full" in done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


def test_closed_standard_output_is_a_message() -> None:
    process = subprocess.Popen(
        [*COMMAND, "convert", str(SAMPLE), "--jobs", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader goes away before anything was read
    err = process.stderr.read()
    assert process.wait(timeout=60) == 1
    assert "standard output: cannot write: the reader of standard output has gone" in err
    assert "Traceback" not in err and "Exception ignored" not in err


def test_two_runs_into_one_folder_the_second_stops_at_once(tmp_path: Path) -> None:
    out = tmp_path / "out"
    # The first run takes the lock, then waits for its export on standard input.
    first = subprocess.Popen(
        [*COMMAND, "convert", "-", "-o", str(out), "--jobs", "1", "-q"],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert first.stdin is not None
    deadline = time.monotonic() + 30
    while not (out / ".wxrkit-lock").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    second = subprocess.run(
        [*COMMAND, "convert", str(SAMPLE), "-o", str(out), "--jobs", "2"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert second.returncode == 1
    assert f"{out}: another wxrkit run (process {first.pid}) is converting into this folder" in (
        second.stderr
    )
    assert "Traceback" not in second.stderr
    first.stdin.write(SAMPLE.read_bytes())
    first.stdin.close()
    assert first.wait(timeout=60) == 0
    assert written(out) == SAMPLE_FILES
    assert not (out / ".wxrkit-lock").exists()  # removed at the end, under the lock
    # and now the folder is free
    again = [*COMMAND, "convert", str(SAMPLE), "-o", str(out), "-q"]
    assert subprocess.run(again, check=False).returncode == 0
