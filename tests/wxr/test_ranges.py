"""An export read in byte ranges, each range alone, gives what one whole read gives: the same
posts (line numbers included) and the same diagnostics, in the same order; the byte scan
finds every item where it starts, whatever the chunk boundaries cut."""

from __future__ import annotations

from datetime import timedelta, timezone
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, corpus_root
from tests.robustness.cases import export
from wxrkit import WxrReader
from wxrkit.wxr import census
from wxrkit.wxr.census import UNREADABLE_TYPE, scan_items
from wxrkit.wxr.ranges import (
    RangeUnreadableError,
    SeenIds,
    check_version,
    item_ranges,
    merge_range,
    read_head,
    read_range,
)

_ROOT = corpus_root()
EXPORTS = sorted((_ROOT / "wxr").rglob("*.xml")) if _ROOT is not None else []
EXPORTS += sorted((FIXTURES / "wxr").glob("*.xml"))


def _item(
    content: str,
    post_id: int,
    post_type: str = "post",
    local: str = "2020-01-02 05:04:05",
    gmt: str = "2020-01-02 03:04:05",
) -> str:
    return (
        f"<item>\n<title>Post {post_id}</title>\n<content:encoded>{content}</content:encoded>\n"
        f"<wp:post_id>{post_id}</wp:post_id><wp:post_date>{local}</wp:post_date>\n"
        f"<wp:post_date_gmt>{gmt}</wp:post_date_gmt>"
        f"<wp:post_type><![CDATA[{post_type}]]></wp:post_type><wp:status>publish</wp:status>"
        "</item>\n"
    )


def _whole(path: Path) -> tuple[list[object], tuple[object, ...]]:
    with WxrReader(path) as reader:
        return list(reader), reader.diagnostics


def _in_ranges(path: Path, size: int) -> tuple[list[object], tuple[object, ...]] | None:
    """The loop of docs/api.md; None when the export is not read in ranges."""
    head = read_head(path)
    if head is None:
        return None
    ids, log = SeenIds(), head.log()
    carried = None
    posts: list[object] = []
    for part in item_ranges(path, size):
        read = read_range(path, part, head)
        if read.offset_borrowed and carried is not None:
            read = read_range(path, part, head, offset=carried, offset_known=True)
        carried = read.offset_after or carried
        posts += merge_range(read, ids, log)
    check_version(head.site, log)
    return posts, log.diagnostics()


@pytest.mark.parametrize("path", EXPORTS, ids=[path.name for path in EXPORTS])
@pytest.mark.parametrize("size", [1, 6000])
def test_ranges_read_alone_give_the_whole_read(path: Path, size: int) -> None:
    try:
        whole = _whole(path)
    except Exception:  # an export no read gets through: nothing to compare
        with pytest.raises(Exception):  # noqa: B017 - whatever the whole read raised
            _in_ranges(path, size)
        return
    try:
        ranged = _in_ranges(path, size)
    except RangeUnreadableError:
        return  # a defect the whole read repairs: convert reads such an export whole
    if ranged is not None:
        assert ranged[0] == whole[0]
        assert ranged[1] == whole[1]


def _head_or_none(path: Path) -> object:
    try:
        return read_head(path)
    except Exception:  # its channel is broken: read whole, which reports it
        return None


def test_most_exports_are_read_in_ranges() -> None:
    read = [path for path in EXPORTS if _head_or_none(path) is not None]
    assert len(read) >= len(EXPORTS) * 2 // 3, f"{len(read)} of {len(EXPORTS)}"


def _offsets_by_hand(data: bytes) -> list[int]:
    """Where ``<item`` starts outside CDATA and comments, found one byte at a time."""
    found, at = [], 0
    while at < len(data):
        for opener, closer in ((b"<![CDATA[", b"]]>"), (b"<!--", b"-->")):
            if data.startswith(opener, at):
                end = data.find(closer, at + len(opener))
                at = len(data) if end < 0 else end + len(closer)
                break
        else:
            if data.startswith(b"<item", at) and data[at + 5 : at + 6] in (b">", b" ", b"/"):
                found.append(at)
            at += 1
    return found


@pytest.mark.parametrize("chunk", [7, 16, 61, 4096])
def test_the_scan_finds_items_across_chunk_boundaries(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = "<![CDATA[quoted <item> and ]] and ]]]>"
    items = "".join(
        _item(body, n, "attachment" if n % 3 == 0 else "post") + f"<!-- <item>{'x' * n} -->"
        for n in range(1, 40)
    )
    data = export(items).encode("utf-8")
    monkeypatch.setattr(census, "_CHUNK", chunk)
    scanned = list(scan_items(data))
    assert [found.offset for found in scanned] == _offsets_by_hand(data)
    assert [found.line for found in scanned] == [
        data.count(b"\n", 0, found.offset) + 1 for found in scanned
    ]
    assert [found.post_type for found in scanned] == [
        "attachment" if n % 3 == 0 else "post" for n in range(1, 40)
    ]


def test_a_post_type_that_is_not_plain_is_left_to_the_parser() -> None:
    data = export(_item("x", 1, "att&#97;chment")).encode("utf-8")
    assert [found.post_type for found in scan_items(data)] == [UNREADABLE_TYPE]


def test_a_range_borrows_the_offset_of_the_range_before(tmp_path: Path) -> None:
    # the first item has both dates (+02:00); the second only its local one (a draft)
    draft = _item("y", 2, gmt="0000-00-00 00:00:00")
    path = tmp_path / "export.xml"
    path.write_text(export(_item("x", 1) + draft), encoding="utf-8")
    head = read_head(path)
    assert head is not None
    first, second = list(item_ranges(path, 1))
    before = read_range(path, first, head)
    alone = read_range(path, second, head)
    assert before.offset_after == timezone(timedelta(hours=2))
    assert alone.offset_borrowed and alone.offset_after is None
    whole, _ = _whole(path)
    assert alone.posts != whole[1:]  # read alone, the draft's time would be taken as UTC
    again = read_range(path, second, head, offset=before.offset_after, offset_known=True)
    assert again.posts == whole[1:]


def test_a_channel_element_among_the_items_refuses_the_range(tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    late = "<wp:category><wp:category_nicename>late</wp:category_nicename></wp:category>"
    path.write_text(export(_item("a", 1) + late + _item("b", 2)), encoding="utf-8")
    head = read_head(path)
    assert head is not None
    with pytest.raises(RangeUnreadableError):
        for part in item_ranges(path, 1):
            read_range(path, part, head)


def test_an_undeclared_prefix_is_reported_once_whatever_the_ranges(tmp_path: Path) -> None:
    excerpt = "<excerpt:encoded><![CDATA[short]]></excerpt:encoded>"
    items = "".join(_item("x", n).replace("</item>", excerpt + "</item>") for n in range(1, 9))
    text = export(items)
    assert "xmlns:excerpt" not in text
    path = tmp_path / "export.xml"
    path.write_text(text, encoding="utf-8")
    posts, diagnostics = _whole(path)
    assert [d.code for d in diagnostics].count("undeclared-prefix") == 1
    assert _in_ranges(path, 1) == (posts, diagnostics)


def test_channel_diagnostics_beyond_the_listed_ones_keep_their_count(tmp_path: Path) -> None:
    orphans = "".join(
        f"<wp:category><wp:term_id>{100 + n}</wp:term_id><wp:category_nicename>c{n}"
        f"</wp:category_nicename><wp:category_parent>none{n}</wp:category_parent>"
        f"<wp:cat_name>C{n}</wp:cat_name></wp:category>\n"
        for n in range(25)
    )
    text = export(_item("x", 1) + _item("y", 2))
    path = tmp_path / "export.xml"
    path.write_text(text.replace("<item>", orphans + "<item>", 1), encoding="utf-8")
    posts, diagnostics = _whole(path)
    assert any(d.count == 5 for d in diagnostics)  # 25 orphans: 20 listed, 5 counted
    assert _in_ranges(path, 1) == (posts, diagnostics)
