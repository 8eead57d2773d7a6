"""Commands that run servers: serve, run (the daemon), demo."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import click

from aggregator.cli.base import EXIT_USAGE, F, _Context, _store, echo, main
from aggregator.config.loading import Config
from aggregator.errors import AggregatorError, StoreError
from aggregator.store import Store


def _server_options(function: F) -> F:
    function = click.option(
        "--port",
        type=click.IntRange(0, 65535),
        default=8080,
        show_default=True,
        help="Port (0: any free port).",
    )(function)
    function = click.option(
        "--host", default="127.0.0.1", show_default=True, help="Address to listen on."
    )(function)
    return function


def _bind(host: str, port: int) -> Any:
    from aggregator.daemon import bind

    try:
        return bind(host, port)
    except OSError as exc:
        echo(f"error: cannot listen on {host}:{port}: {exc.strerror}", err=True)
        raise SystemExit(EXIT_USAGE) from exc


@main.command()
@_server_options
@click.pass_obj
def serve(obj: _Context, host: str, port: int) -> None:
    """Serve the published feeds over HTTP, without fetching.

    \b
    Example:
      aggregator serve --host 0.0.0.0 --port 8080
    """
    from aggregator.app.publishing import output_problems
    from aggregator.daemon import serve_files
    from aggregator.publish.publisher import render_query
    from aggregator.serve.web import create_app

    config = obj.config()
    sock = _bind(host, port)
    with _store(config) as store:

        def health() -> dict[str, object]:
            # No daemon here: what the store says of the last publish, and the output folder.
            problems = output_problems(store, config)
            return {"status": "failing" if problems else "ok", "problems": problems}

        def readiness() -> dict[str, object]:
            problems = output_problems(store, config)
            return {"status": "not ready" if problems else "ready", "problems": problems}

        app = create_app(
            lambda: config,
            health,
            query=lambda wanted, unwanted, text: render_query(
                store, config, wanted, unwanted, text
            ),
            pages=_StorePages(store, config),
            ready=readiness,
        )
        echo(
            f"serving {config.output_dir} at http://{host}:{sock.getsockname()[1]}/feed.atom",
            err=True,
        )
        code = asyncio.run(serve_files(app, sock, config.settings.server))
    raise SystemExit(code)


@main.command()
@_server_options
@click.option(
    "--tick",
    type=click.FloatRange(0.1, 3600),
    default=5.0,
    show_default=True,
    help="Seconds between looks for due sources.",
)
@click.pass_obj
def run(obj: _Context, host: str, port: int, tick: float) -> None:
    """Run the daemon: update due sources, publish, and serve the feeds.

    Stops cleanly on SIGTERM or Ctrl-C.

    \b
    Example:
      aggregator --config /etc/aggregator/feeds.yaml run --host 0.0.0.0 --port 8080
    """
    from aggregator.daemon import run_daemon

    config = obj.config()
    sock = _bind(host, port)
    try:
        code = asyncio.run(run_daemon(config, sock, tick=tick))
    except StoreError as exc:
        echo(f"error: {exc}", err=True)
        raise SystemExit(EXIT_USAGE) from exc
    raise SystemExit(code)


@main.command()
@_server_options
@click.option(
    "--dir",
    "workdir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Keep the demo's config, store and feeds here (default: a temporary folder).",
)
@click.option(
    "--tick",
    type=click.FloatRange(0.1, 3600),
    default=2.0,
    show_default=True,
    help="Seconds between looks for due sources.",
)
def demo(host: str, port: int, workdir: Path | None, tick: float) -> None:
    """Serve the bundled sample feeds on 127.0.0.1 and run the real daemon against them.

    Prints the address of the combined feed to open in a feed reader. Works offline.

    \b
    Example:
      aggregator demo --port 8080
    """
    from aggregator.demo.runner import run_demo

    if host not in ("127.0.0.1", "localhost", "::1"):
        raise click.UsageError("the demo only listens on a loopback address")
    try:
        code = run_demo(host, port, workdir, tick=tick, announce=lambda line: echo(line))
    except OSError as exc:
        echo(f"error: cannot listen on {host}:{port}: {exc.strerror}", err=True)
        raise SystemExit(EXIT_USAGE) from exc
    except AggregatorError as exc:
        echo(f"error: {exc}", err=True)
        raise SystemExit(EXIT_USAGE) from exc
    raise SystemExit(code)


class _StorePages:
    """The HTML pages for `serve`, which has no daemon."""

    def __init__(self, store: Store, config: Config) -> None:
        self.store, self.config = store, config

    def stories(self, tag: str, source: str, country: str, q: str = "") -> str:
        from aggregator.serve.pages import render_stories

        return render_stories(self.store, self.config, tag=tag, source=source, country=country, q=q)

    def status(self) -> str:
        from aggregator.serve.pages import render_status

        return render_status(self.store, self.config)
