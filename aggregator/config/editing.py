"""Editing feeds.yaml as text, so that every byte outside the edited block stays as it was.

A YAML library that re-emits the whole file would re-indent, re-quote or re-wrap what the
operator wrote. Here ruamel.yaml only locates things (the line of each source and key); the
edit itself is a splice of lines, and the result is validated before it replaces the file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from aggregator.config.loading import Config, parse_config
from aggregator.errors import ConfigError
from aggregator.files import write_atomically
from aggregator.hygiene import clean_text

_PLAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _./:@()+,'&-]*$")


@dataclass(frozen=True, slots=True)
class NewSource:
    id: str
    url: str
    title: str | None = None
    kind: str | None = None
    country: str | None = None
    language: str | None = None
    tags: tuple[str, ...] = ()
    type: str | None = None  # html or jsonfeed; None: a feed
    preset: str | None = None
    article_date: str | None = None  # a list without dates: the date on each article page
    enabled: bool = True


def _scalar(value: str) -> str:
    """A YAML scalar on one line that reads back as the same string: plain when it can be,
    else double-quoted with every character YAML would not keep as it is (a line break, a
    control, U+2028) written as an escape."""
    if (
        _PLAIN.match(value)
        and ": " not in value
        and not value.endswith(":")
        and value.lower() not in ("yes", "no", "true", "false", "null", "on", "off")
    ):
        return value
    quoted = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted) + '"'


# Not printable in YAML (C0 and C1 controls, DEL) or a line break to some readers (NEL,
# U+2028, U+2029), and noncharacters: escaped inside a quoted scalar.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
# What makes a title break lines or show nothing: collapsed into one space.
_BREAKS_AND_CONTROLS = re.compile("[\\s\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def one_line(title: str | None) -> str | None:
    """A title fit for feeds.yaml and every published document: one line, no controls (a
    title read from another reader's OPML or from a remote feed may hold either)."""
    if title is None:
        return None
    return _BREAKS_AND_CONTROLS.sub(" ", clean_text(title)).strip() or None


def _lines(text: str) -> list[str]:
    """The file's lines as YAML counts them: split at CR LF, LF or a lone CR only
    (str.splitlines also splits at U+2028, NEL and form feeds, which a quoted title may hold,
    and the line numbers of ruamel.yaml would no longer match)."""
    return [line for line in re.split(r"(?<=\n)|(?<=\r)(?!\n)", text) if line]


def _document(text: str) -> CommentedMap:
    document = YAML(typ="rt").load(text)
    if not isinstance(document, CommentedMap):
        raise ConfigError(["the config file is not a mapping of keys"])
    return document


def _is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _source_spans(text: str) -> tuple[list[tuple[str, int, int]], int, str]:
    """Each source's (id, first line, end line) as 0-based [start, end) over content lines,
    the line after which a new source goes, and the indentation of the items."""
    document = _document(text)
    lines = _lines(text)
    sources = document.get("sources")
    if not isinstance(sources, CommentedSeq) or not sources:
        raise ConfigError(["the config has no `sources:` list to edit (add one source by hand)"])
    starts = [sources.lc.item(i)[0] for i in range(len(sources))]
    column = sources.lc.item(0)[1]
    # The block ends at the next top-level key after `sources`.
    keys = list(document)
    after = keys.index("sources") + 1
    block_end = document.lc.key(keys[after])[0] if after < len(keys) else len(lines)
    spans = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else block_end
        while end > start + 1 and not _is_content(lines[end - 1]):
            end -= 1  # trailing blank lines and comments belong to what follows
        item = sources[index]
        spans.append((str(item.get("id")) if isinstance(item, CommentedMap) else "", start, end))
    # A "- " item marker sits two columns left of its keys.
    indent = " " * max(column - 2, 0)
    return spans, spans[-1][2], indent


def _validated(text: str, path: Path) -> Config:
    return parse_config(text, path)


def add_sources(path: Path, additions: Sequence[NewSource]) -> str:
    """Append sources after the last one; returns the new text (written only if valid)."""
    text = path.read_text(encoding="utf-8")
    _, insert_at, indent = _source_spans(text)
    lines = _lines(text)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    block = []
    for source in additions:
        block.append(f"{indent}- id: {source.id}\n")
        inner = indent + "  "
        block.append(f"{inner}url: {_scalar(source.url)}\n")
        for key in ("title", "kind", "country", "language"):
            value = one_line(source.title) if key == "title" else getattr(source, key)
            if value:
                block.append(f"{inner}{key}: {_scalar(value)}\n")
        if source.tags:
            block.append(f"{inner}tags: [{', '.join(_scalar(t) for t in source.tags)}]\n")
        if source.type and source.type != "feed":
            block.append(f"{inner}type: {source.type}\n")
        if source.preset:
            block.append(f"{inner}preset: {_scalar(source.preset)}\n")
        if source.article_date:
            block.append(f"{inner}fetch_article: true\n")
            block.append(f"{inner}article: {{date: {_scalar(source.article_date)}}}\n")
        if not source.enabled:
            block.append(f"{inner}enabled: false\n")
    new_text = "".join(lines[:insert_at] + block + lines[insert_at:])
    _validated(new_text, path)
    write_atomically(path, new_text.encode("utf-8"))
    return new_text


def remove_source(path: Path, source_id: str) -> str:
    text = path.read_text(encoding="utf-8")
    spans, _, _ = _source_spans(text)
    found = [(start, end) for sid, start, end in spans if sid == source_id]
    if not found:
        raise ConfigError([f"{path.name}: no source with id {source_id}"])
    if len(spans) == 1:
        raise ConfigError(
            [f"{path.name}: {source_id} is the only source; edit the file to remove it"]
        )
    start, end = found[0]
    lines = _lines(text)
    new_text = "".join(lines[:start] + lines[end:])
    _validated(new_text, path)
    write_atomically(path, new_text.encode("utf-8"))
    return new_text


def set_enabled(path: Path, source_id: str, enabled: bool) -> bool:
    """Set `enabled:` of one source; False if it already had that value."""
    text = path.read_text(encoding="utf-8")
    spans, _, indent = _source_spans(text)
    found = [index for index, (sid, _, _) in enumerate(spans) if sid == source_id]
    if not found:
        raise ConfigError([f"{path.name}: no source with id {source_id}"])
    index = found[0]
    start = spans[index][1]
    item = _document(text)["sources"][index]
    lines = _lines(text)
    wanted = "true" if enabled else "false"
    current = _validated(text, path).source(source_id)
    if current is not None and current.enabled is enabled:
        return False  # as the config reads it ("no", "off", "false" alike)
    if isinstance(item, CommentedMap) and "enabled" in item:
        # Where ruamel says the key is: never a line of another value that reads "enabled:"
        # (a quoted title holding a line break and those words).
        number, column = item.lc.key("enabled")
        line = lines[number]
        value = re.compile(r"enabled\s*:\s*[^\s,}\]#]+").match(line, column)
        if value is None:
            raise ConfigError([f"{path.name}:{number + 1}: cannot edit `enabled:` here"])
        lines[number] = line[:column] + f"enabled: {wanted}" + line[value.end() :]
    elif enabled:
        return False  # no `enabled:` key: it is enabled
    else:
        lines.insert(start + 1, f"{indent}  enabled: false\n")
    new_text = "".join(lines)
    config = _validated(new_text, path)
    source = config.source(source_id)
    if source is None or source.enabled is not enabled:
        raise ConfigError(
            [f"{path.name}: could not set `enabled:` of {source_id}; edit it by hand"]
        )
    write_atomically(path, new_text.encode("utf-8"))
    return True
