"""The published feeds' language (issue #24, 14): `output.language`, else the sources' own when
they agree; xml:lang on the Atom feed, <language> in RSS; none when the sources disagree."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from lxml import etree

from aggregator.config.loading import parse_config
from aggregator.publish.atom import FeedMeta, render_atom
from aggregator.publish.other_formats import render_rss
from aggregator.publish.publisher import publish_all
from aggregator.store import Store

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
META = FeedMeta(id="tag:x,2026:f", title="F", self_url="https://x/f.atom", site_url="https://x/")


def test_the_language_is_written_in_both_formats() -> None:
    russian = replace(META, language="ru")
    atom = etree.fromstring(render_atom(russian, [], tag_scheme="https://x/tags/"))
    assert atom.get(XML_LANG) == "ru"
    rss = etree.fromstring(render_rss(russian, []))
    assert rss.findtext("channel/language") == "ru"
    assert (
        etree.fromstring(render_atom(META, [], tag_scheme="https://x/tags/")).get(XML_LANG) is None
    )


def language_of(tmp_path: Path, text: str, output: str = "{dir: out}") -> str | None:
    """The xml:lang of the combined feed published under this config."""
    config = parse_config(f"output: {output}\n" + text, tmp_path / "feeds.yaml")
    store = Store(config.store_url)
    try:
        publish_all(store, config)
    finally:
        store.close()
    language: str | None = etree.parse(str(config.output_dir / "feed.atom")).getroot().get(XML_LANG)
    return language


def test_the_default_is_the_sources_language_when_they_agree(tmp_path: Path) -> None:
    agree = (
        "sources:\n  - {id: a, url: 'https://a/', language: pt}\n  - {id: b, url: 'https://b/'}\n"
    )
    assert language_of(tmp_path, agree) == "pt"
    differ = agree.replace("{id: b, url: 'https://b/'}", "{id: b, url: 'https://b/', language: es}")
    assert language_of(tmp_path, differ) is None
    assert language_of(tmp_path, differ, "{dir: out, language: en}") == "en"
