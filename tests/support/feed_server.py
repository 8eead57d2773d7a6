"""The tests' HTTP server for feed documents on 127.0.0.1 (the `feed_server` fixture).

It behaves like a well-run publisher unless told otherwise: a strong ETag and a Last-Modified
per document, 304 on a matching conditional GET, HEAD. A path may have several versions: the
next one is served once the current one has been served (with anything but a 304), which is how
the tests show an item being edited and a failing server recovering. A document may also be
slow (`delay`), sent a byte at a time (`drip`), answered with any status and headers, or
served without validators; `requests` logs every request, `in_flight` and `most_in_flight`
count the ones being answered. `aggregator demo` has a smaller server of its own
(aggregator/demo/server.py).
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Document:
    body: bytes
    content_type: str = "application/rss+xml"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    validators: bool = True
    modified: float = 1_780_000_000.0  # a fixed Last-Modified, so runs are repeatable
    delay: float = 0.0  # seconds to wait before answering (a slow or hung server)
    drip: float = 0.0  # if set, send the body one byte per `drip` seconds

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:32] + '"'


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """Clients that hang up (a deadline, a size cap) are expected here, not errors."""


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    status: int
    if_none_match: str | None
    if_modified_since: str | None
    user_agent: str | None
    at: float  # time.monotonic() when the request arrived
    client_port: int = 0  # the client's end of the connection: one value per connection


class FeedServer:
    """Serves `documents` (path -> versions) until `stop()`; `requests` logs what was asked."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.documents: dict[str, list[Document]] = {}
        self.requests: list[Request] = []
        self.in_flight = 0
        self.most_in_flight = 0
        self._lock = threading.Lock()
        self._httpd = _QuietServer((host, port), self._handler_class())
        self._httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}/"

    def url(self, path: str) -> str:
        return self.base_url + path.lstrip("/")

    def put(self, path: str, *versions: Document) -> None:
        with self._lock:
            self.documents["/" + path.lstrip("/")] = list(versions)

    def start(self) -> FeedServer:
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, daemon=True, name="feed-server"
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> FeedServer:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    def _enter(self) -> None:
        with self._lock:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)

    def _leave(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def _current(self, path: str, advance: bool) -> Document | None:
        with self._lock:
            versions = self.documents.get(path)
            if not versions:
                return None
            document = versions[0]
            if advance and len(versions) > 1:
                versions.pop(0)
            return document

    def _log(self, request: Request) -> None:
        with self._lock:
            self.requests.append(request)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                self._answer(send_body=True)

            def do_HEAD(self) -> None:
                self._answer(send_body=False)

            def log_message(self, format: str, *args: object) -> None:
                pass  # the request log is `server.requests`

            def _answer(self, send_body: bool) -> None:
                arrived = time.monotonic()
                server._enter()
                try:
                    self._respond(send_body, arrived)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a deadline, a size cap): expected here
                finally:
                    server._leave()

            def _respond(self, send_body: bool, arrived: float) -> None:
                path = self.path.split("?", 1)[0]
                document = server._current(path, advance=False)
                status = 404 if document is None else document.status
                if (
                    document is not None
                    and document.validators
                    and status == 200
                    and self._fresh(document)
                ):
                    status = 304
                elif document is not None and send_body:
                    server._current(path, advance=True)  # the next version, if any
                server._log(
                    Request(
                        self.command,
                        self.path,
                        status,
                        self.headers.get("If-None-Match"),
                        self.headers.get("If-Modified-Since"),
                        self.headers.get("User-Agent"),
                        arrived,
                        self.client_address[1],
                    )
                )
                if document is not None and document.delay:
                    time.sleep(document.delay)
                body = b"not found\n" if document is None else document.body
                self.send_response(status)
                if document is not None:
                    if document.validators:
                        self.send_header("ETag", document.etag)
                        self.send_header(
                            "Last-Modified", formatdate(document.modified, usegmt=True)
                        )
                    for name, value in document.headers.items():
                        self.send_header(name, value)
                if status == 304:
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                content_type = document.content_type if document else "text/plain"
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if not send_body:
                    return
                if document is not None and document.drip:
                    for index in range(len(body)):
                        self.wfile.write(body[index : index + 1])
                        self.wfile.flush()
                        time.sleep(document.drip)
                else:
                    self.wfile.write(body)

            def _fresh(self, document: Document) -> bool:
                if_none_match = self.headers.get("If-None-Match")
                if if_none_match is not None:
                    return document.etag in {t.strip() for t in if_none_match.split(",")}
                since = self.headers.get("If-Modified-Since")
                if since:
                    try:
                        return document.modified <= parsedate_to_datetime(since).timestamp()
                    except (TypeError, ValueError):
                        return False
                return False

        return Handler
