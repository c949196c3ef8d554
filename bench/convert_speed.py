"""``wxrkit convert`` as a whole process, beside plain lxml iterparse over the same file.

    python bench/convert_speed.py bench/data/export-100mb.xml

Each run is a fresh process; its time is wall-clock and its peak memory the largest resident
set of the process and its workers (``RUSAGE_CHILDREN`` measured from a dedicated parent, so
each figure is that run's own). Output goes to a fresh temporary folder. The contenders take
turns, round after round, and the best time of each counts.

    git worktree add /tmp/base <commit>
    python bench/convert_speed.py bench/data/export-100mb.xml --baseline /tmp/base/src

runs an older wxrkit beside this one, in the same rounds. ``--tool`` adds
wordpress-export-to-markdown (through ``npx``, images off, pages and custom types on), the
converter most guides point to, when Node is installed.

Each run's CPU time (user and system, of the process and all its workers) is given beside
its wall time: on a machine with few cores the CPU time is what more cores cannot buy back.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
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
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
result = {
    "seconds": seconds,
    "cpu": usage.ru_utime + usage.ru_stime,
    "peak_mb": usage.ru_maxrss / 1024,
    "code": done.returncode,
}
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


TOOL = "wordpress-export-to-markdown@2.2.2"


def _tool(path: Path, out: str) -> list[str]:
    options = ["--wizard", "false", "--input", str(path.resolve()), "--output", out]
    images = ["--save-attached-images", "false", "--save-scraped-images", "false"]
    return ["npx", "-y", TOOL, *options, *images, "--include-other-types", "true"]


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
    parser.add_argument("--tool", action="store_true", help=f"also run {TOOL} (needs npx)")
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
    if args.tool:
        if shutil.which("npx") is None:
            raise SystemExit("--tool needs Node's npx")
        runs["wordpress-export-to-markdown"] = (partial(_tool, args.file), None)
    print(f"{args.file.name}: {args.file.stat().st_size / 1e6:.0f} MB, {args.repeat} rounds")
    best = {name: {"seconds": float("inf"), "cpu": float("inf"), "peak_mb": 0.0} for name in runs}
    # Rounds alternate the contenders, so that a slow spell of the shared machine slows all
    # of them alike; the best time of each counts.
    for _ in range(args.repeat):
        for name, (command, env) in runs.items():
            with tempfile.TemporaryDirectory(dir=args.out_dir) as out:
                result = measure(command(out), env)
            best[name]["seconds"] = min(best[name]["seconds"], result["seconds"])
            best[name]["cpu"] = min(best[name]["cpu"], result["cpu"])
            best[name]["peak_mb"] = max(best[name]["peak_mb"], result["peak_mb"])
    floor = best["lxml iterparse"]["seconds"]
    tool = best.get("wordpress-export-to-markdown")
    columns = ("run", "wall s", "x floor", "CPU s", "CPU x floor", "peak MB")
    if tool is not None:
        columns += ("wall x tool", "CPU x tool")
    print(" | ".join(columns))
    for name, figures in best.items():
        row = [
            name,
            f"{figures['seconds']:.2f}",
            f"{figures['seconds'] / floor:.1f}",
            f"{figures['cpu']:.2f}",
            f"{figures['cpu'] / best['lxml iterparse']['cpu']:.1f}",
            f"{figures['peak_mb']:.0f}",
        ]
        if tool is not None:
            row += [
                f"{figures['seconds'] / tool['seconds']:.2f}",
                f"{figures['cpu'] / tool['cpu']:.2f}",
            ]
        print(" | ".join(row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
