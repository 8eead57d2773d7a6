"""Normalizing an entry (normalize/entries.py): canonical and safe links, sanitized HTML, plain
text, the item's key and content hash, and the text search indexes."""

from __future__ import annotations

import random
import re
import sys
from datetime import UTC, datetime, timedelta

import pytest

from aggregator.normalize.entries import (
    canonical_link,
    collapse_whitespace,
    normalize_entry,
    plain_text,
    published_link,
    safe_link,
    sanitize_html,
)
from tests.support.items import entry

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        (
            "HTTPS://WWW.Example.ORG:443/a/b?utm_source=x&id=7&utm_medium=y#frag",
            "https://www.example.org/a/b?id=7",
        ),
        ("http://example.org:80", "http://example.org/"),
        ("http://example.org:8080/x?fbclid=abc&gclid=1", "http://example.org:8080/x"),
        ("https://example.org/x?q=a%20b", "https://example.org/x?q=a+b"),
        ("https://example.org/x?b=2&a=1", "https://example.org/x?a=1&b=2"),
        ("https://example.org/news/item/", "https://example.org/news/item"),
        ("https://example.org/a;jsessionid=AB12?PHPSESSID=x&id=3", "https://example.org/a?id=3"),
        ("https://example.org/caf%c3%a9", "https://example.org/caf%C3%A9"),
        ("javascript:alert(1)", None),
        ("mailto:a@example.org", None),
        ("", None),
        ("http://[::1", None),
    ],
)
def test_canonical_link(raw: str, canonical: str | None) -> None:
    assert canonical_link(raw) == canonical


@pytest.mark.parametrize(
    ("raw", "published"),
    [
        # The demo's cross-posted release as Europol's feed links it (issue #24).
        (
            "https://WWW.Europol.Europa.EU:443/media-press/newsroom/news/x"
            "?utm_source=govuk&utm_medium=atom#partners",
            "https://www.europol.europa.eu/media-press/newsroom/news/x#partners",
        ),
        ("HTTP://Example.ORG:80/A/B/?id=7&FBCLID=1", "http://example.org/A/B/?id=7"),
        ("http://example.org:8080/x?b=2&a=1", "http://example.org:8080/x?b=2&a=1"),
        ("https://example.org/x?q=a%20b&utm_campaign=n", "https://example.org/x?q=a%20b"),
        ("https://example.org/a;jsessionid=AB12?PHPSESSID=x&id=3", "https://example.org/a?id=3"),
        ("https://user:secret@example.org/a", "https://example.org/a"),
        ("https://[2001:db8::1]:443/a", "https://[2001:db8::1]/a"),
        ("https://example.org/caf%c3%a9#top", "https://example.org/caf%c3%a9#top"),
        ("javascript:alert(1)", None),
        ("/relative", None),
        ("", None),
    ],
)
def test_published_link_drops_tracking_and_keeps_the_page(raw: str, published: str | None) -> None:
    assert published_link(raw) == published


def test_safe_link_resolves_relative_and_refuses_scripts() -> None:
    assert safe_link("/news/1", "https://example.org/feed") == "https://example.org/news/1"
    assert safe_link("javascript:alert(1)", "https://example.org/") is None
    assert safe_link("data:text/html,hi", None) is None
    assert safe_link(None, "https://example.org/") is None


def test_sanitize_removes_scripts_handlers_and_bad_urls_and_absolutizes() -> None:
    dirty = (
        '<p onclick="x()">Hi <a href="/a">rel</a> <a href="javascript:evil()">js</a>'
        '<img src="img.png" onerror="alert(1)"></p><script>alert(1)</script>'
        '<iframe src="https://evil.example/"></iframe><style>p{}</style>'
    )
    clean = sanitize_html(dirty, "https://example.org/news/")
    assert "script" not in clean and "onclick" not in clean and "onerror" not in clean
    assert "javascript:" not in clean and "iframe" not in clean and "style" not in clean
    assert 'href="https://example.org/a"' in clean
    assert 'src="https://example.org/news/img.png"' in clean
    assert "Hi" in clean and ">js</a>" in clean


def test_plain_text_decodes_and_collapses() -> None:
    assert plain_text("<p>A &amp; B</p>\n<p>C&nbsp;D</p>") == "A & B C D"
    assert plain_text("") == ""


def test_item_key_prefers_guid_then_link_then_hash() -> None:
    base = "https://example.org/feed"
    assert (
        normalize_entry(
            entry(guid=" 845996 at https://www.gov.za ", link="/a"), base=base, now=NOW
        ).key
        == "845996 at https://www.gov.za"
    )
    by_link = normalize_entry(entry(link="/a?utm_source=x"), base=base, now=NOW)
    assert by_link.key == "https://example.org/a"
    hashed = normalize_entry(entry(), base=base, now=NOW)
    assert hashed.key.startswith("hash:")
    other_date = normalize_entry(entry(published=NOW - timedelta(days=1)), base=base, now=NOW)
    assert other_date.key != hashed.key


def test_content_hash_ignores_dates_and_ids_but_not_text() -> None:
    base = "https://example.org/"
    one = normalize_entry(entry(guid="a", summary="<p>x</p>", published=NOW), base=base, now=NOW)
    same = normalize_entry(entry(guid="b", summary="<p>x</p>", updated=NOW), base=base, now=NOW)
    edited = normalize_entry(entry(guid="a", summary="<p>y</p>"), base=base, now=NOW)
    assert one.content_hash == same.content_hash != edited.content_hash


def test_html_title_becomes_text_and_future_date_falls_back() -> None:
    item = normalize_entry(
        entry(
            title="<b>Fraud</b> &amp; bribery",
            published=NOW + timedelta(days=400),
            link="javascript:x()",
        ),
        base="https://example.org/",
        now=NOW,
    )
    assert item.title == "Fraud & bribery"
    assert item.published is None and item.link is None


def test_search_text_is_the_longer_body_as_plain_text() -> None:
    """Worked out in the parse worker, so the store thread only writes it."""
    item = normalize_entry(
        entry(summary="<p>Short &amp; sweet</p>", content="<p>The <b>whole</b> release.</p>"),
        base="https://example.org/",
        now=NOW,
    )
    assert item.search_text == "The whole release."
    assert normalize_entry(entry(), base="https://example.org/", now=NOW).search_text == ""


def test_gov_uk_ids_lose_their_timestamp_and_identity_settings_choose_the_key() -> None:
    from aggregator.normalize.entries import stable_guid

    churn = "https://www.gov.uk/government/news/sfo-secures-conviction#2026-11-25T10:12:40Z"
    assert stable_guid(churn) == "https://www.gov.uk/government/news/sfo-secures-conviction"
    assert stable_guid("https://e.org/a#2026-11-25T10:12:40+00:00") == "https://e.org/a"
    assert stable_guid("https://e.org/a#section-2") == "https://e.org/a#section-2"
    assert stable_guid("845996 at https://www.gov.za") == "845996 at https://www.gov.za"
    base = "https://example.org/feed"
    raw = entry(guid=churn, link="/a", title="Same  Title")
    assert normalize_entry(raw, base=base, now=NOW).key == stable_guid(churn)
    assert normalize_entry(raw, base=base, now=NOW, identity="guid").key == churn
    assert normalize_entry(raw, base=base, now=NOW, identity="link").key == (
        "https://example.org/a"
    )
    assert normalize_entry(raw, base=base, now=NOW, identity="title").key == "title:same title"
    by_content = normalize_entry(raw, base=base, now=NOW, identity="content").key
    edited = normalize_entry(
        entry(guid=churn, link="/a", title="Other"), base=base, now=NOW, identity="content"
    ).key
    assert by_content.startswith("content:") and by_content != edited


def test_www_is_ignored_only_when_configured() -> None:
    assert canonical_link("https://www.mpf.mp.br/a") == "https://www.mpf.mp.br/a"
    assert canonical_link("https://www.mpf.mp.br/a", ignore_www=True) == "https://mpf.mp.br/a"
    assert canonical_link("https://wwwx.example/a", ignore_www=True) == "https://wwwx.example/a"


def test_collapse_whitespace_is_the_regular_expressions_result_for_every_unicode_space() -> None:
    """It replaced `re.sub(r"\\s+", " ", text).strip()`: stored texts (search, band keys) must
    come out the same, for every character either one counts as whitespace."""
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if re.fullmatch(r"\s", chr(c))]
    assert "\xa0" in spaces and "\u3000" in spaces and "\u200b" not in spaces
    alphabet = [*spaces, "a", "б", "\u200b", "\ufeff", "&"]
    chance = random.Random(8)
    for _ in range(20_000):
        text = "".join(chance.choice(alphabet) for _ in range(chance.randint(0, 10)))
        assert collapse_whitespace(text) == re.sub(r"\s+", " ", text).strip(), repr(text)
    assert plain_text("<p>Fiscalía\u00a0 de&nbsp;Chile</p>\n<p> acusa </p>") == (
        "Fiscalía de Chile acusa"
    )


@pytest.mark.parametrize(
    "title", ["\u200b\u200b", "\u200e\u200f\u202e", "\xad\xad", "\u2060 \u2060", "\ufeff"]
)
def test_a_title_nobody_can_see_is_no_title(title: str) -> None:
    """Found by an outside attack: titles of zero-width characters or directional marks only
    were published as they were (an entry with an empty-looking title)."""
    item = normalize_entry(
        entry(
            title=title,
            summary="<p>The prosecutor charged three people.</p>",
            link="https://agency.example/news/1",
        ),
        base=None,
        now=datetime(2026, 12, 5, tzinfo=UTC),
    )
    assert item.title == "The prosecutor charged three people."


def test_a_right_to_left_override_does_not_reverse_a_title() -> None:
    item = normalize_entry(
        entry(title="Invoice \u202efdp.exe", link="https://agency.example/news/1"),
        base=None,
        now=datetime(2026, 12, 5, tzinfo=UTC),
    )
    assert item.title == "Invoice fdp.exe"


def test_a_link_with_characters_no_uri_holds_is_published_escaped() -> None:
    """Noted by an outside attack: `http://a b/` reached href and url attributes as it was."""
    assert safe_link('https://agency.example/news/a b?q="x"', None) == (
        "https://agency.example/news/a%20b?q=%22x%22"
    )
    assert safe_link("/press release", "https://agency.example/") == (
        "https://agency.example/press%20release"
    )
    assert safe_link("https://agency.example/ok%20done", None) == "https://agency.example/ok%20done"


def test_what_an_item_keeps_of_a_huge_summary_and_content_is_bounded() -> None:
    """Found by an outside attack: 500 KB summaries and contents made every published feed
    about 100 MB, and each publish take 10 s and 1 GB."""
    from aggregator.normalize.entries import MAX_CONTENT_HTML, MAX_SUMMARY_HTML

    paragraph = "<p>" + "The prosecutor charged three people with fraud. " * 20 + "</p>"
    item = normalize_entry(
        entry(summary=paragraph * 1000, content=paragraph * 1000, link="https://a.example/1"),
        base=None,
        now=datetime(2026, 12, 5, tzinfo=UTC),
    )
    assert len(item.summary_html) <= MAX_SUMMARY_HTML + 16
    assert len(item.content_html) <= MAX_CONTENT_HTML + 16
    assert item.summary_html.endswith("</p>") and item.content_html.endswith("</p>")


def test_a_link_stored_before_escaping_is_published_escaped_not_dropped() -> None:
    from aggregator.normalize.entries import http_url

    assert http_url("https://podcast.example/file name.mp3") == (
        "https://podcast.example/file%20name.mp3"
    )
    assert http_url("https://x.example/?q=a|b") == "https://x.example/?q=a|b"
    assert http_url("/relative") is None and http_url("javascript:alert(1)") is None
