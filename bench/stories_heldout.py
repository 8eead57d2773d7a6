"""Precision and recall of story merging on a set the method was not designed on.

    .venv/bin/python bench/stories_heldout.py

tests/data/stories/heldout.yaml was written after the near-duplicate method and its defaults
were fixed, and has never been used to change them; tests/evaluations/test_story_eval.py is the
gating evaluation. Keep it that way: to tune, write a new held-out set.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.evaluations.test_story_eval import DATA, pairwise, run_eval  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        items, story_of, store = run_eval(Path(folder), DATA / "stories" / "heldout.yaml")
        store.close()
    tp, fp, fn = pairwise(items, story_of)
    print(
        f"held-out story merging over {len(items)} items: precision {tp / (tp + fp):.3f} "
        f"recall {tp / (tp + fn):.3f} ({tp} pairs merged rightly, {fp} wrongly, {fn} missed)"
    )


if __name__ == "__main__":
    main()
