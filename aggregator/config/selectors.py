"""The selector language of `type: html` sources.

A selector is CSS (`h3.title a`) or, with the prefix `xpath:`, XPath (`xpath:.//h3/a`). A CSS
selector may end in `@name` to take an attribute instead of the text (`a@href`, `time@datetime`);
`@name` alone reads the attribute of the item element itself. XPath may select attributes or
text directly (`xpath:.//a/@href`). Selectors are compiled once per process and cached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lxml import etree
from lxml.cssselect import CSSSelector, SelectorError

_ATTRIBUTE = re.compile(r"^(?P<css>.*?)\s*@(?P<attr>[A-Za-z_:][\w:.-]*)$")


@dataclass(frozen=True, slots=True)
class Selector:
    text: str
    xpath: etree.XPath
    attribute: str | None


@lru_cache(maxsize=512)
def compile_selector(text: str) -> Selector:
    """Compile a selector; ValueError with a readable message if it is not valid."""
    source = text.strip()
    if not source:
        raise ValueError("empty selector")
    if source.startswith("xpath:"):
        expression = source.removeprefix("xpath:").strip()
        try:
            return Selector(source, etree.XPath(expression), None)
        except etree.XPathSyntaxError as exc:
            raise ValueError(f"invalid XPath {expression!r}: {exc}") from exc
    attribute = None
    match = _ATTRIBUTE.match(source)
    if match:
        source, attribute = match.group("css"), match.group("attr")
    if not source:
        return Selector(text, etree.XPath("."), attribute)
    try:
        css = CSSSelector(source)
    except SelectorError as exc:
        raise ValueError(f"invalid CSS selector {source!r}: {exc}") from exc
    return Selector(text, etree.XPath(css.path), attribute)


def select(selector: str, element: Any) -> list[Any]:
    """Every match below `element`: elements, or strings for attributes and text()."""
    compiled = compile_selector(selector)
    found = compiled.xpath(element)
    matches = found if isinstance(found, list) else [found]
    if compiled.attribute is None:
        return matches
    values = []
    for match in matches:
        if isinstance(match, etree._Element):
            value = match.get(compiled.attribute)
            if value is not None:
                values.append(value)
    return values


def first_text(selector: str | None, element: Any) -> str | None:
    """The text (or attribute value) of the first match, whitespace collapsed; None if none."""
    if not selector:
        return None
    for match in select(selector, element):
        text = _text_of(match)
        if text:
            return text
    return None


def all_texts(selector: str | None, element: Any) -> list[str]:
    if not selector:
        return []
    return [text for text in (_text_of(match) for match in select(selector, element)) if text]


def first_html(selector: str | None, element: Any) -> str:
    """The inner HTML of the first matching element (or a matched string, as text)."""
    if not selector:
        return ""
    for match in select(selector, element):
        if isinstance(match, etree._Element):
            inner = (match.text or "") + "".join(
                etree.tostring(child, encoding="unicode", method="html") for child in match
            )
            if inner.strip():
                return inner.strip()
        elif str(match).strip():
            return _escape(str(match).strip())
    return ""


def _text_of(match: Any) -> str:
    if isinstance(match, etree._Element):
        raw = (
            str(match.text_content())
            if hasattr(match, "text_content")
            else "".join(str(part) for part in match.itertext())
        )
    else:
        raw = str(match)
    return _collapse(raw)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _collapse(text: str) -> str:
    return " ".join(text.split())
