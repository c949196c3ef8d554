"""Reading speed and peak memory of the WXR reader, against plain lxml on the same file.

Each measurement runs in a fresh process (so peak memory is its own), alternating between the
contenders so that noise on a shared machine hits both alike; the best of --repeat runs counts.

    python bench/read_speed.py bench/data/export-100mb.xml --repeat 3

Contenders:
- plain:   lxml.etree.iterparse as most code uses it: an end event for every element, each
           finished <item> cleared and dropped with its predecessors.
- floor:   the same restricted to <item> events (tag="item"), so Python sees one event per
           item: the least any lxml-based reader must spend. Ratios are against this one.
- wxrkit:  wxrkit.iter_wxr, every item built into a Post (comments, meta, terms, dates).
- repair:  the same through wxrkit's repairing pass (what a pipe or a defective file costs).
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

from lxml import etree

from wxrkit import iter_wxr

CONTENDERS = ("plain", "floor", "wxrkit", "repair")


def _drop(element: etree._Element) -> None:
    """Clear a finished item and drop it and its predecessors, as streaming code does."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    while element.getprevious() is not None and parent is not None:
        del parent[0]


def run_floor(path: str) -> int:
    items = 0
    for _, element in etree.iterparse(
        path, events=("end",), tag="item", huge_tree=True, resolve_entities=False
    ):
        items += 1
        _drop(element)
    return items


def run_plain(path: str) -> int:
    items = 0
    for _, element in etree.iterparse(path, huge_tree=True, resolve_entities=False):
        if element.tag == "item":
            items += 1
            _drop(element)
    return items


def run_wxrkit(path: str) -> int:
    items = 0
    for _post in iter_wxr(path):
        items += 1
    return items


def run_repair(path: str) -> int:
    class Pipe:
        """A file that cannot seek, so wxrkit reads it with repairs from the start."""

        def __init__(self, stream: object) -> None:
            self._stream = stream

        def read(self, size: int = -1) -> bytes:
            return self._stream.read(size)  # type: ignore[attr-defined, no-any-return]

        def seekable(self) -> bool:
            return False

    items = 0
    with open(path, "rb") as stream:
        for _post in iter_wxr(Pipe(stream)):  # type: ignore[arg-type]
            items += 1
    return items


def child(contender: str, path: str) -> None:
    runners = {"plain": run_plain, "floor": run_floor, "wxrkit": run_wxrkit, "repair": run_repair}
    runner = runners[contender]
    start = time.perf_counter()
    items = runner(path)
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_mb": peak_kb / 1024, "items": items}))


def measure(contender: str, path: Path) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--child", contender, str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result: dict[str, float] = json.loads(output)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--contenders", default=",".join(CONTENDERS))
    parser.add_argument("--child", choices=CONTENDERS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, str(args.files[0]))
        return 0

    contenders = args.contenders.split(",")
    print(f"python {platform.python_version()}, {platform.machine()}, repeat {args.repeat}")
    header = f"{'file':<28}{'size MB':>8}{'items':>9}"
    for name in contenders:
        header += f"{name + ' s':>11}{'peak MB':>9}"
    header += f"{'wxrkit/plain':>14}{'wxrkit/floor':>14}{'repair/floor':>14}"
    print(header)
    for path in args.files:
        best: dict[str, dict[str, float]] = {}
        for _ in range(args.repeat):
            for name in contenders:
                result = measure(name, path)
                kept = best.setdefault(name, result)
                kept["seconds"] = min(kept["seconds"], result["seconds"])
                kept["peak_mb"] = max(kept["peak_mb"], result["peak_mb"])
        items = {int(result["items"]) for result in best.values()}
        assert len(items) == 1, f"contenders disagree on the item count: {best}"
        row = f"{path.name:<28}{path.stat().st_size / 1e6:>8.0f}{items.pop():>9}"
        for name in contenders:
            row += f"{best[name]['seconds']:>11.2f}{best[name]['peak_mb']:>9.0f}"
        for name, base in (("wxrkit", "plain"), ("wxrkit", "floor"), ("repair", "floor")):
            if name in best and base in best:
                row += f"{best[name]['seconds'] / best[base]['seconds']:>14.2f}"
            else:
                row += f"{'-':>14}"
        print(row, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
