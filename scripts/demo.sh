#!/usr/bin/env bash
# Install aggregator into ./.venv and run the offline demo (Ctrl-C stops it).
# Extra arguments go to `aggregator demo`, e.g.: bash scripts/demo.sh --port 8081
source "$(dirname "$0")/venv.sh"
.venv/bin/python -m pip install --quiet -e .
# An editable install leaves the package's bytecode to be written on first import, which
# PYTHONDONTWRITEBYTECODE (set on some machines) forbids: every command would compile the
# package again (~0.1 s). Compile it now, as pip does for a regular install.
.venv/bin/python -m compileall -q aggregator
exec .venv/bin/aggregator demo "$@"
