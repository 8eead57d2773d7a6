#!/usr/bin/env bash
# Install aggregator into ./.venv and run the offline demo (Ctrl-C stops it).
# Extra arguments go to `aggregator demo`, e.g.: bash scripts/demo.sh --port 8081
source "$(dirname "$0")/venv.sh"
.venv/bin/python -m pip install --quiet -e .
exec .venv/bin/aggregator demo "$@"
