"""The records convert keeps on disk: they answer as the dictionaries they replace did."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from wxrkit import WxrkitError, read_wxr
from wxrkit.attachments import index_attachments
from wxrkit.output.attachment_store import AttachmentStore
from wxrkit.output.writer import JOURNAL, MANIFEST, OutputFolder, WouldOverwriteError

NAMES = ["b.md", "a.md", "été.md", "z/ü.md", "Z.md", "a-2.md", 'q"uote.md']


def _write_all(root: Path, names: list[str]) -> OutputFolder:
    folder = OutputFolder(root)
    for name in names:
        folder.write(name, name.encode())
    folder.close()
    return folder


def test_the_manifest_is_the_json_it_always_was_and_reads_back(tmp_path: Path) -> None:
    folder = _write_all(tmp_path, NAMES)
    assert list(folder.written) == NAMES  # in the order written
    folder.discard()
    text = (tmp_path / MANIFEST).read_text(encoding="utf-8")
    files = json.loads(text)["files"]
    assert list(files) == sorted(NAMES)  # code point order, as Python sorts
    assert text == json.dumps({"generator": "wxrkit", "files": files}, indent=1) + "\n"
    again = _write_all(tmp_path, NAMES)  # the same content: nothing refused, nothing changed
    again.discard()
    assert (tmp_path / MANIFEST).read_text(encoding="utf-8") == text


def test_files_of_earlier_runs_stay_in_the_manifest(tmp_path: Path) -> None:
    _write_all(tmp_path, ["old.md", "both.md"]).discard()
    _write_all(tmp_path, ["both.md", "new.md"]).discard()
    files = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))["files"]
    assert list(files) == ["both.md", "new.md", "old.md"]


def test_a_manifest_laid_out_otherwise_is_read_whole(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"a.md")
    (tmp_path / MANIFEST).write_text(
        json.dumps({"generator": "wxrkit", "files": {"a.md": _digest(b"a.md")}}),
        encoding="utf-8",
    )
    _write_all(tmp_path, ["a.md"]).discard()  # known: not refused as a stranger's file


@pytest.mark.parametrize(
    "damage",
    [
        '{\n "generator": "wxrkit",\n "files": {\n  "a.md": 3\n }\n}\n',
        '{\n "generator": "wxrkit",\n "files": {\n  "a.md": "x",\n',
        "not json",
    ],
)
def test_a_damaged_manifest_is_an_error_that_says_so(tmp_path: Path, damage: str) -> None:
    (tmp_path / MANIFEST).write_text(damage, encoding="utf-8")
    with pytest.raises(WxrkitError, match="manifest of an earlier run is damaged"):
        OutputFolder(tmp_path)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_the_attachment_store_answers_as_the_index(tmp_path: Path) -> None:
    posts = read_wxr(FIXTURES / "wxr" / "kitchen-sink.xml").posts
    index = index_attachments(posts)
    store = AttachmentStore(tmp_path)
    for post in posts:
        store.add(post)
    store.commit()
    assert dict(store) == index.by_id and len(store) == len(index.by_id) > 0
    linked = [store.link(post) for post in posts]
    assert linked == [index.link(post) for post in posts]
    assert any(post.featured_image is not None or post.attachments for post in linked)
    assert 10**9 not in store and "1" not in store
    with pytest.raises(KeyError):
        store[10**9]
    store.close()


def _run_killed_after_writing(root: Path, files: dict[str, bytes]) -> None:
    """A run in a process of its own that ends, as a killed one does, without a word: no
    manifest, its descriptors (and so its lock) closed by the kernel."""

    def run() -> None:
        folder = OutputFolder(root)
        for name, data in files.items():
            folder.write(name, data)
        os._exit(0)

    process = multiprocessing.get_context("fork").Process(target=run)
    process.start()
    process.join()
    assert process.exitcode == 0


def test_a_killed_runs_journal_lets_the_next_run_replace_its_files(tmp_path: Path) -> None:
    _run_killed_after_writing(tmp_path, {"a.md": b"first export", "b.md": b"first export"})
    # Killed here: no manifest, and a journal cut off in the middle of a line.
    with (tmp_path / JOURNAL).open("ab") as journal:
        journal.write(b'["c.md", "12\xff')
    assert not (tmp_path / MANIFEST).exists()
    rerun = OutputFolder(tmp_path)
    assert rerun.write("a.md", b"changed export")  # known from the journal: replaced
    (tmp_path / "c.md").write_bytes(b"mine")  # the cut line named it: still not known
    with pytest.raises(WouldOverwriteError):
        rerun.write("c.md", b"x")
    rerun.close()
    rerun.discard()
    assert not (tmp_path / JOURNAL).exists()
    files = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))["files"]
    assert files == {"a.md": _digest(b"changed export"), "b.md": _digest(b"first export")}


def test_without_the_journal_the_files_of_a_killed_run_are_a_strangers(tmp_path: Path) -> None:
    _run_killed_after_writing(tmp_path, {"a.md": b"first export"})
    (tmp_path / JOURNAL).unlink()
    with pytest.raises(WouldOverwriteError):
        OutputFolder(tmp_path).write("a.md", b"changed export")


@pytest.mark.parametrize(
    ("name", "digest"),
    [
        ("../outside.md", "a" * 64),
        ("/etc/passwd", "a" * 64),
        ("a/../../b.md", "a" * 64),
        ("a.md", "not-a-digest"),
        ("a.md", "A" * 64),
    ],
)
def test_a_manifest_entry_outside_the_folder_or_without_a_digest_is_damage(
    tmp_path: Path, name: str, digest: str
) -> None:
    manifest = {"generator": "wxrkit", "files": {name: digest}}
    (tmp_path / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    with pytest.raises(WxrkitError, match="manifest of an earlier run is damaged"):
        OutputFolder(tmp_path)


def test_journal_lines_outside_the_folder_or_without_a_digest_are_passed_over(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.md").write_bytes(b"mine")
    good = _digest(b"mine")
    lines = [["../a.md", good], ["/a.md", good], ["a.md", "xyz"], ["a.md", good.upper()]]
    (tmp_path / JOURNAL).write_text(
        "".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8"
    )
    with pytest.raises(WouldOverwriteError):  # none of them made a.md known
        OutputFolder(tmp_path).write("a.md", b"new")


def test_the_output_folder_itself_may_be_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    folder = _write_all(tmp_path / "link", ["a.md", "z/b.md"])
    folder.discard()
    assert (real / "z" / "b.md").read_bytes() == b"z/b.md"
