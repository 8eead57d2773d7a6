#!/usr/bin/env bash
# Install everything the tests need into ./.venv, then run every check and every test.
# This is exactly what CI runs (.ci/run).
source "$(dirname "$0")/venv.sh"
# Debian packages the tests use for real: feed readers that subscribe to the published feeds
# (tests/test_readers.py) and a browser for the status pages (tests/test_site.py).
if ! command -v newsboat >/dev/null || ! command -v sfeed_update >/dev/null \
    || ! command -v chromium >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq newsboat sfeed curl chromium >/dev/null
  else
    echo "note: install newsboat, sfeed and chromium (sudo apt-get install newsboat sfeed" \
         "chromium); the tests that use them fail without them" >&2
  fi
fi
.venv/bin/python -m pip install --quiet -e '.[test]'
echo "== ruff"; .venv/bin/ruff check aggregator tests
.venv/bin/ruff format --check aggregator tests
echo "== mypy --strict"; .venv/bin/mypy --strict aggregator
echo "== pytest"; exec .venv/bin/python -m pytest "$@"
