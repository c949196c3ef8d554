"""Nothing lost: every corpus export, whole and cut at every tenth of its length, accounted
for item by item, and every id and meta key of the input present in the JSON output.

Items *seen* come from a byte census of ``<item>`` tags (``wxrkit.wxr.census``), not from
the parser; items *read* from the reader; a difference must come with the input's failure.
The ids and meta keys of the input are collected by lxml directly, not by wxrkit's reader.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from tests.conftest import corpus_manifest, corpus_root
from wxrkit.output.run import convert
from wxrkit.output.select import Selection

ENTRIES = corpus_manifest("wxr")
WELL_FORMED = [entry for entry in ENTRIES if entry["lxml_strict_ok"]]
EVERYTHING = Selection(everything=True)


def _path(entry: dict[str, Any]) -> Path:
    root = corpus_root()
    assert root is not None
    return root / "wxr" / entry["file"]


def _check_accounts(source: Path, whole_and_well_formed: bool) -> None:
    summary = convert([source], out=None, to="json", selection=EVERYTHING, stdout=io.BytesIO())
    (account,) = summary.accounts
    assert account.seen is not None, "a file on disk is always counted"
    assert account.seen == account.read + account.lost
    if account.lost:
        assert account.failure is not None and str(source) in account.failure
    assert not any("no reason was given" in failure for failure in summary.failures)
    assert summary.items == account.read
    assert sum(summary.written.values()) + sum(summary.skipped.values()) == account.read
    if whole_and_well_formed:
        assert (account.lost, summary.failures) == (0, [])


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_seen_is_read_plus_lost(entry: dict[str, Any], tmp_path: Path) -> None:
    path = _path(entry)
    _check_accounts(path, whole_and_well_formed=entry["lxml_strict_ok"])
    data = path.read_bytes()
    for tenth in range(1, 10):
        cut = tmp_path / f"cut-{tenth}0.xml"
        cut.write_bytes(data[: len(data) * tenth // 10])
        _check_accounts(cut, whole_and_well_formed=False)


def _input_ids(path: Path) -> tuple[set[int], set[int], dict[int, set[str]]]:
    """Post ids, comment ids and the meta keys of each post, by lxml alone."""
    posts: set[int] = set()
    comments: set[int] = set()
    meta: dict[int, set[str]] = {}
    for _, item in etree.iterparse(str(path), tag="item", resolve_entities=False, huge_tree=True):
        children = [child for child in item if isinstance(child.tag, str)]
        fields = {etree.QName(child).localname: child for child in children}
        post_id = int(fields["post_id"].text or 0) if "post_id" in fields else None
        if post_id is None:
            continue
        posts.add(post_id)
        for child in children:
            name = etree.QName(child).localname
            if name == "postmeta":
                key = next(
                    (
                        c.text
                        for c in child
                        if isinstance(c.tag, str) and etree.QName(c).localname == "meta_key"
                    ),
                    None,
                )
                meta.setdefault(post_id, set()).add(key or "")
            elif name == "comment":
                for field in child:
                    if not isinstance(field.tag, str):
                        continue
                    if etree.QName(field).localname == "comment_id" and (field.text or "").strip():
                        comments.add(int(field.text or 0))
        item.clear()
    return posts, comments, meta


@pytest.mark.parametrize("entry", WELL_FORMED, ids=[e["file"] for e in WELL_FORMED])
def test_every_id_and_meta_key_reaches_the_json(entry: dict[str, Any]) -> None:
    path = _path(entry)
    sink = io.BytesIO()
    convert([path], out=None, to="json", selection=EVERYTHING, stdout=sink)
    records = [json.loads(line) for line in sink.getvalue().splitlines() if line.strip()]
    posts, comments, meta = _input_ids(path)
    assert posts <= {record["id"] for record in records}
    assert comments <= {c["id"] for record in records for c in record["comments"]}
    keys_out: dict[int, set[str]] = {}
    for record in records:
        keys_out.setdefault(record["id"], set()).update(m["key"] for m in record["meta"])
    for post_id, keys in meta.items():
        assert keys <= keys_out.get(post_id, set()), post_id
