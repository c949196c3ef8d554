"""``wxrkit convert`` as a whole process, beside plain lxml iterparse over the same file.

    python bench/convert_speed.py bench/data/export-100mb.xml

Each run is a fresh process; its time is wall-clock and its peak memory the largest resident
set of the process and its workers (``RUSAGE_CHILDREN`` measured from a dedicated parent, so
each figure is that run's own). Output goes to a fresh temporary folder. The contenders take
turns, round after round, and the best time of each counts.

    git worktree add /tmp/base <commit>
    python bench/convert_speed.py bench/data/export-100mb.xml --baseline /tmp/base/src

runs an older wxrkit beside this one, in the same rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from functools import partial
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


def measure(command: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, "-c", MEASURE, *command],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    result: dict[str, float] = json.loads(output)
    if result["code"] != 0:
        raise SystemExit(f"{command} failed: {result['err']}")
    return result


def _convert(path: Path, out: str, jobs: str) -> list[str]:
    options = ["--to", "markdown", "-q", "--jobs", jobs]
    return [sys.executable, "-m", "wxrkit", "convert", str(path), "-o", out, *options]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument(
        "--out-dir", type=Path, default=None, help="where the output folders go (default: /tmp)"
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        default=None,
        metavar="SRC",
        help="the src folder of another wxrkit (a git worktree of an older commit), run beside",
    )
    args = parser.parse_args(argv)
    # name -> (the command for an output folder, the environment)
    runs: dict[str, tuple[Callable[[str], list[str]], dict[str, str] | None]] = {
        "lxml iterparse": (lambda _out: [sys.executable, "-c", FLOOR, str(args.file)], None)
    }
    for jobs in args.jobs.split(","):
        runs[f"convert --jobs {jobs}"] = (partial(_convert, args.file, jobs=jobs), None)
        if args.baseline is not None:
            older = {**os.environ, "PYTHONPATH": str(args.baseline.resolve())}
            runs[f"baseline --jobs {jobs}"] = (partial(_convert, args.file, jobs=jobs), older)
    print(f"{args.file.name}: {args.file.stat().st_size / 1e6:.0f} MB, {args.repeat} rounds")
    best = {name: {"seconds": float("inf"), "peak_mb": 0.0} for name in runs}
    # Rounds alternate the contenders, so that a slow spell of the shared machine slows all
    # of them alike; the best time of each counts.
    for _ in range(args.repeat):
        for name, (command, env) in runs.items():
            with tempfile.TemporaryDirectory(dir=args.out_dir) as out:
                result = measure(command(out), env)
            best[name]["seconds"] = min(best[name]["seconds"], result["seconds"])
            best[name]["peak_mb"] = max(best[name]["peak_mb"], result["peak_mb"])
    floor = best["lxml iterparse"]["seconds"]
    print(f"{'run':<22}{'seconds':>9}{'x iterparse':>13}{'peak MB':>9}")
    for name, figures in best.items():
        ratio = figures["seconds"] / floor
        print(f"{name:<22}{figures['seconds']:>9.2f}{ratio:>13.1f}{figures['peak_mb']:>9.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
