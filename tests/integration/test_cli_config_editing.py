"""Commands that edit feeds.yaml keep every byte outside the edited block."""

from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path

from lxml import etree

from aggregator.config.loading import load_config
from tests.support.commands import cli
from tests.support.feed_server import Document, FeedServer
from tests.support.paths import ROOT

FEED = (
    b"<rss version='2.0'><channel><title>Eurojust press releases</title>"
    b"<item><title>Joint action</title><link>https://e.org/1</link></item></channel></rss>"
)
PAGE = (
    b"<!doctype html><html><head><link rel='alternate' type='application/rss+xml' "
    b"href='/rss/press.xml'></head><body>Eurojust</body></html>"
)


def shipped_config(tmp_path: Path) -> Path:
    """A copy of the shipped, heavily commented feeds.yaml."""
    path = tmp_path / "feeds.yaml"
    shutil.copy(ROOT / "feeds.yaml", path)
    return path


def test_add_discovers_the_feed_and_appends_one_block(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.put("index.html", Document(PAGE, content_type="text/html"))
    feed_server.put("rss/press.xml", Document(FEED))
    config = shipped_config(tmp_path)
    before = config.read_text()
    added = cli(
        config,
        "add",
        feed_server.url("index.html"),
        "--kind",
        "international",
        "--tag",
        "eu",
        "--language",
        "en",
    )
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == (
        f"added eurojust-press-releases: "
        f"{feed_server.url('rss/press.xml')} "
        "(Eurojust press releases, 1 items now)"
    )
    after = config.read_text()
    block = (
        "  - id: eurojust-press-releases\n"
        f"    url: {feed_server.url('rss/press.xml')}\n"
        "    kind: international\n    language: en\n    tags: [eu]\n"
    )
    assert block in after
    position = after.index(block)
    assert after[:position] + after[position + len(block) :] == before  # byte for byte
    source = load_config(config).source("eurojust-press-releases")
    assert source is not None and source.tags == ["eu"] and source.kind == "international"
    again = cli(config, "add", feed_server.url("rss/press.xml"))
    assert again.stdout.startswith(f"{feed_server.url('rss/press.xml')} is already in")
    assert config.read_text() == after


def test_add_refuses_a_page_without_a_feed(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.put(
        "plain.html",
        Document(b"<!doctype html><html><body>x</body></html>", content_type="text/html"),
    )
    config = shipped_config(tmp_path)
    before = config.read_text()
    result = cli(config, "add", feed_server.url("plain.html"))
    assert result.returncode == 1 and "links no feed: write a `type: html` source" in result.stderr
    assert config.read_text() == before


def test_disable_enable_remove_touch_only_their_lines(tmp_path: Path) -> None:
    config = shipped_config(tmp_path)
    original = config.read_text()
    assert cli(config, "disable", "eurojust").stdout.strip() == "eurojust: disabled"
    disabled = config.read_text()
    assert load_config(config).source("eurojust").enabled is False  # type: ignore[union-attr]
    diff = difflib.ndiff(original.splitlines(), disabled.splitlines())
    assert [line[2:] for line in diff if line[:2] in ("+ ", "- ")] == ["    enabled: false"]
    assert cli(config, "disable", "eurojust").stdout.strip() == "eurojust: was already disabled"
    assert cli(config, "enable", "eurojust").returncode == 0
    assert load_config(config).source("eurojust").enabled is True  # type: ignore[union-attr]
    enabled = difflib.ndiff(disabled.splitlines(), config.read_text().splitlines())
    assert [line for line in enabled if line[:2] in ("+ ", "- ")] == [
        "-     enabled: false",
        "+     enabled: true",
    ]
    removed = cli(config, "remove", "eppo")
    assert removed.returncode == 0, removed.stderr
    text = config.read_text()
    assert load_config(config).source("eppo") is None
    assert "node/2/rss_en" not in text
    assert text.count("\n") == disabled.count("\n") - 6  # the six lines of its block
    assert cli(config, "remove", "nope").returncode == 2


def test_import_and_export_opml(tmp_path: Path) -> None:
    config = shipped_config(tmp_path)
    before = config.read_text()
    opml = tmp_path / "in.opml"
    opml.write_text(
        "<?xml version='1.0'?><opml version='2.0'><head><title>x</title></head><body>"
        "<outline text='Justice'><outline text='Interpol news' type='rss' "
        "xmlUrl='https://www.interpol.int/rss/news'/>"
        "<outline text='Dup of Europol' xmlUrl='https://www.europol.europa.eu/cms/api/rss/news'/>"
        "</outline></body></opml>"
    )
    imported = cli(config, "import-opml", str(opml), "--tag", "imported")
    assert imported.stdout.strip() == "imported 1 sources into feeds.yaml"
    after = config.read_text()
    block = (
        "  - id: interpol-news\n    url: https://www.interpol.int/rss/news\n"
        "    title: Interpol news\n    tags: [imported]\n"
    )
    position = after.index(block)
    assert after[:position] + after[position + len(block) :] == before
    exported = cli(config, "export-opml")
    outlines = etree.fromstring(exported.stdout.encode()).findall(".//outline")
    urls = {o.get("xmlUrl") for o in outlines}
    assert "https://www.interpol.int/rss/news" in urls
    assert "http://127.0.0.1:8080/sources/uk-cps.atom" in urls  # HTML sources: our feed
    assert len(outlines) == len(load_config(config).sources)


def test_retag_applies_changed_rules_to_stored_items(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    import feedparser

    from tests.support.demo_feeds import demo_config_text, serve_demo_feeds

    serve_demo_feeds(feed_server)
    config = tmp_path / "feeds.yaml"
    config.write_text(demo_config_text(feed_server))
    assert cli(config, "fetch").returncode == 0
    assert not (tmp_path / "public" / "tags" / "vat.atom").exists()
    config.write_text(
        config.read_text().replace(
            "rules:\n", "rules:\n  - tag: vat\n    any: [VAT, value added tax]\n", 1
        )
    )
    result = cli(config, "retag")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("retagged 10 items in ")
    vat = feedparser.parse((tmp_path / "public" / "tags" / "vat.atom").read_bytes())
    assert [e.title for e in vat.entries] == [
        "EPPO charges 12 suspects in €45 million VAT fraud involving electronic goods"
    ]
    # Removing a rule takes its tag away again.
    config.write_text(config.read_text().replace("  - tag: pg20\n", "  - tag: pg-twenty\n"))
    assert cli(config, "retag").returncode == 0
    combined = (tmp_path / "public" / "feed.atom").read_text()
    assert 'term="pg20"' not in combined and 'term="pg-twenty"' in combined


def test_explain_says_where_each_tag_comes_from(tmp_path: Path, feed_server: FeedServer) -> None:
    import json

    from tests.support.demo_feeds import demo_config_text, serve_demo_feeds

    serve_demo_feeds(feed_server)
    config = tmp_path / "feeds.yaml"
    config.write_text(demo_config_text(feed_server))
    assert cli(config, "fetch").returncode == 0
    link = "https://www.mpf.mp.br/pgr/noticias-pgr/pgr-denuncia-esquema-de-lavagem-de-dinheiro-com-criptomoedas"
    shown = cli(config, "explain", link)
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0].endswith(
        "from mpf-pgr: PGR denuncia esquema de lavagem de dinheiro com criptomoedas"
    )
    assert any(line.split() == ["country:br", "the", "source's", "`country`"] for line in lines)
    assert "rule `money-laundering` matched: lavagem-de-dinheiro" in shown.stdout
    assert "rule `crypto` matched: criptomoedas" in shown.stdout
    [item] = json.loads(cli(config, "explain", link, "--json").stdout)
    by_entry = json.loads(cli(config, "explain", item["story"], "--json").stdout)
    assert [i["id"] for i in by_entry] == [item["id"]]
    assert cli(config, "explain", "https://nowhere.example/").returncode == 1


GENPROC_RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Генпрокуратура</title><link>https://epp.genproc.gov.ru/</link>
<item><title>Направлено в суд уголовное дело жителя Самары</title>
<link>https://epp.genproc.gov.ru/web/gprf/mass-media/news?item=1</link>
<description>Он обвиняется по ч. 4 ст. 159.6 УК РФ и по ст. 171 Кодекса об административных
правонарушениях.</description><pubDate>Sun, 29 Nov 2026 08:00:00 +0300</pubDate></item>
</channel></rss>""".encode()


def _demo_with_genproc(feed_server: FeedServer, rss: bytes) -> str:
    """The demo's config text with a Russian prosecutors' feed serving `rss` beside it."""
    from tests.support.demo_feeds import demo_config_text, serve_demo_feeds

    serve_demo_feeds(feed_server)
    feed_server.put("genproc.rss", Document(rss))
    return demo_config_text(
        feed_server,
        f"""\
        - id: genproc
          url: {feed_server.url("genproc.rss")}
          country: RU
          language: ru
        """,
    )


def test_explain_names_the_statute_behind_a_tag(tmp_path: Path, feed_server: FeedServer) -> None:
    config = tmp_path / "feeds.yaml"
    text = _demo_with_genproc(feed_server, GENPROC_RSS)
    statutes = (
        '  - tag: fraud\n    any: ["law:УК РФ 159*"]\n'
        '  - tag: fraud-br\n    any: ["law:CP 171"]\n    where: {country: BR}\n'
    )
    config.write_text(text.replace("rules:\n", "rules:\n" + statutes, 1))
    assert cli(config, "fetch").returncode == 0
    shown = cli(config, "explain", "https://epp.genproc.gov.ru/web/gprf/mass-media/news?item=1")
    assert shown.returncode == 0, shown.stderr
    assert "rule `fraud` matched: ук-рф-159.6" in shown.stdout
    assert "fraud-br" not in shown.stdout  # a Russian source, and no criminal code named
    assert (tmp_path / "public" / "tags" / "fraud.atom").exists()


GENPROC_APPOINTMENT_RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Генеральная прокуратура</title>
<link>https://epp.genproc.gov.ru/</link>
<item><title>Назначен прокурор Мурманской области</title>
<link>https://epp.genproc.gov.ru/web/gprf/mass-media/news?item=2</link>
<description>Ранее он возглавлял отдел по надзору за соблюдением законодательства о
противодействии коррупции.</description><pubDate>Sun, 29 Nov 2026 08:00:00 +0300</pubDate></item>
</channel></rss>""".encode()


def test_explain_says_an_announcement_kept_a_topic_from_counting(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    config = tmp_path / "feeds.yaml"
    text = _demo_with_genproc(feed_server, GENPROC_APPOINTMENT_RSS)
    announcing = (
        'tagging:\n  announcements: {any: ["re:^Назначен\\\\w*\\\\s+прокурор"]}\n'
        "rules:\n  - tag: corruption\n    any: [коррупц*]\n"
    )
    config.write_text(text.replace("rules:\n", announcing, 1))
    assert cli(config, "fetch").returncode == 0
    link = "https://epp.genproc.gov.ru/web/gprf/mass-media/news?item=2"
    shown = cli(config, "explain", link)
    assert shown.returncode == 0, shown.stderr
    assert "rule `corruption`" not in shown.stdout
    assert (
        "corruption                   not counted: the title announces an appointment "
        "('назначен-прокурор'), topics come from the title alone"
    ) in shown.stdout
    [item] = json.loads(cli(config, "explain", link, "--json").stdout)
    assert item["announcement"] == {"words": "назначен-прокурор", "not_counted": ["corruption"]}


def _rss(language: str, items: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><link>{link}</link><description>{text}</description>"
        "<pubDate>Sun, 29 Nov 2026 08:00:00 +0000</pubDate></item>"
        for title, link, text in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
        f"<link>https://x.example/</link><language>{language}</language>{entries}"
        "</channel></rss>"
    ).encode()


PORTUGUESE = [
    (
        "MPF denuncia doze pessoas por corrupção",
        "https://a.example/1",
        "O Ministério Público Federal denunciou doze pessoas por corrupção e lavagem de dinheiro.",
    ),
    (
        "Procuradoria obtém condenação de ex-prefeito",
        "https://a.example/2",
        "O ex-prefeito foi condenado por desviar recursos destinados à merenda escolar.",
    ),
    ("Nota à imprensa", "https://a.example/3", ""),  # too short to detect
]


def test_a_feeds_declared_language_is_used_once_its_items_confirm_it(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    import json

    from tests.support.demo_feeds import demo_config_text, serve_demo_feeds

    serve_demo_feeds(feed_server)
    feed_server.put("declared.rss", Document(_rss("pt-BR", PORTUGUESE)))
    wrong = [(t, link.replace("a.example", "b.example"), x) for t, link, x in PORTUGUESE]
    feed_server.put("wrong.rss", Document(_rss("en-US", wrong)))
    config = tmp_path / "feeds.yaml"
    config.write_text(
        demo_config_text(
            feed_server,
            f"""\
            - id: declared
              url: {feed_server.url("declared.rss")}
            - id: wrong
              url: {feed_server.url("wrong.rss")}
            """,
        )
    )
    assert cli(config, "fetch").returncode == 0

    def language_of(link: str) -> list[tuple[str, str]]:
        [item] = json.loads(cli(config, "explain", link, "--json").stdout)
        return [(tag, detail) for tag, origin, detail in item["tags"] if origin == "language"]

    confirmed = [("lang:pt", "declared by the feed")]
    assert language_of("https://a.example/1") == confirmed
    assert language_of("https://a.example/3") == confirmed  # no text of its own to tell
    # A feed that says en-US and writes Portuguese: each item detected on its own.
    assert language_of("https://b.example/1") == [("lang:pt", "detected")]
    assert language_of("https://b.example/3") == []
    # Re-tagging keeps what the feed declared at the fetch (the stored tag is the only record).
    config.write_text(config.read_text().replace("  - tag: pg20\n", "  - tag: pg-twenty\n"))
    assert cli(config, "retag").returncode == 0
    assert language_of("https://a.example/3") == confirmed
    assert language_of("https://b.example/1") == [("lang:pt", "detected")]


def test_story_lists_every_source_and_why(tmp_path: Path, feed_server: FeedServer) -> None:
    import json

    from tests.support.demo_feeds import demo_config_text, serve_demo_feeds

    serve_demo_feeds(feed_server)
    config = tmp_path / "feeds.yaml"
    config.write_text(demo_config_text(feed_server))
    assert cli(config, "fetch").returncode == 0
    link = (
        "https://www.europol.europa.eu/media-press/newsroom/news/"
        "ransomware-laundering-network-dismantled-in-joint-operation"
    )
    items = json.loads(cli(config, "story", link, "--json").stdout)
    assert sorted(i["source_id"] for i in items) == ["europol", "sfo"]
    assert items[0]["why"] == "the story's first item"
    assert items[1]["why"] == f"same link as item {items[0]['id']}"
    assert sum(i["shown"] for i in items) == 1
    by_entry = json.loads(cli(config, "story", items[0]["story"], "--json").stdout)
    assert [i["id"] for i in by_entry] == [i["id"] for i in items]
    text = cli(config, "story", link).stdout
    assert text.startswith(f"story {items[0]['story']}: 2 item(s)")
    assert cli(config, "story", "nothing-like-this").returncode == 1


def test_unmerge_splits_and_the_decision_sticks(tmp_path: Path, feed_server: FeedServer) -> None:
    import json

    from tests.support.demo_feeds import demo_config_text, serve_demo_feeds

    serve_demo_feeds(feed_server)
    config = tmp_path / "feeds.yaml"
    config.write_text(demo_config_text(feed_server))
    assert cli(config, "fetch").returncode == 0
    link = (
        "https://www.europol.europa.eu/media-press/newsroom/news/"
        "ransomware-laundering-network-dismantled-in-joint-operation"
    )
    first, second = json.loads(cli(config, "story", link, "--json").stdout)
    split = cli(config, "unmerge", str(second["id"]))
    assert split.returncode == 0, split.stderr
    assert split.stdout.startswith(f"item {second['id']} is now the story {first['story']}:split:")
    assert [
        i["id"] for i in json.loads(cli(config, "story", str(first["id"]), "--json").stdout)
    ] == [first["id"]]
    assert cli(config, "unmerge", str(second["id"])).stdout.strip() == (
        f"item {second['id']} is alone in its story already"
    )
    assert cli(config, "fetch", "--all").returncode == 0  # a new fetch does not merge them back
    assert len(json.loads(cli(config, "story", str(second["id"]), "--json").stdout)) == 1
    assert len(json.loads(cli(config, "story", str(first["id"]), "--json").stdout)) == 1


def test_export_opml_leaves_credentials_out_unless_asked(tmp_path: Path) -> None:
    config = tmp_path / "feeds.yaml"
    config.write_text(
        "sources:\n  - id: keyed\n    url: https://alice:S3cret@api.example/feed?api_key=K&x=1\n"
    )
    shown = cli(config, "export-opml").stdout
    assert "S3cret" not in shown and "api_key" not in shown
    assert 'xmlUrl="https://api.example/feed?x=1"' in shown
    kept = cli(config, "export-opml", "--with-credentials").stdout
    assert "alice:S3cret@api.example/feed?api_key=K&amp;x=1" in kept


def test_what_servers_write_never_drives_the_terminal_nor_shows_credentials(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    """Found by an outside attack: escape sequences in a feed link's address reached the
    terminal through `add`, `preview` and `doctor`; `add` printed the password and key of the
    address it was given."""
    hostile = "/f\x1b]0;pwned\x07\x1b[31mRED\x1b[0m\u202e.xml"
    feed_server.put(
        "page.html",
        Document(
            b"<!doctype html><html><head><link rel='alternate' type='application/rss+xml' "
            + f"href='{hostile}'>".encode()
            + b"</head><body>x</body></html>",
            content_type="text/html",
        ),
    )
    feed_server.put("good.xml", Document(FEED))
    config = shipped_config(tmp_path)
    host = feed_server.base_url.removeprefix("http://")
    outputs = [
        cli(config, "add", feed_server.url("page.html")),
        cli(config, "preview", "--url", feed_server.url("page.html")),
        cli(config, "add", f"http://u:SEKRETpw@{host}good.xml?api_key=SEKRETkey"),
        cli(config, "add", f"http://u:SEKRETpw@{host}missing.xml?token=SEKRETtok"),
        cli(config, "explain", "9" * 40),
        cli(config, "story", "9" * 40),
    ]
    for result in outputs:
        shown = result.stdout + result.stderr
        assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown, shown
        assert "SEKRET" not in shown, shown
        assert "Traceback" not in shown, shown
    assert "added" in outputs[2].stdout and outputs[3].returncode == 1
    assert load_config(config).source("eurojust-press-releases") is not None
    assert "SEKRETpw" in config.read_text()  # the address itself is kept as given
