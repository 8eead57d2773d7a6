"""Make sure the feed parser decodes a document the way its publisher meant.

feedparser honours a BOM, the HTTP charset and the XML declaration. With none of them and bytes
that are not UTF-8 it falls back to windows-1252, which turns a windows-1251 (Russian) feed into
mojibake. Here such a document is decoded with the encoding charset-normalizer detects and handed
on as UTF-8.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")
# `<?xm` in the encodings a parser recognises without a BOM (XML 1.0, appendix F): UTF-32 and
# UTF-16 of either byte order, and EBCDIC. feedparser reads their declarations itself.
_XML_SIGNATURES = (
    b"\x00\x00\x00\x3c",
    b"\x3c\x00\x00\x00",
    b"\x00\x3c\x00\x3f",
    b"\x3c\x00\x3f\x00",
    b"\x4c\x6f\xa7\x94",
)
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
    """The encoding of an undeclared document that is not UTF-8: the one charset-normalizer
    finds cleanest when it reads the text in another script (Cyrillic, Greek...), else
    windows-1252, as feedparser and the web read undeclared Western text. Among Latin-script
    single-byte encodings charset-normalizer cannot tell a Portuguese "ã" (windows-1252) from a
    Romanian "ă" (windows-1250) on a short feed, and picked the wrong one."""
    matches = list(charset_normalizer.from_bytes(sample))
    if not matches:
        return "windows-1252"
    cleanest = min(match.chaos for match in matches)
    tied = [match.encoding for match in matches if match.chaos <= cleanest + _TIE]
    if any(name in tied for name in _WESTERN) or _latin_script(str(matches[0])):
        return "windows-1252"
    return tied[0]


def _latin_script(text: str) -> bool:
    """Most of the letters of `text` beyond ASCII are Latin ones."""
    letters = [c for c in text if not c.isascii() and c.isalpha()]
    latin = sum(1 for c in letters if unicodedata.name(c, "").startswith("LATIN"))
    return latin * 2 >= len(letters)


# A valid UTF-8 sequence of two to four bytes.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
# ... or of an encoded surrogate (ED A0 80: UTF-8 in shape, a character it forbids).
_UTF8_SHAPED = re.compile(_UTF8_SEQUENCE.pattern + rb"|\xed[\xa0-\xbf][\x80-\xbf]")
_NON_ASCII = re.compile(rb"[\x80-\xff]")
_DECLARED_NAME = re.compile(
    rb"^\s*<\?xml[^>]*\bencoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)", re.IGNORECASE
)


def mostly_utf8(body: bytes) -> bool:
    """UTF-8 with some bad bytes (a stray surrogate, a cut character), not text in another
    encoding: at least half of its non-ASCII bytes belong to UTF-8 sequences. In text
    written in windows-1252 or Latin-1 such sequences are rare accidents (an accented letter
    is one byte there, followed by ASCII), so the two are far apart."""
    valid = sum(len(sequence) for sequence in _UTF8_SHAPED.findall(body))
    high = len(_NON_ASCII.findall(body))
    return valid > 0 and valid * 2 >= high


def _utf8_meant(body: bytes, content_type: str | None) -> bool:
    """The document says it is UTF-8 (a BOM, its declaration, the HTTP charset), or says
    nothing."""
    if body.startswith(_BOMS) and not body.startswith(b"\xef\xbb\xbf"):
        return False
    names = []
    header = _HEADER_CHARSET.search(content_type or "")
    if header:
        names.append(header.group(1))
    declared = _DECLARED_NAME.match(body[:512])
    if declared:
        names.append(declared.group(1).decode("ascii"))
    return all(name.lower().replace("_", "-") in ("utf-8", "utf8") for name in names)


def repaired_utf8(body: bytes, content_type: str | None) -> bytes:
    """A UTF-8 document with a few invalid bytes, those bytes replaced by U+FFFD: a parser
    would otherwise read the whole document as windows-1252 (feedparser's fallback), and
    every accented letter of it would come out wrong. Anything else is returned as it is."""
    if not _utf8_meant(body, content_type):
        return body
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        if mostly_utf8(body):
            return body.decode("utf-8", errors="replace").encode("utf-8")
    return body


# Python codecs that are no character encoding of the web: a server that names one as its
# charset ("unicode_escape" turns `\ud800` into a lone surrogate, "rot13" is a text transform)
# is ignored, as a browser ignores a label it does not know.
_NOT_CHARSETS = frozenset(
    {"unicode_escape", "raw_unicode_escape", "unicode_internal", "punycode", "idna", "undefined"}
)


def is_charset(name: str) -> bool:
    """The name is a character encoding a document can be written in."""
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):
        return False
    return info.name.replace("-", "_") not in _NOT_CHARSETS and getattr(
        info, "_is_text_encoding", True
    )


def usable_content_type(content_type: str | None) -> str | None:
    """The content type without a charset parameter that names no character encoding."""
    header = _HEADER_CHARSET.search(content_type or "")
    if content_type is None or header is None or is_charset(header.group(1)):
        return content_type
    return content_type.split(";", 1)[0].strip()


def repaired_utf16(body: bytes) -> tuple[bytes, bool]:
    """A UTF-16 or UTF-32 document (by its BOM) that does not decode (a lone surrogate, an odd
    byte at the end), decoded with U+FFFD for what does not and handed on as UTF-8: a parser
    would otherwise refuse the whole document. (the body, whether it was re-encoded)"""
    for bom, encoding in _WIDE_BOMS:
        if body.startswith(bom):
            try:
                body.decode(encoding)
            except UnicodeDecodeError:
                text = body.decode(encoding, errors="replace")
                return _declared_utf8(without_declaration(text)).encode("utf-8"), True
            return body, False
    return body, False


_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def _declared_utf8(text: str) -> str:
    return '<?xml version="1.0" encoding="utf-8"?>' + text


def with_known_encoding(body: bytes, content_type: str | None) -> tuple[bytes, str | None]:
    """(body, content type) to parse: unchanged unless the encoding had to be guessed, a
    UTF-8, UTF-16 or UTF-32 document had a few invalid bytes (replaced), or the server named
    a charset that is none."""
    content_type = usable_content_type(content_type)
    body, reencoded = repaired_utf16(body)
    if reencoded:
        media_type = (content_type or "application/xml").split(";", 1)[0].strip()
        return body, f"{media_type}; charset=utf-8"
    body = repaired_utf8(body, content_type)
    if body.startswith(_BOMS + _XML_SIGNATURES) or _DECLARED.match(body[:512]):
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
    # A byte order mark wins over the header, as browsers read it (WHATWG's "BOM sniffing").
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), *_WIDE_BOMS):
        if body.startswith(bom):
            candidates.append(encoding)
            break
    header = _HEADER_CHARSET.search(content_type or "")
    if header and is_charset(header.group(1)):
        candidates.append(header.group(1))
    meta = _META_CHARSET.search(body[:4096])
    if meta and is_charset(meta.group(1).decode("ascii", "replace")):
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
