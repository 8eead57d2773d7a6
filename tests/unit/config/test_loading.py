"""Loading feeds.yaml (config/loading.py): paths resolved and values normalized, every problem
reported at once with its file, line and field, durations and sizes, the shipped config."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from aggregator.config.loading import load_config, parse_duration, parse_size
from aggregator.errors import ConfigError
from tests.support.paths import ROOT

VALID = """\
store: data/agg.sqlite
output:
  dir: out
  title: Test
  id: tag:example.org,2026:test
  base_url: http://feeds.example.org
  entries: 20
defaults: {interval: 45m}
sources:
  - id: doj
    url: https://www.justice.gov/feeds/justice-news.xml
    kind: prosecution
    country: us
    tags: [USA, Money Laundering]
    interval: 1h
  - id: europol
    url: https://www.europol.europa.eu/cms/api/rss/news
rules:
  - tag: cybercrime
    any: [ransomware, hacker]
"""


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "feeds.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    return caught.value.problems


@pytest.mark.sqlite_only  # store paths resolve to SQLite URLs; the PostgreSQL pass overrides them
def test_valid_config_resolves_paths_and_normalizes_values(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text(VALID, encoding="utf-8")
    config = load_config(path)
    assert config.store_url == f"sqlite:///{tmp_path / 'data/agg.sqlite'}"
    assert config.output_dir == tmp_path / "out"
    assert config.settings.output.base_url == "http://feeds.example.org/"
    doj = config.source("doj")
    assert doj is not None and doj.country == "US"
    assert doj.tags == ["usa", "money-laundering"]
    assert config.interval_of(doj) == timedelta(hours=1)
    europol = config.source("europol")
    assert europol is not None and config.interval_of(europol) == timedelta(minutes=45)


def test_every_source_is_found_by_its_id_and_no_other() -> None:
    config = load_config(ROOT / "feeds.yaml")
    for configured in config.sources:
        assert config.source(configured.id) is configured
    assert config.source("no-such-source") is None
    assert config.source(config.sources[0].id.upper()) is None


def test_sources_are_found_by_threads_looking_up_at_once(tmp_path: Path) -> None:
    """The lookup dict is made at the first lookup: a thread that looks up while another makes
    it finds every source all the same (it never sees the dict half made)."""
    import dataclasses
    import sys
    import threading

    lines = ["output: {id: 'tag:t,2026'}", "sources:"]
    lines += [f"  - {{id: s{n}, url: 'https://s{n}.example/feed'}}" for n in range(2000)]
    path = tmp_path / "feeds.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = load_config(path)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        for _ in range(20):
            config = dataclasses.replace(loaded)  # a fresh, empty lookup dict
            found: list[object] = []
            threads = [
                threading.Thread(target=lambda c=config, f=found: f.append(c.source("s0")))
                for _ in range(4)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert found and all(hit is config.sources[0] for hit in found)
    finally:
        sys.setswitchinterval(interval)


def test_shipped_config_is_valid() -> None:
    config = load_config(ROOT / "feeds.yaml")
    assert len(config.sources) >= 9
    assert {"doj-news", "uk-sfo", "europol", "eurojust", "eppo"} <= {s.id for s in config.sources}


@pytest.mark.parametrize(
    ("bad_line", "replacement", "expected"),
    [
        (
            "    interval: 1h\n",
            "    interval: 5 minutes\n",
            'feeds.yaml:15: sources[0].interval: "5 minutes" is not a duration (use e.g. 30m, 2h)',
        ),
        (
            "    kind: prosecution\n",
            "    kind: prosecution\n    colour: red\n",
            "feeds.yaml:13: sources[0].colour: unknown key (allowed here: id, url, title, kind,",
        ),
        (
            "    url: https://www.europol.europa.eu/cms/api/rss/news\n",
            "    url: ftp://x\n",
            'feeds.yaml:17: sources[1].url: "ftp://x" is not an http(s) URL with a host',
        ),
        (
            "  - id: europol\n",
            "  - id: doj\n",
            'feeds.yaml:16: sources[1].id: duplicate id "doj" (first used on line 10)',
        ),
        (
            "    kind: prosecution\n",
            "    kind: prosecutor\n",
            'feeds.yaml:12: sources[0].kind: "prosecutor" is not one of: prosecution, summit,',
        ),
        (
            "    country: us\n",
            "    country: USA\n",
            'feeds.yaml:13: sources[0].country: "USA" is not an ISO 3166-1 alpha-2 code',
        ),
        (
            "  entries: 20\n",
            "  entries: 0\n",
            "feeds.yaml:7: output.entries: Input should be greater than or equal to 1",
        ),
        (
            "    url: https://www.europol.europa.eu/cms/api/rss/news\n",
            "",
            "feeds.yaml:16: sources[1].url: required key is missing",
        ),
        (
            "  id: tag:example.org,2026:test\n",
            "  id: not a uri\n",
            'feeds.yaml:5: output.id: "not a uri" is not a URI',
        ),
        (
            "defaults: {interval: 45m}\n",
            "defaults: {interval: 45m}\nsauces: []\n",
            "feeds.yaml:9: sauces: unknown key (allowed here: store, output, defaults, fetch,",
        ),
        (
            "    any: [ransomware, hacker]\n",
            "    any: []\n",
            "feeds.yaml:19: rules[0]: a rule needs `any` or `all` terms",
        ),
        (
            "    any: [ransomware, hacker]\n",
            '    any: ["re:(unclosed"]\n',
            'feeds.yaml:20: rules[0].any: bad regular expression "re:(unclosed": missing ),',
        ),
        (
            "    any: [ransomware, hacker]\n",
            '    any: ["law:УК РФ 272", "law:Penal Code 12"]\n',
            'feeds.yaml:20: rules[0].any: unknown code in "law:Penal Code 12": write',
        ),
        (
            "    any: [ransomware, hacker]\n",
            '    any: ["law:CP 171"]\n',
            "feeds.yaml:19: rules[0]: `law:CP` terms need `where: {country: ...}` (or `source`)",
        ),
        (
            "defaults: {interval: 45m}\n",
            "defaults: {interval: 45m}\ntagging:\n"
            '  announcements: {any: [appoints, "re:(unclosed"]}\n',
            "feeds.yaml:10: tagging.announcements.any: bad regular expression "
            '"re:(unclosed": missing',
        ),
        (
            "    any: [ransomware, hacker]\n",
            "    any: [ransomware]\n    fields: [title, body]\n",
            'feeds.yaml:21: rules[0].fields[1]: "body" is not one of: title, summary, content',
        ),
    ],
)
def test_each_error_names_file_line_and_field(
    tmp_path: Path, bad_line: str, replacement: str, expected: str
) -> None:
    assert bad_line in VALID
    found = problems(tmp_path, VALID.replace(bad_line, replacement, 1))
    assert len(found) == 1, found
    assert found[0].startswith(expected), found[0]


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    text = (
        VALID.replace("interval: 1h", "interval: soon")
        .replace("https://www.europol", "htps://www.europol")
        .replace("kind: prosecution", "kind: police")
    )
    found = problems(tmp_path, text)
    assert [p.split(":")[1] for p in found] == ["12", "15", "17"]


def test_yaml_syntax_and_duplicate_keys_have_lines(tmp_path: Path) -> None:
    assert problems(tmp_path, "sources:\n  - id: a\n    url: [unclosed\n")[0].startswith(
        "feeds.yaml:4:"
    )
    found = problems(tmp_path, "store: a.sqlite\nstore: b.sqlite\n")
    assert found == ["feeds.yaml:2: this key appears twice in the same section"]
    # The parser's words, said plainly.
    assert problems(tmp_path, "sources:\n\t- id: a\n") == [
        "feeds.yaml:2: a tab: YAML does not allow tabs, indent with spaces"
    ]
    assert problems(tmp_path, "sources:\n  - id: a\n    url: https://a/\n   title: x\n") == [
        "feeds.yaml:4: this line's indentation does not match the lines around it (the keys "
        "of one section start in the same column)"
    ]


def test_every_problem_at_once_in_the_order_of_the_lines(tmp_path: Path) -> None:
    text = (
        "sources:\n  - id: a\n    url: https://a.example/\n    interval: 0s\n"
        "  - id: a\n    url: https://b.example/\n    type: nope\n"
    )
    assert problems(tmp_path, text) == [
        'feeds.yaml:4: sources[0].interval: "0s" is too short: a duration must be longer than '
        "0 (e.g. 30m)",
        'feeds.yaml:5: sources[1].id: duplicate id "a" (first used on line 2)',
        'feeds.yaml:7: sources[1].type: "nope" is not one of: feed, html or jsonfeed',
    ]


def test_top_level_must_be_a_mapping_and_file_must_exist(tmp_path: Path) -> None:
    assert problems(tmp_path, "- just\n- a list\n") == [
        "feeds.yaml:1: the file must be a mapping of keys (store, output, sources...)"
    ]
    with pytest.raises(ConfigError, match="cannot read the config file"):
        load_config(tmp_path / "missing.yaml")


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("30m", 1800), ("2h", 7200), ("1h30m", 5400), ("45s", 45), ("1d", 86400), ("1w", 604800)],
)
def test_durations(text: str, seconds: int) -> None:
    assert parse_duration(text).total_seconds() == seconds


@pytest.mark.parametrize("text", ["", "5 minutes", "m", "10", "1y"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValueError, match="is not a duration"):
        parse_duration(text)


def test_a_zero_duration_is_too_short_not_unknown() -> None:
    with pytest.raises(ValueError, match='"0m" is too short'):
        parse_duration("0m")


def test_sizes() -> None:
    assert parse_size("10MiB") == 10 * 1024 * 1024
    assert parse_size("512 kb") == 512_000
    assert parse_size(2048) == 2048
    with pytest.raises(ValueError, match="is not a size"):
        parse_size("lots")


def test_the_fast_reader_and_the_line_reader_agree() -> None:
    """Valid files take the C parser; the round-trip reader (line numbers for errors) must
    read them the same, YAML 1.2 rules included ("no" and "NO" stay strings: Norway)."""
    from aggregator.config.loading import _parse_fast, _parse_with_lines

    shipped = (ROOT / "feeds.yaml").read_text(encoding="utf-8")
    norway = (
        "sources:\n"
        "  - {id: riksadvokaten, url: 'https://www.riksadvokaten.no/feed', country: NO,"
        " language: no, interval: 1h}\n"
    )
    for text in (shipped, norway):
        fast = _parse_fast(text)
        assert fast is not None
        assert fast == _parse_with_lines(text, "feeds.yaml")
    norwegian = _parse_fast(norway)
    assert norwegian is not None and norwegian.sources[0].language == "no"
    twice = "sources: [{id: a, url: 'https://a.example/f'}, {id: a, url: 'https://b.example/'}]"
    assert _parse_fast(twice) is None
    assert _parse_fast("output: {entries: many}") is None


@pytest.mark.parametrize(
    ("replacement", "expected"),
    [
        (
            "    kind: prosecution\n    language: en_US\n",
            'feeds.yaml:13: sources[0].language: "en_US" is not a language tag',
        ),
        (
            '    kind: prosecution\n    title: "Agency\\x0c News"\n',
            "feeds.yaml:13: sources[0].title: a title cannot hold control characters",
        ),
    ],
)
def test_values_published_in_every_document_are_checked(
    tmp_path: Path, replacement: str, expected: str
) -> None:
    """A language is written as xml:lang and a title into every document: a value that would
    make them invalid is a config error, not a failed publish."""
    found = problems(tmp_path, VALID.replace("    kind: prosecution\n", replacement, 1))
    assert len(found) == 1 and found[0].startswith(expected), found


# --- hostile files: every one a config error with its line, never a crash (issue #20) -------


def test_a_control_character_is_an_error_on_its_line(tmp_path: Path) -> None:
    found = problems(tmp_path, 'sources:\n  - id: "a\x01b"\n    url: "http://127.0.0.1:1/"\n')
    assert found == [
        "feeds.yaml:2: the character U+0001 is not allowed in YAML (a control character: delete it)"
    ]


def test_an_alias_bomb_is_refused_before_it_is_expanded(tmp_path: Path) -> None:
    levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for previous, name in zip("abcdefg", "bcdefgh", strict=True):
        levels.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    # 9**8 (43 million) values once expanded: refused at once, on both readers.
    found = problems(tmp_path, "\n".join(levels) + "\nsources: []\n")
    assert len(found) == 1 and "expand to more than 2,000,000 values" in found[0]


def test_aliases_of_a_normal_size_still_work(tmp_path: Path) -> None:
    text = (
        "sources:\n"
        "  - id: a\n    url: http://127.0.0.1:1/a\n    tags: &shared [one, two]\n"
        "  - id: b\n    url: http://127.0.0.1:1/b\n    tags: *shared\n"
    )
    path = tmp_path / "feeds.yaml"
    path.write_text(text, encoding="utf-8")
    config = load_config(path)
    assert [s.tags for s in config.sources] == [["one", "two"], ["one", "two"]]


@pytest.mark.parametrize(
    "text",
    [
        "sources: " + "[" * 50_000 + "]" * 50_000 + "\n",  # overflowed the C parser's stack
        "sources: " + "[" * 600 + "]" * 600 + "\n",  # past Python's recursion limit
        "sources:\n" + "".join(" " * n + f"k{n}:\n" for n in range(0, 1200, 2)),
        # An apostrophe in a plain value is no quote: the brackets after it count.
        "x: [a'b, " + "[" * 100_000 + "]" * 100_000 + ", x'c]\nsources: []\n",
    ],
    ids=["flow-50000", "flow-600", "block-600", "after-an-apostrophe"],
)
def test_a_file_nested_too_deeply_is_an_error(tmp_path: Path, text: str) -> None:
    found = problems(tmp_path, text)
    assert len(found) == 1 and "nested too deeply" in found[0]


def test_a_python_tag_is_never_constructed_and_is_an_error(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    found = problems(tmp_path, f'sources: !!python/object/apply:os.system ["touch {marker}"]\n')
    assert found and all(line.startswith("feeds.yaml:1: sources") for line in found)
    assert not marker.exists()
