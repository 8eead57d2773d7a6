"""`aggregator demo`: the real daemon against the bundled sample feeds, all on 127.0.0.1.

The sample feeds (package data in `feeds/`) are served by a local FeedServer; a config is
written to a work folder (temporary unless given) and the daemon runs on it until Ctrl-C.
A file `NAME.v2.EXT` is served as the next version of `NAME.EXT` after the first fetch, so the
demo shows an edited item arriving as an update.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from aggregator.config.loading import load_config
from aggregator.daemon import bind, run_daemon
from aggregator.demo.server import Document, FeedServer

CONTENT_TYPES = {".rss": "application/rss+xml", ".atom": "application/atom+xml"}


def serve_demo_feeds() -> FeedServer:
    server = FeedServer()
    folder = resources.files("aggregator.demo") / "feeds"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        name = entry.name
        suffix = Path(name).suffix
        if suffix not in CONTENT_TYPES or ".v2." in name:
            continue
        versions = [Document(entry.read_bytes(), content_type=CONTENT_TYPES[suffix])]
        edited = folder / name.replace(suffix, ".v2" + suffix)
        if edited.is_file():
            versions.append(
                Document(
                    edited.read_bytes(),
                    content_type=CONTENT_TYPES[suffix],
                    modified=1_780_000_600.0,
                )
            )
        server.put(name, *versions)
    return server.start()


def write_demo_config(folder: Path, feeds_base: str, public_base: str) -> Path:
    template = (resources.files("aggregator.demo") / "feeds" / "feeds.yaml.template").read_text(
        encoding="utf-8"
    )
    path = folder / "feeds.yaml"
    path.write_text(
        template.replace("{base}", feeds_base).replace("{public}", public_base), encoding="utf-8"
    )
    return path


def run_demo(
    host: str, port: int, workdir: Path | None, *, tick: float, announce: Callable[[str], None]
) -> int:
    sock = bind(host, port)
    bound_host, bound_port = sock.getsockname()[:2]
    public = f"http://{bound_host}:{bound_port}/"
    server = serve_demo_feeds()
    with tempfile.TemporaryDirectory(prefix="aggregator-demo-") as temporary:
        folder = workdir or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        config = load_config(write_demo_config(folder, server.base_url, public))
        announce(f"Sample feeds served at {server.base_url}")
        announce(f"Work folder (config, store, published files): {folder}")

        def ready(address: str) -> None:
            announce(f"Combined feed: {address}feed.atom   (Ctrl-C to stop)")

        try:
            return asyncio.run(run_daemon(config, sock, tick=tick, on_ready=ready))
        finally:
            server.stop()
