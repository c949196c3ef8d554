"""``--media download`` and ``--media-from`` against a real HTTP server on 127.0.0.1, with the
faults real sites have, and a second server (on 127.0.0.2) standing for every other host:
it must never be contacted."""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.output.blog_with_media import attachment, post, write_export
from tests.output.media_server import UPLOADS, MediaServer, Route, content, serving
from wxrkit.cli import main

_LINK = re.compile(r"""(?:\]\(|(?:src|href|srcset)=")([^")\s]+)""")


@pytest.fixture
def site() -> Iterator[MediaServer]:
    with serving("127.0.0.1") as server:
        yield server


@pytest.fixture
def elsewhere() -> Iterator[MediaServer]:
    with serving("127.0.0.2") as server:
        yield server


def _convert(*args: str | Path) -> int:
    return main(["convert", *map(str, args), "--jobs", "1", "-q"])


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _report(path: Path) -> dict[str, dict[str, object]]:
    """The report's media list, by URL."""
    media = json.loads(path.read_text())["media"]
    return {entry["url"]: entry for entry in media}


def _local_links(document: Path) -> list[str]:
    """Every relative link in a written post (Markdown destinations, raw HTML attributes)."""
    text = document.read_text()
    links = [link for link in _LINK.findall(text) if not link.startswith(("http", "#", "/"))]
    for match in re.finditer(r'featured_image: "?([^"\n]+)"?', text):
        links.append(match.group(1))
    return links


def _faulty_blog(site: MediaServer, elsewhere: MediaServer, folder: Path) -> Path:
    up = site.url(UPLOADS)
    site.file(f"{UPLOADS}/2023/04/photo.jpg", content("photo"))
    site.file(f"{UPLOADS}/2023/04/photo-300x200.jpg", content("variant"))
    site.file(f"{UPLOADS}/2023/04/twin-a.jpg", content("twin"))
    site.file(f"{UPLOADS}/2023/04/twin-b.jpg", content("twin"))
    site.file(f"{UPLOADS}/2023/04/orphan.gif", content("orphan"), "image/gif")
    site.file(f"{UPLOADS}/2023/05/manual.pdf", content("pdf"), "application/pdf")
    site.file(f"{UPLOADS}/2023/04/song.mp3", content("song"), "audio/mpeg")
    site.file(f"{UPLOADS}/2023/04/target.jpg", content("target"))
    site.routes[f"{UPLOADS}/2023/04/flaky.png"] = Route(
        body=content("flaky"), type="image/png", status=500, fail_first=1
    )
    site.routes[f"{UPLOADS}/2023/04/busy.png"] = Route(
        body=content("busy"),
        type="image/png",
        status=429,
        fail_first=1,
        headers={"Retry-After": "2"},
    )
    site.routes[f"{UPLOADS}/2023/04/slow.jpg"] = Route(body=content("slow"), delay=4)
    site.routes[f"{UPLOADS}/2023/04/moved.jpg"] = Route(
        status=302, headers={"Location": f"{UPLOADS}/2023/04/target.jpg"}
    )
    site.routes[f"{UPLOADS}/2023/04/away.jpg"] = Route(
        status=302, headers={"Location": elsewhere.url(f"{UPLOADS}/2023/04/photo.jpg")}
    )
    site.file(f"{UPLOADS}/2023/04/page.jpg", b"<html><body>Log in</body></html>", "text/html")
    site.file(f"{UPLOADS}/2023/04/sneaky.jpg", b"\n<!DOCTYPE html><html>Not found</html>")
    site.file(f"{UPLOADS}/2023/04/big.mp4", content("big", 300_000), "video/mp4")
    site.routes[f"{UPLOADS}/2023/04/big-chunked.mp4"] = Route(
        body=content("big2", 300_000), type="video/mp4", chunked=True
    )
    elsewhere.file(f"{UPLOADS}/2023/04/photo.jpg", content("photo"))
    body_1 = (
        f'<img src="{up}/2023/04/photo-300x200.jpg" srcset="{up}/2023/04/photo-300x200.jpg 300w,'
        f' {up}/2023/04/photo-1024x683.jpg 1024w, {up}/2023/04/photo.jpg 2000w" alt="A photo" />\n\n'
        f'<a href="{up}/2023/04/photo.jpg?w=640">the photo, larger</a>\n\n'
        f'[caption id="attachment_11" align="alignnone" width="300"]<img src="{up}/2023/04/twin-b.jpg"'
        ' alt="twin" width="300" height="200" /> A twin[/caption]\n\n'
        '<a href="/wp-content/uploads/2023/05/manual.pdf">the manual</a>\n\n'
        f'[audio src="{up}/2023/04/song.mp3"]\n\n'
        '[gallery ids="10,11"]\n\n'
        f'<img src="{elsewhere.url(UPLOADS)}/2023/04/photo.jpg" alt="elsewhere" />\n\n'
        f'<a href="{site.base}/about/">about</a>'
    )
    body_2 = "\n\n".join(
        f'<img src="{up}/2023/04/{name}" alt="{name}" />'
        for name in (
            "missing.jpg",
            "flaky.png",
            "busy.png",
            "slow.jpg",
            "moved.jpg",
            "away.jpg",
            "page.jpg",
            "sneaky.jpg",
        )
    ) + (
        f'\n\n<!-- wp:video -->\n<figure class="wp-block-video"><video controls src="{up}/2023/04/big.mp4">'
        "</video></figure>\n<!-- /wp:video -->\n\n"
        f'<a href="{up}/2023/04/big-chunked.mp4">video</a>'
    )
    return write_export(
        folder / "export.xml",
        site,
        [
            attachment(site, 10, "2023/04/photo.jpg", parent=1),
            attachment(site, 11, "2023/04/twin-a.jpg", parent=1),
            attachment(site, 12, "2023/04/orphan.gif"),
            post(site, 1, body_1, featured=10),
            post(site, 2, body_2),
        ],
    )


def _download(export: Path, out: Path, report: Path, *more: str) -> int:
    return _convert(
        export,
        "-o",
        out,
        "--media",
        "download",
        "--allow-private-addresses",
        "--media-timeout",
        "1",
        "--media-max-size",
        "100000",
        "--report",
        report,
        *more,
    )


def test_a_download_stores_the_media_and_points_the_posts_at_them(
    tmp_path: Path, site: MediaServer, elsewhere: MediaServer
) -> None:
    export = _faulty_blog(site, elsewhere, tmp_path)
    out, report = tmp_path / "out", tmp_path / "report.json"
    assert _download(export, out, report) == 0  # failures do not change the exit status
    media = _report(report)
    up = site.url(UPLOADS)

    # the bytes on disk are the bytes served, under the upload path
    for name in ("photo.jpg", "orphan.gif", "song.mp3", "flaky.png", "busy.png"):
        stored = out / "media" / "2023" / "04" / name
        assert stored.read_bytes() == site.routes[f"{UPLOADS}/2023/04/{name}"].body, name
    assert (out / "media/2023/05/manual.pdf").read_bytes() == content("pdf")
    assert (out / "media/2023/04/moved.jpg").read_bytes() == content("target")  # redirected
    # an attachment no post references is stored too
    assert media[f"{up}/2023/04/orphan.gif"]["status"] == "downloaded"

    # originals, not size variants: the variant is neither stored nor requested
    assert not list(out.rglob("*-300x200*")) and not list(out.rglob("*-1024x683*"))
    assert site.requested(f"{UPLOADS}/2023/04/photo-300x200.jpg") == []
    assert len(site.requested(f"{UPLOADS}/2023/04/photo.jpg")) == 1
    # identical content is stored once; the twin's references point at that one file
    assert not (out / "media/2023/04/twin-b.jpg").exists()
    assert media[f"{up}/2023/04/twin-b.jpg"]["file"] == "media/2023/04/twin-a.jpg"

    # nothing but media and the index in media/: no variants, temporaries or refused content
    stored = {str(p.relative_to(out / "media")) for p in (out / "media").rglob("*") if p.is_file()}
    assert stored == {
        ".wxrkit-media.json",
        "2023/04/photo.jpg",
        "2023/04/twin-a.jpg",
        "2023/04/orphan.gif",
        "2023/05/manual.pdf",
        "2023/04/song.mp3",
        "2023/04/flaky.png",
        "2023/04/busy.png",
        "2023/04/moved.jpg",
    }

    # every rewritten reference resolves to a stored file
    first = (out / "post-1.md").read_text()
    assert "featured_image: media/2023/04/photo.jpg" in first
    assert "![A photo](media/2023/04/photo.jpg)" in first
    assert "[the manual](media/2023/05/manual.pdf)" in first
    assert 'src="media/2023/04/song.mp3"' in first
    for document in out.glob("*.md"):
        links = _local_links(document)
        assert links, document
        for link in links:
            assert (document.parent / unquote(link)).is_file(), (document.name, link)

    # links to other hosts are left as they are, and that host is never contacted
    assert f"![elsewhere]({elsewhere.url(UPLOADS)}/2023/04/photo.jpg)" in first
    assert f"[about]({site.base}/about/)" in first
    assert elsewhere.requests == []

    # failures: a reason each, their references keep the URL
    second = (out / "post-2.md").read_text()
    reasons = {
        "missing.jpg": "404",
        "slow.jpg": "no answer within 1 s",
        "away.jpg": "not one of the blog's hosts",
        "page.jpg": "web page",
        "sneaky.jpg": "web page",
        "big.mp4": "limit of 100,000 bytes",
        "big-chunked.mp4": "limit of 100,000 bytes",
    }
    for name, reason in reasons.items():
        entry = media[f"{up}/2023/04/{name}"]
        assert entry["status"] == "failed", name
        assert reason in str(entry["reason"]), (name, entry)
        assert f"{up}/2023/04/{name}" in second, name
    assert not list(out.rglob("*.tmp")) and not list(out.rglob(".*.wxrkit-tmp*"))

    # retried after a 500, and after a 429 no sooner than its Retry-After
    assert len(site.requested(f"{UPLOADS}/2023/04/flaky.png")) == 2
    asked = site.requested(f"{UPLOADS}/2023/04/busy.png")
    assert len(asked) == 2 and asked[1] - asked[0] >= 2.0
    # a 404 is not tried again
    assert len(site.requested(f"{UPLOADS}/2023/04/missing.jpg")) == 1


def test_a_rerun_makes_no_request_for_what_is_stored_and_changes_nothing(
    tmp_path: Path, site: MediaServer, elsewhere: MediaServer
) -> None:
    export = _faulty_blog(site, elsewhere, tmp_path)
    out = tmp_path / "out"
    assert _download(export, out, tmp_path / "first.json") == 0
    before = _tree(out)
    stored_paths = {
        path for path in site.routes if (out / "media" / path[len(UPLOADS) + 1 :]).exists()
    }
    asked_before = len(site.requests)

    assert _download(export, out, tmp_path / "second.json") == 0
    again = site.requests[asked_before:]
    assert [path for _, path in again if path in stored_paths] == []
    assert _tree(out) == before
    media = _report(tmp_path / "second.json")
    for entry in _report(tmp_path / "first.json").values():
        if entry["status"] == "downloaded":
            assert media[str(entry["url"])]["status"] == "reused"
            assert media[str(entry["url"])]["file"] == entry["file"]


def test_strict_fails_the_run_on_a_failed_medium(
    tmp_path: Path, site: MediaServer, elsewhere: MediaServer
) -> None:
    export = _faulty_blog(site, elsewhere, tmp_path)
    assert _download(export, tmp_path / "out", tmp_path / "r.json", "--strict") == 1
    failures = json.loads((tmp_path / "r.json").read_text())["failures"]
    assert any("media: 7 failed" in failure for failure in failures)


def _clean_blog(site: MediaServer, folder: Path) -> Path:
    """A blog whose media are all there (with two identical files and a variant)."""
    up = site.url(UPLOADS)
    site.file(f"{UPLOADS}/2023/04/photo.jpg", content("photo"))
    site.file(f"{UPLOADS}/2023/04/photo-300x200.jpg", content("variant"))
    site.file(f"{UPLOADS}/2023/04/twin-a.jpg", content("twin"))
    site.file(f"{UPLOADS}/2023/04/twin-b.jpg", content("twin"))
    site.file(f"{UPLOADS}/2024/01/new report.pdf", content("pdf"), "application/pdf")
    site.file(f"{UPLOADS}/2024/01/unreferenced.png", content("unused"), "image/png")
    body = (
        f'<img src="{up}/2023/04/photo-300x200.jpg" alt="A photo" />\n\n'
        f'<img src="{up}/2023/04/twin-b.jpg" alt="twin" />\n\n'
        f'<a href="{up}/2024/01/new%20report.pdf">report</a>\n\n'
        f'<img src="{up}/2023/04/absent.jpg" alt="absent" />'
    )
    return write_export(
        folder / "export.xml",
        site,
        [
            attachment(site, 10, "2023/04/photo.jpg", parent=1),
            attachment(site, 11, "2023/04/twin-a.jpg", parent=1),
            post(site, 1, body, featured=10),
        ],
    )


def _uploads_copy(site: MediaServer, folder: Path) -> Path:
    """What a backup of the uploads folder holds: every file the server has."""
    for path, route in site.routes.items():
        target = folder / path[len(UPLOADS) + 1 :]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(route.body)
    return folder


@pytest.mark.parametrize("zipped", [False, True])
def test_media_from_an_uploads_copy_gives_the_same_folder_with_no_request(
    tmp_path: Path, site: MediaServer, zipped: bool
) -> None:
    export = _clean_blog(site, tmp_path)
    web, local = tmp_path / "web", tmp_path / "local"
    assert _convert(export, "-o", web, "--media", "download", "--allow-private-addresses") == 0
    copy = _uploads_copy(site, tmp_path / "uploads")
    if zipped:
        archive = tmp_path / "uploads.zip"
        with zipfile.ZipFile(archive, "w") as packed:
            for file in copy.rglob("*"):
                packed.write(file, "uploads/" + str(file.relative_to(copy)))
        copy = archive
    asked = len(site.requests)
    report = tmp_path / "local.json"
    assert _convert(export, "-o", local, "--media-from", copy, "--report", report) == 0
    assert len(site.requests) == asked  # no network at all

    web_tree, local_tree = _tree(web), _tree(local)
    assert local_tree == web_tree
    assert "media/2024/01/new report.pdf" in local_tree
    assert "media/2023/04/photo-300x200.jpg" not in local_tree  # the original is there
    assert "media/2024/01/unreferenced.png" not in local_tree  # nothing references it
    media = _report(report)
    assert media[site.url(f"{UPLOADS}/2023/04/absent.jpg")]["status"] == "missing"
    assert media[site.url(f"{UPLOADS}/2023/04/photo.jpg")]["status"] == "downloaded"
    text = (local / "post-1.md").read_text()
    assert "[report](media/2024/01/new%20report.pdf)" in text
    assert site.url(f"{UPLOADS}/2023/04/absent.jpg") in text


def test_private_addresses_are_refused_unless_allowed(tmp_path: Path, site: MediaServer) -> None:
    export = _clean_blog(site, tmp_path)
    report = tmp_path / "r.json"
    assert _convert(export, "-o", tmp_path / "out", "--media", "download", "--report", report) == 0
    assert site.requests == []
    for entry in _report(report).values():
        assert entry["status"] == "failed"
        assert "private, loopback or link-local" in str(entry["reason"])
    assert site.url(f"{UPLOADS}/2023/04/photo.jpg") in (tmp_path / "out/post-1.md").read_text()


def test_media_need_an_output_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["convert", str(tmp_path / "x.xml"), "--media", "download"])
    assert stopped.value.code == 2
    assert "give -o DIR" in capsys.readouterr().err


def test_references_resolve_in_every_layout_and_format_and_with_workers(
    tmp_path: Path, site: MediaServer
) -> None:
    export = _clean_blog(site, tmp_path)
    hugo, hugo_jobs = tmp_path / "hugo", tmp_path / "hugo-jobs"
    media = ["--media", "download", "--allow-private-addresses"]
    assert _convert(export, "-o", hugo, "--site", "hugo", *media) == 0
    assert (
        main(
            [
                "convert",
                str(export),
                "-o",
                str(hugo_jobs),
                "--site",
                "hugo",
                "--jobs",
                "2",
                "-q",
                *media,
            ]
        )
        == 0
    )
    assert _tree(hugo_jobs) == _tree(hugo)  # the workers rewrite as the main process does
    (document,) = [p for p in hugo.rglob("*.md") if "post-1" in str(p)]
    assert document.parent != hugo  # a bundle, deeper than the folder
    links = _local_links(document)
    assert any(link.startswith("../") for link in links)
    for link in links:
        assert (document.parent / unquote(link)).is_file(), link

    as_json = tmp_path / "json"
    assert _convert(export, "-o", as_json, "--to", "json", *media) == 0
    (record,) = [json.loads(p.read_text()) for p in as_json.glob("post-*.json")]
    assert record["featured_image"]["url"] == "media/2023/04/photo.jpg"
    assert 'src="media/2023/04/photo.jpg"' in record["content_html"]


def test_media_from_what_is_neither_a_folder_nor_a_zip_is_an_error(
    tmp_path: Path, site: MediaServer, capsys: pytest.CaptureFixture[str]
) -> None:
    export = _clean_blog(site, tmp_path)
    (tmp_path / "uploads.tar").write_bytes(b"not a zip")
    assert _convert(export, "-o", tmp_path / "out", "--media-from", tmp_path / "uploads.tar") == 1
    assert "takes the uploads folder, or a .zip of it" in capsys.readouterr().err
