"""The rule language, places and languages: pure functions over plain values."""

from __future__ import annotations

import pytest

from aggregator.config.loading import RuleSettings, SourceSettings
from aggregator.config.settings import RuleWhere
from aggregator.tagging.names import compile_names
from aggregator.tagging.tagger import (
    TaggableItem,
    Tagger,
    compile_rules,
    merge_tags,
    source_facts,
    source_tags,
    tags_for_item,
)

EN_SOURCE = source_facts(
    SourceSettings(
        id="doj",
        url="https://e.org/",
        kind="prosecution",
        language="en",
        country="us",
        tags=["usa"],
    ),
    "doj",
)
MEDIA = source_facts(SourceSettings(id="paper", url="https://p.org/", kind="media"), "paper")


def tags(
    rules: list[RuleSettings],
    title: str,
    summary: str = "",
    *,
    source: object = EN_SOURCE,
    places: bool = False,
    languages: bool = False,
    **item: object,
) -> dict[str, str]:
    tagger = Tagger(compile_rules(rules), places=places, languages=languages)
    found = tags_for_item(tagger, source, TaggableItem(title, summary, "", **item))  # type: ignore[arg-type]
    return {t.tag: t.detail for t in found if t.origin not in ("source", "kind", "source-country")}


def rule(**fields: object) -> RuleSettings:
    return RuleSettings.model_validate({"tag": "t", **fields})


@pytest.mark.parametrize(
    ("terms", "text", "matched"),
    [
        (["ransomware"], "RANSOMWARE gang charged", "ransomware"),
        (["ransomware"], "Ransomware-as-a-service", "ransomware"),
        (["ransomware"], "antiransomware tools", None),
        (["money laundering"], "Money\n laundering network", "money-laundering"),
        (["money laundering"], "money-laundering network", "money-laundering"),
        (["fiscalia"], "La Fiscalía de Chile", "fiscalia"),
        (["Fiscalía"], "la FISCALIA nacional", "fiscalia"),
        (["ёлка"], "новогодняя елка", "елка"),
        (["киберпреступ*"], "расследование киберпреступлений", "киберпреступлении"),
        (["criptomoeda*"], "lavagem com criptomoedas", "criptomoedas"),
        (["*corrup*"], "Fiscalía anticorrupción imputa", "anticorrupcion"),
        (["*estaf*"], "Ciberestafadores detenidos", "ciberestafadores"),
        (["*corrup*"], "a corporate merger", None),
        (["re:\\bG-?20\\b"], "the G-20 summit", "g-20"),
        (["re:^Breaking"], "Breaking: arrests", "breaking"),
    ],
)
def test_terms_match_words_any_case_any_accents(
    terms: list[str], text: str, matched: str | None
) -> None:
    found = tags([rule(any=terms)], text)
    assert found.get("t") == matched if matched else "t" not in found


def test_all_and_none_conditions() -> None:
    both = rule(all=["sentenced", "fraud"])
    assert "t" in tags([both], "Fraudster sentenced for fraud")
    assert "t" not in tags([both], "Man sentenced for theft")
    without = rule(any=["fraud"], none=["sports"])
    assert "t" in tags([without], "Fraud ring dismantled")
    assert "t" not in tags([without], "Fraud in sports betting")


def test_fields_and_where() -> None:
    in_link = rule(any=["opa"], fields=["link"])
    # explain says where a match outside the item's text was found
    assert tags([in_link], "Title", link="https://justice.gov/opa/pr/x") == {"t": "opa (link)"}
    assert "t" not in tags([in_link], "OPA press release")
    by_category = rule(any=["cybercrime"], fields=["categories"])
    assert tags([by_category], "x", categories=("Cybercrime",)) == {
        "t": "cybercrime (feed category)"
    }
    anywhere = rule(any=["cybercrime"], fields=["title", "categories"])
    assert tags([anywhere], "Cybercrime unit", categories=("Cybercrime",)) == {
        "t": "cybercrime, cybercrime (feed category)"
    }
    only_prosecutors = rule(any=["charged"], where=RuleWhere(kind="prosecution"))
    assert "t" in tags([only_prosecutors], "Three charged")
    assert "t" not in tags([only_prosecutors], "Three charged", source=MEDIA)
    only_russian = rule(any=["charged", "обвинение"], where=RuleWhere(language=["ru"]))
    assert "t" not in tags([only_russian], "Three charged")
    ru = source_facts(SourceSettings(id="gp", url="https://g.ru/", language="ru"), "gp")
    assert "t" in tags([only_russian], "Предъявлено обвинение", source=ru)


def test_law_terms_and_rules_limited_to_a_country() -> None:
    laundering = rule(any=["law:УК РФ 174, 174.1", "law:18 USC 1956"])
    assert tags([laundering], "Дело направлено в суд", "Обвинение по ч. 2 ст. 174.1 УК РФ.") == {
        "t": "ук-рф-174.1"
    }
    assert tags([laundering], "Pleaded guilty", "in violation of 18 U.S.C. § 1956(h)") == {
        "t": "18-usc-1956"
    }
    assert tags([laundering], "Обвинение по ч. 2 ст. 174.1") == {}  # which code's 174.1?
    brazil_only = rule(any=["law:CP 171"], where=RuleWhere(country="br"))
    mpf = source_facts(SourceSettings(id="mpf", url="https://m.br/", country="BR"), "mpf")
    portugal = source_facts(SourceSettings(id="pgr", url="https://p.pt/", country="PT"), "pgr")
    text = "Denunciado com base no art. 171 do Código Penal"
    assert "t" in tags([brazil_only], text, source=mpf)
    assert "t" not in tags([brazil_only], text, source=portugal)  # there 171 is another crime
    assert "t" not in tags([brazil_only], text, source=MEDIA)  # a source without a country


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("The US and Brazil signed a treaty", {"us", "br"}),
        ("U.S. Attorney announces charges", {"us"}),
        ("Генпрокуратура России и Китая", {"ru", "cn"}),
        ("Cooperação com a Argentina e os Estados Unidos", {"ar", "us"}),
        ("Fiscalía de Chile y México", {"cl", "mx"}),
        ("Le parquet français et l'Allemagne", {"fr", "de"}),
        ("Latin American and South American leaders", set()),
        ("Georgia senator charged in Atlanta", {"us"}),  # the city, not "Georgia"
        # From a US source (these tests' default) "Georgia" alone is the state; from a source
        # of no country it names nothing (test_context_places_need_context below).
        ("Georgia senator charged", {"us"}),
        ("Georgian prosecutors and the Republic of Georgia", {"ge"}),
        ("Michael Jordan was not charged", set()),
        ("Jordanian authorities in Amman", {"jo"}),
        ("Dubai-based UAE company", {"ae"}),
        ("let us know", set()),
        # Cities (capitals and cities of 500,000 people or more) name their country, written
        # as names; spellings of other languages; Russian case forms.
        ("Un point de deal démantelé à Marseille", {"fr"}),
        ("SÃO LUÍS: Ministério Público e a Polícia de Rotterdam", {"nl"}),
        ("Задержан в Новосибирске, этапирован из Мадрида", {"ru", "es"}),
        ("deal de rue à marseille", set()),  # written as a word, not as a name
        ("Acordo assinado em Moscou e em Nova York", {"ru", "us"}),
        ("Fiscalía de Guayaquil", {"ec"}),
        ("Operação em Natal", set()),  # a word too ("Christmas"): left out of the table
        ("Mesa police said", set()),  # Mesa, Arizona: a word in es/pt, left out
        # A treaty named after a city is not about its country.
        ("States parties to the Rome Statute", set()),
        ("Estatuto de Roma del tribunal", set()),
        ("The pope in Rome", {"it"}),
        # Roads and seas named with a country's or a capital's adjective are not about it.
        ("ДТП на Минском шоссе", set()),
        ("незаконный вылов краба в Японском море", set()),
        ("japonesas detenidos en el Mar de China", {"jp"}),
        # A letter before digits starts a code, not a person's initial.
        ("passports of Mexican and Guatemalan H-2A workers", {"mx", "gt"}),
        ("Guatemalan H. Smith", set()),
    ],
)
def test_places(text: str, countries: set[str]) -> None:
    found = tags([], text, places=True)
    assert {t.removeprefix("country:") for t in found if t.startswith("country:")} == countries


def countries(text: str, source: object = MEDIA) -> set[str]:
    found = tags([], text, places=True, source=source)
    return {t.removeprefix("country:") for t in found if t.startswith("country:")}


@pytest.mark.parametrize(
    ("text", "from_media", "from_chile"),
    [
        # A province, region or department (ISO 3166-2) names its country only with context:
        # the source's country, the country named in the text, or "in"/"en"/"em" before it
        # (not the word for a region: "comuna de Independencia" may be any country's).
        ("Incendio forestal en la Región del Biobío", set(), {"cl"}),
        ("Incendio forestal en la Biobío", {"cl"}, {"cl"}),
        ("Biobío sigue en alerta", set(), {"cl"}),
        ("Tribunal de Resistencia, Chaco", set(), set()),
        ("Tribunal de Resistencia, Chaco, Argentina", {"ar"}, {"ar"}),
        # A city several countries have counts for the one the context names, unless that
        # one is a town too small to name its country (the Chilean San Antonio, Los Ángeles).
        ("Puerto de San Antonio", set(), set()),
        ("Tribunal de Juicio Oral en lo Penal de Los Ángeles", set(), set()),
        ("Arrested in Los Angeles, United States", {"us"}, {"us"}),
        ("Reunion in Lima", {"pe"}, {"pe"}),
        ("Mr Lima was charged", set(), set()),  # a surname: no preposition, no context
        ("Comuna de Independencia", set(), set()),  # a Dominican province's name, in Chile
        # A province named like a country is the country ("Mali", a prefecture of Guinea).
        ("Seizures in Mali and Niger", {"ml", "ne"}, {"ml", "ne"}),
    ],
)
def test_context_places_need_context(text: str, from_media: set[str], from_chile: set[str]) -> None:
    chile = source_facts(SourceSettings(id="cl", url="https://f.cl/", country="CL"), "cl")
    assert countries(text) == from_media
    assert countries(text, chile) == from_chile


def test_a_district_named_like_its_town_counts_only_as_a_district() -> None:
    """Portugal's districts are its first-level subdivisions and carry their chief towns'
    names: "distrito de Braga" names Portugal (with a Portuguese source), "em Braga" (a town
    of 190,000) does not."""
    portugal = source_facts(SourceSettings(id="pgr", url="https://p.pt/", country="PT"), "pgr")
    assert countries("Aves vendidas em feiras do distrito de Braga", portugal) == {"pt"}
    assert countries("Homicídio em Braga", portugal) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ISO 3166's own translations, written as names; Russian in its cases.
        ("des comptes ouverts en Lettonie", {"lv"}),
        ("magistrados de Angola e Moçambique", {"ao", "mz"}),
        ("ofertas de trabajo en Camboya", {"kh"}),
        ("семинар для прокуроров Монголии", {"mn"}),
        ("доставлен из Мозамбика", {"mz"}),
        ("Reunião discute melhorias", set()),  # "Reunião" is a meeting, not Réunion
        ("того же года", set()),  # a pronoun, not Togo
        # A US city named with its state is the US city: "A Lebanon, Pennsylvania, man".
        ("Lebanon Man Sentenced. A Lebanon, Pennsylvania, man was sentenced", {"us"}),
        # A person: a country's name before an initial or, for first names, a surname.
        ("sentencia contra Argentina “M” por transporte de metanfetamina", set()),
        ("NASHVILLE – Chad Whitfield, 51, was sentenced", {"us"}),  # Nashville, not Chad
        ("BOSTON – A Worcester man", {"us"}),  # "A" is no initial
        ("acuerdo entre Argentina, Brasil y Chile", {"ar", "br", "cl"}),
        # Treaties named after a city.
        ("the Kyoto Declaration and the Palermo Convention", set()),
        ("la Convención de Palermo", set()),
    ],
)
def test_country_names_in_every_language(text: str, expected: set[str]) -> None:
    assert countries(text) == expected


def test_a_place_name_in_the_names_list_is_still_a_place() -> None:
    """Côte d'Ivoire is on the names list (its "ivory" is no topic) and is still a country."""
    chosen = Tagger(
        compile_rules([rule(tag="environmental-crime", any=["ivory"])]),
        places=True,
        names=compile_names(),
    )
    found = tags_for_item(chosen, MEDIA, TaggableItem("Bribes paid in Côte d'Ivoire", "", ""))
    assert {t.tag for t in found if t.origin in ("rule", "place")} == {"country:ci"}


def test_a_rule_term_that_is_a_whole_name_counts() -> None:
    """Words inside a name do not count, but a term that is the whole name does: the Computer
    Fraud and Abuse Act is evidence of cybercrime, not of fraud."""
    names = compile_names()
    chosen = Tagger(
        compile_rules(
            [
                rule(tag="fraud", any=["fraud"]),
                rule(tag="cybercrime", any=["hacking", "Computer Fraud and Abuse Act"]),
            ],
            names,
        ),
        names=names,
    )
    text = "charged under the Computer Fraud and Abuse Act"
    found = tags_for_item(chosen, MEDIA, TaggableItem(text, "", ""))
    assert {t.tag for t in found if t.origin == "rule"} == {"cybercrime"}


def test_language_tags_from_the_source_or_detected() -> None:
    assert tags([], "Three charged", languages=True)["lang:en"] == "source setting"
    plain = source_facts(SourceSettings(id="x", url="https://x.org/"), "x")
    found = tags(
        [],
        "Генпрокуратура утвердила обвинительное заключение по делу",
        source=plain,
        languages=True,
    )
    assert found["lang:ru"] == "detected"
    assert not any(t.startswith("lang:") for t in tags([], "Short", source=plain, languages=True))


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
    assert len(merge_tags(assigned, assigned)) == 3


def test_a_regular_expression_does_not_match_inside_a_name() -> None:
    """Regular expressions read the text as written, with the names blanked there too: the
    "Lavado de Activos" of PROCELAC's full name is no money laundering."""
    names = compile_names()
    chosen = Tagger(
        compile_rules([rule(tag="money-laundering", any=["re:\\blavado\\b"])], names),
        names=names,
    )
    about_an_agency = (
        "La Procuraduría de Criminalidad Económica y Lavado de Activos colaboró en la causa"
    )
    about_laundering = "Condenado por enriquecimiento ilícito y lavado"
    for text, expected in ((about_an_agency, set()), (about_laundering, {"money-laundering"})):
        found = tags_for_item(chosen, MEDIA, TaggableItem(text, "", ""))
        assert {t.tag for t in found if t.origin == "rule"} == expected, text
