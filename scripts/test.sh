#!/usr/bin/env bash
# Install everything the tests need into ./.venv, then run every check and every test.
# This is exactly what CI runs (.ci/run).
source "$(dirname "$0")/venv.sh"
.venv/bin/python -m pip install --quiet -e '.[test]'
echo "== ruff"; .venv/bin/ruff check aggregator tests
.venv/bin/ruff format --check aggregator tests
echo "== mypy --strict"; .venv/bin/mypy --strict aggregator
echo "== pytest"; exec .venv/bin/python -m pytest "$@"
