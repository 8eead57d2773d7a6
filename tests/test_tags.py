from __future__ import annotations

from aggregator.config import RuleSettings, SourceSettings
from aggregator.tags import compile_rules, merge_tags, rule_tags, source_tags

RULES = compile_rules(
    [
        RuleSettings(tag="cybercrime", any=["ransomware", "hacker"]),
        RuleSettings(tag="money-laundering", any=["money laundering", "lavagem de dinheiro"]),
    ]
)


def tags(*texts: str) -> dict[str, str]:
    return {t.tag: t.detail for t in rule_tags(RULES, *texts)}


def test_rules_match_whole_words_in_any_case_and_phrases_across_spaces() -> None:
    assert tags("RANSOMWARE gang charged") == {"cybercrime": "ransomware"}
    assert tags("Ransomware-as-a-service", "ethical hackers") == {"cybercrime": "ransomware"}
    assert tags("Money\n laundering network") == {"money-laundering": "money-laundering"}
    assert tags("esquema de Lavagem de Dinheiro") == {"money-laundering": "lavagem-de-dinheiro"}
    assert tags("antiransomware tools", "hackers") == {}


def test_source_tags_and_merge() -> None:
    source = SourceSettings(
        id="mpf", url="https://www.mpf.mp.br/", kind="prosecution", country="br", tags=["brazil"]
    )
    assigned = source_tags(source)
    assert [(t.tag, t.origin) for t in assigned] == [
        ("brazil", "source"),
        ("kind:prosecution", "kind"),
        ("country:br", "source-country"),
    ]
    merged = merge_tags(assigned, assigned, rule_tags(RULES, "ransomware"))
    assert [t.tag for t in merged] == ["brazil", "country:br", "cybercrime", "kind:prosecution"]
