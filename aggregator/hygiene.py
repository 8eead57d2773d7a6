"""Text hygiene: what a text may hold once it has entered the aggregator.

Every text read from a source (an item's title, summary, content, author, link, id and
categories; a feed's title, link and warnings) passes through `clean_text` where it is
normalized, before it is stored. What comes out is valid Unicode that XML 1.0 can carry, so no
single character can make a published document invalid, and no writer can fail on it:

- C0 controls other than tab, LF and CR, and DEL, are removed (XML 1.0 forbids the first;
  none of them is text);
- C1 controls (U+0080-U+009F) become the windows-1252 character of the same byte where it has
  one: they come from text written in windows-1252 and decoded as Latin-1, or from numeric
  references such as `&#146;` (HTML5 reads those as windows-1252 too); the five bytes that
  windows-1252 leaves undefined are removed;
- surrogates: a high one followed by a low one (text decoded with `surrogatepass`) is the one
  character they encode; any other (from a JSON escape such as `\\ud800`) is removed;
- noncharacters (U+FFFE, U+FFFF, their counterparts in every plane, U+FDD0-U+FDEF) are
  removed.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

_NONCHARACTERS = "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef" + _NONCHARACTERS + "]"
)
# The same characters, and every character beyond the BMP with them: a class of a few ranges,
# which the regex engine tests far faster than one holding the 34 single noncharacters of the
# planes. Only a text it finds something in (rare: an emoji will do) is searched with _UNSAFE.
_SUSPECT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\U00010000-\U0010ffff]"
)
_SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")


def _windows_1252(code: int) -> str:
    try:
        return bytes([code]).decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: nothing there
        return ""


_C1 = {chr(code): _windows_1252(code) for code in range(0x80, 0xA0)}


def _replacement(match: re.Match[str]) -> str:
    return _C1.get(match.group(), "")


def _pair(match: re.Match[str]) -> str:
    high, low = (ord(c) for c in match.group())
    return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


def clean_text(text: str) -> str:
    """`text` without anything XML 1.0 or UTF-8 cannot carry (see the module's docstring).
    Text with nothing to clean is returned as it is, after one or two regex searches."""
    if is_clean(text):
        return text
    text = _SURROGATE_PAIR.sub(_pair, text)
    return _UNSAFE.sub(_replacement, text)


def clean_optional(text: str | None) -> str | None:
    return None if text is None else clean_text(text)


def is_clean(text: str) -> bool:
    return _SUSPECT.search(text) is None or _UNSAFE.search(text) is None


def join_url(base: str | None, reference: str) -> str | None:
    """reference resolved against base, or None when the result cannot be read as an address
    (an unclosed IPv6 bracket, a port out of range, which urllib raises on): one bad address
    loses that address, not its item, its page or its feed."""
    try:
        joined = urljoin(base or "", reference)
        _ = urlsplit(joined).port  # reading the port checks it
    except ValueError:
        return None
    return joined
