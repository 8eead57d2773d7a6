"""Where things are: the checkout, and the tests' data files (tests/data)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the checkout: feeds.yaml, the aggregator package
DATA = ROOT / "tests" / "data"
