"""The command line through main([...]): exit codes, summaries, and messages for bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from wxrkit.cli import main

SAMPLE = Path(__file__).parent.parent / "docs" / "examples" / "sample-export.xml"


def test_convert_summarizes_the_sample(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "Tidepool <https://tidepool.example>" in out
    assert "5 items: 2 post/publish, 1 attachment/inherit, 1 post/draft, 1 page/publish" in out
    assert "4 comments (3 comment, 1 pingback; 1 not approved)" in out


def test_convert_reports_repairs(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "wxr" / "broken-bare-ampersand.xml"
    assert main(["convert", str(path)]) == 0
    assert f"{path}:14:15: bare-ampersand" in capsys.readouterr().out


def test_strict_makes_a_repair_fail(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "wxr" / "broken-bare-ampersand.xml"
    assert main(["convert", "--strict", str(path)]) == 1
    assert f"wxrkit: error: {path}:14" in capsys.readouterr().err


def test_truncated_input_exits_1_with_line_and_column(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "wxr" / "broken-truncated.xml"
    assert main(["convert", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"wxrkit: error: {path}:38:34: ")
    assert "Traceback" not in err


def test_not_an_export_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "wxr" / "not-an-html-page.xml"
    assert main(["convert", str(path)]) == 1
    assert "this is an HTML page" in capsys.readouterr().err


def test_usage_errors_exit_2() -> None:
    with pytest.raises(SystemExit) as caught:
        main(["convert"])
    assert caught.value.code == 2


def test_output_folder_is_not_written_yet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "converted"
    assert main(["convert", str(SAMPLE), "-o", str(out)]) == 0
    assert "nothing was written" in capsys.readouterr().err
    assert not out.exists()


def test_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "wxrkit", "convert", str(SAMPLE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and "Tidepool" in done.stdout
