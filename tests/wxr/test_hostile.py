"""Hostile exports: nothing reaches the machine; each case ends, bounded, with text or an error.

Each case runs in a child process under an address-space limit, so a regression shows as a
failure (killed, or a hang caught by the timeout) instead of taking the test run down with it.
The timeout is a guard against hangs, not a speed measurement (those live in bench/).
"""

from __future__ import annotations

import gzip
import http.server
import json
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from tests.peak import PEAK_SOURCE

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    "{doctype}"
    '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"'
    ' xmlns:content="http://purl.org/rss/1.0/modules/content/">\n<channel>\n'
    "<wp:wxr_version>1.2</wp:wxr_version>\n"
)
TAIL = "</channel>\n</rss>\n"
MEMORY_LIMIT = 2 << 30
"""Address space for the child; its resident peak is asserted far lower, below."""
PEAK_LIMIT_KB = 300 * 1024


def item(title: str, content: str = "<![CDATA[body]]>", post_id: int = 1) -> str:
    return (
        f"<item><title>{title}</title><content:encoded>{content}</content:encoded>"
        f"<wp:post_id>{post_id}</wp:post_id><wp:post_type>post</wp:post_type>"
        "<wp:status>publish</wp:status></item>\n"
    )


def export(items: str, doctype: str = "") -> bytes:
    return (HEAD.format(doctype=doctype) + items + TAIL).encode()


CHILD = PEAK_SOURCE + textwrap.dedent(
    """
    import json, resource, sys
    resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
    from wxrkit import WxrkitError, read_wxr
    result = {{}}
    try:
        exported = read_wxr(sys.argv[1])
        result["titles"] = [post.title for post in exported.posts]
        result["contents"] = [post.content_raw[:200] for post in exported.posts]
        result["sizes"] = [len(post.content_raw) for post in exported.posts]
        result["codes"] = [d.code for d in exported.diagnostics]
        result["extra"] = [repr(post.extra) for post in exported.posts]
    except WxrkitError as error:
        result["error"] = type(error).__name__
        result["message"] = str(error)
    result["peak_kb"] = resident_peak_kb()
    print(json.dumps(result))
    """
)


def run_isolated(path: Path) -> dict[str, object]:
    completed = subprocess.run(
        [sys.executable, "-c", CHILD.format(limit=MEMORY_LIMIT), str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    result: dict[str, object] = json.loads(completed.stdout)
    assert isinstance(result["peak_kb"], int) and result["peak_kb"] < PEAK_LIMIT_KB, result
    return result


@pytest.fixture
def canary(tmp_path: Path) -> Path:
    path = tmp_path / "canary.txt"
    path.write_text("CANARY-7f3a9c-SECRET")
    return path


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Recorder.requests.append(self.path)
        body = b'<!ENTITY leak "SERVED-BY-TEST-SERVER">'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Recorder.requests = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_billion_laughs(tmp_path: Path) -> None:
    entities = '<!ENTITY lol "lol">\n' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    path = tmp_path / "laughs.xml"
    path.write_bytes(export(item("&lol9;"), doctype=f"<!DOCTYPE rss [\n{entities}]>\n"))
    result = run_isolated(path)
    assert result["titles"] == ["&lol9;"]
    assert "doctype-removed" in result["codes"]  # type: ignore[operator]


def test_quadratic_blowup(tmp_path: Path) -> None:
    big = "a" * 100_000
    path = tmp_path / "quadratic.xml"
    path.write_bytes(
        export(item("&big;" * 20_000), doctype=f'<!DOCTYPE rss [<!ENTITY big "{big}">]>\n')
    )
    result = run_isolated(path)
    assert result["sizes"] == [len("body")]
    titles = result["titles"]
    assert isinstance(titles, list) and len(titles[0]) == len("&big;") * 20_000


def test_external_entity_by_file(tmp_path: Path, canary: Path) -> None:
    path = tmp_path / "xxe-file.xml"
    doctype = f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{canary}">]>\n'
    path.write_bytes(export(item("&xxe;", content="&xxe;"), doctype=doctype))
    result = run_isolated(path)
    assert "CANARY" not in json.dumps(result)
    assert result["titles"] == ["&xxe;"]


def test_external_entity_and_dtd_by_url(tmp_path: Path, server: str) -> None:
    cases = {
        "entity": f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{server}/entity">]>\n',
        "parameter": f'<!DOCTYPE rss [<!ENTITY % remote SYSTEM "{server}/param"> %remote;]>\n',
        "dtd": f'<!DOCTYPE rss SYSTEM "{server}/external.dtd">\n',
    }
    for name, doctype in cases.items():
        path = tmp_path / f"xxe-{name}.xml"
        path.write_bytes(export(item("&xxe;&leak;"), doctype=doctype))
        result = run_isolated(path)
        assert "SERVED-BY-TEST-SERVER" not in json.dumps(result)
    assert _Recorder.requests == [], "the reader must never fetch anything"


def test_gzip_bomb(tmp_path: Path) -> None:
    # Gzip members concatenate: one 16 MB member of spaces, repeated, is a bomb of gigabytes.
    head = gzip.compress((HEAD.format(doctype="") + "<item><title>").encode())
    spaces = gzip.compress(b" " * (16 << 20), compresslevel=9)
    path = tmp_path / "bomb.xml.gz"
    with open(path, "wb") as out:
        out.write(head)
        for _ in range(256):  # 4 GiB once expanded
            out.write(spaces)
        out.write(gzip.compress(("</title></item>" + TAIL).encode()))
    result = run_isolated(path)
    assert result["error"] == "LimitExceededError"
    assert "decompression bomb" in str(result["message"])


def test_deep_nesting(tmp_path: Path) -> None:
    path = tmp_path / "deep.xml"
    path.write_bytes(export("<item>" + "<x>" * 100_000 + "</x>" * 100_000 + "</item>"))
    result = run_isolated(path)
    assert result["error"] == "LimitExceededError"
    assert "nest more than 2048 levels" in str(result["message"])


def test_huge_post_body_and_attribute(tmp_path: Path) -> None:
    body = "x" * (12 << 20)
    path = tmp_path / "huge.xml"
    path.write_bytes(
        export(
            item("Big", content=f"<![CDATA[{body}]]>")
            + f'<item><title>Attr</title><enclosure url="{body}"/><wp:post_id>2</wp:post_id></item>'
        )
    )
    result = run_isolated(path)
    assert result["sizes"] == [len(body), 0]
    assert result["titles"] == ["Big", "Attr"]


def test_deeply_nested_unknown_element_is_kept_without_recursion(tmp_path: Path) -> None:
    depth = 1500
    nested = "<x:a>" * depth + "deep" + "</x:a>" * depth
    path = tmp_path / "deep-extra.xml"
    path.write_bytes(
        export(item("Deep").replace("</item>", f'<x:wrap xmlns:x="urn:x">{nested}</x:wrap></item>'))
    )
    result = run_isolated(path)
    assert result["titles"] == ["Deep"]
    (extra,) = result["extra"]  # type: ignore[misc]
    # The wrapper and 63 <x:a> levels are RawElements; the rest is kept as markup text.
    assert "deep" in extra and extra.count("<x:a") == depth - 63
