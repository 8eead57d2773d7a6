"""docs/design.md tells the layout as it is: every module of the package is named in its map,
every module the map or the life of an item names exists, and the life of an item walks
through every stage package."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "aggregator"
DESIGN = (ROOT / "docs" / "design.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    return DESIGN.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def modules() -> set[str]:
    return {str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")}


def mapped() -> set[str]:
    """Paths in the layout's tree: a package is a `name/` line indented by two, its modules
    the lines under it indented by four (deeper lines continue a description); the names
    are what a line says before its description (two spaces, or one for a long name)."""
    tree = section("Layout").split("```", 2)[1]
    named: set[str] = set()
    package = ""
    for line in tree.splitlines():
        indent = len(line) - len(line.lstrip())
        head = re.split(r"\s{2,}", line.strip())[0]
        if indent == 2:
            package = head if head.endswith("/") else ""
        if indent not in (2, 4) or (indent == 4 and not package):
            continue
        names = re.findall(r"\b([\w]+\.py)\b", head) or re.findall(r"^([\w]+\.py)", head)
        named.update((package if indent == 4 else "") + name for name in names)
    return named


def test_every_module_is_in_the_map() -> None:
    missing = modules() - mapped() - {f"{p.name}/__init__.py" for p in PACKAGE.iterdir()}
    assert not missing, f"modules not named in docs/design.md's map: {sorted(missing)}"


def test_the_map_names_no_module_that_does_not_exist() -> None:
    stale = mapped() - modules()
    assert not stale, f"docs/design.md names modules that do not exist: {sorted(stale)}"


def test_the_life_of_an_item_names_existing_modules_of_every_stage() -> None:
    life = section("Life of an item")
    named = set(re.findall(r"`([\w/]+\.py)", life))
    assert named, "the life of an item names no module"
    assert not named - modules(), sorted(named - modules())
    stages = {"fetch", "parse", "normalize", "tagging", "stories", "schedule", "update"}
    stages |= {"store", "publish", "serve", "app", "terms", "config"}
    assert stages <= {name.split("/")[0] for name in named if "/" in name}
