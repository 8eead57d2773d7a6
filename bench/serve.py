"""How many requests per second `aggregator serve` answers for /feed.atom, with keep-alive,
measured with wrk (Debian: `apt install wrk`), side by side with the floor of the same stack.

    .venv/bin/python bench/serve.py [--seconds 10] [--connections 50]

Publishes a combined feed of 100 entries (about 150 KB) into a throw-away folder, then runs wrk
against, in turn:

- `aggregator serve` (the real app: validators, gzip/br negotiation, Cache-Control),
  plain GETs, GETs with `Accept-Encoding: gzip`, and conditional GETs answered 304;
- the floor: uvicorn (same loop and HTTP parser) with a raw ASGI app returning the same bytes.

The server gets the machine's cores minus the one wrk uses; rates are requests per second.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOOR_APP = """
body = open({path!r}, "rb").read()
headers = [(b"content-type", b"application/atom+xml; charset=utf-8"),
           (b"content-length", str(len(body)).encode())]
async def app(scope, receive, send):
    await send({{"type": "http.response.start", "status": 200, "headers": headers}})
    await send({{"type": "http.response.body", "body": body}})
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(url: str, headers: dict[str, str] | None = None) -> dict[str, str]:
    for _ in range(100):
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {})) as r:
                return dict(r.headers)
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{url} never answered")


def wrk(url: str, seconds: int, connections: int, header: str | None = None) -> float:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", url]
    if header:
        command += ["-H", header]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if match is None or non_2xx:
        raise SystemExit(f"wrk failed:\n{output}")
    return float(match.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=50)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian: apt install wrk)")
    python = sys.executable
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        config = work / "feeds.yaml"
        config.write_text(
            textwrap.dedent(
                """\
                store: store/aggregator.sqlite
                output: {dir: store/public, entries: 100}
                """
            )
        )
        feed = work / "store" / "public" / "feed.atom"
        size = make_feed(feed)
        port = free_port()
        server = subprocess.Popen(
            [python, "-m", "aggregator", "--config", str(config), "serve", "--port", str(port)],
            cwd=work,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}/feed.atom"
            etag = wait_for(url)["etag"]
            gzip_etag = wait_for(url, {"Accept-Encoding": "gzip"})["etag"]
            wrk(url, 2, args.connections)  # warm-up
            rates = {
                "aggregator serve, 200": wrk(url, args.seconds, args.connections),
                "aggregator serve, 200 gzip": wrk(
                    url, args.seconds, args.connections, "Accept-Encoding: gzip"
                ),
                "aggregator serve, 304": wrk(
                    url, args.seconds, args.connections, f"If-None-Match: {etag}"
                ),
                "aggregator serve, 304 gzip": wrk(
                    url,
                    args.seconds,
                    args.connections,
                    f"If-None-Match: {gzip_etag}\r\nAccept-Encoding: gzip",
                ),
            }
        finally:
            server.terminate()
            server.wait()
        (work / "floor.py").write_text(FLOOR_APP.format(path=str(feed)))
        port = free_port()
        floor = subprocess.Popen(
            [python, "-m", "uvicorn", "floor:app", "--port", str(port), "--log-level", "error"],
            cwd=work,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}/feed.atom"
            wait_for(url)
            wrk(url, 2, args.connections)
            rates["floor (raw ASGI on uvicorn), 200"] = wrk(url, args.seconds, args.connections)
        finally:
            floor.terminate()
            floor.wait()
    print(f"/feed.atom: {size:,} bytes; {os.cpu_count()} cores; wrk -t1 -c{args.connections}")
    for name, rate in rates.items():
        print(f"{name:<36} {rate:10,.0f} requests/s")
    floor_rate = rates["floor (raw ASGI on uvicorn), 200"]
    print(f"aggregator serve 200 / floor: {rates['aggregator serve, 200'] / floor_rate:.2f}")


def make_feed(path: Path) -> int:
    """A realistic combined feed: 100 entries of about 1.5 KB; returns its size."""
    path.parent.mkdir(parents=True, exist_ok=True)
    entry = (
        "<entry><id>tag:bench,2026:story:{n}</id><title>Story {n}: prosecutors charge "
        "suspects in a cross-border fraud case</title><updated>2026-11-28T10:00:00Z</updated>"
        '<link href="https://prosecutor.example/news/{n}"/><content type="html">'
        + "&lt;p&gt;"
        + "Prosecutors said the network laundered the proceeds through shell companies. " * 18
        + "&lt;/p&gt;</content></entry>"
    )
    body = (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        "<id>tag:bench,2026:feed</id><title>Bench</title><updated>2026-11-28T10:00:00Z</updated>"
        + "".join(entry.format(n=n) for n in range(100))
        + "</feed>\n"
    )
    path.write_text(body, encoding="utf-8")
    return len(body.encode())


if __name__ == "__main__":
    main()
