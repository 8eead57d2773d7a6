"""The public Python API: the names `aggregator` re-exports (aggregator/__init__.py), pinned
here so that removing or renaming one is a decision, not an accident; each resolves to the
object of the module that defines it, and `import aggregator` loads none of them."""

from __future__ import annotations

import subprocess
import sys

import aggregator

PUBLIC_API = {
    "AggregatorError",
    "BrokenPage",
    "Config",
    "ConfigError",
    "FeedData",
    "FetchError",
    "ItemData",
    "ParseError",
    "PublishError",
    "RoundSummary",
    "SearchTimeout",
    "SourceSettings",
    "Store",
    "StoreError",
    "UpdateResult",
    "__version__",
    "discover",
    "load_config",
    "open_updater",
    "parse_document",
    "preview_source",
    "prune",
    "publish_recorded",
    "unmerge",
}


def test_the_public_names_are_pinned() -> None:
    assert set(aggregator.__all__) == PUBLIC_API
    assert len(aggregator.__all__) == len(PUBLIC_API)  # no name twice


def test_every_public_name_is_the_object_its_module_defines() -> None:
    from aggregator.app.publishing import publish_recorded
    from aggregator.errors import ParseError
    from aggregator.store import Store

    for name in PUBLIC_API:
        assert getattr(aggregator, name) is not None, name
    assert aggregator.Store is Store
    assert aggregator.publish_recorded is publish_recorded
    assert issubclass(aggregator.BrokenPage, ParseError)
    assert issubclass(aggregator.ParseError, aggregator.AggregatorError)


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        aggregator.no_such_name  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:
        raise AssertionError("an unknown name resolved")


def test_importing_the_package_loads_no_stage() -> None:
    """Every parse worker imports the package: it must stay cheap."""
    code = (
        "import sys, aggregator\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('aggregator.', 'sqlalchemy',"
        " 'httpx', 'feedparser', 'feedgen')))\n"
        "print(','.join(loaded))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == "aggregator.version"
