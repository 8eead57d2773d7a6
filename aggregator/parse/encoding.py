"""Make sure the feed parser decodes a document the way its publisher meant.

feedparser honours a BOM, the HTTP charset and the XML declaration. With none of them and bytes
that are not UTF-8 it falls back to windows-1252, which turns a windows-1251 (Russian) feed into
mojibake. Here such a document is decoded with the encoding charset-normalizer detects and handed
on as UTF-8.
"""

from __future__ import annotations

import re

import charset_normalizer

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")
_DECLARED = re.compile(rb"^\s*<\?xml[^>]*\bencoding\s*=", re.IGNORECASE)
_CHARSET = re.compile(r";\s*charset\s*=", re.IGNORECASE)
DETECT_SAMPLE = 256 * 1024
# Latin-script single-byte encodings decode the same bytes equally "cleanly"; on a short feed
# charset-normalizer cannot tell windows-1252 from windows-1250 or -1257 and may pick either.
# Among equally clean candidates the web's default for undeclared Western text wins (WHATWG
# maps latin-1 to windows-1252); Cyrillic or Greek bytes are not clean in it and are unaffected.
_WESTERN = ("cp1252", "latin_1", "iso8859_15")
_TIE = 0.01


def guess_encoding(sample: bytes) -> str:
    matches = list(charset_normalizer.from_bytes(sample))
    if not matches:
        return "windows-1252"
    cleanest = min(match.chaos for match in matches)
    tied = [match.encoding for match in matches if match.chaos <= cleanest + _TIE]
    western = next((name for name in _WESTERN if name in tied), None)
    return "windows-1252" if western else tied[0]


def with_known_encoding(body: bytes, content_type: str | None) -> tuple[bytes, str | None]:
    """(body, content type) to parse: unchanged unless the encoding had to be guessed."""
    if body.startswith(_BOMS) or _DECLARED.match(body[:512]):
        return body, content_type
    if content_type and _CHARSET.search(content_type):
        return body, content_type
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return body, content_type
    encoding = guess_encoding(body[:DETECT_SAMPLE])
    media_type = (content_type or "application/xml").split(";", 1)[0].strip()
    return body.decode(encoding, errors="replace").encode("utf-8"), f"{media_type}; charset=utf-8"


_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_HEADER_CHARSET = re.compile(r";\s*charset\s*=\s*\"?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def decode_html(body: bytes, content_type: str | None) -> str:
    """An HTML page as text: the charset of the HTTP header, else of a BOM, else of its
    <meta> tag, else UTF-8 if it is valid, else a detected one. (lxml, given bytes, ignores
    HTML5's <meta charset> and guesses Latin-1.)"""
    candidates = []
    header = _HEADER_CHARSET.search(content_type or "")
    if header:
        candidates.append(header.group(1))
    if body.startswith(b"\xef\xbb\xbf"):
        candidates.append("utf-8-sig")
    meta = _META_CHARSET.search(body[:4096])
    if meta:
        candidates.append(meta.group(1).decode("ascii", "replace"))
    for name in candidates:
        try:
            return body.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode(guess_encoding(body[:DETECT_SAMPLE]), errors="replace")


def without_declaration(text: str) -> str:
    """lxml refuses a str that still carries an XML encoding declaration (XHTML pages)."""
    return re.sub(r"^\s*<\?xml[^>]*\?>", "", text, count=1)
