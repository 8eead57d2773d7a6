"""Update rounds side by side with the `reader` library (issue #8): cold, 304 and unchanged.

    .venv/bin/python bench/rounds.py [--feeds 500] [--items 50] [--runs 3] [--workdir DIR]

Generates N feeds of M items (RSS 2.0 and Atom, 1-3 KB of HTML per item, a share in Russian,
Portuguese and Spanish), serves them from memory on 127.0.0.1 (ETag, Last-Modified, 304, gzip),
and times, as a fresh process each, like a cron job:

- cold: `aggregator fetch --all` on an empty store, and reader's `update_feeds` on an empty
  database with every feed added;
- 304: the same again on a copy of the cold result (every feed answers 304);
- unchanged: the same with the server's validators off (every feed sends the same bytes again).

Rounds of one run are interleaved (project, reader, project, reader...) and each ratio is the
median of the per-run ratios, since this machine is shared and noisy. Wall time, CPU time and
the peak RSS of the largest process are printed, the parse workers' included (sampled from
/proc by process_tree.py). The store and the output of each round are thrown away unless
--workdir is given. The shared harness of the planning folder measures the same against a
lower floor as well (docs/performance.md).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

from process_tree import ProcessTreeWatch

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SENTENCES = {
    "en": "Prosecutors charged the network with laundering the proceeds of fraud through shell "
    "firms in three countries, the office said on Monday.",
    "ru": "Прокуратура направила в суд уголовное дело о мошенничестве в особо крупном размере.",
    "pt": "O Ministério Público Federal denunciou o grupo por lavagem de dinheiro e corrupção.",
    "es": "La Fiscalía imputó a los integrantes de la red por estafa y blanqueo de capitales.",
}
READER = """
import sys
from reader import make_reader
reader = make_reader(sys.argv[1])
for url in sys.argv[3:]:
    reader.add_feed(url, exist_ok=True)
errors = sum(1 for r in reader.update_feeds_iter(workers=int(sys.argv[2]), scheduled=False)
             if r.error is not None)
print("errors", errors)
"""


def make_corpus(feeds: int, items: int, seed: int = 1) -> dict[str, bytes]:
    rng = random.Random(seed)
    corpus = {}
    base = 1_764_000_000
    for n in range(feeds):
        language = rng.choices(["en", "ru", "pt", "es"], weights=[85, 5, 5, 5])[0]
        entries = []
        for i in range(items):
            when = format_datetime(datetime.fromtimestamp(base - n * 600 - i * 3600, UTC))
            body = "".join(
                f"<p>{escape(SENTENCES[language])} ({n}-{i}-{k})</p>"
                for k in range(rng.randint(6, 18))
            )
            entries.append((f"Item {i} of feed {n}: {SENTENCES[language][:60]}", i, when, body))
        if rng.random() < 0.7:
            xml = "".join(
                f"<item><title>{escape(title)}</title><link>http://site{n}.test/news/{i}</link>"
                f"<guid>http://site{n}.test/news/{i}</guid><pubDate>{when}</pubDate>"
                f"<description>{escape(body)}</description></item>"
                for title, i, when, body in entries
            )
            document = (
                f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
                f"<title>Feed {n}</title><link>http://site{n}.test/</link>{xml}</channel></rss>"
            )
            corpus[f"/feed{n}.rss"] = document.encode()
        else:
            xml = "".join(
                f"<entry><title>{escape(title)}</title><id>tag:site{n}.test,2026:{i}</id>"
                f"<link href='http://site{n}.test/news/{i}'/><updated>2026-11-{1 + i % 27:02d}"
                f"T10:00:00Z</updated><content type='html'>{escape(body)}</content></entry>"
                for title, i, _, body in entries
            )
            document = (
                f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
                f"<title>Feed {n}</title><id>tag:site{n}.test,2026:feed</id>"
                f"<updated>2026-11-28T10:00:00Z</updated>{xml}</feed>"
            )
            corpus[f"/feed{n}.atom"] = document.encode()
    return corpus


class CorpusServer:
    """The corpus from memory: strong ETags, Last-Modified, 304s (unless validators are off),
    gzip when asked, keep-alive."""

    def __init__(self, corpus: dict[str, bytes]) -> None:
        self.documents = {
            path: (body, gzip.compress(body, mtime=0), f'"{hashlib.sha1(body).hexdigest()}"')
            for path, body in corpus.items()
        }
        self.validators = True
        self.answers = {200: 0, 304: 0}  # since the last reset: checks what a round did
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                if self.path.startswith("/__"):  # the driver's controls
                    if self.path == "/__validators/on":
                        outer.validators = True
                    elif self.path == "/__validators/off":
                        outer.validators = False
                    control = json.dumps(outer.answers).encode()
                    if self.path == "/__answers":
                        outer.answers = {200: 0, 304: 0}
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(control)))
                    self.end_headers()
                    self.wfile.write(control)
                    return
                found = outer.documents.get(self.path)
                if found is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body, zipped, etag = found
                if outer.validators and self.headers.get("If-None-Match") == etag:
                    outer.answers[304] += 1
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                outer.answers[200] += 1
                use_gzip = "gzip" in (self.headers.get("Accept-Encoding") or "")
                payload = zipped if use_gzip else body
                self.send_response(200)
                self.send_header("Content-Type", "application/xml")
                if outer.validators:
                    self.send_header("ETag", etag)
                    self.send_header("Last-Modified", "Sat, 28 Nov 2026 10:00:00 GMT")
                if use_gzip:
                    self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def urls(self) -> list[str]:
        return [self.base + path for path in self.documents]

    def stop(self) -> None:
        self.server.shutdown()


class ServerProcess:
    """The corpus server in a process of its own, so that serving never competes with the
    driver for a GIL; controlled through its /__ paths."""

    def __init__(self, feeds: int, items: int) -> None:
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--serve", "--feeds", str(feeds), "--items", str(items)],
            stdout=subprocess.PIPE,
        )
        assert self.process.stdout is not None
        self.base = self.process.stdout.readline().decode().strip()
        self.paths = json.loads(self.process.stdout.readline())

    def call(self, path: str) -> dict[str, int]:
        with urllib.request.urlopen(self.base + path) as answer:
            found: dict[str, int] = json.loads(answer.read())
            return found

    def urls(self) -> list[str]:
        return [self.base + path for path in self.paths]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait()


def serve(feeds: int, items: int) -> None:
    server = CorpusServer(make_corpus(feeds, items))
    print(server.base, flush=True)
    print(json.dumps(list(server.documents)), flush=True)
    threading.Event().wait()  # until the driver terminates the process


def timed(
    command: list[str], cwd: Path, server: ServerProcess, env: dict[str, str] | None = None
) -> dict[str, float]:
    """Wall time, CPU time, the peak RSS (MB) of the largest process of the command, and the
    answers the server gave it."""
    server.call("/__answers")
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
    )
    tree = ProcessTreeWatch(process.pid, interval=0.2)
    assert process.stderr is not None
    errors = process.stderr.read()
    tree.stop()  # before the wait: the process stays a zombie, its children still its own
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed:\n{errors.decode()[-2000:]}")
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime + tree.child_cpu,
        "rss": max(usage.ru_maxrss / 1024, tree.peak_mb),
        **{str(status): count for status, count in server.call("/__answers").items()},
    }


def project_config(folder: Path, urls: list[str]) -> None:
    lines = [
        "store: store.sqlite",
        "output: {dir: public, id: 'tag:bench.invalid,2026:rounds', entries: 100}",
        "sources:",
    ]
    lines += [f"  - {{id: feed{n}, url: '{url}', kind: media}}" for n, url in enumerate(urls)]
    (folder / "feeds.yaml").write_text("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=8, help="reader's update workers")
    parser.add_argument("--workdir", type=Path)
    parser.add_argument(
        "--against",
        type=Path,
        help="another checkout of the project, run alternately with this one ('other')",
    )
    parser.add_argument("--no-reader", action="store_true", help="leave reader out")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.feeds, args.items)
        return
    server = ServerProcess(args.feeds, args.items)
    urls = server.urls()
    scratch = tempfile.TemporaryDirectory()
    work = args.workdir or Path(scratch.name)
    work.mkdir(parents=True, exist_ok=True)
    aggregator = [str(BIN / "aggregator"), "--config", "feeds.yaml", "fetch", "--all"]
    # The other checkout runs with this interpreter and its own sources first on the path.
    other = [sys.executable, "-m", "aggregator", "--config", "feeds.yaml", "fetch", "--all"]
    other_env = {**os.environ, "PYTHONPATH": str(args.against)} if args.against else None
    peers = (
        ["project"] + (["other"] if args.against else []) + ([] if args.no_reader else ["reader"])
    )
    results: dict[str, list[dict[str, float]]] = {}
    try:
        for run in range(args.runs):
            cold = {peer: work / f"{peer}-{run}" for peer in peers}
            for folder in cold.values():
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir()
            for peer in ("project", "other"):
                if peer in cold:
                    project_config(cold[peer], urls)
            reader = [sys.executable, "-c", READER, "reader.sqlite", str(args.workers)]
            server.call("/__validators/on")
            commands = {"project": aggregator, "other": other, "reader": [*reader, *urls]}
            envs = {"other": other_env}
            for peer in peers:
                results.setdefault(f"{peer}-cold", []).append(
                    timed(commands[peer], cold[peer], server, envs.get(peer))
                )
            for case, validators in (("304", True), ("unchanged", False)):
                server.call("/__validators/on" if validators else "/__validators/off")
                for peer in peers:
                    copy = work / f"{peer}-{run}-{case}"
                    shutil.rmtree(copy, ignore_errors=True)
                    shutil.copytree(cold[peer], copy)
                    command = reader if peer == "reader" else commands[peer]
                    results.setdefault(f"{peer}-{case}", []).append(
                        timed(command, copy, server, envs.get(peer))
                    )
                    if not args.workdir:
                        shutil.rmtree(copy)
            print(f"run {run + 1}/{args.runs} done", flush=True)
    finally:
        server.stop()
    print(f"\n{args.feeds} feeds x {args.items} items, {args.runs} runs, medians:\n")
    print(f"{'case':<20} {'wall s':>8} {'CPU s':>8} {'peak RSS MB':>12} {'HTTP 200/304':>13}")
    for case, runs in results.items():
        print(
            f"{case:<20} {statistics.median(r['wall'] for r in runs):>8.2f} "
            f"{statistics.median(r['cpu'] for r in runs):>8.2f} "
            f"{statistics.median(r['rss'] for r in runs):>12.0f} "
            f"{runs[-1]['200']:>7.0f}/{runs[-1]['304']:.0f}"
        )
    for against in [peer for peer in ("reader", "other") if peer in peers]:
        print(f"\nproject / {against}, median of the per-run ratios of wall time:")
        for case in ("cold", "304", "unchanged"):
            ratios = [
                p["wall"] / r["wall"]
                for p, r in zip(
                    results[f"project-{case}"], results[f"{against}-{case}"], strict=True
                )
            ]
            print(f"  {case:<10} {statistics.median(ratios):.3f}")
    scratch.cleanup()


if __name__ == "__main__":
    main()
