"""feeds.yaml -> Config.

The YAML is read with ruamel.yaml's round-trip loader because it keeps the line of every key and
list item: every problem is reported as `feeds.yaml:LINE: path: message`, all at once, so an
operator fixes the file in one pass. Validation itself is pydantic (the models: settings.py).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from aggregator.config.settings import (
    SLUG,
    SOURCE_KINDS,
    TAG,
    ArticleSelectors,
    ConfigFile,
    Defaults,
    FetchSettings,
    HtmlSelectors,
    OutputSettings,
    RetentionSettings,
    RuleSettings,
    RuleWhere,
    SourceSettings,
    StoriesSettings,
    TaggingSettings,
    normalize_tag,
    parse_duration,
    parse_size,
)
from aggregator.errors import ConfigError

__all__ = [
    "SLUG",
    "SOURCE_KINDS",
    "TAG",
    "Config",
    "ConfigFile",
    "RuleSettings",
    "SourceSettings",
    "load_config",
    "normalize_tag",
    "parse_config",
    "parse_duration",
    "parse_size",
]


@dataclass(frozen=True, slots=True)
class Config:
    """A validated config with its paths resolved against the config file's folder."""

    path: Path
    settings: ConfigFile
    store_url: str
    output_dir: Path

    @property
    def sources(self) -> list[SourceSettings]:
        return self.settings.sources

    # Source id -> its settings, made at the first lookup: a round looks every source up, and a
    # search of the list each time grew with the square of the number of sources. (A config's
    # sources never change once loaded: a reload makes a new Config.)
    _by_id: dict[str, SourceSettings] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def source(self, source_id: str) -> SourceSettings | None:
        if not self._by_id and self.settings.sources:
            # ids are unique (validated); the first of each kept all the same, as the search
            # did. Made apart and added in one step: a thread looking up meanwhile finds the
            # dict empty (and makes its own) or whole, never half made.
            made = {configured.id: configured for configured in reversed(self.settings.sources)}
            self._by_id.update(made)
        return self._by_id.get(source_id)

    def interval_of(self, source: SourceSettings) -> timedelta:
        return source.interval or self.settings.defaults.interval

    def max_age_of(self, source: SourceSettings) -> timedelta:
        """How old an item of a new source's first fetch may be and still be published."""
        return source.max_age or self.settings.defaults.max_age


STORE_VARIABLE = "AGGREGATOR_STORE"


def resolve_store_url(store: str, base: Path) -> str:
    """A path (relative to the config file) becomes an SQLite URL; an SQLAlchemy URL is kept."""
    if "://" in store:
        return store
    path = Path(store).expanduser()
    if not path.is_absolute():
        path = base / path
    return f"sqlite:///{path}"


def load_config(path: Path) -> Config:
    """Read and validate a config file; raise ConfigError listing every problem with its line."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError([f"{path}: cannot read the config file: {exc.strerror}"]) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError([f"{name}: the file is not UTF-8 ({exc.reason})"]) from exc
    return parse_config(text, path)


def parse_config(text: str, path: Path) -> Config:
    settings = _parse_fast(text) or _parse_with_lines(text, path.name)
    # The environment may say where the store is (a database password stays out of the file).
    store = os.environ.get(STORE_VARIABLE) or settings.store
    base = path.resolve().parent
    output_dir = Path(settings.output.dir).expanduser()
    return Config(
        path=path,
        settings=settings,
        store_url=resolve_store_url(store, base),
        output_dir=output_dir if output_dir.is_absolute() else base / output_dir,
    )


def _parse_fast(text: str) -> ConfigFile | None:
    """A valid file, read by the C parser (ruamel.yaml.clib) with the same YAML 1.2 rules:
    much faster than the round-trip reader, which matters for a few thousand sources
    (docs/performance.md, "What changed in this round of work").
    None on any problem: the round-trip reader then says where it is."""
    if nesting_bound(text) > MOST_NESTING:
        return None  # the C parser has no depth limit: it would overflow the C stack
    try:
        document = YAML(typ="safe").load(text)
        if expanded_size(document, MOST_VALUES) > MOST_VALUES:
            return None
        settings = ConfigFile.model_validate(document if document is not None else {})
    except (YAMLError, ValidationError, ValueError, TypeError):
        return None
    ids = [source.id for source in settings.sources]
    return settings if len(ids) == len(set(ids)) else None


def _parse_with_lines(text: str, name: str) -> ConfigFile:
    """Read with line numbers; raise ConfigError naming the line of every problem."""
    try:
        document = YAML(typ="rt").load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        problem = plain_yaml_problem(exc.problem or exc.context or "invalid YAML")
        raise ConfigError([f"{name}:{line}: {problem}"]) from exc
    except ReaderError as exc:
        line = text.count("\n", 0, max(exc.position, 0)) + 1
        raise ConfigError(
            [
                f"{name}:{line}: the character U+{exc.character:04X} is not allowed in YAML "
                "(a control character: delete it)"
            ]
        ) from exc
    except YAMLError as exc:
        raise ConfigError([f"{name}:1: invalid YAML: {exc}"]) from exc
    except RecursionError as exc:
        raise ConfigError(
            [f"{name}:1: the file is nested too deeply (more than {MOST_NESTING} levels)"]
        ) from exc
    if expanded_size(document, MOST_VALUES) > MOST_VALUES:
        raise ConfigError(
            [
                f"{name}:1: the file's aliases (*name) expand to more than {MOST_VALUES:,} "
                "values (or refer to themselves): write the values out"
            ]
        )
    if document is None:
        document = CommentedMap()
    if not isinstance(document, CommentedMap):
        raise ConfigError(
            [f"{name}:1: the file must be a mapping of keys (store, output, sources...)"]
        )
    lines = _line_map(document)
    plain = _plain(document)
    # Every problem at once, in the order of the file's lines.
    problems = _duplicate_ids(plain, name, lines)
    settings = None
    try:
        settings = ConfigFile.model_validate(plain)
    except ValidationError as exc:
        problems += _describe(exc, name, lines)
    if problems or settings is None:
        raise ConfigError(sorted(problems, key=_line_of))
    return settings


# A config of several thousand sources is some hundred thousand values and a dozen levels deep;
# these bounds stop an alias bomb (`&a [*b, *b, ...]` repeated) or a file nested tens of thousands
# of levels deep before they take the memory or the stack of the daemon that reloads them.
MOST_VALUES = 2_000_000
MOST_NESTING = 400


def nesting_bound(text: str) -> int:
    """At least the file's nesting depth, read on its text: a block level indents at least one
    column (or two, for "- " on the same line), a flow level opens a bracket. Brackets inside
    quoted strings and comments are counted too (telling them apart would take a YAML parser,
    and a wrong guess let 100,000 levels through): balanced ones cancel out, and a bound too
    high costs only the slower reader."""
    deepest_indent = 0
    for line in text.splitlines():
        content = line.lstrip(" -?:")
        deepest_indent = max(deepest_indent, len(line) - len(content))
    flow_depth = deepest_flow = 0
    for bracket in _BRACKETS.findall(text):
        flow_depth = flow_depth + 1 if bracket in "[{" else max(flow_depth - 1, 0)
        deepest_flow = max(deepest_flow, flow_depth)
    return deepest_indent + deepest_flow


_BRACKETS = re.compile(r"[\[\]{}]")


def expanded_size(document: Any, limit: int) -> int:
    """How many values the document holds once its aliases are expanded, counted without
    expanding them (each shared container once, by identity); more than limit when a container
    contains itself."""
    sizes: dict[int, int] = {}
    open_containers: set[int] = set()

    def size(node: Any) -> int:
        if not isinstance(node, dict | list):
            return 1
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_containers:
            return limit + 1  # a container inside itself never ends
        open_containers.add(key)
        children = node.values() if isinstance(node, dict) else node
        total = 1
        for child in children:
            total += size(child)
            if total > limit:
                break
        open_containers.discard(key)
        sizes[key] = total
        return total

    try:
        return size(document)
    except RecursionError:
        return limit + 1


# The YAML parser's words, said plainly.
_PLAIN_YAML = (
    ("'\\t' that cannot start any token", "a tab: YAML does not allow tabs, indent with spaces"),
    (
        "expected <block end>",
        "this line's indentation does not match the lines around it (the keys of one section "
        "start in the same column)",
    ),
    ("mapping values are not allowed here", "a colon inside a value: put the value in quotes"),
    (
        "could not find expected ':'",
        "a key without its colon (key: value), or a line that continues the one before",
    ),
    ("found duplicate key", "this key appears twice in the same section"),
    ("found unexpected end of stream", "a quote or bracket is not closed"),
    ("while scanning a quoted scalar", "a quote is not closed"),
    ("expected ',' or ']'", "a list in [ ] is not closed, or lacks a comma"),
    ("expected ',' or '}'", "a mapping in { } is not closed, or lacks a comma"),
)


def plain_yaml_problem(problem: str) -> str:
    for words, plain in _PLAIN_YAML:
        if words in problem:
            return plain
    return problem


def _line_of(problem: str) -> int:
    parts = problem.split(":", 2)
    return int(parts[1]) if len(parts) > 2 and parts[1].isdigit() else 0


def _duplicate_ids(plain: Any, name: str, lines: dict[tuple[Any, ...], int]) -> list[str]:
    sources = plain.get("sources") if isinstance(plain, dict) else None
    if not isinstance(sources, list):
        return []
    seen: dict[str, int] = {}
    problems = []
    for index, source in enumerate(sources):
        source_id = source.get("id") if isinstance(source, dict) else None
        if not isinstance(source_id, str):
            continue
        if source_id in seen:
            line = _line_for(("sources", index, "id"), lines)
            first = _line_for(("sources", seen[source_id], "id"), lines)
            problems.append(
                f'{name}:{line}: sources[{index}].id: duplicate id "{source_id}" '
                f"(first used on line {first})"
            )
        else:
            seen[source_id] = index
    return problems


def _plain(node: Any) -> Any:
    """ruamel's commented containers and scalar subclasses -> plain dict/list/str/int."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    for kind in (int, float, str):
        if isinstance(node, kind):
            return kind(node)
    return node


def _line_map(node: Any, path: tuple[Any, ...] = ()) -> dict[tuple[Any, ...], int]:
    """Every key and list item's path -> its 1-based line."""
    lines: dict[tuple[Any, ...], int] = {}
    if isinstance(node, CommentedMap):
        for key in node:
            lines[(*path, str(key))] = node.lc.key(key)[0] + 1
            lines.update(_line_map(node[key], (*path, str(key))))
    elif isinstance(node, CommentedSeq):
        for index, value in enumerate(node):
            # A tagged node (`!!python/object...`, never constructed) keeps no positions.
            position = node.lc.item(index) if node.lc.data else None
            lines[(*path, index)] = position[0] + 1 if position else _line_of_node(node)
            lines.update(_line_map(value, (*path, index)))
    return lines


def _line_of_node(node: Any) -> int:
    line = getattr(node.lc, "line", None)
    return line + 1 if isinstance(line, int) else 1


def _line_for(loc: tuple[Any, ...], lines: dict[tuple[Any, ...], int]) -> int:
    for end in range(len(loc), 0, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return 1


def _dotted(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


_MODELS_BY_PATH: dict[str, type[BaseModel]] = {
    "": ConfigFile,
    "output": OutputSettings,
    "defaults": Defaults,
    "fetch": FetchSettings,
    "sources": SourceSettings,
    "rules": RuleSettings,
    "selectors": HtmlSelectors,
    "article": ArticleSelectors,
    "retention": RetentionSettings,
    "where": RuleWhere,
    "tagging": TaggingSettings,
    "stories": StoriesSettings,
}


def _describe(exc: ValidationError, name: str, lines: dict[tuple[Any, ...], int]) -> list[str]:
    problems = []
    reported: set[tuple[Any, ...]] = set()
    for error in exc.errors():
        # Literal/union errors carry the alternative's name in loc; it means nothing to a user.
        loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and "[" in p))
        if loc in reported:
            continue  # a union reports each alternative; the first says enough
        reported.add(loc)
        message = error["msg"]
        kind = error["type"]
        if kind == "extra_forbidden":
            section = next((str(p) for p in reversed(loc[:-1]) if isinstance(p, str)), "")
            model = _MODELS_BY_PATH.get(section, ConfigFile)
            allowed = ", ".join(model.model_fields)
            message = f"unknown key (allowed here: {allowed})"
        elif kind == "missing":
            message = "required key is missing"
        elif kind == "literal_error":
            expected = str(error.get("ctx", {}).get("expected", "")).replace("'", "")
            message = f'"{error["input"]}" is not one of: {expected}'
        elif message.startswith("Value error, "):
            message = message.removeprefix("Value error, ")
        problems.append(f"{name}:{_line_for(loc, lines)}: {_dotted(loc)}: {message}")
    return problems


def path_problems(config: Config) -> list[str]:
    """What is wrong with where the config puts things on disk (for `check`): the output folder
    and the SQLite store's folder must be folders, writable, or creatable in an existing one."""
    problems = []
    places = [("output.dir", config.output_dir)]
    store = config.store_url.removeprefix("sqlite:///")
    if config.store_url.startswith("sqlite:///") and store and not store.startswith(":memory:"):
        places.append(("store", Path(store).expanduser().parent))
    for key, folder in places:
        if folder.exists() and not folder.is_dir():
            problems.append(f"{config.path.name}: {key}: {folder} is a file, not a folder")
        elif not folder.exists() and not folder.parent.is_dir():
            problems.append(
                f"{config.path.name}: {key}: neither {folder} nor its parent folder exists"
            )
        elif folder.is_dir() and not os.access(folder, os.W_OK):
            problems.append(f"{config.path.name}: {key}: {folder} is not writable")
    return problems
