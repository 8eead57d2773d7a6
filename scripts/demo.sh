#!/usr/bin/env bash
# Install aggregator into ./.venv and run the offline demo (Ctrl-C stops it).
# Extra arguments go to `aggregator demo`, e.g.: bash scripts/demo.sh --port 8081
source "$(dirname "$0")/venv.sh"
# pip's and setuptools' messages (the editable-install banner) only when the install fails.
log=$(mktemp)
.venv/bin/python -m pip install --quiet -e . >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; exit 1; }
rm -f "$log"
# An editable install leaves the package's bytecode to be written on first import, which
# PYTHONDONTWRITEBYTECODE (set on some machines) forbids: every command would compile the
# package again. Compile it now, as pip does for a regular install.
.venv/bin/python -m compileall -q aggregator
exec .venv/bin/aggregator demo "$@"
