"""``wxrkit convert`` as a whole process, beside plain lxml iterparse over the same file.

    python bench/convert_speed.py bench/data/export-100mb.xml

Each run is a fresh process; its time is wall-clock and its peak memory the largest resident
set of the process and its workers (``RUSAGE_CHILDREN`` measured from a dedicated parent, so
each figure is that run's own). Output goes to a fresh temporary folder.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

FLOOR = """
import sys
from lxml import etree
for _, element in etree.iterparse(sys.argv[1], events=("end",), tag="item", huge_tree=True):
    element.clear(keep_tail=False)
    while element.getprevious() is not None:
        del element.getparent()[0]
"""

MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
result = {"seconds": seconds, "peak_mb": peak, "code": done.returncode}
print(json.dumps({**result, "err": done.stderr[-500:]}))
"""


def measure(command: list[str]) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True
    ).stdout
    result: dict[str, float] = json.loads(output)
    if result["code"] != 0:
        raise SystemExit(f"{command} failed: {result['err']}")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--jobs", default="1,2")
    args = parser.parse_args(argv)
    runs: dict[str, list[str] | None] = {
        "lxml iterparse": [sys.executable, "-c", FLOOR, str(args.file)]
    }
    for jobs in args.jobs.split(","):
        runs[f"convert --jobs {jobs}"] = None
    print(f"{args.file.name}: {args.file.stat().st_size / 1e6:.0f} MB")
    print(f"{'run':<22}{'seconds':>9}{'peak MB':>9}")
    for name, command in runs.items():
        best = {"seconds": float("inf"), "peak_mb": 0.0}
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as out:
                if command is None:
                    jobs = name.rsplit(" ", 1)[1]
                    run = [
                        sys.executable,
                        "-m",
                        "wxrkit",
                        "convert",
                        str(args.file),
                        "-o",
                        out,
                        "--to",
                        "markdown",
                        "-q",
                        "--jobs",
                        jobs,
                    ]
                else:
                    run = command
                result = measure(run)
            best["seconds"] = min(best["seconds"], result["seconds"])
            best["peak_mb"] = max(best["peak_mb"], result["peak_mb"])
        print(f"{name:<22}{best['seconds']:>9.2f}{best['peak_mb']:>9.0f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
