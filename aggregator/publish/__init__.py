"""Publishing: every feed the aggregator offers, rendered and written atomically (the only user of
feedgen). `atom` and `other_formats` are pure renderers; `publisher` reads the store and writes
the files; `files` writes them.

The publisher's names are given here on first use, so that importing a renderer loads neither
the store nor SQLAlchemy."""

from typing import Any

_PUBLISHER = {
    "PublishResult",
    "RenderCache",
    "opml_sources",
    "publish_all",
    "published_story_ids",
    "render_query",
}


def __getattr__(name: str) -> Any:
    if name in _PUBLISHER:
        from aggregator.publish import publisher

        return getattr(publisher, name)
    raise AttributeError(name)
