"""OPML lists of sources: what a list from another reader adds to feeds.yaml, and the list of
ours (without the credentials of our sources' addresses, unless asked)."""

from __future__ import annotations

from lxml import etree

from aggregator.app.discovery import make_id
from aggregator.config import Config
from aggregator.config.editing import NewSource
from aggregator.errors import ParseError
from aggregator.publish.other_formats import render_opml
from aggregator.publish.publisher import opml_sources


def sources_to_import(document: bytes, config: Config, tags: tuple[str, ...]) -> list[NewSource]:
    """The feeds an OPML document lists that `config` does not have yet, each with an id of
    its own. Raises ParseError for a document that is not readable XML."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(document, parser)
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"not readable OPML ({exc})") from exc
    known_urls = {s.url for s in config.sources}
    taken = {s.id for s in config.sources}
    additions = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or "").strip()
        if not url or url in known_urls:
            continue
        title = (outline.get("title") or outline.get("text") or "").strip() or None
        new_id = make_id(title, url, taken)
        taken.add(new_id)
        known_urls.add(url)
        additions.append(NewSource(new_id, url, title, tags=tags))
    return additions


def exported(config: Config, *, with_credentials: bool = False) -> bytes:
    """Our sources as an OPML 2.0 document."""
    return render_opml(
        config.settings.output.title, opml_sources(config, with_credentials=with_credentials)
    )
