"""Publish the bundled demo feeds (and, optionally, a folder of feeds such as the benchmark
corpus) with a checkout's `aggregator fetch`, one source after the other, at a frozen clock,
and list a digest per published file: two checkouts that give the same list publish
byte-identical files.

    python3 scripts/published_outputs.py --checkout . --out /tmp/after.txt [--corpus DIR]
    python3 scripts/published_outputs.py --checkout /tmp/before --out /tmp/before.txt ...
    diff /tmp/before.txt /tmp/after.txt

Only the command line is used (`python -m aggregator`), so any two versions compare, whatever
their modules look like inside. The clock is frozen with libfaketime (Debian's `faketime`,
installed here when missing and run as root): undated items are dated by when they were first
seen, so the published bytes depend on the time of the run.
"""

from __future__ import annotations

import argparse
import hashlib
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

FROZEN = "2026-11-28 12:00:00"
COMMAND = (sys.executable, "-m", "aggregator", "--config", "feeds.yaml", "fetch")


def libfaketime() -> Path:
    found = sorted(Path("/usr/lib").glob("*/faketime/libfaketime.so.1"))
    if not found and os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "-qq", "faketime"], check=True)
        found = sorted(Path("/usr/lib").glob("*/faketime/libfaketime.so.1"))
    if not found:
        sys.exit("install Debian's faketime (sudo apt-get install faketime)")
    return found[0]


def serve(folder: Path, port: int) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(folder), **kwargs)  # type: ignore[arg-type]

        def log_message(self, format: str, *args: object) -> None:
            pass

    # A fixed port: the sources' addresses are published (atom:source).
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def source_ids(names: list[str]) -> list[str]:
    ids = ("s-" + "".join(c if c.isalnum() else "-" for c in n.lower()).strip("-") for n in names)
    return [source_id[:60] for source_id in ids]


def config_text(base: str, names: list[str]) -> str:
    lines = [
        "store: store.sqlite",
        "output: {dir: public, base_url: 'http://feeds.example.org/',"
        " id: 'tag:example.org,2026:same'}",
        "defaults: {max_age: 36500d}",
        "sources:",
    ]
    for name, source_id in zip(names, source_ids(names), strict=True):
        lines.append(f"  - {{id: {source_id}, url: '{base}{name}'}}")
    return "\n".join(lines) + "\n"


def publish(checkout: Path, feeds: Path, work: Path, preload: Path, port: int) -> dict[str, str]:
    """Fetch every feed of `feeds` once and publish; {relative path: sha256} of the output."""
    names = sorted(
        p.name
        for p in feeds.iterdir()
        if p.is_file()
        and p.suffix in (".rss", ".atom", ".rdf", ".xml", ".json")
        and ".v2." not in p.name  # the demo's edited version of a feed, not a feed of its own
    )
    server, base = serve(feeds, port)
    try:
        work.mkdir(parents=True)
        (work / "feeds.yaml").write_text(config_text(base, names))
        env = {
            **os.environ,
            "PYTHONPATH": str(checkout),
            "LD_PRELOAD": str(preload),
            "FAKETIME": FROZEN,
            "DONT_FAKE_MONOTONIC": "1",
            "TZ": "UTC",
        }
        env.pop("AGGREGATOR_STORE", None)
        # One source per run, in order: which of two sources carrying one story stores it
        # first decides its entry id, and a round stores its sources as they finish.
        for source_id in source_ids(names):
            subprocess.run(
                [*COMMAND, "--source", source_id],
                cwd=work,
                env=env,
                check=False,
                capture_output=True,
            )
    finally:
        server.shutdown()
    public = work / "public"
    return {
        str(path.relative_to(public)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(public.rglob("*"))
        if path.is_file() and path.name != ".render-digests"
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--checkout", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, help="a folder of feed files (optional)")
    parser.add_argument("--port", type=int, default=48765, help="where the feeds are served")
    args = parser.parse_args()
    checkout = args.checkout.resolve()
    preload = libfaketime()
    # Where the demo's feeds are: aggregator/demo/feeds/ (before 2026-12: demo_feeds/).
    sets = {"demo": checkout / "aggregator" / "demo" / "feeds"}
    if not sets["demo"].is_dir():
        sets["demo"] = checkout / "aggregator" / "demo_feeds"
    if args.corpus:
        sets["corpus"] = args.corpus.resolve()
    lines = []
    with tempfile.TemporaryDirectory() as scratch:
        for name, feeds in sets.items():
            digests = publish(checkout, feeds, Path(scratch) / name, preload, args.port)
            lines += [f"{name}/{path} {digest}" for path, digest in digests.items()]
            shutil.rmtree(Path(scratch) / name, ignore_errors=True)
    args.out.write_text("\n".join(lines) + "\n")
    print(f"{len(lines)} published files listed in {args.out}")


if __name__ == "__main__":
    main()
