#!/usr/bin/env bash
# Install everything the tests need into ./.venv, then run every check and every test.
# This is exactly what CI runs (.ci/run).
source "$(dirname "$0")/venv.sh"
# Real feed readers subscribe to the published feeds in tests/test_readers.py.
if ! command -v newsboat >/dev/null || ! command -v sfeed_update >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq newsboat sfeed curl >/dev/null
  else
    echo "note: install newsboat and sfeed (sudo apt-get install newsboat sfeed); the reader tests fail without them" >&2
  fi
fi
.venv/bin/python -m pip install --quiet -e '.[test]'
echo "== ruff"; .venv/bin/ruff check aggregator tests
.venv/bin/ruff format --check aggregator tests
echo "== mypy --strict"; .venv/bin/mypy --strict aggregator
echo "== pytest"; exec .venv/bin/python -m pytest "$@"
