"""Prometheus metrics for `/metrics`, with the official client library.

Per-source state (items, consecutive errors, last success, next check) is read from the store
at each scrape, so it is right after a restart too; what happens during the process's life
(checks, HTTP statuses, fetch durations, new and updated items) is counted as it happens.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from aggregator.models import UpdateResult
from aggregator.serve.report import report
from aggregator.store import Store

DURATION_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60)


class _SourcesFromStore(Collector):
    def __init__(self, store: Store) -> None:
        self.store = store

    def collect(self) -> Iterator[Metric]:
        items = GaugeMetricFamily(
            "aggregator_source_items", "Items stored for the source.", labels=["source"]
        )
        errors = GaugeMetricFamily(
            "aggregator_source_consecutive_errors",
            "Failed checks in a row (0 after a success).",
            labels=["source"],
        )
        success = GaugeMetricFamily(
            "aggregator_source_last_success_timestamp_seconds",
            "When the source last answered successfully.",
            labels=["source"],
        )
        upcoming = GaugeMetricFamily(
            "aggregator_source_next_check_timestamp_seconds",
            "When the source is checked next.",
            labels=["source"],
        )
        state = GaugeMetricFamily(
            "aggregator_source_state",
            "1 for the source's current state (ok, backing off, broken, refused, disabled, ...).",
            labels=["source", "state"],
        )
        for row in self.store.source_statuses():
            if not row.in_config:
                continue
            items.add_metric([row.id], row.items)
            errors.add_metric([row.id], row.consecutive_errors)
            if row.last_success_at:
                success.add_metric([row.id], row.last_success_at.timestamp())
            if row.next_check_at:
                upcoming.add_metric([row.id], row.next_check_at.timestamp())
            state.add_metric([row.id, report(row).state], 1)
        yield from (items, errors, success, upcoming, state)


class Metrics:
    def __init__(self, store: Store) -> None:
        self.registry = CollectorRegistry()
        self.checks = Counter(
            "aggregator_checks",
            "Checks of sources, by outcome.",
            ["source", "outcome"],
            registry=self.registry,
        )
        self.responses = Counter(
            "aggregator_http_responses",
            "HTTP responses, by status.",
            ["source", "status"],
            registry=self.registry,
        )
        self.duration = Histogram(
            "aggregator_fetch_duration_seconds",
            "Time from request to last byte.",
            ["source"],
            buckets=DURATION_BUCKETS,
            registry=self.registry,
        )
        self.stored = Counter(
            "aggregator_items_stored",
            "Items stored: new or updated.",
            ["source", "change"],
            registry=self.registry,
        )
        self.publish_failures = Counter(
            "aggregator_publish_failures",
            "Publishes that failed (as a whole, or some of their documents).",
            registry=self.registry,
        )
        self.publish_failing = Gauge(
            "aggregator_publish_failing",
            "1 while the latest publish failed.",
            registry=self.registry,
        )
        self.publish_success = Gauge(
            "aggregator_publish_last_success_timestamp_seconds",
            "When a publish last succeeded.",
            registry=self.registry,
        )
        self.publish_failure = Gauge(
            "aggregator_publish_last_failure_timestamp_seconds",
            "When a publish last failed.",
            registry=self.registry,
        )
        self.publish_skipped = Gauge(
            "aggregator_publish_skipped_entries",
            "Entries the last publish left out because they could not be written.",
            registry=self.registry,
        )
        self.last_round = Gauge(
            "aggregator_last_round_timestamp_seconds",
            "When the daemon last finished an update round.",
            registry=self.registry,
        )
        self.registry.register(_SourcesFromStore(store))

    def published(self, at: datetime, skipped: int) -> None:
        self.publish_failing.set(0)
        self.publish_success.set(at.timestamp())
        self.publish_skipped.set(skipped)

    def publish_failed(self, at: datetime) -> None:
        self.publish_failures.inc()
        self.publish_failing.set(1)
        self.publish_failure.set(at.timestamp())

    def round_finished(self, at: datetime) -> None:
        self.last_round.set(at.timestamp())

    def observe(self, result: UpdateResult) -> None:
        source = result.source_id
        self.checks.labels(source, result.outcome).inc()
        if result.http_status is not None:
            self.responses.labels(source, str(result.http_status)).inc()
        self.duration.labels(source).observe(result.duration_s)
        if result.new:
            self.stored.labels(source, "new").inc(result.new)
        if result.updated:
            self.stored.labels(source, "updated").inc(result.updated)

    def render(self) -> bytes:
        document: bytes = generate_latest(self.registry)
        return document
