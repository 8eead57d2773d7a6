"""Logging: one line per event, human-readable by default, JSON lines with --log-format json."""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from aggregator.models import UpdateResult
from aggregator.redact import redact_urls


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(record.created)),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        event = getattr(record, "event", None)
        if isinstance(event, dict):
            payload.update(event)
        if record.exc_info:
            payload["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:  # already formatted (and cut: Redacting's _bounded)
            payload["exception"] = record.exc_text
        return json.dumps(payload, ensure_ascii=False, default=str)


# The longest message and traceback a log record keeps (a traceback of a few dozen frames
# fits): a source's text quoted whole (a 9 MB address in an error) made one 9 MB line.
MAX_LOG_TEXT = 16 * 1024


def _cut(text: str) -> str:
    if len(text) <= MAX_LOG_TEXT:
        return text
    return text[:MAX_LOG_TEXT] + f"… ({len(text) - MAX_LOG_TEXT} characters more)"


def _bounded(record: logging.LogRecord) -> logging.LogRecord:
    """The record, or a copy with its message and traceback cut to MAX_LOG_TEXT (each line
    format, plain or JSON, stays whole and valid)."""
    message = record.getMessage()
    trace = None
    if record.exc_info and record.exc_info[0] is not None:
        trace = logging.Formatter().formatException(record.exc_info)
    if len(message) <= MAX_LOG_TEXT and (trace is None or len(trace) <= MAX_LOG_TEXT):
        return record
    fields = {**record.__dict__, "msg": _cut(message), "args": None}
    if trace is not None:
        fields.update(exc_info=None, exc_text=_cut(trace))
    return logging.makeLogRecord(fields)


class Redacting(logging.Formatter):
    """No credentials in any log line: every http(s) address in a formatted line (message,
    JSON fields, traceback) is shown as redact.public_url makes it."""

    def __init__(self, inner: logging.Formatter) -> None:
        super().__init__()
        self.inner = inner

    def format(self, record: logging.LogRecord) -> str:
        return redact_urls(self.inner.format(_bounded(record)))


def setup_logging(fmt: str, level: int) -> None:
    handler = logging.StreamHandler(sys.stderr)
    if fmt == "json":
        handler.setFormatter(Redacting(JsonFormatter()))
    else:
        formatter = logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%Y-%m-%dT%H:%M:%SZ")
        formatter.converter = time.gmtime
        handler.setFormatter(Redacting(formatter))
    root = logging.getLogger("aggregator")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


@contextmanager
def logging_to(stream: TextIO) -> Iterator[None]:
    """Log lines written to `stream` for a while: through a progress bar's console, so that
    they print above the bar instead of into it."""
    handlers = [
        handler
        for handler in logging.getLogger("aggregator").handlers
        if isinstance(handler, logging.StreamHandler)
    ]
    before = [handler.stream for handler in handlers]
    for handler in handlers:
        handler.setStream(stream)
    try:
        yield
    finally:
        for handler, original in zip(handlers, before, strict=True):
            handler.setStream(original)


def log_update_result(result: UpdateResult) -> None:
    """One structured event per source outcome: a line for people, fields for JSON logs."""
    level = logging.WARNING if result.outcome == "error" else logging.INFO
    logging.getLogger("aggregator.update").log(
        level,
        "source=%s status=%s http=%s new=%d updated=%d duration=%.2fs next=%s (%s)%s",
        result.source_id,
        result.outcome,
        result.http_status or "-",
        result.new,
        result.updated,
        result.duration_s,
        result.next_check_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        result.next_check_reason or "-",
        f' error="{result.error}"' if result.error else "",
        extra={
            "event": {
                "source": result.source_id,
                "status": result.outcome,
                "http": result.http_status,
                "new": result.new,
                "updated": result.updated,
                "duration_s": round(result.duration_s, 3),
                "next_check_at": result.next_check_at.isoformat(),
                "next_check_reason": result.next_check_reason,
                "error": result.error,
            }
        },
    )
