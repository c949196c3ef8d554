"""The child's peak is its own, not the test run's."""

from __future__ import annotations

import subprocess
import sys

from tests.peak import PEAK_SOURCE, resident_peak_kb


def test_a_child_reports_its_own_peak_not_its_parents() -> None:
    ballast = bytearray(200 << 20)
    ballast[::4096] = b"\x01" * len(ballast[::4096])
    assert resident_peak_kb() > 200 * 1024
    child = subprocess.run(
        [sys.executable, "-c", PEAK_SOURCE + "print(resident_peak_kb())"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert int(child.stdout) < 100 * 1024
    del ballast
