"""The sample feeds of `aggregator demo`, served on 127.0.0.1 as a well-run publisher serves them.

Each document has a strong ETag and a Last-Modified; a conditional GET that matches them gets
304, HEAD gets the headers alone, an unknown path 404. A path may have several versions: the
next one is served once the current one has been sent (a 200 to a GET), which is how the demo
shows an item being edited. Nothing else: the tests' server (tests/support/feed_server.py) is
the one with delays, drips, other statuses and a request log.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from email.message import Message
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Document:
    body: bytes
    content_type: str = "application/rss+xml"
    modified: float = 1_780_000_000.0  # a fixed Last-Modified, so runs are repeatable

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:32] + '"'

    def unchanged_for(self, request: Message) -> bool:
        """Whether a conditional request already holds this version: If-None-Match decides
        when present, as RFC 9110 says; otherwise If-Modified-Since."""
        tags = request.get("If-None-Match")
        if tags is not None:
            return self.etag in {tag.strip() for tag in tags.split(",")}
        since = request.get("If-Modified-Since")
        if not since:
            return False
        try:
            return self.modified <= parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError):
            return False


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up (the daemon stopping) is no error worth a traceback."""


class FeedServer:
    """Serves the documents given to `put` (path -> versions in turn) from `start()` to `stop()`."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self._versions: dict[str, list[Document]] = {}
        self._lock = threading.Lock()
        self._httpd = _Server((host, port), self._handler_class())

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}/"

    def put(self, path: str, *versions: Document) -> None:
        with self._lock:
            self._versions["/" + path.lstrip("/")] = list(versions)

    def start(self) -> FeedServer:
        threading.Thread(target=self._httpd.serve_forever, daemon=True, name="demo-feeds").start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _answer(self, path: str, request: Message, full: bool) -> tuple[int, Document | None]:
        """The status and the document for a request; a 200 to a GET (`full`) moves the path
        on to its next version, if it has one."""
        with self._lock:
            versions = self._versions.get(path)
            if not versions:
                return 404, None
            document = versions[0]
            if document.unchanged_for(request):
                return 304, document
            if full and len(versions) > 1:
                versions.pop(0)
            return 200, document

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                self._respond(full=True)

            def do_HEAD(self) -> None:
                self._respond(full=False)

            def log_message(self, format: str, *args: object) -> None:
                pass  # what the demo shows is the daemon's log

            def _respond(self, full: bool) -> None:
                status, document = server._answer(self.path.split("?", 1)[0], self.headers, full)
                self.send_response(status)
                if document is None:
                    body, content_type = b"not found\n", "text/plain"
                else:
                    body, content_type = document.body, document.content_type
                    self.send_header("ETag", document.etag)
                    self.send_header("Last-Modified", formatdate(document.modified, usegmt=True))
                if status == 304:
                    body = b""
                else:
                    self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if full:
                    self.wfile.write(body)

        return Handler
