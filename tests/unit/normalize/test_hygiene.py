"""Text and HTML hygiene on plain values (docs/security.md): text keeps only what XML and UTF-8
carry (hygiene.py, applied to every field by normalize), HTML that would cost a parser far more
than its size is bounded and keeps its text, and only http(s) addresses reach the output."""

from __future__ import annotations

import time

import pytest
from lxml import etree

from aggregator.hygiene import _SUSPECT, _UNSAFE, clean_text, is_clean
from aggregator.normalize.entries import (
    MAX_DEPTH,
    MAX_HTML,
    costly_html,
    http_url,
    plain_text,
    sanitize_html,
)


def xml_accepts(text: str) -> bool:
    try:
        etree.Element("x").text = text
    except ValueError:
        return False
    return True


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("a\x01b\x1fc\x7fd", "abcd"),
        ("tab\tLF\nCR\r kept", "tab\tLF\nCR\r kept"),
        ("non\ufffe\uffffchar\U0001fffe", "nonchar"),
        ("lone \ud800 high, lone \udfff low", "lone  high, lone  low"),
        ("a pair \ud83d\ude00 joined", "a pair \U0001f600 joined"),
        ("cp1252 \x93quoted\x94 \x85 \x80", "cp1252 \u201cquoted\u201d \u2026 \u20ac"),
        ("undefined \x81\x8d\x8f\x90\x9d bytes", "undefined  bytes"),
        ("plain text stays", "plain text stays"),
    ],
)
def test_clean_text_keeps_only_what_xml_and_utf8_carry(dirty: str, clean: str) -> None:
    assert clean_text(dirty) == clean
    assert xml_accepts(clean_text(dirty))
    assert is_clean(clean_text(dirty))
    clean_text(dirty).encode("utf-8")  # no surrogate left


def test_clean_text_is_idempotent_and_returns_clean_text_as_it_is() -> None:
    text = "Procuradoria-Geral — «Сегодня» 中文"
    assert clean_text(text) is text
    assert clean_text(clean_text("x\x02\ud800y")) == clean_text("x\x02\ud800y")


def test_deep_html_keeps_its_text_and_costs_little() -> None:
    deep = "<div>" * 300_000 + "deep text" + "</div>" * 300_000
    started = time.process_time()
    cleaned = sanitize_html(deep[: MAX_HTML - 100] + "tail", None)
    text = plain_text("<ul><li>" * 50_000 + "listed")
    assert time.process_time() - started < 3  # nh3 alone: 20 s and 51 s
    assert "<div" not in cleaned
    assert text == "listed"
    # A long list of unclosed <li> (optional end tags) is not deep: it stays HTML.
    items = "<ul>" + "<li>item" * (4 * MAX_DEPTH) + "</ul>"
    assert not costly_html(items)
    assert sanitize_html(items, None).count("<li>") == 4 * MAX_DEPTH


@pytest.mark.parametrize(
    "fragment",
    [
        "<div/>" * 100_000 + "x",  # the slash closes nothing: these nest
        "<div></span>" * 60_000 + "x",  # end tags of nothing open close nothing
        "<p>" + "".join(f'<b title="t{n}">' for n in range(250)) + "<p>x" * 2_000,
        "<span>x</span>" * 30_000,  # many elements
    ],
    ids=["self-closed-divs", "wrong-end-tags", "formatting-times-blocks", "many-elements"],
)
def test_html_that_costs_a_parser_far_more_than_its_size_keeps_its_text(fragment: str) -> None:
    started = time.process_time()
    cleaned = sanitize_html(fragment, None)
    assert time.process_time() - started < 2
    assert len(cleaned) < 2 * len(fragment) + 1000
    assert costly_html(fragment)


def test_ordinary_html_is_not_costly() -> None:
    release = "<p>The <b>Prosecutor</b> <a href='x'>charged</a> <i>three</i> people.</p>" * 200
    assert not costly_html(release)
    assert "<b>Prosecutor</b>" in sanitize_html(release, None)


def test_html_cut_at_the_cap_is_cut_before_a_tag() -> None:
    fragment = "<p>" + "x" * (MAX_HTML - 5) + "<strong>bold</strong></p>"
    cleaned = sanitize_html(fragment, None)
    assert "&lt;" not in cleaned and cleaned.endswith("</p>")


def test_only_http_urls_pass_to_output() -> None:
    assert http_url("https://example.org/x") == "https://example.org/x"
    for bad in ("javascript:alert(1)", "data:text/html,x", "/relative", "", None, "ftp://x/"):
        assert http_url(bad) is None


def test_the_quick_check_and_the_full_one_agree_on_every_code_point() -> None:
    # is_clean first searches a class of a few ranges (every character beyond the BMP in
    # it), then the exact one: whatever the exact class holds, the quick one must hold too.
    for code in range(0x110000):
        char = chr(code)
        unsafe = _UNSAFE.match(char) is not None
        assert not unsafe or _SUSPECT.match(char) is not None, hex(code)
        assert is_clean(f"a{char}b") is not unsafe, hex(code)


def test_an_address_urllib_cannot_read_is_no_address() -> None:
    from aggregator.hygiene import join_url

    assert join_url("http://e/a/", "b") == "http://e/a/b"
    assert join_url(None, "http://e/x") == "http://e/x"
    assert join_url("http://e/", "http://[bad/x") is None  # "Invalid IPv6 URL"
    assert join_url("http://[bad/", "x") is None
    assert join_url("http://e/", "http://e:99999/x") is None  # port out of range
    assert join_url("http://e/", "//[::1]:8080/x") == "http://[::1]:8080/x"
