"""Helpers for tests/integration/test_serve_hostile_requests.py: the aggregator as a real process
(its stderr collected as it comes), and a raw HTTP/1.1 client on sockets that sends exactly the
bytes it is given (malformed, smuggled, dripped) and reports what came back and when the server
closed.

Everything connects to 127.0.0.1 only.
"""

from __future__ import annotations

import contextlib
import os
import re
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

LOOPBACK = "127.0.0.1"


# --------------------------------------------------------------------------------------------
# The server under test, as a process


class ServerProcess:
    """`python -m aggregator ARGS...` with its stderr (the log) collected line by line; `port`
    is read from the line matching `ready` (its first group)."""

    def __init__(
        self, args: list[str], ready: str, *, cwd: Path, env: dict[str, str] | None = None
    ) -> None:
        self.args = args
        self._ready = re.compile(ready)
        self.lines: list[str] = []
        self.port: int | None = None
        self._lock = threading.Lock()
        self._seen_port = threading.Event()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "aggregator", *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env={**(env if env is not None else os.environ), "PYTHONUNBUFFERED": "1"},
            start_new_session=True,  # its own process group: the parse pool goes with it
        )
        self._reader = threading.Thread(target=self._read, daemon=True, name="server-log")
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for raw in self.process.stderr:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            with self._lock:
                self.lines.append(line)
            if self.port is None:
                match = self._ready.search(line)
                if match:
                    self.port = int(match.group(1))
                    self._seen_port.set()
        self._seen_port.set()  # the process ended: nobody should wait any longer

    def wait_ready(self, timeout: float = 60.0) -> int:
        self._seen_port.wait(timeout)
        if self.port is None:
            raise AssertionError(
                f"the server did not announce its port within {timeout:.0f} s "
                f"(exit code {self.process.poll()}); its log:\n{self.log()[-4000:]}"
            )
        return self.port

    @property
    def base_url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def mark(self) -> int:
        with self._lock:
            return len(self.lines)

    def log(self, since: int = 0) -> str:
        with self._lock:
            return "\n".join(self.lines[since:])

    def wait_for_log(self, pattern: str, since: int = 0, timeout: float = 30.0) -> re.Match[str]:
        compiled = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                for line in self.lines[since:]:
                    match = compiled.search(line)
                    if match:
                        return match
            if not self.alive():
                break
            time.sleep(0.05)
        raise AssertionError(
            f"no log line matching {pattern!r} within {timeout:.0f} s; the log since then:\n"
            + self.log(since)[-4000:]
        )

    def errors(self, since: int = 0) -> str:
        """The tracebacks and error lines logged since `since` (for assertion messages)."""
        text = self.log(since)
        found = [
            line
            for line in text.splitlines()
            if re.search(r"Error|Exception|Traceback|ERROR", line) and len(line) < 2000
        ]
        return "\n".join(found[-12:])

    def rss_kib(self) -> int:
        """The process's resident set (VmRSS), in KiB."""
        status = Path(f"/proc/{self.pid}/status").read_text(encoding="ascii", errors="replace")
        match = re.search(r"^VmRSS:\s+(\d+)\s+kB", status, re.MULTILINE)
        assert match, status
        return int(match.group(1))

    def stop(self) -> None:
        """SIGTERM, then SIGKILL to its process group if it does not stop within 15 s."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        # whatever it started and left behind (a parse pool worker) goes too
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self._reader.join(10)
        if self.process.stderr is not None:
            self.process.stderr.close()


def wait_until(predicate: Callable[[], object], timeout: float, step: float = 0.1) -> object:
    """The first truthy value of `predicate()` within `timeout` seconds, else the last one."""
    deadline = time.monotonic() + timeout
    value = predicate()
    while not value and time.monotonic() < deadline:
        time.sleep(step)
        value = predicate()
    return value


# --------------------------------------------------------------------------------------------
# Raw HTTP/1.1


@dataclass
class RawResponse:
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None


_STATUS_LINE = re.compile(rb"^HTTP/(\d)\.(\d) (\d{3})(?: (.*))?$")


def parse_responses(data: bytes, *, head: bool = False) -> list[RawResponse]:
    """The complete responses in `data`, in order (a body delimited by Content-Length or
    chunked; a response that is not complete yet, or does not parse, ends the list)."""
    found: list[RawResponse] = []
    rest = data
    while rest:
        end = rest.find(b"\r\n\r\n")
        if end < 0:
            break
        lines = rest[:end].split(b"\r\n")
        match = _STATUS_LINE.match(lines[0])
        if not match:
            break
        status = int(match.group(3))
        headers: list[tuple[str, str]] = []
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            headers.append((name.decode("latin-1").strip(), value.decode("latin-1").strip()))
        rest = rest[end + 4 :]
        values = {name.lower(): value for name, value in headers}
        body = b""
        if head or status in (204, 304) or 100 <= status < 200:
            pass
        elif "chunked" in values.get("transfer-encoding", "").lower():
            decoded = _dechunk(rest)
            if decoded is None:
                break
            body, rest = decoded
        elif "content-length" in values:
            try:
                length = int(values["content-length"])
            except ValueError:
                break
            if len(rest) < length:
                break
            body, rest = rest[:length], rest[length:]
        else:
            body, rest = rest, b""  # delimited by the close
        found.append(RawResponse(status, (match.group(4) or b"").decode("latin-1"), headers, body))
    return found


def _dechunk(data: bytes) -> tuple[bytes, bytes] | None:
    body = b""
    while True:
        end = data.find(b"\r\n")
        if end < 0:
            return None
        try:
            size = int(data[:end].split(b";")[0].strip(), 16)
        except ValueError:
            return None
        data = data[end + 2 :]
        if size == 0:
            trailer_end = data.find(b"\r\n")
            while trailer_end > 0:  # trailers, then the empty line
                data = data[trailer_end + 2 :]
                trailer_end = data.find(b"\r\n")
            if trailer_end < 0:
                return None
            return body, data[2:]
        if len(data) < size + 2:
            return None
        body, data = body + data[:size], data[size + 2 :]


@dataclass
class Exchange:
    """What came back for the bytes sent: all of it, whether and when the server closed."""

    sent: bytes
    data: bytes = b""
    closed: bool = False  # the server closed the connection (EOF or reset)
    reset: bool = False
    send_error: str | None = None
    elapsed: float = 0.0  # seconds from the first byte sent to the end of reading
    answered_after: float | None = None  # seconds to the first complete response or close
    head: bool = False

    @property
    def responses(self) -> list[RawResponse]:
        return parse_responses(self.data, head=self.head)

    @property
    def status(self) -> int | None:
        responses = self.responses
        return responses[0].status if responses else None

    @property
    def answered(self) -> bool:
        return self.answered_after is not None

    def describe(self) -> str:
        statuses = [r.status for r in self.responses]
        return (
            f"sent {self.sent[:120]!r}{'...' if len(self.sent) > 120 else ''} "
            f"({len(self.sent)} bytes): statuses {statuses}, closed={self.closed} "
            f"reset={self.reset} send_error={self.send_error} "
            f"answered_after={self.answered_after} elapsed={self.elapsed:.2f}s; "
            f"received {self.data[:300]!r}"
        )


@contextlib.contextmanager
def connection(port: int, timeout: float = 5.0) -> Iterator[socket.socket]:
    sock = socket.create_connection((LOOPBACK, port), timeout=timeout)
    try:
        yield sock
    finally:
        sock.close()


def exchange(
    port: int,
    payload: bytes,
    *,
    timeout: float = 5.0,
    responses: int = 1,
    linger: float = 0.3,
    head: bool = False,
) -> Exchange:
    """Send `payload` on a new connection, then read until the server closes, or `timeout`
    seconds pass, or `responses` complete responses have come and `linger` more seconds
    brought nothing else (time for a smuggled extra response to show up)."""
    result = Exchange(sent=payload, head=head)
    started = time.monotonic()
    deadline = started + timeout
    with connection(port, timeout) as sock:
        try:
            sock.sendall(payload)
        except OSError as exc:  # the server may close while a huge request is still going out
            result.send_error = f"{type(exc).__name__}: {exc}"
        _read(sock, result, started, deadline, responses, linger)
    result.elapsed = time.monotonic() - started
    return result


def _read(
    sock: socket.socket,
    result: Exchange,
    started: float,
    deadline: float,
    responses: int,
    linger: float,
) -> None:
    quiet_until: float | None = None
    while True:
        now = time.monotonic()
        until = deadline if quiet_until is None else min(deadline, quiet_until)
        if now >= until:
            return
        readable, _, _ = select.select([sock], [], [], until - now)
        if not readable:
            continue
        try:
            chunk = sock.recv(1 << 16)
        except ConnectionResetError:
            result.closed = result.reset = True
            chunk = b""
        except OSError:
            result.closed = True
            chunk = b""
        if not chunk:
            result.closed = True
            if result.answered_after is None:
                result.answered_after = time.monotonic() - started
            return
        result.data += chunk
        if result.answered_after is None and result.responses:
            result.answered_after = time.monotonic() - started
        if len(result.responses) >= responses and quiet_until is None:
            quiet_until = time.monotonic() + linger


def request(
    target: str | bytes,
    *,
    method: str | bytes = "GET",
    host: str | bytes = LOOPBACK,
    headers: list[tuple[str, str]] | None = None,
    close: bool = True,
    version: bytes = b"HTTP/1.1",
) -> bytes:
    """A request's bytes, exactly as given (no normalisation, no percent-encoding)."""
    lines = [_bytes(method) + b" " + _bytes(target) + b" " + version, b"Host: " + _bytes(host)]
    lines += [_bytes(name) + b": " + _bytes(value) for name, value in headers or []]
    if close:
        lines.append(b"Connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n"


def _bytes(value: str | bytes) -> bytes:
    return value if isinstance(value, bytes) else value.encode("utf-8")


def get(port: int, target: str | bytes, **options: object) -> Exchange:
    """One raw GET with `Connection: close`: the status as the server sent it."""
    timeout = float(options.pop("timeout", 5.0))  # type: ignore[arg-type]
    return exchange(port, request(target, **options), timeout=timeout)  # type: ignore[arg-type]


@dataclass
class Drip:
    """The outcome of sending a request one byte at a time."""

    bytes_sent: int = 0
    closed_after: float | None = None  # seconds from connecting to the server's close
    data: bytes = b""
    events: list[str] = field(default_factory=list)


def drip(port: int, payload: bytes, *, every: float, timeout: float, prefix: bytes = b"") -> Drip:
    """Send `prefix` at once, then `payload` one byte every `every` seconds (then nothing),
    until the server closes or `timeout` seconds pass: a slowloris client."""
    result = Drip()
    started = time.monotonic()
    deadline = started + timeout
    next_send = started
    with connection(port, timeout) as sock:
        if prefix:
            sock.sendall(prefix)
        while time.monotonic() < deadline:
            now = time.monotonic()
            if result.bytes_sent < len(payload) and now >= next_send:
                try:
                    sock.sendall(payload[result.bytes_sent : result.bytes_sent + 1])
                except OSError as exc:
                    result.events.append(f"send: {exc}")
                    result.closed_after = time.monotonic() - started
                    return result
                result.bytes_sent += 1
                next_send = now + every
            wait = min(deadline, next_send if result.bytes_sent < len(payload) else deadline)
            readable, _, _ = select.select([sock], [], [], max(0.0, wait - time.monotonic()))
            if readable:
                try:
                    chunk = sock.recv(1 << 16)
                except OSError as exc:
                    result.events.append(f"recv: {exc}")
                    chunk = b""
                if not chunk:
                    result.closed_after = time.monotonic() - started
                    return result
                result.data += chunk
    return result
