"""What an outside attack found after the first hardening (issue #20 reopened), on plain values:
an address urllib cannot split, a charset that is no charset, a UTF-16 document with a lone
surrogate, JSON-LD that is not an object. Each loses one value, never the document."""

from __future__ import annotations

import pytest

from aggregator.models import HtmlRecipe
from aggregator.parse.article import parse_article
from aggregator.parse.encoding import is_charset, usable_content_type, with_known_encoding
from aggregator.parse.feed import parse_feed
from aggregator.parse.html import parse_html_list

BAD = "http://[bad/x"


def test_a_news_list_with_an_unreadable_link_base_or_image_keeps_its_other_items() -> None:
    rows = "".join(
        f'<li><a href="/news/{n}">Item number {n}</a><img src="{BAD if n == 2 else "/i.png"}"></li>'
        for n in range(1, 5)
    )
    page = (
        f'<html><head><base href="{BAD}"></head><body><ul>{rows}'
        f'<li><a href="{BAD}">Broken link item</a></li></ul>'
        f'<a class="next" href="{BAD}">next</a></body></html>'
    ).encode()
    recipe = HtmlRecipe(item="li", title="a", link="a@href", image="img@src", next="a.next@href")
    feed = parse_html_list(
        page,
        url="https://agency.example/news",
        content_type="text/html",
        recipes=[recipe],
        language="en",
    )
    links = [entry.link for entry in feed.entries]
    assert links[:4] == [f"https://agency.example/news/{n}" for n in range(1, 5)]
    assert feed.next_url is None
    assert "[bad" not in feed.entries[1].summary  # the unreadable image is left out


@pytest.mark.parametrize("charset", ["unicode_escape", "raw-unicode-escape", "rot13", "zlib"])
def test_a_charset_that_is_no_character_encoding_is_ignored(charset: str) -> None:
    assert not is_charset(charset)
    assert usable_content_type(f"application/rss+xml; charset={charset}") == "application/rss+xml"
    body = (
        b'<rss version="2.0"><channel><title>t</title><item><title>BAD \\ud800 x</title></item>'
        b"<item><title>good</title></item></channel></rss>"
    )
    feed = parse_feed(body, url="http://e/f", content_type=f"text/xml; charset={charset}")
    assert [entry.title for entry in feed.entries] == ["BAD \\ud800 x", "good"]


@pytest.mark.parametrize("charset", ["utf-8", "windows-1251", "shift_jis", "latin1"])
def test_real_charsets_are_kept(charset: str) -> None:
    assert is_charset(charset)
    assert usable_content_type(f"text/xml; charset={charset}") == f"text/xml; charset={charset}"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_a_wide_document_with_a_lone_surrogate_keeps_its_items(encoding: str) -> None:
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32-le": b"\xff\xfe\x00\x00"}
    lone = {"utf-16-le": b"\x00\xd8", "utf-16-be": b"\xd8\x00", "utf-32-le": b"\x00\xd8\x00\x00"}
    before = '<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel><item><title>BAD '
    after = " x</title></item><item><title>good</title></item></channel></rss>"
    body = bom[encoding] + before.encode(encoding) + lone[encoding] + after.encode(encoding)
    repaired, content_type = with_known_encoding(body, "application/rss+xml")
    assert repaired.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    assert content_type == "application/rss+xml; charset=utf-8"
    for fast in (True, False):
        feed = parse_feed(body, url="http://e/f", content_type="application/rss+xml", fast=fast)
        assert [entry.title for entry in feed.entries] == ["BAD \ufffd x", "good"]


@pytest.mark.parametrize(
    "linked_data", ["null", '"a string"', "123", '{"@graph": 5}', "[1, null]", "[" * 3000]
)
def test_json_ld_that_holds_no_object_is_no_json_ld(linked_data: str) -> None:
    page = (
        '<html><head><meta property="og:description" content="From the page.">'
        f'<script type="application/ld+json">{linked_data}</script></head><body></body></html>'
    ).encode()
    article = parse_article(
        page, content_type="text/html", summary_selector=None, date_selector=None, language="en"
    )
    assert article.summary_html == "<p>From the page.</p>"


@pytest.mark.parametrize(
    "document",
    [
        f'<rss version="2.0"><channel><item><title>BAD</title><link>{BAD}</link></item>'
        "<item><title>good</title><link>http://e/good</link></item></channel></rss>",
        f'<rss version="2.0"><channel><item><title>BAD</title><guid>{BAD}</guid></item>'
        "<item><title>good</title><link>http://e/good</link></item></channel></rss>",
        f'<feed xmlns="http://www.w3.org/2005/Atom"><entry xml:base="{BAD}"><title>BAD</title>'
        "<id>urn:x</id></entry><entry><title>good</title><id>urn:y</id>"
        '<link href="http://e/good"/></entry></feed>',
    ],
    ids=["rss-link", "rss-permalink-guid", "atom-xml-base"],
)
def test_an_unreadable_address_in_a_feed_loses_that_address(document: str) -> None:
    for fast in (True, False):
        feed = parse_feed(document.encode(), url="http://e/f", content_type=None, fast=fast)
        assert [entry.title for entry in feed.entries] == ["BAD", "good"]


def test_a_date_text_longer_than_any_date_is_read_only_so_far() -> None:
    """Found by an outside attack: kilobytes of digits in a date element cost dateparser half a
    second per item, and a page of such items ran out its parse time (the source was lost)."""
    from aggregator.parse.page_dates import MAX_DATE_TEXT, read_page_date

    assert read_page_date("5 " * 2000 + "December 2026", language="en") is None
    assert read_page_date("5 December 2026", language="en") is not None
    long_but_real = "Publicado em 05/12/2026 às 14h30, atualizado em 06/12/2026 às 09h15"
    assert len(long_but_real) < MAX_DATE_TEXT
    assert read_page_date(long_but_real, language="pt") is not None


@pytest.mark.parametrize("bom", ["utf-16-le", "utf-16-be", "utf-8"])
def test_a_byte_order_mark_wins_over_the_http_charset(bom: str) -> None:
    from aggregator.parse.encoding import decode_html

    marks = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-8": b"\xef\xbb\xbf"}
    body = marks[bom] + "<html><p>Olá, Procuradoria</p></html>".encode(bom)
    assert decode_html(body, "text/html; charset=utf-8") == "<html><p>Olá, Procuradoria</p></html>"
