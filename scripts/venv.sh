# Sourced by the other scripts: make ./.venv with Python 3.11+ and an up-to-date pip.
# On a fresh Debian the venv module lives in a separate package; as root it is installed here.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON=${PYTHON:-python3}
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "aggregator needs Python 3.11 or newer (found: $("$PYTHON" --version 2>&1))" >&2; exit 2; }
if ! "$PYTHON" -m venv --help >/dev/null 2>&1 || ! "$PYTHON" -c 'import ensurepip' 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
  else
    echo "install the Python venv module first: sudo apt-get install python3-venv" >&2; exit 2
  fi
fi
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
