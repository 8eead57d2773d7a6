"""OPML lists of sources: what a list from another reader adds to feeds.yaml, and the list of
ours (without the credentials of our sources' addresses, unless asked)."""

from __future__ import annotations

from urllib.parse import urlsplit

from lxml import etree

from aggregator.app.discovery import make_id
from aggregator.config import Config
from aggregator.config.editing import NewSource
from aggregator.errors import ParseError
from aggregator.hygiene import join_url
from aggregator.publish.other_formats import render_opml
from aggregator.publish.publisher import opml_sources


def sources_to_import(
    document: bytes, config: Config, tags: tuple[str, ...], skipped: list[str] | None = None
) -> list[NewSource]:
    """The feeds an OPML document lists that `config` does not have yet, each with an id of
    its own; the addresses that are no http(s) address with a host go to `skipped` (one bad
    outline must not stop the others). Raises ParseError for a document that is not readable
    XML."""
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
        if not _readable_feed_address(url):
            if skipped is not None:
                skipped.append(url)
            continue
        if is_our_feed(url, config):
            continue
        title = (outline.get("title") or outline.get("text") or "").strip() or None
        new_id = make_id(title, url, taken)
        taken.add(new_id)
        known_urls.add(url)
        additions.append(NewSource(new_id, url, title, tags=tags))
    return additions


def _readable_feed_address(url: str) -> bool:
    address = join_url(None, url)
    if address is None:
        return False
    parts = urlsplit(address)
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def is_our_feed(url: str, config: Config) -> bool:
    """A feed this aggregator publishes (an OPML of our own, exported and imported again): under
    `output.base_url`, or a `sources/<id>.atom` of a source we have on any address (the
    daemon may be reached under another name than base_url)."""
    parts = urlsplit(url)
    base = urlsplit(config.settings.output.base_url)
    if (parts.hostname, parts.port) == (base.hostname, base.port) and parts.path.startswith(
        base.path or "/"
    ):
        return True
    name = parts.path.rsplit("/", 2)[-2:]
    return (
        len(name) == 2
        and name[0] == "sources"
        and name[1].endswith(".atom")
        and config.source(name[1].removesuffix(".atom")) is not None
    )


def exported(config: Config, *, with_credentials: bool = False) -> bytes:
    """Our sources as an OPML 2.0 document."""
    return render_opml(
        config.settings.output.title, opml_sources(config, with_credentials=with_credentials)
    )
