"""``wxrkit convert --media download`` against a sequential download of the same files.

    python bench/media_download.py --media 2000 --latency 0.02

A local HTTP server (the tests' server, on 127.0.0.1) answers every request after
``--latency`` seconds, as a distant host does, and serves ``--media`` files of 30 KB, and one
of ``--large`` MB (a medium is streamed to disk, never held whole: the peak memory shows it).
The export holds them all as attachments, and posts that reference them. The contenders
take turns, each round in fresh processes and output folders, and the best time counts:

- ``wxrkit``: the whole conversion, media and posts;
- ``sequential``: the same files fetched one after another with httpx (streamed to disk),
  the floor of a downloader that does not fetch in parallel.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from convert_speed import measure

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the tests' server
from tests.output.blog_with_media import attachment, post, write_export
from tests.output.media_server import UPLOADS, MediaServer, content, serving

SEQUENTIAL = """
import sys
from pathlib import Path
import httpx
out = Path(sys.argv[1])
with httpx.Client(trust_env=False) as client:
    for number, url in enumerate(Path(sys.argv[2]).read_text().split()):
        with client.stream("GET", url) as response, (out / str(number)).open("wb") as file:
            response.raise_for_status()
            for chunk in response.iter_bytes(1 << 16):
                file.write(chunk)
"""


def _blog(server: MediaServer, folder: Path, media: int, large_mb: int) -> tuple[Path, Path]:
    """The export, and the list of its media's URLs."""
    paths = [f"{2000 + n % 20}/{n % 12 + 1:02d}/image-{n}.jpg" for n in range(media - 1)]
    paths.append("2024/01/film.mp4")
    for path in paths[:-1]:
        server.file(f"{UPLOADS}/{path}", content(path, 30_000))
    server.file(f"{UPLOADS}/{paths[-1]}", content("film", large_mb << 20), "video/mp4")
    items = [attachment(server, 1000 + n, path) for n, path in enumerate(paths)]
    for number in range(1, media // 10 + 1):
        body = "\n\n".join(
            f'<img src="{server.url(UPLOADS)}/{path}" alt="" />'
            for path in paths[number * 10 - 10 : number * 10]
        )
        items.append(post(server, number, body))
    urls = folder / "urls.txt"
    urls.write_text("\n".join(server.url(f"{UPLOADS}/{path}") for path in paths))
    return write_export(folder / "export.xml", server, items), urls


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--media", type=int, default=2000)
    parser.add_argument("--latency", type=float, default=0.02)
    parser.add_argument("--large", type=int, default=200, metavar="MB")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    best: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as scratch, serving(latency=args.latency) as server:
        export, urls = _blog(server, Path(scratch), args.media, args.large)
        for round_ in range(args.repeat):
            out = Path(scratch) / f"wxrkit-{round_}"
            wxrkit = [
                sys.executable,
                "-m",
                "wxrkit",
                "convert",
                str(export),
                "-o",
                str(out),
                "-q",
                "--media",
                "download",
                "--allow-private-addresses",
                "--media-max-size",
                str((args.large + 1) << 20),
            ]
            files = Path(scratch) / f"sequential-{round_}"
            files.mkdir()
            sequential = [sys.executable, "-c", SEQUENTIAL, str(files), str(urls)]
            for name, command in (("wxrkit", wxrkit), ("sequential", sequential)):
                result = measure(command)
                if name not in best or result["seconds"] < best[name]["seconds"]:
                    best[name] = result
                print(
                    f"round {round_ + 1} {name}: {result['seconds']:.2f} s, "
                    f"{result['peak_mb']:.0f} MB",
                    file=sys.stderr,
                )
    print(
        f"{args.media} media ({args.media - 1} x 30 KB + {args.large} MB), "
        f"{args.latency * 1000:.0f} ms latency, best of {args.repeat}:"
    )
    for name, result in best.items():
        print(f"  {name:<11} {result['seconds']:7.2f} s   peak {result['peak_mb']:5.0f} MB")
    ratio = best["sequential"]["seconds"] / best["wxrkit"]["seconds"]
    print(f"  wxrkit is {ratio:.1f}x faster than sequential")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
