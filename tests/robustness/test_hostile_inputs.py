"""Every hostile input of tests/robustness/cases.py through ``wxrkit convert``, bounded.

Each case runs the command in a child process (3 GB of address space at most, so a runaway
allocation fails the case, not the run) and must end within 5 s with a resident peak under
300 MB, with exit 0 (the text kept where the case has some, the repair in the report) or
exit 1 (a message naming the file, and line and column where there are some) and never a
traceback; the canary file's content never appears in any output and the local server never
sees a request. The outcomes make the table of docs/robustness.md: the test fails when the
table is out of date (``WXRKIT_UPDATE_DOCS=1`` rewrites it).
"""

from __future__ import annotations

import http.server
import json
import os
import re
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

from tests.peak import PEAK_SOURCE
from tests.robustness.cases import CASES, Case

ROOT = Path(__file__).resolve().parents[2]
TABLE = ROOT / "docs" / "robustness.md"
SECONDS = 5.0
PEAK_KB = 300 * 1024
CANARY_TEXT = "CANARY-5f1d-must-never-appear"

CHILD = PEAK_SOURCE + textwrap.dedent(
    """
    import json, resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
    from wxrkit.cli import main
    code = main(sys.argv[2:])
    peak = resident_peak_kb()
    with open(sys.argv[1], "w") as out:
        json.dump({"code": code, "peak_kb": peak}, out)
    """
)


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"REMOTE-CONTENT")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


OUTCOMES: dict[tuple[str, str], str] = {}


def _outcome(case: Case, code: int, report: dict[str, Any], stderr: str) -> str:
    if code == 1:
        message = stderr.strip().splitlines()[-1].removeprefix("wxrkit: error: ")
        message = re.sub(r"^\S*?/(?=[^/\s]+:)", "", message)  # the temporary folder's path
        message = re.sub(r"\d[\d,]{3,}", "N", message)
        return f"exit 1: {message[:150]}"
    codes = sorted({d["code"] for d in report.get("diagnostics", [])})
    written = report.get("written_total", 0)
    return f"exit 0: {written} written; " + (", ".join(codes) if codes else "no repair needed")


@pytest.mark.parametrize("case", CASES, ids=[f"{c.reader}: {c.name}" for c in CASES])
def test_hostile_input(case: Case, tmp_path: Path, server: str) -> None:
    canary = tmp_path / "canary.txt"
    canary.write_text(CANARY_TEXT, encoding="utf-8")
    data = (
        case.build()
        .replace(b"{canary}", str(canary).encode())
        .replace(b"{server}", server.encode())
    )
    source = tmp_path / case.file
    source.write_bytes(data)
    out, report_path, result_path = (
        tmp_path / "out",
        tmp_path / "report.json",
        tmp_path / "result.json",
    )
    command = [
        sys.executable,
        "-c",
        CHILD,
        str(result_path),
        "convert",
        str(source),
        "-o",
        str(out),
        "--to",
        "json",
        "-q",
        "--jobs",
        "1",
        "--report",
        str(report_path),
    ]
    before = len(_Recorder.requests)
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    seconds = time.monotonic() - started
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    result = json.loads(result_path.read_text(encoding="utf-8"))
    assert result["code"] in (0, 1), done.stderr[-2000:]
    assert seconds < SECONDS, f"{case.name}: {seconds:.1f} s"
    assert result["peak_kb"] < PEAK_KB, f"{case.name}: {result['peak_kb'] // 1024} MB"
    assert len(_Recorder.requests) == before, "the local server was contacted"
    written = (
        "".join(p.read_text(encoding="utf-8", errors="replace") for p in out.rglob("*.json"))
        if out.exists()
        else ""
    )
    report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.exists() else {}
    everything = written + done.stderr + json.dumps(report)
    assert CANARY_TEXT not in everything and "REMOTE-CONTENT" not in everything
    if result["code"] == 1:
        assert f"wxrkit: error: {source}" in done.stderr
    if case.keeps_text:
        assert result["code"] == 0 and "KEPTTEXT" in written, done.stderr[-2000:]
    OUTCOMES[case.reader, case.name] = _outcome(case, result["code"], report, done.stderr)


def _table() -> str:
    rows = ["| case | read as | what wxrkit does |", "|---|---|---|"]
    for case in CASES:
        name, outcome = (
            text.replace("|", "\\|") for text in (case.name, OUTCOMES[case.reader, case.name])
        )
        rows.append(f"| {name} | {case.reader} | {outcome} |")
    return "\n".join(rows) + "\n"


def test_robustness_table_is_current() -> None:
    if len(OUTCOMES) != len(CASES):
        pytest.skip("the table is checked after every case ran (run the whole module)")
    start, end = "<!-- cases:start -->\n", "<!-- cases:end -->"
    text = TABLE.read_text(encoding="utf-8")
    begin, finish = text.index(start) + len(start), text.index(end)
    current, table = text[begin:finish], _table()
    if os.environ.get("WXRKIT_UPDATE_DOCS") == "1":
        TABLE.write_text(text[:begin] + table + text[finish:], encoding="utf-8")
        current = table
    assert current == table, (
        "docs/robustness.md is out of date: run WXRKIT_UPDATE_DOCS=1 pytest tests/robustness"
    )
