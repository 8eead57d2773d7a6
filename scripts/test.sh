#!/usr/bin/env bash
# Install everything the tests need into ./.venv, then run every check and every test.
# This is exactly what CI runs (.ci/run).
source "$(dirname "$0")/venv.sh"
# Debian packages the tests use for real: feed readers that subscribe to the published feeds
# (tests/integration/test_serve_feed_readers.py), a browser for the status pages
# (tests/integration/test_serve_pages_in_browser.py), and the PostgreSQL server the whole suite
# runs against a second time (tests/support/postgres.py).
if ! command -v newsboat >/dev/null || ! command -v sfeed_update >/dev/null \
    || ! command -v chromium >/dev/null || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq newsboat sfeed curl chromium \
      postgresql >/dev/null
  else
    echo "note: install newsboat, sfeed, chromium and postgresql (sudo apt-get install" \
         "newsboat sfeed chromium postgresql); the tests that use them fail without them" >&2
  fi
fi
.venv/bin/python -m pip install --quiet -e '.[test]'
echo "== ruff"; .venv/bin/ruff check aggregator tests
.venv/bin/ruff format --check aggregator tests
echo "== mypy --strict"; .venv/bin/mypy --strict aggregator
echo "== layer contracts (import-linter)"; .venv/bin/lint-imports
echo "== feedparser's test corpus"; .venv/bin/python -m tests.support.feedparser_corpus  # tests/evaluations/test_feedparser_corpus.py
echo "== pytest on SQLite"; .venv/bin/python -m pytest "$@"
echo "== pytest on PostgreSQL"
AGGREGATOR_TEST_DATABASE=postgresql exec .venv/bin/python -m pytest -m "not sqlite_only" "$@"
