"""Names are not topics, stems belong to a language, and places have context (issue #26): each
on a small plain text, through the shipped rules and gazetteer."""

from __future__ import annotations

import pytest

from aggregator.config.loading import load_config
from aggregator.config.settings import RuleSettings
from aggregator.tagging.names import compile_names, operation_names, shipped_names
from aggregator.tagging.places import countries_in
from aggregator.tagging.tagger import (
    SourceFacts,
    TaggableItem,
    blocked_by_names,
    compile_rules,
    rule_tags,
    set_aside_by_announcement,
    tagger,
    tags_for_item,
)
from aggregator.terms.matching import compile_any, find, fold, term_problem
from tests.support.paths import ROOT

TAGGER = tagger(load_config(ROOT / "feeds.yaml"))


def topics(text: str, language: str, country: str | None = None) -> set[str]:
    source = SourceFacts("s", "s", None, language, (), country)
    found = tags_for_item(TAGGER, source, TaggableItem(text, "", ""))
    return {t.tag for t in found if t.origin == "rule"}


def places(text: str, context: frozenset[str] = frozenset()) -> set[str]:
    """The countries the tagger finds in a text (names blanked), the source's country as
    `context`."""
    country = next(iter(context)).upper() if context else None
    source = SourceFacts("s", "s", None, None, (), country)
    found = tags_for_item(TAGGER, source, TaggableItem(text, "", ""))
    return {t.tag.removeprefix("country:") for t in found if t.origin == "place"}


def test_a_term_inside_an_agency_name_does_not_count_and_explain_says_why() -> None:
    text = "The Serious Fraud Office charged a director with bribery"
    assert topics(text, "en") == {"corruption"}
    source = SourceFacts("s", "s", None, "en", ())
    blocked = blocked_by_names(TAGGER, source, TaggableItem(text, "", ""))
    assert blocked == [("fraud", ("serious fraud office",))]
    assert "terrorism" not in topics(
        "Le Parquet national antiterroriste tient une conférence", "fr"
    )
    assert "fraud" in topics("The Serious Fraud Office charged a director with fraud", "en")


def test_operation_and_forum_names_are_neither_topics_nor_places() -> None:
    assert places("Investigation 'Cuba': EPPO secures a conviction") == set()
    assert places("Генеральный прокурор выступил на форуме «Уроки Нюрнберга»") == set()
    assert places("Operação Marrakesh: MPF denuncia quadrilha") == set()


def test_a_stem_scoped_to_a_language_counts_only_there() -> None:
    ((english, _),) = [(t, t.language) for t in compile_any(["triad*@en"])]
    assert english.language == "en" and english.counts_in("en") and not english.counts_in("pt")
    assert english.counts_in(None)  # language unknown: the term may count
    assert "organized-crime" not in topics("O material foi triado pela perícia", "pt")
    assert "organized-crime" in topics("Two triad members were convicted", "en")
    assert term_problem("triad*@english") is not None


def test_a_stem_takes_the_first_part_of_a_hyphenated_compound() -> None:
    term = compile_any(["международн* сотрудничеств*"])[0]
    text = "вопросы международно-правового сотрудничества"
    assert find(term, text, fold(text)) == ["международно-правового сотрудничества"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ALEXANDRIA, Va. – A man was sentenced", {"us"}),
        ("PARIS, Texas – A Lamar County man", {"us"}),
        ("Paris Man Sentenced. PARIS, Texas – He was", {"us"}),
        ("a walk in Ludwell Valley Park", set()),
        ("Cuba Street and rue de Paris", set()),
        ("en Colombie-Britannique", {"ca"}),
        ("New South Wales police", {"au"}),
        ("граждан Чешской Республики", {"cz"}),
        ("китайские граждане", {"cn"}),
        ("argelinos detenidos", {"dz"}),
        ("Bacabal (MA) condenou", {"br"}),
        ("US$ 12 milhões na Suíça", {"ch"}),
        ("Fiscalía Regional de Los Lagos", set()),
        ("un immeuble de l'avenue d'Italie, dans le 13e arrondissement", set()),
        ("des ressortissants d'Italie et d'Espagne", {"it", "es"}),
        ("died in eastern Democratic Republic of the Congo", {"cd"}),
        ("en République démocratique du Congo", {"cd"}),
        ("na República Democrática do Congo", {"cd"}),
        ("Brazzaville, Republic of the Congo", {"cg"}),
    ],
)
def test_places_with_their_context(text: str, expected: set[str]) -> None:
    assert places(text) == expected


def test_the_gazetteer_alone_still_finds_a_place_inside_a_name() -> None:
    # Names are blanked by the tagger, not by the gazetteer: used alone it reads every word.
    assert {code for code, _ in countries_in("Investigation 'Cuba'")} == {"cu"}


def test_a_city_of_several_countries_counts_when_the_source_says_which() -> None:
    assert places("robos a turistas en Santiago") == set()
    assert places("robos a turistas en Santiago", frozenset({"cl"})) == {"cl"}
    assert places("detenidos en Barcelona, España") == {"es"}


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        # The French offence of access to a computer system is cybercrime, not a fraud.
        (
            "Information judiciaire pour accès frauduleux à un système de traitement "
            "automatisé de données",
            "fr",
            {"cybercrime"},
            {"fraud"},
        ),
        # A firearm is not a drug, whether one or several.
        ("condenado por tráfico internacional de arma de fogo", "pt", set(), {"drug-trafficking"}),
        ("condenado por tráfico internacional de drogas", "pt", {"drug-trafficking"}, set()),
        # Arms trafficking alone names no topic of the list.
        ("Detenido por tráfico de armas en la frontera", "es", set(), {"organized-crime"}),
        # Associação para o tráfico (Lei 11.343/2006, art. 35) is a criminal association.
        ("denunciados por associação para o tráfico", "pt", {"organized-crime"}, set()),
        # Online child sexual abuse material is cybercrime.
        (
            "compartilhar arquivos de abuso sexual de crianças pela internet",
            "pt",
            {"cybercrime"},
            set(),
        ),
        ("abuso sexual de crianças em casa", "pt", set(), {"cybercrime"}),
        # Goods smuggled past customs are customs fraud; drugs smuggled are not fraud.
        ("procesaron a contrabandistas por contrabando de cigarrillos", "es", {"fraud"}, set()),
        ("contrabando de estupefacientes en grado de tentativa", "es", set(), {"fraud"}),
        ("evadir el pago de cuotas compensatorias", "es", {"fraud"}, set()),
        # Assets declared lost to the State, seized vehicles and cash, a ban on selling.
        (
            "declarou perdidos a favor do Estado 2,3 milhões de euros",
            "pt",
            {"asset-recovery"},
            set(),
        ),
        (
            "se incautaron 11 vehículos y se decretó la prohibición de enajenar",
            "es",
            {"asset-recovery"},
            set(),
        ),
        (
            "ont saisi 40 kilos de cannabis, 300 000 euros en espèces et cinq véhicules",
            "fr",
            {"asset-recovery"},
            set(),
        ),
        ("ont saisi 40 kilos de cannabis", "fr", set(), {"asset-recovery"}),
        # Russian embezzlement: of public money corruption, of a company's money fraud.
        (
            "Осуждена директор школы, присвоившая деньги на питание детей",
            "ru",
            {"corruption"},
            {"fraud"},
        ),
        ("Бухгалтер ООО присвоила деньги работодателя", "ru", {"fraud"}, {"corruption"}),
        # Abuse of force by a policeman is not corruption.
        (
            "осуждён за превышение должностных полномочий, применил насилие",
            "ru",
            set(),
            {"corruption"},
        ),
        # A transfer of proceedings is extradition's family; so is legal assistance.
        (
            "о передаче Республике Беларусь уголовного преследования гражданина",
            "ru",
            {"extradition"},
            set(),
        ),
        (
            "agilizar las solicitudes de asistencia jurídica internacional",
            "es",
            {"extradition"},
            set(),
        ),
        # French "sanctions" are also a court's penalties; Indian loans are "sanctioned".
        ("assortissant les peines de sanctions d'inéligibilité", "fr", set(), {"sanctions"}),
        ("Sanctions européennes contre des entreprises biélorusses", "fr", {"sanctions"}, set()),
        (
            "cheating the bank through loans sanctioned on forged documents",
            "en",
            {"fraud"},
            {"sanctions"},
        ),
        # Sharing indecent images through an app is online abuse material.
        (
            "distributing indecent images of children through an encrypted messaging app",
            "en",
            {"cybercrime"},
            set(),
        ),
        # Passports taken from workers are not assets recovered.
        ("confiscating the passports of the workers", "en", set(), {"asset-recovery"}),
        ("the court confiscated two houses", "en", {"asset-recovery"}, set()),
        # The drugs a court orders destroyed are not assets.
        ("además del comiso de la droga incautada", "es", set(), {"asset-recovery"}),
        ("ordenó el comiso de los vehículos", "es", {"asset-recovery"}, set()),
        # A statute's penalty range and a court's authorisation are no sanctions.
        ("Санкция статьи предусматривает до 20 лет лишения свободы", "ru", set(), {"sanctions"}),
        ("суд санкционировал арест обвиняемого", "ru", set(), {"sanctions"}),
        ("обход санкций при поставках", "ru", {"sanctions"}, set()),
        # Online abuse material, letters rogatory, conferences of states parties, gold mining.
        ("distribution of child sexual abuse material", "en", {"cybercrime"}, set()),
        ("executing a Letter Rogatory from the Special Court", "en", {"extradition"}, set()),
        (
            "the Conference of the States Parties to the UN Convention",
            "en",
            {"international-cooperation"},
            set(),
        ),
        ("illegal artisanal gold mining across the Sahel", "en", {"environmental-crime"}, set()),
        # Seizures written with decimals; embargos in pesos.
        ("Assets worth EUR 2.3 million were seized.", "en", {"asset-recovery"}, set()),
        ("se mantienen embargos por $9.000 millones", "es", {"asset-recovery"}, set()),
        ("he confiscated the passports of the workers", "en", set(), {"asset-recovery"}),
        # A request for legal assistance is not cooperation by itself; a meeting on it is.
        (
            "após pedido de cooperação jurídica internacional do MPF",
            "pt",
            set(),
            {"international-cooperation"},
        ),
        (
            "reunião do PG20 sobre cooperação jurídica internacional",
            "pt",
            {"international-cooperation"},
            set(),
        ),
        # A cartel of competitors is no criminal group; laundering and breach of trust in pt.
        ("condenados por colusión: acreditó el cartel", "es", set(), {"organized-crime"}),
        ("a organização lavava dinheiro do tráfico", "pt", {"money-laundering"}, set()),
        ("condenado por abuso de confiança qualificado", "pt", {"fraud"}, set()),
        ("theft concerning programs receiving federal funds", "en", {"corruption"}, set()),
        # Round 11: a court approving ("homologó") is no counterpart; orders over funds and
        # property; fishing in a closed season; EU money misappropriated; cash recovered.
        (
            "el tribunal homologó el acuerdo de juicio abreviado",
            "es",
            set(),
            {"international-cooperation"},
        ),
        ("se reunió con su homólogo de Bolivia", "es", {"international-cooperation"}, set()),
        ("se inmovilizaron 40.000 USDT", "es", {"asset-recovery"}, set()),
        (
            "la prohibición de celebrar actos y contratos sobre 11 inmuebles",
            "es",
            {"asset-recovery"},
            set(),
        ),
        (
            "2.300 unidades de loco extraídas en período de veda",
            "es",
            {"environmental-crime"},
            set(),
        ),
        ("accused of misappropriating €640 000 of EU funds", "en", {"corruption"}, set()),
        ("which led to the recovery of cash of Rs 48 lakh", "en", {"asset-recovery"}, set()),
        ("detained in Spain on European Arrest Warrants", "en", {"extradition"}, set()),
        ("a VAT fraud ring was dismantled", "en", {"fraud"}, {"organized-crime"}),
        ("the Counterintelligence and Export Control Section", "en", set(), {"sanctions"}),
        ("CBI, Anti-Corruption Branch, Pune filed a chargesheet", "en", set(), {"corruption"}),
        ("работал в отделе экстрадиции", "ru", set(), {"extradition"}),
        # Round 12: words that are other things; bodies; seizures and orders.
        ("sessões de branqueamento dentário", "pt", set(), {"money-laundering"}),
        ("o crime de branqueamento de capitais", "pt", {"money-laundering"}, set()),
        ("tráfico de aves silvestres da Caatinga", "pt", set(), {"drug-trafficking"}),
        ("golpearon al conductor", "es", set(), {"fraud"}),
        ("o golpe do falso investimento", "pt", {"fraud"}, set()),
        ("conspiring to rig bids, operating as a cartel", "en", set(), {"organized-crime"}),
        ("theft from a local government receiving federal funds", "en", {"corruption"}, set()),
        ("the Health Care Fraud Unit prosecuted the pill mill", "en", set(), {"fraud"}),
        ("contournement de mesures de gel des avoirs", "fr", set(), {"asset-recovery"}),
        ("le gel des avoirs du prévenu", "fr", {"asset-recovery"}, set()),
        ("se incautaron 40.000 USDT y se retuvieron fondos", "es", {"asset-recovery"}, set()),
        ("ordenó el decomiso de dos aeronaves y 11 camionetas", "es", {"asset-recovery"}, set()),
        (
            "agravado por la intervención organizada de tres o más personas",
            "es",
            {"organized-crime"},
            set(),
        ),
        ("осуждены за контрабанду лесоматериалов", "ru", {"environmental-crime"}, set()),
        ("о выдаче гражданина этой страны", "ru", {"extradition"}, set()),
        (
            "l'Office central pour la répression de la corruption et des infractions"
            " financières et fiscales",
            "fr",
            set(),
            {"corruption"},
        ),
        # Round 13.
        ("Hobbs Act extortion under color of official right", "en", {"corruption"}, set()),
        ("selling counterfeit oxycodone pills", "en", set(), {"fraud"}),
        # (trafficking in counterfeit goods is trademark crime, no fraud, since round 20: the
        # one labelled item of the kind; counterfeit cigarettes evade excise and stay fraud)
        ("trafficking in counterfeit goods", "en", set(), {"fraud"}),
        ("a network producing counterfeit cigarettes", "en", {"fraud"}, set()),
        ("led to the recovery of cash of about Rs 1.2 crore", "en", {"asset-recovery"}, set()),
        (
            "the UN Convention against Cybercrime opened for signature",
            "en",
            {"international-cooperation"},
            set(),
        ),
        ("Encontro de Procuradores-Gerais da CPLP", "pt", {"international-cooperation"}, set()),
        ("foram bloqueados R$ 80 milhões", "pt", {"asset-recovery"}, set()),
        ("desferiu vários golpes com uma faca", "pt", set(), {"fraud"}),
        ("alerta para golpes com inteligência artificial", "pt", {"fraud"}, set()),
        ("material de explotación sexual infantil", "es", set(), {"human-trafficking"}),
        ("con fines de explotación sexual", "es", {"human-trafficking"}, set()),
        ("tras adherir al blanqueo, ocultó ventas", "es", set(), {"money-laundering"}),
        ("condenado por blanqueo de capitales", "es", {"money-laundering"}, set()),
        ("la zona de Puerto Rico, en Misiones", "es", set(), {"organized-crime"}),
        ("charged under RICO", "en", {"organized-crime"}, set()),
        ("le tribunal a homologué la peine proposée", "fr", set(), {"international-cooperation"}),
        ("une entente illicite qualifiée de « cartel »", "fr", set(), {"organized-crime"}),
        ("разлив нефтепродуктов в Кольском заливе", "ru", {"environmental-crime"}, set()),
        ("назначен природоохранный прокурор", "ru", set(), {"environmental-crime"}),
        # Round 14.
        (
            "растрата бюджетных средств, перечисленных коммерческой организации",
            "ru",
            {"corruption"},
            {"fraud"},
        ),
        ("растрата денежных средств коммерческой организации", "ru", {"fraud"}, {"corruption"}),
        ("pour corruption de mineur et agressions sexuelles", "fr", set(), {"corruption"}),
        ("la confiscation des armes et des munitions", "fr", set(), {"asset-recovery"}),
        ("la confiscation des sommes saisies", "fr", {"asset-recovery"}, set()),
        ("foram arrestados imóveis e saldos bancários", "pt", {"asset-recovery"}, set()),
        ("crimes de violação de medidas restritivas", "pt", {"sanctions"}, set()),
        ("une délégation du Bureau national anticorruption d'Ukraine", "fr", set(), {"corruption"}),
        # Round 15.
        ("making false statements to federal agents", "en", set(), {"fraud"}),
        ("false statements to investors about returns", "en", {"fraud"}, set()),
        ("bribes from cannabis dispensary license applicants", "en", set(), {"drug-trafficking"}),
        ("convicted of concealing criminal property", "en", {"money-laundering"}, set()),
        (
            "arranging the travel of children with a view to their exploitation",
            "en",
            {"human-trafficking"},
            set(),
        ),
        ("investigators seized 21 million cigarettes", "en", set(), {"asset-recovery"}),
        ("prosecutors seize 12 million dollars in proceeds", "en", {"asset-recovery"}, set()),
        (
            "police chiefs met at Europol to agree joint priorities",
            "en",
            {"international-cooperation"},
            set(),
        ),
        ("crimes de sabotagem informática e extorsão", "pt", {"cybercrime"}, set()),
        ("abateu um lince-ibérico, espécie protegida", "pt", {"environmental-crime"}, set()),
        (
            "se les aseguraron 12 millones 400 mil pesos en efectivo",
            "es",
            {"asset-recovery"},
            set(),
        ),
        ("la importación de 2,4 toneladas de haschich", "es", {"drug-trafficking"}, set()),
        # Bodies named after what they fight.
        (
            "Главного управления экономической безопасности и противодействия коррупции МВД",
            "ru",
            set(),
            {"corruption"},
        ),
        ("la Procuraduría de Narcocriminalidad (PROCUNAR)", "es", set(), {"organized-crime"}),
        # The G20's working group is the G20; since round 19 the whole name counts for
        # corruption too (its words do not count inside it elsewhere): 7 of the 8 parts'
        # items about its meetings are labelled corruption.
        (
            "Remarks at the G20 Anti-Corruption Working Group meeting",
            "en",
            {"g20", "corruption"},
            set(),
        ),
    ],
)
def test_shipped_vocabulary(text: str, language: str, present: set[str], absent: set[str]) -> None:
    found = topics(text, language)
    assert present <= found
    assert not absent & found


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        # A gang named after a region is not the region; a demonym before "cartels" is.
        ("coordinated loads for a Sinaloa Cartel cell", frozenset({"us"}), set()),
        ("Mexican cartels buy precursors", frozenset(), {"mx"}),
        # Rivers and airports right after their word; an airport "of" a city is in it.
        ("extração ilegal de ouro no leito do rio Madeira", frozenset({"br"}), set()),
        ("à l'aéroport Paris-Charles-de-Gaulle", frozenset({"fr"}), set()),
        ("flagrado no Aeroporto de Guarulhos", frozenset({"br"}), {"br"}),
        # Valence is Valencia in French, and a town of the Drôme: in a French release, the town.
        ("Le tribunal judiciaire de Valence a condamné la société", frozenset({"fr"}), set()),
        # Crossing the Channel is not the department of the Manche.
        ("des embarcations pour des traversées de la Manche", frozenset({"fr"}), set()),
        ("le parquet de Coutances, dans la Manche", frozenset({"fr"}), {"fr"}),
        # English regions and Brazil's big city that is also a word, with context.
        ("car washes in the East Midlands", frozenset({"gb"}), {"gb"}),
        ("mandados em Natal e Fortaleza", frozenset({"br"}), {"br"}),
        # A comuna of Santiago, not the US state.
        ("La Fiscalía Local de La Florida formalizó", frozenset({"cl"}), set()),
        # In a US release, a place written as where people live or as a town's own name is a
        # US town; a nationality stays one, and so does the capital named "... City".
        ("A Moscow woman who managed a credit union branch", frozenset({"us"}), set()),
        ("Former Cairo City Treasurer pleads guilty", frozenset({"us"}), set()),
        ("the treasurer of the City of Cairo wrote checks", frozenset({"us"}), set()),
        ("A Moscow woman was sentenced", frozenset({"gb"}), {"ru"}),
        ("Honduran Man Sentenced for Illegal Reentry", frozenset({"us"}), {"hn"}),
        ("New Mexico Man Sentenced", frozenset({"us"}), {"us"}),
        ("Mexico City Police Arrest Fugitive", frozenset({"us"}), {"mx"}),
        ("a street gang operating in Aurora", frozenset({"us"}), set()),
        # A name that is a word too, written as the word anywhere in the item, is the word.
        (
            "Workers at Turkey Processing Plant. A turkey processing plant in Willmar.",
            frozenset(),
            set(),
        ),
        ("Fraud charges filed in Turkey", frozenset(), {"tr"}),
        # Ships, gulfs and banks named after a place; ISO's comma-named countries.
        ("foi intercetado o veleiro «Jamaica Star» ao largo dos Açores", frozenset({"pt"}), {"pt"}),
        ("un buque tanque en aguas del Golfo de México", frozenset({"mx"}), set()),
        ("cheating Punjab National Bank of ₹380 crore", frozenset({"in"}), set()),
        ("des sociétés établies aux îles Vierges britanniques", frozenset({"fr"}), {"vg"}),
        ("on behalf of the Democratic People's Republic of Korea", frozenset(), {"kp"}),
        ("el juzgado federal de Concepción del Uruguay", frozenset({"ar"}), set()),
        # A country in a compound adjective, only before a nationality or a country.
        ("une équipe commune d'enquête franco-espagnole", frozenset(), {"fr", "es"}),
        ("un ressortissant franco-israélien", frozenset(), {"fr", "il"}),
        ("la jueza Franco-Rodríguez", frozenset(), set()),
        # A Russian village named after a foreign city; districts named in the plural; a basin.
        ("в квартале лесничества вблизи села Лейпциг", frozenset({"ru"}), set()),
        ("nos distritos de Braga e Viana do Castelo", frozenset({"pt"}), {"pt"}),
        ("delitos ambientales en la Cuenca del Plata", frozenset({"ar"}), set()),
        # Georgia after a preposition: the country in a release from outside the US that
        # names nothing American; still nothing in a US release.
        ("call centers instalados na Geórgia", frozenset({"pt"}), {"ge"}),
        ("call centres in Georgia were raided", frozenset({"us"}), {"us"}),
        ("call centres in Georgia and U.S. victims", frozenset({"gb"}), {"us"}),
        # A quoted code name is no place.
        ("an investigation code-named 'Marseille' into footwear imports", frozenset(), set()),
        # A town, then the county or department it is in: that country's town; a French
        # commune of several hyphened parts is the commune (a department's name is kept).
        ("A man from Melbourne, Derbyshire, has been jailed", frozenset({"gb"}), {"gb"}),
        ("logés dans un hangar à Montréal, Aude", frozenset({"fr"}), {"fr"}),
        ("le maire de Sainte-Lucie-de-Tallano (Corse-du-Sud)", frozenset({"fr"}), {"fr"}),
        ("Saint-Vincent-et-les-Grenadines", frozenset(), {"vc"}),
        # A market, a restaurant and a gulf are no place.
        ("une société cotée sur Euronext Paris", frozenset({"fr"}), set()),
        ("реставрации здания ресторана «Прага»", frozenset({"ru"}), set()),
        ("piracy in the Gulf of Guinea", frozenset(), set()),
        # Round 13: a ship after M/T, a prison named after a town in a US release, a village
        # named after a big city, the Portuguese language, "israelita" (Jewish), a country's
        # name that is a first name before a sentence's first word, Hyderabad in India.
        ("the oil tanker M/T Tunis Glory was sentenced", frozenset({"us"}), set()),
        ("a corrections officer at Angola Prison", frozenset({"us"}), set()),
        ("une cave coopérative du village de Montréal", frozenset({"fr"}), set()),
        ("le maire d'une commune de Haute-Corse", frozenset({"fr"}), {"fr"}),
        ("Comunidade dos Países de Língua Portuguesa", frozenset({"pt"}), set()),
        ("la Asociación Mutual Israelita Argentina", frozenset({"ar"}), {"ar"}),
        ("des comptes en Chine et en Israël. Le tribunal a ordonné", frozenset(), {"cn", "il"}),
        ("Chad Whitfield was sentenced", frozenset({"us"}), set()),
        ("Special Judge for CBI Cases, Hyderabad", frozenset({"in"}), {"in"}),
        # Round 14: countries listed before Georgia are no US dateline; a town before its
        # region in brackets; a district's chief town in the source's own country is the town;
        # boats and bridges named after countries; Dnipro by its old Russian name.
        # (and since round 25, Georgia in a list of countries is the country, as labelled)
        (
            "authorities in Bulgaria, Georgia, Germany and Austria",
            frozenset(),
            {"bg", "ge", "de", "at"},
        ),
        ("ATLANTA, Georgia – A man was sentenced", frozenset({"us"}), {"us"}),
        ("Pollution d'un cours d'eau à Montréal (Aude)", frozenset({"fr"}), {"fr"}),
        ("um cidadão romeno detido em Beja", frozenset({"pt"}), {"ro"}),
        ("no oeste do Pará", frozenset({"br"}), {"br"}),
        ("el capitán de la lancha 'Ecuador II'", frozenset({"cl"}), set()),
        ("en las inmediaciones del Puente Internacional Colombia", frozenset({"mx"}), set()),
        ("колл-центра в Днепропетровске", frozenset({"ru"}), {"ua"}),
        ("ocho personas en San Salvador de Jujuy", frozenset({"ar"}), set()),
        # Round 15: a company named after a place; Laos; a state after "South"; a
        # municipality or locality named like a country; Lagos as a surname.
        ("shell companies, including Panamá Atlántico Holdings Corp.", frozenset({"us"}), set()),
        ("moving the drugs through Lao PDR and Thailand", frozenset(), {"la", "th"}),
        ("bank accounts in South Florida", frozenset(), {"us"}),
        ("migrants from South America", frozenset(), set()),
        ("Junta de Freguesia de Faro do Alentejo, concelho de Cuba", frozenset({"pt"}), {"pt"}),
        ("detuvieron en la localidad de Colombia, municipio de Anáhuac", frozenset({"mx"}), set()),
        ("designó al fiscal general Federico Ibarra Lagos", frozenset({"ar"}), set()),
        ("fraud suspects arrested in Lagos", frozenset({"gb"}), {"ng"}),
        # Vienna in Russian, after a preposition of place.
        ("совещание в Вене", frozenset({"ru"}), {"at"}),
    ],
)
def test_places_named_after_and_namesakes(
    text: str, context: frozenset[str], expected: set[str]
) -> None:
    assert places(text, context) == expected


def test_the_quick_check_before_the_names_pattern_never_hides_a_name() -> None:
    # Every shipped name, in a sentence and declined as the pattern allows, is still found:
    # the check on the words' beginnings lets every text through that could hold it.
    names = compile_names(("FBI", "ЦРУ"))
    for line in (*shipped_names(), "FBI", "ЦРУ"):
        name = fold(line.removeprefix("place:").strip())
        text = f"le 3 mai, {name}, a dit"
        assert names.spans(text), name
    declined = "встреча в Управлении по надзору за исполнением законов"
    assert compile_names(("Управление по надзору",)).spans(fold(declined))
    assert not names.may_hold_a_name("a text about nothing in particular")
    assert operation_names("Operation Thunder hit 30 countries") == ["Operation Thunder"]
    assert operation_names("the ship «Норвегия» docked") == ["ship «Норвегия»"]
    assert operation_names("an operation with no name") == []
    assert operation_names("Bilan de Opération Colombie contre le trafic") == ["Opération Colombie"]
    assert places("Bilan de Opération Colombie contre le trafic") == set()


def test_decomposed_accents_are_read_as_composed_ones() -> None:
    # Every place lookup reads the text in NFC: a "Córdoba" written with a combining accent
    # is the same name (it was a context name only when composed).
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Detenido en Córdoba")
    assert list(countries_in(decomposed, context=frozenset({"ar"}))) == [("ar", "cordoba")]


def test_a_stem_inside_a_longer_word_is_not_that_word() -> None:
    """`*estaf*` (for "ciberestafa") matched "testaferros" (straw men, a laundering word)."""
    assert "fraud" not in topics("a nombre de testaferros", "es")
    assert "fraud" in topics("ciberestafas y estafaron a 30 personas", "es")
    assert "money-laundering" in topics("una red que lavaba dinero del narcotráfico", "es")
    assert (
        topics(
            "designa a la directora de la Unidad de Lavado de Dinero, Delitos Económicos, "
            "Medioambientales y Crimen Organizado",
            "es",
        )
        == set()
    )


def test_virtual_wallets_in_argentina_are_not_crypto_by_themselves() -> None:
    """ "billeteras virtuales" are the e-wallets of Argentine fintechs: crypto only with words
    of crypto (the parts' labels, 2 to 1, and the third item names USDT and bitcoin)."""
    text = "transferían el dinero a billeteras virtuales"
    assert "crypto" not in topics(text, "es")
    assert "crypto" in topics(
        "convirtió en criptoactivos y transfirió a billeteras virtuales", "es"
    )


def test_an_item_is_filed_under_at_most_max_countries_the_first_it_names() -> None:
    """Found by an outside attack: items naming every country made every country's feed a
    copy of the combined one (one `fetch` still publishing after ten minutes)."""
    import pycountry

    from aggregator.tagging.tagger import MAX_COUNTRIES

    names = [country.name for country in pycountry.countries if "," not in country.name]
    found = places("Nationals of " + ", ".join(names[:150]) + " were involved.")
    assert len(found) == MAX_COUNTRIES
    assert places("Police of Austria, Belgium, Bulgaria and Croatia") == {"at", "be", "bg", "hr"}


def test_arms_trafficking_in_a_portuguese_heading_is_not_drugs() -> None:
    assert "drug-trafficking" not in topics("Tráfico e mediação de armas. Acusação.", "pt")
    assert "drug-trafficking" in topics("Tráfico de estupefacientes agravado. Acusação.", "pt")


def test_forgery_alone_is_no_fraud_but_forged_accounts_are() -> None:
    """Round 17: every labelled part calls forged documents evidence (migrant smuggling,
    peculato), not a fraud; forged reports or statements obtaining money are."""
    assert "fraud" not in topics("officers seized EUR 410 000 in cash and forged documents", "en")
    assert "fraud" not in topics("crimes de peculato e falsificação de documento", "pt")
    assert "fraud" in topics("obtained EU funds using forged acceptance reports", "en")
    assert "fraud" in topics("cheating the bank on fabricated stock statements", "en")


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("took down a phishing-as-a-service platform stealing bank credentials", {"fraud"}, set()),
        ("phishing operators and ransomware affiliates", {"cybercrime"}, {"fraud"}),
        ("accedía a las cuentas mediante phishing para extorsionar", set(), {"fraud"}),
        (
            "conspiracy to commit computer fraud and extortion with ransomware",
            {"cybercrime"},
            {"fraud"},
        ),
        ("sex trafficking by force, fraud and coercion", {"human-trafficking"}, {"fraud"}),
    ],
)
def test_phishing_and_offence_names_with_fraud_in_them(
    text: str, present: set[str], absent: set[str]
) -> None:
    found = topics(text, "es" if "cuentas" in text else "en")
    assert present <= found and not absent & found, found


def test_a_bid_rigging_cartel_under_lei_8137_is_no_fraud() -> None:
    """Lei 8.137/1990: tax crimes (arts. 1-3) are fraud; its art. 4 (economic order: cartels)
    is not."""
    cartel = "crime contra a ordem econômica, previsto no art. 4º da Lei 8.137/1990"
    assert "fraud" not in topics(cartel, "pt", "BR")
    assert "fraud" in topics("sonegou ICMS, crime previsto no art. 1º da Lei 8.137/90", "pt", "BR")


def test_an_agency_named_for_asset_recovery_is_a_name() -> None:
    assert topics("M. X a été nommé directeur général de l'AGRASC", "fr") == set()
    assert "asset-recovery" in topics("l'AGRASC a vendu les biens confisqués", "fr")


@pytest.mark.parametrize(
    ("text", "language", "tag"),
    [
        (
            "participants of a criminal community forced them to work without pay",
            "en",
            "human-trafficking",
        ),
        (
            "передала компетентным органам Киргизской Республики уголовное преследование",
            "ru",
            "extradition",
        ),
        (
            "acordo de compartilhamento de ativos com os Estados Unidos",
            "pt",
            "international-cooperation",
        ),
        (
            "expuso ante el Grupo de Trabajo Anticorrupción del G20",
            "es",
            "international-cooperation",
        ),
        (
            "mantuvo reuniones bilaterales con la Autoridad Nacional",
            "es",
            "international-cooperation",
        ),
        ("incidente de liquidação para perda ampliada de bens", "pt", "asset-recovery"),
        (
            "se incautaron 38 kilos de cocaína, 11 armas y $62 millones en dinero en efectivo",
            "es",
            "asset-recovery",
        ),
        ("pesan embargos y el secuestro de 42 vehículos y 6 inmuebles", "es", "asset-recovery"),
        ("tomaban el control de sus cuentas de WhatsApp", "es", "cybercrime"),
        ("lured investors into fake online trading platforms", "en", "fraud"),
    ],
)
def test_round_17_vocabulary(text: str, language: str, tag: str) -> None:
    assert tag in topics(text, language)


def test_cash_out_through_crypto_exchangers_is_no_laundering() -> None:
    """обналичивание (art. 172, illegal banking) is not laundering unless laundering is named."""
    assert "money-laundering" not in topics("незаконно обналичивавшие денежные средства", "ru")
    assert "money-laundering" in topics("легализация (отмывание) денежных средств", "ru")


def test_chilean_provinces_name_chile_and_lakes_named_after_them_do_not() -> None:
    assert places("tras una fiscalización en la provincia de Chiloé") == {"cl"}
    assert places("contaminación de aguas en el lago Llanquihue") == set()


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        # frozen food is no frozen asset; a decimal weight does not end the sentence
        (
            "hidden among pallets of frozen vegetables in a refrigerated trailer",
            "en",
            set(),
            {"asset-recovery"},
        ),
        ("bank accounts were frozen on the action day", "en", {"asset-recovery"}, set()),
        (
            "the seizure of 4.2 tonnes of cocaine, €2.3 million in cash and 12 vehicles",
            "en",
            {"asset-recovery"},
            set(),
        ),
        ("seized 29 financial accounts and 17 web domains", "en", {"asset-recovery"}, set()),
        ("obtained a civil recovery order in the High Court", "en", {"asset-recovery"}, set()),
        (
            "conspiracy to facilitate a breach of immigration law",
            "en",
            {"human-trafficking"},
            set(),
        ),
        ("workers stole sensitive data from their employers", "en", {"cybercrime"}, set()),
        (
            "coordinate joint investigations against criminal groups",
            "en",
            {"international-cooperation"},
            set(),
        ),
        # Spanish freezes and liens
        ("ordenó el congelamiento de 27 cuentas y billeteras", "es", {"asset-recovery"}, set()),
        ("ordenó embargos por 12.000 millones de pesos", "es", {"asset-recovery"}, set()),
        ("dispuso la inhibición general de sus bienes", "es", {"asset-recovery"}, set()),
        # Russian customs duties, extradition request, fictitious loans
        ("уклонился от уплаты таможенных платежей", "ru", {"fraud"}, set()),
        ("по ч. 2 ст. 194 УК РФ", "ru", {"fraud"}, set()),
        ("направила запрос о выдаче бывшего совладельца банка", "ru", {"extradition"}, set()),
        ("вывел из банка 5 млрд рублей через фиктивные кредиты", "ru", {"fraud"}, set()),
        # drugs hidden in containers are no pollution; a river polluted is
        ("contaminava contêineres de frutas com cocaína", "pt", set(), {"environmental-crime"}),
        ("contaminação do rio por rejeitos de mineração", "pt", {"environmental-crime"}, set()),
        ("obtinha os códigos de acesso das vítimas ao homebanking", "pt", {"cybercrime"}, set()),
        # French: a fund's name, diverted takings of a fraud, money sent abroad
        ("reversé au fonds de concours « drogue »", "fr", set(), {"drug-trafficking"}),
        (
            "escroquerie à la TVA ; les fonds détournés transitaient par la Pologne",
            "fr",
            {"fraud"},
            {"corruption"},
        ),
        ("un château acquis avec des fonds détournés", "fr", {"corruption"}, set()),
        ("les fonds transitaient avant d'être rapatriés à Dubaï", "fr", set(), {"asset-recovery"}),
        ("le rapatriement des avoirs confisqués", "fr", {"asset-recovery"}, set()),
        (
            "enquête conduite en coordination avec le Serious Fraud Office britannique",
            "fr",
            {"international-cooperation"},
            set(),
        ),
    ],
)
def test_round_18_phrasings(text: str, language: str, present: set[str], absent: set[str]) -> None:
    found = topics(text, language)
    assert present <= found and not absent & found, found


def test_counties_named_after_a_country_and_cape_verde() -> None:
    assert places("HARRISBURG, Pa. – A Lebanon County man was sentenced") == {"us"}
    assert places("hotel rooms in Cape Verde that were never built") == {"cv"}


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        ("vivia havia seis anos com documentos falsos", "pt", set(), {"fraud"}),
        ("concedia aposentadorias com documentos falsos", "pt", {"fraud"}, set()),
        ("responderão por tentativa de golpe de Estado", "pt", set(), {"fraud"}),
        ("vítimas do golpe do falso emprego", "pt", {"fraud"}, set()),
        (
            "o arguido aliciava crianças numa plataforma de jogos",
            "pt",
            set(),
            {"human-trafficking"},
        ),
        (
            # (since round 21 "aliciar" alone no longer counts)
            "aliciaban mujeres con falsas promesas para su explotación sexual",
            "es",
            {"human-trafficking"},
            set(),
        ),
        (
            "reunião do Grupo de Trabalho Anticorrupção do G20",
            "pt",
            {"corruption", "international-cooperation", "g20"},
            set(),
        ),
        ("вопреки антикоррупционным запретам руководил компаниями", "ru", {"corruption"}, set()),
        (
            "незаконно легализовано пребывание в стране иностранцев",
            "ru",
            set(),
            {"money-laundering"},
        ),
        ("легализовал часть похищенных средств", "ru", {"money-laundering"}, set()),
        ("перечислили в федеральный бюджет более 3,2 млн франков", "ru", {"asset-recovery"}, set()),
        (
            "встреча генеральных прокуроров государств «Группы двадцати»",
            "ru",
            {"pg20", "international-cooperation"},
            set(),
        ),
        (
            "por el delito de pornografía de personas menores de dieciocho años",
            "es",
            {"cybercrime"},
            set(),
        ),
        ("operators posed as technical support staff and took payments", "en", {"fraud"}, set()),
        (
            "the company must cooperate with any future prosecution of individuals",
            "en",
            set(),
            {"international-cooperation"},
        ),
        (
            "the FBI acted in coordination with the German Federal Criminal Police Office",
            "en",
            {"international-cooperation"},
            set(),
        ),
        (
            "funds returned under an agreement signed by the United States and Nigeria",
            "en",
            {"international-cooperation"},
            set(),
        ),
        (
            "acordaron intercambiar información y realizar capacitaciones conjuntas",
            "es",
            {"international-cooperation"},
            set(),
        ),
        (
            "une résolution coordonnée avec le Serious Fraud Office britannique",
            "fr",
            {"international-cooperation"},
            set(),
        ),
    ],
)
def test_round_19_phrasings(text: str, language: str, present: set[str], absent: set[str]) -> None:
    found = topics(text, language)
    assert present <= found and not absent & found, found


def test_round_19_places() -> None:
    assert places("Judicial authorities in Flanders arrested the administrator") == {"be"}
    assert places("espèce protégée par la convention de Washington") == set()
    # An elided article after a country is no person's initial ("Argentina “M”" is).
    assert places("en provenance d'Équateur. L'enquête a été conduite") == {"ec"}
    assert places("detuvieron a Argentina “M” en su domicilio") == set()


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        ("trafficking in counterfeit goods bearing counterfeit trademarks", "en", set(), {"fraud"}),
        ("sold counterfeit signed jerseys to buyers online", "en", {"fraud"}, set()),
        (
            "the UK's specialist prosecutor of serious or complex fraud, bribery and corruption",
            "en",
            set(),
            {"fraud", "corruption"},
        ),
        (
            "the SFO, working alongside the Office of the Attorney General of Switzerland, "
            "carried out searches",
            "en",
            {"international-cooperation"},
            set(),
        ),
        # (a review's cases: working alongside a brother, searches at home, a plea agreement)
        (
            "Working alongside his brother, the defendant sold cocaine",
            "en",
            set(),
            {"international-cooperation"},
        ),
        ("simultaneous searches at 15 homes in Leeds", "en", set(), {"international-cooperation"}),
        (
            "According to the plea agreement signed in federal court",
            "en",
            set(),
            {"international-cooperation"},
        ),
        (
            "sold fentanyl to a cooperating witness on three occasions",
            "en",
            set(),
            {"international-cooperation"},
        ),
        (
            "Eurojust helped the Belgian and Spanish authorities resolve a conflict",
            "en",
            {"international-cooperation"},
            set(),
        ),
        (
            "responderão pelo art. 46 da Lei 9.605/1998 e falsidade ideológica",
            "pt",
            set(),
            {"fraud"},
        ),
        (
            "deteve pela Unidade Nacional de Combate ao Tráfico de Estupefacientes suspeitos de "
            "sequestro",
            "pt",
            set(),
            {"drug-trafficking"},
        ),
        (
            "получил гранты по подложным договорам, хищение бюджетных субсидий, ч. 4 ст. 159 УК РФ",
            "ru",
            {"fraud"},
            {"corruption"},
        ),
        ("хищение бюджетных средств главой администрации", "ru", {"corruption"}, set()),
        ("курьеры колумбийского наркокартеля", "ru", {"organized-crime"}, set()),
        (
            "практика изъятия незаконно нажитого имущества коррупционеров",
            "ru",
            {"asset-recovery"},
            set(),
        ),
        (
            "inmuebles adquiridos con recursos que no correspondían a sus ingresos como servidor "
            "público",
            "es",
            {"corruption"},
            set(),
        ),
        (
            "intentó encuadrar los fondos en el régimen de blanqueo de la Ley 27.743",
            "es",
            set(),
            {"money-laundering"},
        ),
        ("dans l'affaire dite des « Panama Papers »", "fr", set(), set()),
    ],
)
def test_round_20_phrasings(text: str, language: str, present: set[str], absent: set[str]) -> None:
    found = topics(text, language)
    assert present <= found and not absent & found, found


def test_round_20_places() -> None:
    assert places("dans l'affaire dite des « Panama Papers »") == set()
    assert places("в районе Китай-города задержан предприниматель") == set()
    # a Russian preposition at a sentence's start is no person's initial
    assert places("Встреча прошла в Йоханнесбурге. В своем выступлении он сказал") == {"za"}
    assert places("recrutavam cidadãos timorenses e moldavos") == {"tl", "md"}


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        (
            "funds a former official embezzled from a state energy company",
            "en",
            {"corruption"},
            {"fraud"},
        ),
        ("embezzled client funds from the company", "en", {"fraud"}, set()),
        (
            "a network that smuggled Syrian and Afghan migrants in lorries",
            "en",
            {"human-trafficking"},
            set(),
        ),
        (
            "returned under an agreement signed in Bishkek",
            "en",
            {"international-cooperation"},
            set(),
        ),
        (
            "elected President of the European Union Agency for Criminal Justice Cooperation",
            "en",
            set(),
            {"international-cooperation"},
        ),
        (
            "o grupo aliciava funcionários de terminais portuários",
            "pt",
            set(),
            {"human-trafficking"},
        ),
        ("a sentença também decretou a perda do cargo público", "pt", set(), {"asset-recovery"}),
        ("o juiz decretou a perda dos bens apreendidos", "pt", {"asset-recovery"}, set()),
        ("capturavam meixão no rio Minho", "pt", {"environmental-crime"}, set()),
        (
            "ordenó el decomiso de una estancia y diez departamentos",
            "es",
            {"asset-recovery"},
            set(),
        ),
        ("condamné pour rejet illicite d'hydrocarbures", "fr", {"environmental-crime"}, set()),
        (
            "une journée d'action coordonnée par Eurojust avec les autorités bulgares",
            "fr",
            {"international-cooperation"},
            set(),
        ),
    ],
)
def test_round_21_phrasings(text: str, language: str, present: set[str], absent: set[str]) -> None:
    found = topics(text, language)
    assert present <= found and not absent & found, found


def test_round_21_places() -> None:
    assert places("An operation code-named Montevideo led to 38 arrests") == set()
    assert places("le capitaine du vraquier « Lisboa Spirit »") == set()
    assert places("за вознаграждение от 3 до 5 тыс. долларов США") == set()
    assert places("Заседание прошло в Ашхабаде") == {"tm"}
    assert places("vendían droga desde un inmueble del Barrio Brasil") == set()
    assert places("bodegas en las calles República de Chile y Donceles") == set()
    assert places("en el ex ingenio Nueva Baviera, en Tucumán") == {"ar"}
    assert places("exintendente de un municipio bonaerense") == {"ar"}
    assert places("extradited from New Zealand to New Jersey") == {"nz", "us"}


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        # a review of rounds 17-21 found these; each reads as it should now
        (
            "the man, in the UK in breach of immigration law, was jailed for assault",
            "en",
            set(),
            {"human-trafficking"},
        ),
        (
            "conspiracy to facilitate a breach of immigration law",
            "en",
            {"human-trafficking"},
            set(),
        ),
        (
            "The robbers forced him to carry out transfers at knifepoint",
            "en",
            set(),
            {"human-trafficking"},
        ),
        (
            "forcing them to carry out online romance and cryptocurrency investment scams",
            "en",
            {"human-trafficking"},
            set(),
        ),
        (
            'Fue condenado bajo el cargo "lavado de activos" por el tribunal',
            "es",
            {"money-laundering"},
            set(),
        ),
        (
            "accused of commercial computer fraud causing losses to bank customers",
            "en",
            {"fraud"},
            set(),
        ),
        ("Le véhicule a été remis à l'AGRASC pour être vendu", "fr", {"asset-recovery"}, set()),
        (
            "crime contra a ordem tributária (art. 1º da Lei 8.137/90); pena substituída nos "
            "termos do art. 44 do Código Penal",
            "pt",
            {"fraud"},
            set(),
        ),
        (
            "secuestraron a un empresario y exigieron 50 mil dólares en efectivo",
            "es",
            set(),
            {"asset-recovery"},
        ),
        ("se secuestraron 1,2 millones de dólares en efectivo", "es", {"asset-recovery"}, set()),
        (
            "Прокурор передал материалы в СК для решения вопроса об уголовном преследовании",
            "ru",
            set(),
            {"extradition"},
        ),
        (
            "штраф уплачен, денежные средства перечислены в федеральный бюджет",
            "ru",
            set(),
            {"asset-recovery"},
        ),
        (
            "La imputada, apoderada de las cuentas de la sociedad, fue condenada",
            "es",
            set(),
            {"cybercrime"},
        ),
        ("se apoderaron de las cuentas de WhatsApp de las víctimas", "es", {"cybercrime"}, set()),
        (
            "The CFO embezzled $3 million from the public company he worked for",
            "en",
            {"fraud"},
            set(),
        ),
        (
            "Two police officers falsified their reports to cover up the assault",
            "en",
            set(),
            {"fraud"},
        ),
        (
            "un patrimonio que no corresponde con sus ingresos, según la fiscalía antidrogas",
            "es",
            set(),
            {"corruption"},
        ),
        ("morreu após golpes de faca", "pt", set(), {"fraud"}),
    ],
)
def test_found_by_a_review_of_rounds_17_to_21(
    text: str, language: str, present: set[str], absent: set[str]
) -> None:
    found = topics(text, language)
    assert present <= found and not absent & found, found


def test_places_found_by_a_review_of_rounds_17_to_21() -> None:
    assert places("The new Russia sanctions target companies") == {"ru"}
    assert places("a new Brazil subsidiary moved the money") == {"br"}
    assert places("extradited from Colombia. County prosecutors said") == {"co"}
    assert places("Подозреваемый задержан в Новой Москве") == {"ru"}
    assert places("l'incendie à bord du cargo « Ville de Tunis »") == set()


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        (
            "cryptocurrency worth EUR 2 million was seized during the action day",
            "en",
            {"asset-recovery", "crypto"},
            set(),
        ),
        (
            "В обеспечение исполнения приговора сохранен арест на его квартиру",
            "ru",
            {"asset-recovery"},
            set(),
        ),
        (
            "accedió a la retención de $95 millones depositados en cuentas",
            "es",
            {"asset-recovery"},
            set(),
        ),
        (
            "похитил 190 млн рублей. Санкция ч. 4 ст. 159 УК РФ предусматривает до 10 лет",
            "ru",
            {"fraud"},
            {"sanctions"},
        ),
        (
            "заседание Антикоррупционной рабочей группы «Группы двадцати»",
            "ru",
            {"corruption", "international-cooperation"},
            set(),
        ),
        ("tomaban sus cuentas de WhatsApp y pedían dinero a sus contactos", "es", {"fraud"}, set()),
        (
            "condamnés pour participation frauduleuse à une entente sur les enrobés",
            "fr",
            set(),
            {"fraud"},
        ),
        (
            "promocionaba con carteles de arriendo y avisos en portales",
            "es",
            set(),
            {"organized-crime"},
        ),
        ("integrantes de los carteles de la droga", "es", {"organized-crime"}, set()),
    ],
)
def test_round_22_phrasings(text: str, language: str, present: set[str], absent: set[str]) -> None:
    found = topics(text, language)
    assert present <= found and not absent & found, found


def test_round_22_places() -> None:
    assert places("participou em Washington (EUA) da reunião") == {"us"}
    assert places("the UN human rights office in Geneva said on Friday") == set()
    assert places("в Ханты-Мансийском автономном округе – Югре") == {"ru"}


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        # The DOJ's domestic task forces are names, no cooperation; a joint task force of two
        # countries still is.
        (
            "prosecuted by the Criminal Division as part of Joint Task Force Alpha",
            "en",
            set(),
            {"international-cooperation"},
        ),
        (
            "a binational joint task force of Mexican and U.S. agents",
            "en",
            {"international-cooperation"},
            set(),
        ),
        # "operational" is no operation: Europol building a wing is no cooperation.
        (
            "Europol today inaugurated a new operational wing at its headquarters",
            "en",
            set(),
            {"international-cooperation"},
        ),
        (
            "Europol supported the operation with analysis",
            "en",
            {"international-cooperation"},
            set(),
        ),
        (
            "Eurojust a soutenu l'opération menée en Espagne",
            "fr",
            {"international-cooperation"},
            set(),
        ),
        # Offices named after topics are names.
        (
            "La Fiscalía Especializada en Delitos Ambientales y Previstos en Leyes Especiales "
            "obtuvo sentencia por la venta de videojuegos apócrifos",
            "es",
            set(),
            {"environmental-crime"},
        ),
        (
            "confiée à l'Office central de lutte contre les atteintes à l'environnement et à la "
            "santé publique après une intoxication alimentaire",
            "fr",
            set(),
            {"environmental-crime"},
        ),
        (
            "l'Office central de lutte contre les atteintes à l'environnement et à la santé "
            "publique a démantelé un trafic d'espèces protégées",
            "fr",
            {"environmental-crime"},
            set(),
        ),
        # A night club's or a bar's quoted name is a name.
        (
            "poignardé à la sortie de la discothèque « Le Cartel » après une altercation",
            "fr",
            set(),
            {"organized-crime"},
        ),
        (
            "la fusillade devant le bar « La Mafia » a fait un blessé",
            "fr",
            set(),
            {"organized-crime"},
        ),
        ("démantèlement d'un cartel de la cocaïne", "fr", {"organized-crime"}, set()),
        # Argentina's exacciones ilegales: an official demanding payments.
        (
            "condenó a un suboficial de la Policía Federal por el delito de exacciones ilegales",
            "es",
            {"corruption"},
            set(),
        ),
        # Money confiscated, as Spanish writes it.
        (
            "Se decomisaron los 3 millones de pesos hallados en su domicilio",
            "es",
            {"asset-recovery"},
            set(),
        ),
        (
            "FGR entrega al INDEP 32 millones de pesos decomisados por resolución judicial",
            "es",
            {"asset-recovery"},
            set(),
        ),
        ("se decomisaron 300 kilos de cocaína", "es", set(), {"asset-recovery"}),
        # insured, not secured
        ("ofrecía seguros de vida por 2 mil pesos asegurados", "es", set(), {"asset-recovery"}),
        # (found by a review of round 23) The value of seized goods or drugs, and counterfeit
        # money, are no recovered assets.
        ("droga por 10 millones de pesos decomisada", "es", set(), {"asset-recovery"}),
        (
            "un cargamento de marihuana valuado en 2 millones de pesos fue decomisado",
            "es",
            set(),
            {"asset-recovery"},
        ),
        (
            "cigarrillos por 500 mil pesos decomisados en la frontera",
            "es",
            set(),
            {"asset-recovery"},
        ),
        (
            "se decomisaron 2 millones de pesos en mercancía apócrifa",
            "es",
            set(),
            {"asset-recovery"},
        ),
        ("Decomisan 18 mil pesos falsos", "es", set(), {"asset-recovery"}),
        ("se decomisaron 5 mil pesos en billetes falsos", "es", set(), {"asset-recovery"}),
        # Operational meetings and task forces at Europol and Eurojust are cooperation.
        (
            "Eurojust hosted an operational meeting between French and Belgian authorities",
            "en",
            {"international-cooperation"},
            set(),
        ),
        ("Europol set up an Operational Task Force", "en", {"international-cooperation"}, set()),
        (
            "Eurojust a organisé une réunion opérationnelle",
            "fr",
            {"international-cooperation"},
            set(),
        ),
        ("Europol organizó un sprint operacional", "es", {"international-cooperation"}, set()),
        # Exacciones by an armed group or a gang are extortion, no corruption.
        (
            "las FARC imponían exacciones ilegales a los ganaderos",
            "es",
            set(),
            {"corruption"},
        ),
        (
            "la banda imponía exacciones ilegales a los transportistas",
            "es",
            set(),
            {"corruption"},
        ),
        (
            "un agente de la policía provincial fue imputado por exacciones ilegales",
            "es",
            {"corruption"},
            set(),
        ),
        # Speech in quotes after "club" is no name.
        (
            'The football club "was used to launder money", the prosecutor said',
            "en",
            {"money-laundering"},
            set(),
        ),
        ("Президент клуба «получал взятки», сообщили в СК", "ru", {"corruption"}, set()),
        ('la discoteca "servía para la trata de personas"', "es", {"human-trafficking"}, set()),
    ],
)
def test_round_23_phrasings(text: str, language: str, present: set[str], absent: set[str]) -> None:
    found = topics(text, language)
    assert present <= found and not absent & found, found


def test_round_23_places() -> None:
    # A country's name of several words takes its words: Guinea is not named in "Equatorial
    # Guinea" or "Guinea-Bissau", and still is beside them.
    assert places("the dispute between Gabon and Equatorial Guinea") == {"ga", "gq"}
    assert places("nationals of Guinea-Bissau") == {"gw"}
    assert places("Guinea and Equatorial Guinea signed") == {"gn", "gq"}
    # A one-word country may begin a longer name, which is read (found by a review).
    assert places("trafficking victims from Benin City") == {"ng"}
    assert places("refugiados de Sudán del Sur en Uganda") == {"ss", "ug"}
    assert places("делегация Корейской Народно-Демократической Республики") == {"kp"}
    assert places("Корейская Народно-Демократическая Республика") == {"kp"}
    assert places("Samoa Americana") == {"as"}
    # Portugal's regions by their adjectives, in the phrases that name them; a wine or a
    # surname is no region.
    assert places("explorações agrícolas do Litoral Alentejano") == {"pt"}
    assert places("na costa algarvia") == {"pt"}
    assert places("um vinho alentejano premiado") == set()
    assert places("o empresário José Algarvio foi preso") == set()


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        # False statements in a gun purchase are a firearms offence, no fraud.
        (
            "sentenced for conspiracy to make false statements during straw purchases of firearms",
            "en",
            set(),
            {"fraud"},
        ),
        ("made false statements to the bank to obtain the loans", "en", {"fraud"}, set()),
        # Goods falsely declared to evade duties are fraud; smuggled eels are not.
        (
            "electric bicycles falsely declared as originating in Malaysia to avoid duties",
            "en",
            {"fraud"},
            set(),
        ),
        (
            "smuggling glass eels to Asia in suitcases and falsely declared air cargo",
            "en",
            set(),
            {"fraud"},
        ),
        # Sections 327-329 of the Proceeds of Crime Act are laundering, no confiscation.
        (
            "convicted of concealing criminal property, contrary to section 327 of the "
            "Proceeds of Crime Act 2002",
            "en",
            {"money-laundering"},
            {"asset-recovery"},
        ),
        (
            "a confiscation order under the Proceeds of Crime Act 2002",
            "en",
            {"asset-recovery"},
            set(),
        ),
        # A unit's name; US alien smuggling; the EU's restrictive measures; criminal
        # association.
        (
            "The CBI, Bank Securities and Fraud Cell, arrested an inspector for demanding a bribe",
            "en",
            {"corruption"},
            {"fraud"},
        ),
        (
            "charged with conspiracy to bring in and harbor aliens for financial gain",
            "en",
            {"human-trafficking"},
            set(),
        ),
        (
            "the suspected circumvention of EU restrictive measures against Russia",
            "en",
            {"sanctions"},
            set(),
        ),
        (
            "a criminal association suspected of a VAT carousel fraud",
            "en",
            {"organized-crime", "fraud"},
            set(),
        ),
        # Russian: possession without intent to sell is no trafficking; a sale is.
        (
            "признал виновным по ч. 2 ст. 228 УК РФ (незаконные приобретение, хранение без цели "
            "сбыта наркотических средств в крупном размере)",
            "ru",
            set(),
            {"drug-trafficking"},
        ),
        (
            "хранил наркотические средства без цели сбыта, а его сообщник занимался их сбытом",
            "ru",
            {"drug-trafficking"},
            set(),
        ),
        ("задержан курьер с 2 кг наркотиков", "ru", {"drug-trafficking"}, set()),
        (
            "незаконный экспорт технологий военного назначения (ч. 3 ст. 189 УК РФ)",
            "ru",
            {"sanctions"},
            set(),
        ),
        (
            "приобрел на неподтвержденные доходы 11 земельных участков",
            "ru",
            {"corruption"},
            set(),
        ),
        # Portuguese: asset freezing and money returned; Lei 7.492's currency evasion is
        # laundering, its fraudulent management fraud; wildlife "tráfico" is no drugs; a
        # state company's manager diverting its money is corruption, laundering others'
        # diverted funds is not.
        (
            "determinou a indisponibilidade imediata de contas e bens de uma importadora",
            "pt",
            {"asset-recovery"},
            set(),
        ),
        (
            "responderão por evasão de divisas (art. 22 da Lei 7.492/1986)",
            "pt",
            set(),
            {"fraud"},
        ),
        (
            "responderão por gestão fraudulenta (art. 4º da Lei 7.492/1986)",
            "pt",
            {"fraud"},
            set(),
        ),
        (
            "denunciados por tráfico de ovos de araras e filhotes de papagaio",
            "pt",
            set(),
            {"drug-trafficking"},
        ),
        ("presos por tráfico de cocaína", "pt", {"drug-trafficking"}, set()),
        (
            "um antigo administrador de uma empresa pública angolana. O antigo administrador "
            "desviou fundos da empresa",
            "pt",
            {"corruption"},
            set(),
        ),
        (
            "branqueamento de fundos desviados de uma empresa pública angolana",
            "pt",
            {"money-laundering"},
            {"corruption"},
        ),
        (
            "coordenava o Núcleo de Combate à Corrupção da unidade e tomou posse",
            "pt",
            set(),
            {"corruption"},
        ),
        # Spanish: teeth whitening, the deceit that recruits trafficking victims, two office
        # names, foreign police support.
        (
            "ofrecía blanqueamientos dentales y carillas sin título profesional",
            "es",
            set(),
            {"money-laundering"},
        ),
        ("blanqueaba dinero del narcotráfico", "es", {"money-laundering"}, set()),
        (
            "captaban a mujeres mediante engaños amorosos para la trata de personas",
            "es",
            {"human-trafficking"},
            {"fraud"},
        ),
        ("obtuvo dinero de las víctimas mediante engaños", "es", {"fraud"}, set()),
        (
            "la Fiscalía Especializada en Delitos de Violencia contra las Mujeres y Trata de "
            "Personas obtuvo vinculación a proceso por pornografía infantil",
            "es",
            set(),
            {"human-trafficking"},
        ),
        (
            "inauguró la sede de la Dirección General de Recuperación de Activos y Decomiso de "
            "Bienes",
            "es",
            set(),
            {"asset-recovery"},
        ),
        (
            "la investigación, desarrollada con apoyo de la DEA de Estados Unidos y de la "
            "Policía Boliviana",
            "es",
            {"international-cooperation"},
            set(),
        ),
        # French: bribes in cash are no seized cash; the DOJ's Fraud Section is a name; the
        # European arrest warrants in the plural.
        (
            "des rencontres arrangées contre des remises de 15 000 euros en numéraire",
            "fr",
            set(),
            {"asset-recovery"},
        ),
        (
            "3,4 millions d'euros en numéraire et des véhicules ont été saisis",
            "fr",
            {"asset-recovery"},
            set(),
        ),
        (
            "des entretiens avec la section de la fraude du département de la Justice des "
            "États-Unis sur des dossiers de corruption",
            "fr",
            {"corruption"},
            {"fraud"},
        ),
        (
            "cinq mandats d'arrêt européens ont été émis en vue de la remise",
            "fr",
            {"extradition"},
            set(),
        ),
        # (found by a review of round 24)
        (
            "La Fiscalía de Colombia, con apoyo de la Policía Nacional de Colombia, capturó a "
            "alias El Flaco",
            "es",
            set(),
            {"international-cooperation"},
        ),
        (
            "El juzgado de Madrid, con apoyo de la Guardia Civil, registró la vivienda",
            "es",
            set(),
            {"international-cooperation"},
        ),
        (
            "Обвиняемый сбывал наркотики через интернет-магазин, а часть наркотических средств "
            "хранил без цели сбыта",
            "ru",
            {"drug-trafficking"},
            set(),
        ),
        (
            "о незаконных приобретении, хранении, перевозке без цели сбыта наркотических "
            "средств (ч. 2 ст. 228 УК РФ)",
            "ru",
            set(),
            {"drug-trafficking"},
        ),
        (
            "приобрел наркотик через тайник-закладку для личного употребления без цели сбыта",
            "ru",
            set(),
            {"drug-trafficking"},
        ),
        (
            "obter financiamento mediante fraude (art. 20 da Lei 7.492/86). Cabe recurso nos "
            "termos do art. 22 da Lei 8.038",
            "pt",
            {"fraud"},
            set(),
        ),
        (
            "He was convicted under section 328 of the Proceeds of Crime Act 2002.",
            "en",
            {"money-laundering"},
            {"asset-recovery"},
        ),
        (
            "He was convicted under section 327 of the Proceeds of Crime Act. Prosecutors will "
            "now pursue him under the Proceeds of Crime Act to recover his assets.",
            "en",
            {"asset-recovery", "money-laundering"},
            set(),
        ),
        (
            "The court imposed restrictive measures against the suspect, including house arrest",
            "en",
            set(),
            {"sanctions"},
        ),
        (
            "Desarticulada una red que blanqueaba dinero del narcotráfico a través de clínicas "
            "dentales",
            "es",
            {"money-laundering"},
            set(),
        ),
        (
            "una red que mediante engaños vaciaba las cuentas de jubilados; los detenidos "
            "captaban a sus víctimas por teléfono",
            "es",
            {"fraud"},
            set(),
        ),
        (
            "La Fiscalía formalizó al administrador de una empresa privada que desvió fondos de "
            "sus socios; la firma había sido contratista de una empresa pública",
            "es",
            set(),
            {"corruption"},
        ),
        (
            "A empresa devolverá R$ 3 milhões aos consumidores lesados, em acordo com o Procon",
            "pt",
            set(),
            {"asset-recovery"},
        ),
        (
            "Acordo de leniência: empresa devolverá R$ 118 milhões por pagamento de propina",
            "pt",
            {"asset-recovery", "corruption"},
            set(),
        ),
        (
            "The defendant made false statements on loan applications; agents found guns in "
            "his home",
            "en",
            {"fraud"},
            set(),
        ),
        (
            "The defendant falsely declared the value of the imported goods to customs",
            "en",
            {"fraud"},
            set(),
        ),
        (
            "was known for his criminal association with a local burglar",
            "en",
            set(),
            {"organized-crime"},
        ),
    ],
)
def test_round_24_phrasings(text: str, language: str, present: set[str], absent: set[str]) -> None:
    found = topics(text, language)
    assert present <= found and not absent & found, found


def test_round_24_places() -> None:
    # Capitals in the languages the city table lacks.
    assert places("o arguido foi detido em Varsóvia") == {"pl"}
    assert places("perquisitions à Bruxelles") == {"be"}
    assert places("встреча в Гааге") == {"nl"}
    # Bahia's capital in a Brazilian release; El Salvador in French.
    assert places("voos de Salvador com destino a Lisboa", frozenset({"br"})) == {"br", "pt"}
    assert places("extradé depuis le Salvador", frozenset({"fr"})) == {"sv"}
    assert places("en El Salvador") == {"sv"}
    # A town of a Brazilian state, written "Town (UF)", is not a foreign namesake.
    assert places("uma empresa sediada em Filadélfia (TO)", frozenset({"br"})) == {"br"}
    assert places("em Filadélfia, nos Estados Unidos", frozenset({"br"})) == {"us"}
    # French bets, Moscow's railway stations, a subcontinent.
    assert places("des paris étant placés en parallèle") == set()
    assert places("une société cotée sur Euronext Paris") == set()
    assert places("des perquisitions en Angleterre, à Paris et à Genève") == {"gb", "fr"}
    assert places("прибыл поездом на Киевский вокзал") == set()
    assert places("владелец кафе вблизи Белорусского вокзала") == set()
    assert places("imigrantes oriundos do subcontinente indiano") == set()
    # A Chinese province in Russian.
    assert places("по запросу органов провинции Хэйлунцзян") == {"cn"}
    # Georgia beside other countries and nothing American is the country; with an American
    # dateline or city it is the state.
    assert places("call centres in Georgia and Ukraine") == {"ge", "ua"}
    assert places("in Atlanta, Georgia and Mexico") == {"us", "mx"}
    # (found by a review of round 24) Georgia beside a demonym or a foreign country named
    # elsewhere stays the US state; in a list of countries it is the country.
    assert places("A federal jury in Georgia convicted a Nigerian national") == {"ng"}
    assert places("The FBI arrested a man in Georgia who had wired money to Nigeria") == {"ng"}
    assert places("raids in Armenia, Georgia and Azerbaijan") == {"am", "ge", "az"}
    # Russian adjectives of capitals name treaties, conventions and roads, not the country;
    # New England and Nova Scotia are elsewhere.
    assert places("Гаагская конвенция об апостиле") == set()
    assert places("Лиссабонский договор") == set()
    assert places("Стокгольмский синдром") == set()
    assert places("Мошенник Афиногенов задержан") == set()
    assert places("встреча в Афинах и в Варшаве") == {"gr", "pl"}
    assert places("Задержан в Новой Англии") == {"us"}
    assert places("Задержан в Новой Шотландии, Канада") == {"ca"}
    assert places("переговоры с Англией") == {"gb"}
    assert places("Иван Уэльский") == set()
    # A Costa Rican canton named Atenas needs context; a US town before a state
    # abbreviation Brazil shares stays American.
    assert places("detenido en el cantón de Atenas", frozenset({"cr"})) == {"cr"}
    assert places("detidos em Atenas, na Grécia", frozenset({"br"})) == {"gr"}
    assert "us" in places("Arrested in Philadelphia (PA) and extradited", frozenset({"us"}))


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        (
            "sentenced for aiding and assisting in the preparation of false federal income tax "
            "returns",
            "en",
            {"fraud"},
            set(),
        ),
        (
            "recruiting young women under false promises of work and forcing them into "
            "prostitution in Turin",
            "en",
            {"human-trafficking"},
            set(),
        ),
        (
            "sujeitou a companheira a um verdadeiro 'terrorismo psicológico'",
            "pt",
            set(),
            {"terrorism"},
        ),
        (
            "il faisait régner un véritable terrorisme psychologique sur sa compagne",
            "fr",
            set(),
            {"terrorism"},
        ),
        (
            "Начальник Главного управления по надзору за исполнением законов о федеральной "
            "безопасности, межнациональных отношениях и противодействии экстремизму и "
            "терроризму провел личный прием граждан",
            "ru",
            set(),
            {"terrorism"},
        ),
        (
            "ввоз которых запрещен в соответствии с ответными специальными экономическими мерами",
            "ru",
            {"sanctions"},
            set(),
        ),
        (
            "согласовали подходы к возврату потерпевшим похищенных денежных средств",
            "ru",
            {"asset-recovery"},
            set(),
        ),
        (
            "repatriados após pedido de cooperação jurídica internacional formulado pelo MPF",
            "pt",
            {"extradition"},
            {"international-cooperation"},
        ),
        (
            "premió a la autora del cartel ganador del concurso nacional de dibujo",
            "es",
            set(),
            {"organized-crime"},
        ),
        ("el cartel de Sinaloa", "es", {"organized-crime"}, set()),
        (
            "el homicidio del guitarrista de una banda de cumbia",
            "es",
            set(),
            {"organized-crime"},
        ),
        (
            "plusieurs portefeuilles de crypto-actifs ont été saisis",
            "fr",
            {"asset-recovery"},
            set(),
        ),
        (
            "des chefs de détournement de fonds publics, faux et usage de faux",
            "fr",
            {"corruption"},
            {"fraud"},
        ),
        (
            "des chefs d'escroquerie, faux et usage de faux",
            "fr",
            {"fraud"},
            set(),
        ),
        (
            "ils collectaient des espèces et les remettaient à Anvers contre des virements",
            "fr",
            set(),
            {"extradition"},
        ),
        (
            "une délégation de la Direction nationale anticorruption de Roumanie",
            "fr",
            set(),
            {"corruption"},
        ),
        (
            "condamnés pour participation personnelle et frauduleuse à une entente "
            "anticoncurrentielle",
            "fr",
            set(),
            {"fraud"},
        ),
        (
            "importation en contrebande de tabac manufacturé",
            "fr",
            {"fraud"},
            set(),
        ),
        # The US charge "asociación delictuosa para importar" is a conspiracy, no organised
        # crime (four labelled extraditions of five).
        (
            "requerido por asociación delictuosa para importar cocaína",
            "es",
            {"drug-trafficking"},
            {"organized-crime"},
        ),
        # (found by a review of round 25)
        (
            "El yihadista fue condenado por terrorismo. La defensa habló de terrorismo "
            "psicológico.",
            "es",
            {"terrorism"},
            set(),
        ),
        (
            "the defendant engaged in psychological terrorism against his wife",
            "en",
            set(),
            {"terrorism"},
        ),
        ("Il les remet aux autorités espagnoles", "fr", {"extradition"}, set()),
        (
            "Les douaniers ont saisi 200 portefeuilles de contrefaçon",
            "fr",
            set(),
            {"asset-recovery"},
        ),
        (
            "Руководство предприятия приняло ответные меры по устранению нарушений",
            "ru",
            set(),
            {"sanctions"},
        ),
        ("обеспечить возврат похищенных детей", "ru", set(), {"asset-recovery"}),
        ("He made false returns of service to the court", "en", set(), {"fraud"}),
        (
            "faux et usage de faux, obtention indue de prestations sociales",
            "fr",
            {"fraud"},
            set(),
        ),
        (
            "Tanker Sanctions Evasion Scheme Uncovered",
            "en",
            {"sanctions"},
            set(),
        ),
    ],
)
def test_round_25_phrasings(text: str, language: str, present: set[str], absent: set[str]) -> None:
    found = topics(text, language)
    assert present <= found and not absent & found, found


def test_round_25_places() -> None:
    # US towns and counties named after countries; ships named without quotes.
    assert places(
        "HARRISBURG, Pa. – officers of the City of Lebanon Police Department seized it",
        frozenset({"us"}),
    ) == {"us"}
    assert places("from the tanker Lisbon Trader") == set()
    assert places("the oil tanker M/T Tunis Glory was sentenced") == set()
    assert places("the vessel sailed from Lisbon to Panama") == {"pt", "pa"}
    # A city before its region read whole; a list of countries stays a list.
    assert places("Guadalupe, Nuevo León, 28 de noviembre", frozenset({"mx"})) == {"mx"}
    assert places("Spain, France and Italy") == {"es", "fr", "it"}
    # Regions and compounds.
    assert places("CPS Yorkshire and Humberside", frozenset({"gb"})) == {"gb"}
    assert places("de retour de la zone irako-syrienne") == {"iq", "sy"}
    assert places("недвижимость в Дубае") == {"ae"}
    assert places("двух уроженцев Ферганской области") == {"uz"}
    assert places("un convoi remontant d'Andalousie") == {"es"}
    assert places("in Germany, Austria, Georgia and Bosnia and Herzegovina") == {
        "de",
        "at",
        "ge",
        "ba",
    }
    # A Chilean city, a street, a fabric.
    assert places("la Fiscalía Local de Villa Alemana", frozenset({"cl"})) == set()
    assert places("venta de droga en calle Colombia de Iquique", frozenset({"cl"})) == set()
    assert places("des pulls et des t-shirts en jersey") == set()
    assert places("in Jersey and Guernsey") >= {"je"}
    # (found by a review of round 25) A title's "Tanker ... Iran", a one-word name after the
    # word, London's police, a city-state after a city, a US "Rome, Georgia".
    assert places("Tanker Seized Off Iran Was Carrying Smuggled Fuel") == {"ir"}
    assert places("Oil Pollution from Tanker Lisbon Trader") == set()
    assert places("Crude Oil Cargo Seized From Tanker Oman Pearl") == set()
    assert places("Owner Of Tanker In Panama Charged") == {"pa"}
    assert places("a tanker Iran seized in the Strait of Hormuz") == {"ir"}
    assert places(
        "officers of the City of London Police arrested him in London", frozenset({"us"})
    ) == {"gb"}
    assert places("offices in Paris, Monaco and Geneva") == {"fr", "mc"}
    assert places("Rome, Georgia") == {"it"}
    assert places("Ukraine and Georgia") == {"ua", "ge"}


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        ("usando estafetas de trotinete para as entregas", "pt", set(), {"fraud"}),
        ("una estafa piramidal y ciberestafas", "es", {"fraud"}, set()),
        ("usaba testaferros para lavar dinero", "es", {"money-laundering"}, {"fraud"}),
        (
            "sentenced for making false statements in the acquisition of firearms",
            "en",
            set(),
            {"fraud"},
        ),
        (
            "selling more than 40,000 frozen turkeys to food banks",
            "en",
            set(),
            {"asset-recovery"},
        ),
        (
            "selling 180 kilos of meixão to China: tráfico de meixão",
            "pt",
            set(),
            {"drug-trafficking"},
        ),
        (
            "un cartel de répartition des marchés, en violation de l'article L. 420-6 du code "
            "de commerce",
            "fr",
            set(),
            {"organized-crime"},
        ),
        (
            "presentaron una campaña de carteles para la búsqueda de personas desaparecidas",
            "es",
            set(),
            {"organized-crime"},
        ),
        (
            "ils auraient détourné 8,6 millions d'euros au préjudice de la Caisse des dépôts, "
            "escroquerie en bande organisée",
            "fr",
            {"fraud"},
            {"corruption"},
        ),
        ("le maire a détourné 2 millions d'euros", "fr", {"corruption"}, set()),
        (
            "genocide and enslavement of Yazidi women in Iraq and Syria",
            "en",
            {"human-trafficking"},
            set(),
        ),
        (
            "контрабанда особо ценных диких животных: 4 шкуры амурского тигра",
            "ru",
            {"environmental-crime"},
            set(),
        ),
        (
            "бывший начальник отдела по контролю за оборотом наркотиков получил взятку",
            "ru",
            {"corruption"},
            {"drug-trafficking"},
        ),
        (
            "утверждено Управлением по надзору за исполнением законов о федеральной "
            "безопасности, межнациональных отношениях, противодействии экстремизму и "
            "терроризму",
            "ru",
            set(),
            {"terrorism"},
        ),
        ("ordenó el decomiso de una aeronave", "es", {"asset-recovery"}, set()),
        ("el juez ordenó congelar criptoactivos", "es", {"asset-recovery"}, set()),
        (
            "La Fiscalía Especial en Investigación de Delitos de Violencia contra las Mujeres y "
            "Trata de Personas obtuvo sentencia por hostigamiento sexual",
            "es",
            set(),
            {"human-trafficking"},
        ),
        (
            "identifiés par l'Office anti-cybercriminalité (OFAC), saisi par le parquet",
            "fr",
            set(),
            {"cybercrime", "sanctions"},
        ),
        (
            "l'installation du premier procureur de la République national anti-criminalité "
            "organisée",
            "fr",
            set(),
            {"organized-crime"},
        ),
        # (found by a review of round 26)
        (
            'Seized: 3 kg of a synthetic drug dubbed "pink cocaine".',
            "en",
            {"drug-trafficking"},
            set(),
        ),
        ("MACROESTAFA: detienen al líder de la red", "es", {"fraud"}, set()),
        (
            "Le maire a détourné 2 millions d'euros de fonds publics; il est aussi poursuivi "
            "pour fraude électorale.",
            "fr",
            {"corruption"},
            set(),
        ),
        (
            "The museum exhibition commemorates the enslavement of Africans in the Americas.",
            "en",
            set(),
            {"human-trafficking"},
        ),
        (
            "Une association de malfaiteurs en bande organisée pratiquait la répartition des "
            "marchés publics",
            "fr",
            {"organized-crime"},
            set(),
        ),
        (
            "El cártel de Sinaloa pagó una campaña de carteles para amenazar a la policía",
            "es",
            {"organized-crime"},
            set(),
        ),
        (
            "El Gobierno decidió congelar los fondos para el programa de becas",
            "es",
            set(),
            {"asset-recovery"},
        ),
        ("The court froze goods worth 5 million euros", "en", {"asset-recovery"}, set()),
        (
            "Глава администрации поселения присвоил бюджетные средства, выделенные управляющей "
            "компании на ремонт",
            "ru",
            {"corruption"},
            set(),
        ),
        ("Detenidos por tráfico de angulas hacia Asia", "es", {"environmental-crime"}, set()),
    ],
)
def test_round_26_phrasings(text: str, language: str, present: set[str], absent: set[str]) -> None:
    found = topics(text, language)
    assert present <= found and not absent & found, found


def test_round_26_places() -> None:
    # A word that names a country only capitalized, in its plural too; US neighbourhoods and
    # counties; a Brazilian town named like a Spanish province; quoted names after
    # "baptisée" and a sauce; Portuguese and Spanish regions.
    assert places("Frozen Turkey Scheme: 40,000 frozen turkeys", frozenset({"us"})) == set()
    assert places("in Turkey and in Chile") == {"tr", "cl"}
    assert places("offices in Little Havana", frozenset({"us"})) == set()
    assert (
        places("cliques that operated in Suffolk and Nassau counties", frozenset({"us"})) == set()
    )
    assert places("A Justiça Federal em Cáceres (MT) acolheu", frozenset({"br"})) == {"br"}
    assert places("Baptisée « Panama », l'enquête a abouti", frozenset({"fr"})) == set()
    assert places("в соусе «Чили острый» превышение консервантов") == set()
    assert places("no rio Tejo, na Beira Baixa", frozenset({"pt"})) == {"pt"}
    assert places("landed hashish on the Andalusian coast") == {"es"}
    # (found by a review of round 26) "jerseys" keeps New Jersey; a plural keeps a place named
    # after a preposition; two states' counties keep the US; a gang's nickname is no name.
    assert places("A New Jersey man sold counterfeit sports jerseys") == {"us"}
    assert places("stolen turkeys shipped to Turkey") == {"tr"}
    assert places("droga oculta en chiles; el envío venía de Chile", frozenset({"mx"})) == {"cl"}
    assert places("Cocaine from Colombia reached Florida and Georgia counties") == {"co", "us"}
    assert places('A quadrilha denominada "Bonde do Maranhão" foi desarticulada') == {"br"}
    assert places("l'enquête, baptisée « Panama », a abouti", frozenset({"fr"})) == set()


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        # a name written with a space for its hyphen, and the DOJ's environmental section
        # prosecuting a workplace death
        (
            "The Central Bureau of Investigation, Anti Corruption Branch, registered a bank "
            "fraud case",
            "en",
            {"fraud"},
            {"corruption"},
        ),
        (
            "The case was prosecuted by the Environmental Crimes Section after a trench "
            "collapse killed a worker",
            "en",
            set(),
            {"environmental-crime"},
        ),
        # false statements: a fraud when made to obtain money
        ("making false statements to OSHA inspectors", "en", set(), {"fraud"}),
        ("making false statements to a financial institution", "en", {"fraud"}, set()),
        ("false statements in loan applications to the SBA", "en", {"fraud"}, set()),
        # an official misappropriating public money: corruption, not also fraud
        (
            "Former mayor indicted for misappropriating EU funds intended for water supply",
            "en",
            {"corruption"},
            {"fraud"},
        ),
        # quadrilhas juninas are festival dances; arms trafficking is no drug trafficking
        (
            "registro das quadrilhas juninas de Caruaru como patrimônio cultural",
            "pt",
            set(),
            {"organized-crime"},
        ),
        ("a quadrilha foi presa em flagrante", "pt", {"organized-crime"}, set()),
        ("tráfico internacional de fuzis e munições", "pt", set(), {"drug-trafficking"}),
        ("tráfico internacional de cocaína", "pt", {"drug-trafficking"}, set()),
        # a blanchisserie is a laundry
        ("Incendie d'une blanchisserie industrielle à Valence", "fr", set(), {"money-laundering"}),
        ("blanchiment aggravé en bande organisée", "fr", {"money-laundering"}, set()),
        # the cartel offence of the Code de commerce, a unit's name, a law's name, bid rigging
        (
            "pour avoir pris frauduleusement une part personnelle et déterminante dans une entente",
            "fr",
            set(),
            {"fraud"},
        ),
        (
            "La FGR, a través de la Unidad Especializada en Investigación de Operaciones con "
            "Recursos de Procedencia Ilícita y de Falsificación o Alteración de Moneda, por "
            "falsificación de moneda",
            "es",
            set(),
            {"money-laundering"},
        ),
        (
            "cumpridos os requisitos da Lei da Cooperação Judiciária Internacional em Matéria "
            "Penal, o cidadão será entregue ao Brasil para julgamento por homicídio",
            "pt",
            set(),
            {"international-cooperation"},
        ),
        ("denunciou o ex-prefeito por fraude em licitação", "pt", set(), {"fraud"}),
        ("denunciou o ex-prefeito por fraude em licitação e estelionato", "pt", {"fraud"}, set()),
        # paid smugglers are no bribes
        (
            "migrantes que cruzaron a cambio de pagos de hasta 400 dólares por persona",
            "es",
            set(),
            {"corruption"},
        ),
        ("otorgó permisos a cambio de sobornos", "es", {"corruption"}, set()),
        # assets seized or frozen, as these agencies write it
        (
            "В ходе следствия арестована криптовалюта на сумму 40 млн рублей",
            "ru",
            {"asset-recovery"},
            set(),
        ),
        ("Foram apreendidas 312 doses e € 8.450,00 em numerário", "pt", {"asset-recovery"}, set()),
        ("Durante los allanamientos se incautaron US$ 310 mil", "es", {"asset-recovery"}, set()),
        (
            "En los allanamientos se secuestraron 90.000 dólares y seis vehículos",
            "es",
            {"asset-recovery"},
            set(),
        ),
        ("secuestraron a un empresario y pidieron 50.000 dólares", "es", set(), {"asset-recovery"}),
        (
            "se dispusieron embargos e inhibiciones generales de bienes",
            "es",
            {"asset-recovery"},
            set(),
        ),
        (
            "Des avoirs bancaires d'une valeur de 8 millions d'euros ont été gelés",
            "fr",
            {"asset-recovery"},
            set(),
        ),
    ],
)
def test_round_27_phrasings(text: str, language: str, present: set[str], absent: set[str]) -> None:
    found = topics(text, language)
    assert present <= found and not absent & found, found


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        # (found by a review of round 27) a private person's misappropriation is a fraud
        (
            "Investment Adviser Sentenced for Misappropriating $5 Million from Clients",
            "en",
            {"fraud"},
            set(),
        ),
        (
            "Former Bookkeeper Sentenced for Misappropriating Over $800,000 from Employer",
            "en",
            {"fraud"},
            set(),
        ),
        ("The attorney misappropriated funds held in trust for clients", "en", {"fraud"}, set()),
        # false statements to obtain money are fraud; to agents, or in buying guns, are not
        (
            "Business owner sentenced for false statements to obtain COVID-19 relief funds",
            "en",
            {"fraud"},
            set(),
        ),
        (
            "Contractor pleads guilty to false statements to obtain disaster relief payments "
            "from FEMA",
            "en",
            {"fraud"},
            set(),
        ),
        (
            "He made false statements to the Department of Veterans Affairs to obtain disability "
            "compensation",
            "en",
            {"fraud"},
            set(),
        ),
        (
            "Pharmacist pleads guilty to making false statements related to health care matters",
            "en",
            {"fraud"},
            set(),
        ),
        (
            "Man admits making false statements to federal agents investigating a bank robbery",
            "en",
            set(),
            {"fraud"},
        ),
        (
            "Straw purchaser sentenced for false statement on firearms transaction record, an "
            "application to buy guns",
            "en",
            set(),
            {"fraud"},
        ),
        (
            "He made false statements to federal agents concerning his claims of having served "
            "in combat",
            "en",
            set(),
            {"fraud"},
        ),
        # an official's "a cambio de dinero" is a bribe
        (
            "Carabineros detenidos por liberar a conductores ebrios a cambio de dinero",
            "es",
            {"corruption"},
            set(),
        ),
        (
            "Detienen a funcionario de aduanas que permitía el ingreso de mercancía a cambio de "
            "dinero",
            "es",
            {"corruption"},
            set(),
        ),
        ("El juez otorgaba libertades a cambio de pagos indebidos", "es", {"corruption"}, set()),
        # São José and São João are cities, their gangs are gangs
        (
            "Polícia prende quadrilha de São José dos Campos especializada em roubo de cargas",
            "pt",
            {"organized-crime"},
            set(),
        ),
        ("Quadrilha de São João de Meriti é presa por roubos", "pt", {"organized-crime"}, set()),
        # a blanchisseur is a launderer
        (
            "Démantèlement d'un réseau de blanchisseurs d'argent de la drogue",
            "fr",
            {"money-laundering", "drug-trafficking"},
            set(),
        ),
        (
            "Un blanchisseur professionnel condamné à cinq ans de prison",
            "fr",
            {"money-laundering"},
            set(),
        ),
        # arrests of people, bribes, ransoms, drugs' value, kidnappings, a court seized of a case
        ("Арестован сбытчик наркотических средств", "ru", {"drug-trafficking"}, {"asset-recovery"}),
        (
            "Суд арестовал подозреваемого в хищении бюджетных средств",
            "ru",
            set(),
            {"asset-recovery"},
        ),
        ("Арестован водитель, угнавший транспортное средство", "ru", set(), {"asset-recovery"}),
        (
            "O ex-secretário recebeu R$ 150.000,00 em espécie como propina",
            "pt",
            {"corruption"},
            {"asset-recovery"},
        ),
        (
            "El funcionario recibió US$ 5.000 en efectivo como soborno",
            "es",
            {"corruption"},
            {"asset-recovery"},
        ),
        (
            "Los secuestradores exigían US$ 20.000 en efectivo como rescate",
            "es",
            set(),
            {"asset-recovery"},
        ),
        (
            "La policía incautó droga valuada en $ 2 millones",
            "es",
            {"drug-trafficking"},
            {"asset-recovery"},
        ),
        ("Incautan armas valuadas en $ 500 mil", "es", set(), {"asset-recovery"}),
        (
            "se secuestró al empresario y sus captores pidieron 30 mil dólares",
            "es",
            set(),
            {"asset-recovery"},
        ),
        (
            "Las víctimas eran privadas de su libertad; se secuestró al comerciante y se exigió "
            "el pago de 2 millones de pesos",
            "es",
            set(),
            {"asset-recovery"},
        ),
        (
            "Des comptes bancaires au nom de mules ont été utilisés ; le juge d'instruction a été "
            "saisi en mars.",
            "fr",
            set(),
            {"asset-recovery"},
        ),
        (
            "Les biens immobiliers ont été achetés au moyen de fonds détournés ; le tribunal "
            "correctionnel a été saisi",
            "fr",
            set(),
            {"asset-recovery"},
        ),
        # the Environmental Crimes Section's own cases keep their words
        (
            "Trial Attorney Jane Doe of the Justice Department's Environmental Crimes Section "
            "prosecuted the case of a vessel operator who discharged oily bilge water overboard.",
            "en",
            {"environmental-crime"},
            set(),
        ),
        (
            "Man sentenced for trafficking in protected turtles; the Environmental Crimes Section "
            "prosecuted the case.",
            "en",
            {"environmental-crime"},
            set(),
        ),
        (
            "The Environmental Crimes Section prosecuted the smuggling of protected birds.",
            "en",
            {"environmental-crime"},
            set(),
        ),
        # mutual legal assistance as Portugal writes it; the FGR unit's short name is laundering
        (
            "A Procuradoria-Geral da República executou um pedido de auxílio judiciário mútuo, "
            "nos termos da Lei da Cooperação Judiciária Internacional em Matéria Penal, "
            "formulado pelas autoridades francesas",
            "pt",
            {"extradition"},
            set(),
        ),
        (
            "La Unidad Especializada en Investigación de Operaciones con Recursos de Procedencia "
            "Ilícita obtuvo sentencia contra dos personas que depositaron dinero producto del "
            "narcotráfico",
            "es",
            {"money-laundering"},
            set(),
        ),
    ],
)
def test_found_by_a_review_of_round_27(
    text: str, language: str, present: set[str], absent: set[str]
) -> None:
    found = topics(text, language)
    assert present <= found and not absent & found, found


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        # a post's title is no operation; a report counting 162 countries is no cooperation
        (
            "The Management Board of Europol has appointed a Deputy Executive Director for "
            "Operations",
            "en",
            set(),
            {"international-cooperation"},
        ),
        (
            "Europol supported the operation against the network",
            "en",
            {"international-cooperation"},
            set(),
        ),
        (
            "seizures of pangolin scales were recorded in 162 countries, the UNODC report says",
            "en",
            set(),
            {"international-cooperation"},
        ),
        ("The network operated in 12 countries", "en", {"international-cooperation"}, set()),
        # loggers paying a lobbyist are no environmental crime; illegal extraction is
        (
            "denunciou um lobista por tráfico de influência: ele cobrou R$ 600 mil de "
            "madeireiras a pretexto de influir em servidores",
            "pt",
            {"corruption"},
            {"environmental-crime"},
        ),
        (
            "madeireiros por extração ilegal de ipê em terra indígena",
            "pt",
            {"environmental-crime"},
            set(),
        ),
        # a physician's pills sold for cash; a tipster paid in cash; a DOJ programme's name
        (
            "issued prescriptions in exchange for cash to patients he never examined",
            "en",
            set(),
            {"corruption"},
        ),
        (
            "The case was prosecuted as part of the Health Care Fraud Strike Force program",
            "en",
            set(),
            {"fraud"},
        ),
        (
            "sentenced for forced labor and visa fraud conspiracy",
            "en",
            {"human-trafficking"},
            {"fraud"},
        ),
        (
            "investigated by ATF and the Cleveland Division of Police Gang Impact Unit",
            "en",
            set(),
            {"organized-crime"},
        ),
        # counterfeit goods are trademark offences; fakes sold as genuine are frauds
        (
            "sold more than 2,000 counterfeit Canada Goose and Moncler jackets",
            "en",
            set(),
            {"fraud"},
        ),
        ("Buyers paid for counterfeit signed jerseys online.", "en", {"fraud"}, set()),
        # cash seized, its amount written with a thousands point
        (
            "Se incautaron 5 kilos de marihuana y $ 3.500 en efectivo",
            "es",
            {"asset-recovery", "drug-trafficking"},
            set(),
        ),
    ],
)
def test_round_27_on_the_earlier_parts(
    text: str, language: str, present: set[str], absent: set[str]
) -> None:
    found = topics(text, language)
    assert present <= found and not absent & found, found


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        # a venue's name; counterfeit banknotes described at length; counterfeit roubles
        (
            "selling counterfeit tickets to concerts at Crypto.com Arena",
            "en",
            {"fraud"},
            {"crypto"},
        ),
        (
            "an illegal print shop that produced counterfeit EUR 20 and EUR 50 banknotes",
            "en",
            set(),
            {"fraud"},
        ),
        (
            "виновным по ч. 1 ст. 186 УК РФ (сбыт поддельных банковских билетов)",
            "ru",
            set(),
            {"fraud"},
        ),
        # an official misappropriating recovery funds; support staff impersonated; cash seized
        (
            "a former official of a regional development agency, suspected of misappropriating "
            "money from the Recovery and Resilience Facility",
            "en",
            {"corruption"},
            set(),
        ),
        (
            "employees posed as software support staff and induced victims to transfer money",
            "en",
            {"fraud"},
            set(),
        ),
        (
            "Two persons have been arrested and Rs 1.2 crore in cash seized.",
            "en",
            {"asset-recovery"},
            set(),
        ),
        # a Russian company's quoted name is no topic; a reserve's wage arrears and an
        # intoxicated driver are no environmental or drug crime
        (
            "генерального директора ООО «Блокчейн Девелопмент», обвиняемого по ч. 4 ст. 159 УК РФ",
            "ru",
            {"fraud"},
            {"crypto"},
        ),
        (
            "прокуратура установила задолженность по заработной плате перед сотрудниками "
            "заповедника",
            "ru",
            set(),
            {"environmental-crime"},
        ),
        (
            "осужден водитель, совершивший смертельное ДТП в состоянии наркотического опьянения, "
            "находясь под воздействием мефедрона",
            "ru",
            set(),
            {"drug-trafficking"},
        ),
        ("осужден за сбыт мефедрона", "ru", {"drug-trafficking"}, set()),
        # wildlife specimens; tooth whitening; administrative penalties
        (
            "tráfico de espécimes de espécies protegidas: meixão enviado para a China",
            "pt",
            {"environmental-crime"},
            {"drug-trafficking"},
        ),
        (
            "séances de blanchiment des dents dans un institut de beauté",
            "fr",
            set(),
            {"money-laundering"},
        ),
        ("blanchiment dentaire : une gérante condamnée", "fr", set(), {"money-laundering"}),
        (
            "la Comisión Nacional de Valores ya les había aplicado sanciones administrativas de "
            "multa",
            "es",
            set(),
            {"sanctions"},
        ),
        ("evadieron las sanciones internacionales contra Irán", "es", {"sanctions"}, set()),
        # market manipulation and impersonation in Spanish
        (
            "imputó a cuatro operadores por manipular la cotización de acciones",
            "es",
            {"fraud"},
            set(),
        ),
        ("se hacían pasar por empleados de ANSES", "es", {"fraud"}, set()),
        # online child abuse material, darkweb, bitcoins seized
        (
            "compartilhava imagens de abuso sexual infantil na internet",
            "pt",
            {"cybercrime"},
            set(),
        ),
        (
            "распространение материалов с порнографическими изображениями несовершеннолетних с "
            "использованием информационно-телекоммуникационных сетей, включая сеть «Интернет»",
            "ru",
            {"cybercrime"},
            set(),
        ),
        (
            "deux administrateurs d'une place de marché du darkweb ; 47 bitcoins ont été saisis",
            "fr",
            {"cybercrime", "asset-recovery"},
            set(),
        ),
        # the G20's Anti-Corruption Working Group is no prosecutors' meeting; an appointment at
        # Europol is no investigation
        (
            "a meeting of the G20 Anti-Corruption Working Group, bringing together prosecutors "
            "and anti-corruption officials from G20 members",
            "en",
            {"g20", "corruption"},
            {"pg20"},
        ),
        ("the annual meeting of G20 prosecutors general in Rio", "en", {"pg20"}, set()),
        (
            "The Management Board of Europol has appointed a senior investigator as Deputy "
            "Executive Director",
            "en",
            set(),
            {"international-cooperation"},
        ),
    ],
)
def test_round_28_phrasings(text: str, language: str, present: set[str], absent: set[str]) -> None:
    found = topics(text, language)
    assert present <= found and not absent & found, found


def test_round_28_places() -> None:
    # a crab trawler and a company named after a country
    assert places("Капитан краболова «Австралия» предстанет перед судом") == set()
    # a company's quoted name is no topic, but the gazetteer reads it (a public body's name
    # names its region)
    assert places(
        "Осуждённый, отбывающий наказание в ФКУ «ИК-6 УФСИН России по Челябинской области»"
    ) == {"ru"}
    assert places("поставки в Китай через ООО «Вектор»") == {"cn"}


def test_a_whole_name_in_none_is_read_where_names_are_not_blanked() -> None:
    names = compile_names()
    rules = compile_rules(
        [RuleSettings(tag="x", any=["prosecutors"], none=["Anti-Corruption Working Group"])],
        names,
    )
    source = SourceFacts("s", "s", None, "en", ())
    texts = {"title": "", "summary": "", "content": "", "link": "", "author": "", "categories": ""}
    about_the_group = {**texts, "title": "Prosecutors at the Anti-Corruption Working Group"}
    elsewhere = {**texts, "title": "Prosecutors meet in Rome"}
    assert rule_tags(rules, {**about_the_group, "source": ""}, source, "en", names) == ()
    assert [t.tag for t in rule_tags(rules, {**elsewhere, "source": ""}, source, "en", names)] == [
        "x"
    ]


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        # (found by a review of round 28) the criminal code's offence names after "УК"
        (
            "Возбуждено уголовное дело по ч. 4 ст. 159 УК «Мошенничество в особо крупном "
            "размере» в отношении директора компании.",
            "ru",
            {"fraud"},
            set(),
        ),
        (
            "Суд признал его виновным по ч. 3 ст. 290 УК «Получение взятки».",
            "ru",
            {"corruption"},
            set(),
        ),
        (
            "по п. «г» ч. 4 ст. 228.1 УК «Незаконный сбыт наркотических средств».",
            "ru",
            {"drug-trafficking"},
            set(),
        ),
        # prosecutors general meeting at the G20 mention the Anti-Corruption Working Group
        (
            "Генеральный прокурор принял участие во встрече генеральных прокуроров стран «Группы "
            "двадцати», на которой обсуждались итоги работы антикоррупционной рабочей группы G20.",
            "ru",
            {"pg20"},
            set(),
        ),
        (
            "Los fiscales generales del G20 se reunieron en Río de Janeiro; la declaración final "
            "remite al Grupo de Trabajo Anticorrupción del G20.",
            "es",
            {"pg20"},
            set(),
        ),
        (
            "Prosecutors General from G20 member countries met in Rio de Janeiro; the meeting "
            "complements the work of the G20 Anti-Corruption Working Group.",
            "en",
            {"pg20"},
            set(),
        ),
        (
            "Os procuradores-gerais dos países do G20 reuniram-se; o Grupo de Trabalho "
            "Anticorrupção apresentou o seu relatório.",
            "pt",
            {"pg20"},
            set(),
        ),
        (
            "Les procureurs généraux des pays du G20 se sont réunis ; le Groupe de travail "
            "anticorruption a présenté son rapport.",
            "fr",
            {"pg20"},
            set(),
        ),
        (
            "Deputy Attorney General Delivers Remarks at the G20 Anti-Corruption Ministerial "
            "Meeting",
            "en",
            set(),
            {"pg20"},
        ),
        # drugs beside an intoxicated arrest still count
        (
            "Мужчина оборудовал тайники-закладки с мефедроном, при задержании находился в "
            "состоянии наркотического опьянения.",
            "ru",
            {"drug-trafficking"},
            set(),
        ),
        (
            "Суд вынес приговор члену преступной группы, занимавшейся незаконным оборотом "
            "наркотиков; при задержании он находился в состоянии опьянения.",
            "ru",
            # (a bare "преступная группа" is no organised crime since the real releases of
            # 2026-12-06, as their labellers read the README: an organised group, a community)
            {"drug-trafficking"},
            {"organized-crime"},
        ),
        (
            "Задержан водитель в состоянии наркотического опьянения, в машине обнаружено 500 "
            "граммов героина.",
            "ru",
            {"drug-trafficking"},
            set(),
        ),
        # pollution beside wage arrears; illegal logging in a reserve
        (
            "Прокуратура выявила загрязнение реки неочищенными сточными водами предприятия, а "
            "также задолженность по заработной плате перед его работниками.",
            "ru",
            {"environmental-crime"},
            set(),
        ),
        (
            "незаконная рубка деревьев на территории заповедника",
            "ru",
            {"environmental-crime"},
            set(),
        ),
        # "pasar por" is going through, "hacer pasar por lícitos" is laundering
        (
            "La organización hacía pasar por la aduana del aeropuerto maletas con cocaína.",
            "es",
            {"drug-trafficking"},
            {"fraud"},
        ),
        (
            "Los imputados hacían pasar por el paso fronterizo de Colchane a ciudadanos "
            "venezolanos",
            "es",
            set(),
            {"fraud"},
        ),
        (
            "empresas fachada para hacer pasar por lícitos los recursos obtenidos del narcotráfico",
            "es",
            set(),
            {"fraud"},
        ),
        # private misappropriation is no corruption, whoever speaks of it
        (
            "A former official of a local nonprofit misappropriated more than $300,000 in "
            "donations",
            "en",
            set(),
            {"corruption"},
        ),
        (
            "State officials said the bookkeeper misappropriated $250,000 from the dental practice "
            "where she worked.",
            "en",
            {"fraud"},
            {"corruption"},
        ),
        (
            "The mayor thanked the investigators after the treasurer of the youth football club "
            "was convicted of misappropriating club funds.",
            "en",
            set(),
            {"corruption"},
        ),
        (
            "The company director misappropriated funds from the Recovery and Resilience Facility",
            "en",
            set(),
            {"corruption"},
        ),
        # Crypto.com itself is crypto; counterfeit cheques are fraud
        (
            "Hackers stole $34 million from Crypto.com customers' accounts after bypassing "
            "two-factor authentication.",
            "en",
            {"crypto"},
            set(),
        ),
        (
            "The defendant cashed counterfeit payroll checks worth thousands of dollars at "
            "check-cashing stores across Ohio.",
            "en",
            {"fraud"},
            set(),
        ),
        # networks of exploitation are no computer networks
        (
            "A operação investiga exploração sexual infantil em redes de prostituição que "
            "atuavam em rodovias do Pará.",
            "pt",
            set(),
            {"cybercrime"},
        ),
        # Europol's investigators on the spot
        (
            "Europol investigators were on the spot in Lisbon during the action.",
            "en",
            {"international-cooperation"},
            set(),
        ),
    ],
)
def test_found_by_a_review_of_round_28(
    text: str, language: str, present: set[str], absent: set[str]
) -> None:
    found = topics(text, language)
    assert present <= found and not absent & found, found


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        # counterfeit money however it is described; a pyramid of stone
        (
            "possessing and passing counterfeit Federal Reserve notes",
            "en",
            set(),
            {"fraud"},
        ),
        (
            "produced high-quality counterfeit €50 and €100 banknotes",
            "en",
            set(),
            {"fraud"},
        ),
        (
            "mientras desprendía piedras de la Pirámide de la Luna y del basamento piramidal",
            "es",
            set(),
            {"fraud"},
        ),
        ("Corretora de criptoativos é alvo de operação por pirâmide", "pt", {"fraud"}, set()),
        ("una estafa piramidal con criptomonedas", "es", {"fraud"}, set()),
        # officials misappropriating a state fund; rogue traders; waste shipped; wildlife
        (
            "funds that senior Mongolian officials misappropriated from a state development fund",
            "en",
            {"corruption"},
            set(),
        ),
        ("A rogue trader who overcharged elderly homeowners", "en", {"fraud"}, set()),
        (
            "declaring plastic and electronic waste as second-hand goods and shipping it to Ghana",
            "en",
            {"environmental-crime"},
            set(),
        ),
        (
            "denuncia por tráfico de filhotes de arara-azul para a Europa",
            "pt",
            {"environmental-crime"},
            set(),
        ),
        # crypto, cash and the state's due seized or claimed
        (
            "agents seized the site's servers and 1,100 bitcoin and Monero held in its escrow "
            "wallets",
            "en",
            {"asset-recovery"},
            set(),
        ),
        ("el juzgado autorizó la incautación de $210 millones", "es", {"asset-recovery"}, set()),
        (
            "Foram apreendidas 7 toneladas de haxixe e 640 mil euros em numerário.",
            "pt",
            {"asset-recovery"},
            set(),
        ),
        (
            "ont découvert 1,4 million d'euros en espèces dissimulés dans un faux plafond ; "
            "l'ensemble a été saisi",
            "fr",
            {"asset-recovery"},
            set(),
        ),
        (
            "O Ministério Público requereu o pagamento ao Estado do valor correspondente à "
            "vantagem obtida.",
            "pt",
            {"asset-recovery"},
            set(),
        ),
        # property confiscated beside a weapon is asset recovery (a poacher's rifle confiscated
        # alone reads so too: left, see docs/tagging.md)
        (
            "Суд конфисковал у осужденного оружие, автомобиль и денежные средства в сумме 5 млн "
            "рублей.",
            "ru",
            {"asset-recovery"},
            set(),
        ),
        ("Суд конфисковал квартиру и автомобиль осужденного.", "ru", {"asset-recovery"}, set()),
        # waste in a workplace death; waste dumped
        (
            "допустил к работе неисправный бульдозер на полигоне твердых коммунальных отходов, в "
            "результате чего погиб машинист",
            "ru",
            set(),
            {"environmental-crime"},
        ),
        ("незаконное размещение отходов и загрязнение почвы", "ru", {"environmental-crime"}, set()),
        # names: a body's former department, a chamber with a dash, the counterfeiting office
        (
            "руководил отделом по надзору за расследованием преступлений организованных "
            "преступных групп и террористической направленности",
            "ru",
            set(),
            {"organized-crime", "terrorism"},
        ),
        (
            "para coordenar a 5ª Câmara de Coordenação e Revisão – Combate à Corrupção",
            "pt",
            set(),
            {"corruption"},
        ),
        (
            "les enquêteurs de l'Office central pour la répression du faux monnayage ont saisi "
            "des faux billets",
            "fr",
            set(),
            {"corruption"},
        ),
        # agreements signed; foreign prosecutors trained
        (
            "Biens mal acquis : signature d'un accord de restitution de 14 millions d'euros avec "
            "l'Ouzbékistan",
            "fr",
            {"international-cooperation"},
            set(),
        ),
        (
            "курсы повышения квалификации для прокуроров государств Сахеля",
            "ru",
            {"international-cooperation"},
            set(),
        ),
    ],
)
def test_round_29_phrasings(text: str, language: str, present: set[str], absent: set[str]) -> None:
    found = topics(text, language)
    assert present <= found and not absent & found, found


def test_round_29_places() -> None:
    # a New York neighbourhood, a car, a Russian village named Paris
    assert places("a pharmacy on Jamaica Avenue in Jamaica, Queens", frozenset({"us"})) == set()
    assert places("flights from Jamaica to Queens") == {"jm"}
    assert places("ordered to forfeit a 2022 Porsche Cayenne") == set()
    assert places("признал жительницу пос. Париж виновной") == set()


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        # (found by a review of round 29)
        (
            "Суд конфисковал у осужденного оружие, автомобиль и денежные средства в сумме 5 млн "
            "рублей.",
            "ru",
            {"asset-recovery"},
            set(),
        ),
        (
            "Суд постановил конфисковать лодку, сети и полученные от продажи икры 1,2 млн рублей.",
            "ru",
            {"asset-recovery"},
            set(),
        ),
        (
            "Изъятые у браконьера лодка и сети конфискованы, а также конфискован автомобиль.",
            "ru",
            {"asset-recovery"},
            set(),
        ),
        ("В заповеднике обнаружена свалка бытовых отходов.", "ru", {"environmental-crime"}, set()),
        (
            "Прокуратура выявила несанкционированную свалку отходов на берегу реки.",
            "ru",
            {"environmental-crime"},
            set(),
        ),
        (
            "The defendants used counterfeit promissory notes to obtain loans from local banks.",
            "en",
            {"fraud"},
            set(),
        ),
        (
            "He pleaded guilty to passing counterfeit cashier's checks and money orders to car "
            "dealers.",
            "en",
            {"fraud"},
            set(),
        ),
        (
            "She deposited counterfeit $5,000 cashier's checks and withdrew the money before the "
            "bank discovered it.",
            "en",
            {"fraud"},
            set(),
        ),
        (
            "He negotiated counterfeit U.S. Treasury checks, stealing money intended for "
            "taxpayers.",
            "en",
            {"fraud"},
            set(),
        ),
        ("passing counterfeit $100 bills at retail stores", "en", set(), {"fraud"}),
        ("possessing counterfeit Federal Reserve notes", "en", set(), {"fraud"}),
        (
            "Le garde des Sceaux a signé un accord sur le télétravail avec les organisations "
            "syndicales du ministère.",
            "fr",
            set(),
            {"international-cooperation"},
        ),
        (
            "Le tribunal judiciaire de Paris a signé un accord avec la mairie pour l'accueil de "
            "travaux d'intérêt général.",
            "fr",
            set(),
            {"international-cooperation"},
        ),
        (
            "À la suite d'un signalement de Tracfin, et en accord avec le juge d'instruction, "
            "les enquêteurs ont agi.",
            "fr",
            set(),
            {"international-cooperation"},
        ),
        (
            "Biens mal acquis : signature d'un accord de restitution de 14 millions d'euros avec "
            "l'Ouzbékistan",
            "fr",
            {"international-cooperation"},
            set(),
        ),
        (
            "L'élu aurait reçu 20 000 euros en espèces en échange de l'attribution du marché ; "
            "le parquet national financier, saisi en 2021, a ouvert une information judiciaire.",
            "fr",
            set(),
            {"asset-recovery"},
        ),
        (
            "Les enquêteurs ont découvert 1,4 million d'euros en espèces dissimulés dans un faux "
            "plafond ; l'ensemble a été saisi.",
            "fr",
            {"asset-recovery"},
            set(),
        ),
        (
            "Foram apreendidos os telemóveis usados na burla; a vítima tinha entregue 8 mil "
            "euros em numerário ao falso funcionário.",
            "pt",
            {"fraud"},
            {"asset-recovery"},
        ),
        (
            "Na sequência das buscas foi efetuada a apreensão de 12 quilos de cocaína, tendo o "
            "arguido recebido 2 mil euros em numerário por cada viagem.",
            "pt",
            {"drug-trafficking"},
            {"asset-recovery"},
        ),
        (
            "Foram apreendidas 7 toneladas de haxixe e 640 mil euros em numerário.",
            "pt",
            {"asset-recovery"},
            set(),
        ),
        (
            "La Fiscalía logró la incautación de $1.200 millones en marihuana.",
            "es",
            set(),
            {"asset-recovery"},
        ),
        (
            "Operativo permitió la incautación de $800 millones en droga en Antofagasta.",
            "es",
            set(),
            {"asset-recovery"},
        ),
        (
            "el juzgado autorizó la incautación de $210 millones y de los dispositivos",
            "es",
            {"asset-recovery"},
            set(),
        ),
        (
            "The agency seized ether, acetone and hydrochloric acid from the clandestine "
            "laboratory.",
            "en",
            set(),
            {"asset-recovery"},
        ),
        (
            "Microsoft and Europol seized 340 domains used to steal passwords and session tokens.",
            "en",
            set(),
            {"asset-recovery"},
        ),
        (
            "Two senior officials misappropriated $3 million from the charity.",
            "en",
            set(),
            {"corruption"},
        ),
        (
            "The church ministers misappropriated donations from the congregation.",
            "en",
            set(),
            {"corruption"},
        ),
        (
            "The company misappropriated EU agricultural funds by declaring fictitious land.",
            "en",
            set(),
            {"corruption"},
        ),
        (
            "The foundation's director misappropriated public charity funds for personal use.",
            "en",
            set(),
            {"corruption"},
        ),
        (
            "funds that senior Mongolian officials misappropriated from a state development fund",
            "en",
            {"corruption"},
            set(),
        ),
        (
            "The owner of a plastic waste recycling company pleaded guilty to tax evasion.",
            "en",
            set(),
            {"environmental-crime"},
        ),
        (
            "An e-waste recycler was convicted of selling counterfeit Windows discs.",
            "en",
            set(),
            {"environmental-crime"},
        ),
        (
            "declaring mixed plastic and electronic waste as second-hand goods and shipping it "
            "illegally to Ghana",
            "en",
            {"environmental-crime"},
            set(),
        ),
        (
            "Семинар для прокуроров и судей из Сибирского федерального округа прошел в "
            "Новосибирске.",
            "ru",
            set(),
            {"international-cooperation"},
        ),
        (
            "Las organizaciones criminales con estructuras piramidales controlaban el "
            "narcomenudeo.",
            "es",
            set(),
            {"fraud"},
        ),
        ("una estafa piramidal con criptomonedas", "es", {"fraud"}, set()),
        ("He sold counterfeit money orders to victims.", "en", {"fraud"}, set()),
    ],
)
def test_found_by_a_review_of_round_29(
    text: str, language: str, present: set[str], absent: set[str]
) -> None:
    found = topics(text, language)
    assert present <= found and not absent & found, found


def _tags(title: str, summary: str, language: str) -> set[str]:
    source = SourceFacts("s", "s", None, language, (), None)
    found = tags_for_item(TAGGER, source, TaggableItem(title, summary, ""))
    return {t.tag for t in found if t.origin == "rule"}


def test_an_announced_appointment_takes_its_topics_from_its_title() -> None:
    # The summary tells the career of the person appointed: no topic of it counts.
    career = (
        "Ранее он возглавлял отдел по надзору за исполнением законодательства о противодействии "
        "коррупции, а затем боролся с легализацией преступных доходов."
    )
    assert _tags("Назначен прокурор Мурманской области", career, "ru") == set()
    # The same summary under a title that announces nothing keeps its topics.
    assert "money-laundering" in _tags("Прокурор области провёл приём граждан", career, "ru")
    # A topic the title names still counts.
    assert _tags(
        "Europol appoints new head of its cybercrime centre",
        "She previously led investigations into money laundering networks.",
        "en",
    ) == {"cybercrime"}
    # A sentence ("назначено наказание") is no appointment.
    assert "fraud" in _tags(
        "Жителю Самары назначено наказание",
        "Он признан виновным в мошенничестве с использованием банковских карт.",
        "ru",
    )
    # A call centre "installée à Abidjan" is installed, nobody is.
    assert "fraud" in _tags(
        "Démantèlement d'une plateforme d'appels installée à Abidjan",
        "Les escrocs se faisaient passer pour des conseillers bancaires.",
        "fr",
    )


def test_explain_names_the_words_of_an_announcement() -> None:
    source = SourceFacts("s", "s", None, "pt", (), None)
    item = TaggableItem(
        "Procuradora toma posse como procuradora-chefe do MPF no Amazonas",
        "Coordenou a força-tarefa contra o garimpo ilegal no Rio Madeira.",
        "",
    )
    assert set_aside_by_announcement(TAGGER, source, item) == (
        "toma-posse-como",
        ("environmental-crime",),
    )
    case = TaggableItem("MPF denuncia garimpeiros", "garimpo ilegal no Rio Madeira", "")
    assert set_aside_by_announcement(TAGGER, source, case) == ("", ())


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        # names: the Islamic State's full name (no place, still terrorism), UK customs law's
        # drug importation, a false bomb threat, a Brazilian unit, remembrance
        (
            "attempting to provide material support to the Islamic State of Iraq and al-Sham",
            "en",
            {"terrorism"},
            set(),
        ),
        (
            "convicted of being knowingly concerned in the fraudulent evasion of the prohibition "
            "on the importation of a Class A drug",
            "en",
            set(),
            {"fraud"},
        ),
        (
            "признан виновным по ч. 2 ст. 207 УК РФ (заведомо ложное сообщение об акте терроризма)",
            "ru",
            set(),
            {"terrorism"},
        ),
        (
            "Grupo de Combate ao Crime Organizado do MPF denuncia três presos operando balsas "
            "de garimpo",
            "pt",
            {"environmental-crime"},
            {"organized-crime"},
        ),
        (
            "le garde des Sceaux rend hommage aux « passeurs de mémoire »",
            "fr",
            set(),
            {"human-trafficking"},
        ),
        # counterfeit notes' face value; tooth whitening in the plural; a bid-rigging cartel
        (
            "counterfeit notes with a face value of €1.8 million were seized",
            "en",
            set(),
            {"asset-recovery"},
        ),
        ("€1.8 million in cash were seized", "en", {"asset-recovery"}, set()),
        (
            "os branqueamentos dentários eram registados como restaurações",
            "pt",
            set(),
            {"money-laundering"},
        ),
        (
            "une part personnelle dans une entente prohibée (article L. 420-6 du code de commerce) "
            ": ce « cartel des enrobés »",
            "fr",
            set(),
            {"organized-crime"},
        ),
        # insider dealing, account takeover, an official's property to the state, trainees and
        # an ambassador, abuse files, timber without papers, drug trafficking organizations
        (
            "Utilisation d'informations privilégiées : un consultant mis en examen",
            "fr",
            {"fraud"},
            set(),
        ),
        (
            "ce qui permettait la prise de contrôle de leurs comptes en ligne",
            "fr",
            {"cybercrime"},
            set(),
        ),
        (
            "По иску Генеральной прокуратуры в доход государства обращено имущество бывшего "
            "главы муниципального района",
            "ru",
            {"corruption", "asset-recovery"},
            set(),
        ),
        (
            "завершилось обучение прокуроров из Республики Зимбабве",
            "ru",
            {"international-cooperation"},
            set(),
        ),
        (
            "провел рабочую встречу с Послом Республики Индонезия",
            "ru",
            {"international-cooperation"},
            set(),
        ),
        (
            "preso com mais de 40 mil arquivos de abuso sexual infantojuvenil",
            "pt",
            {"cybercrime"},
            set(),
        ),
        (
            "transportaba 18 metros cúbicos de madera en rollo sin acreditar su legal procedencia",
            "es",
            {"environmental-crime"},
            set(),
        ),
        (
            "Alleged Leader of Honduran Drug Trafficking Organization Extradited",
            "en",
            {"organized-crime", "drug-trafficking", "extradition"},
            set(),
        ),
        # a liaison magistrate is cooperation
        (
            "Un magistrat de liaison prend ses fonctions à Brasilia",
            "fr",
            {"international-cooperation"},
            set(),
        ),
    ],
)
def test_round_30_phrasings(text: str, language: str, present: set[str], absent: set[str]) -> None:
    found = topics(text, language)
    assert present <= found and not absent & found, found


def test_round_30_places() -> None:
    # a group's name, a breed, a festival, a Portuguese town named Cuba, Concepción
    assert places("support to the Islamic State of Iraq and al-Sham (ISIS)") == set()
    assert places("travelled to Iraq to join ISIS") == {"iq"}
    assert places("a herd of Belgian Blue suckler cows") == set()
    assert places("entradas falsas para Lollapalooza Argentina") == set()
    assert places("uma moradia na vila de Cuba, no Baixo Alentejo", frozenset({"pt"})) == {"pt"}
    assert places("la ceremonia realizada en Concepción", frozenset({"cl"})) == set()
    assert places("en Concepción, Paraguay") == {"py"}


@pytest.mark.parametrize(
    ("title", "summary", "language", "present", "absent"),
    [
        # (found by a review of round 30) titles with an appointment word that report a case,
        # and announcements that still take their topics from the title
        (
            "CBI files chargesheet in irregularities in appointment of teachers in West Bengal",
            "a case of corruption related to the illegal appointment of teachers; bribes of Rs "
            "5 lakh each were collected and the money was laundered through shell companies.",
            "en",
            {"corruption", "money-laundering"},
            set(),
        ),
        (
            "Former Township Treasurer Appointed to Oversee Pension Fund Sentenced to Prison",
            "He embezzled the fund, laundered the money and must forfeit his house.",
            "en",
            {"asset-recovery", "money-laundering"},
            set(),
        ),
        (
            "Court Appoints Receiver Over Assets of Ponzi Scheme Operator",
            "The court froze the operator's bank accounts; investors' money was laundered.",
            "en",
            {"asset-recovery", "fraud"},
            set(),
        ),
        (
            "Fiscal Nacional designó a fiscal regional para investigar caso en municipalidad de "
            "Antofagasta",
            "por cohecho, fraude al fisco y lavado de activos",
            "es",
            {"corruption", "money-laundering"},
            set(),
        ),
        (
            "La Fiscalía asume como querellante en la causa contra exfuncionarios municipales",
            "por fraude al fisco y cohecho",
            "es",
            {"corruption"},
            set(),
        ),
        (
            "Caso Audios: nuevo fiscal a cargo de la investigación",
            "por cohecho, soborno y lavado de activos",
            "es",
            {"corruption", "money-laundering"},
            set(),
        ),
        (
            "Condenan a exalcalde por nombramiento irregular de funcionaria",
            "fraude al fisco y negociación incompatible",
            "es",
            {"corruption"},
            set(),
        ),
        (
            "Ex-assessor nomeado em cargo comissionado devolvia salário a deputado, aponta MPF",
            "peculato e lavagem de dinheiro; bloqueio de bens",
            "pt",
            {"corruption", "money-laundering"},
            set(),
        ),
        (
            "Organização criminosa tomou posse de terras indígenas no Pará, diz MPF",
            "desmatamento e garimpo ilegal; lavagem de dinheiro",
            "pt",
            {"environmental-crime", "money-laundering"},
            set(),
        ),
        (
            "Le directeur d'une société installée à Dubaï condamné à cinq ans de prison",
            "blanchiment de fraude fiscale ; saisie de biens immobiliers",
            "fr",
            {"money-laundering"},
            set(),
        ),
        (
            "Un faux avocat qui avait prêté serment condamné pour escroquerie",
            "il a blanchi les fonds",
            "fr",
            {"fraud", "money-laundering"},
            set(),
        ),
        (
            "Назначена прокурорская проверка по обращению жителей поселка",
            "о незаконной рубке леса и загрязнении реки",
            "ru",
            {"environmental-crime"},
            set(),
        ),
        (
            "Назначенный руководителем муниципального предприятия чиновник осужден",
            "за получение взятки",
            "ru",
            {"corruption"},
            set(),
        ),
        (
            "Eurojust welcomes new Liaison Prosecutor for Ukraine",
            "She will handle requests for mutual legal assistance.",
            "en",
            {"international-cooperation"},
            set(),
        ),
        (
            "Назначен прокурор Мурманской области",
            "Ранее он возглавлял отдел по надзору за исполнением законодательства о "
            "противодействии коррупции.",
            "ru",
            set(),
            {"corruption"},
        ),
        (
            "Attorney General appoints new Director of the Serious Fraud Office",
            "She previously led the bribery division.",
            "en",
            set(),
            {"corruption", "fraud"},
        ),
        (
            "New Deputy Executive Director of Europol takes office",
            "He headed the international police cooperation directorate.",
            "en",
            set(),
            {"international-cooperation"},
        ),
        (
            "Deux procureurs adjoints installés au parquet national financier",
            "l'une dirigeait la section des affaires de corruption internationale",
            "fr",
            set(),
            {"corruption"},
        ),
        (
            "Procuradora da República Helena Matos toma posse como procuradora-chefe do MPF no "
            "Amazonas",
            "coordenou a força-tarefa contra o garimpo ilegal",
            "pt",
            set(),
            {"environmental-crime"},
        ),
        (
            "Fiscal Nacional designó a nueva fiscal jefe de Quilicura",
            "Fue fiscal de la unidad de lavado de activos.",
            "es",
            set(),
            {"money-laundering"},
        ),
        (
            "Прокуратура области провела обучение прокуроров из городов и районов",
            "",
            "ru",
            set(),
            {"international-cooperation"},
        ),
        (
            "В Университете прокуратуры завершилось обучение прокуроров из Объединённой "
            "Республики Танзания",
            "",
            "ru",
            {"international-cooperation"},
            set(),
        ),
        (
            "Abus de faiblesse : une aide-ménagère condamnée",
            "elle avait obtenu la prise de contrôle de ses comptes bancaires et détourné 80 000 "
            "euros",
            "fr",
            set(),
            {"cybercrime"},
        ),
        (
            "Faux conseillers bancaires",
            "ce qui permettait la prise de contrôle de leurs comptes en ligne",
            "fr",
            {"cybercrime"},
            set(),
        ),
        (
            "Homem preso com vídeos de abuso sexual infantil",
            "vídeos que ele próprio gravou e guardava no telemóvel; estupro de vulnerável",
            "pt",
            set(),
            {"cybercrime"},
        ),
        (
            "Man sentenced for distributing fentanyl",
            "The DEA's mission includes dismantling drug trafficking organizations. The "
            "defendant sold fentanyl pills to an undercover officer.",
            "en",
            {"drug-trafficking"},
            {"organized-crime"},
        ),
        (
            "Alleged Leader of Honduran Drug Trafficking Organization Extradited",
            "",
            "en",
            {"organized-crime"},
            set(),
        ),
        (
            "Braconnage : un réseau démantelé",
            "Les membres de la bande organisée, en infraction à l'article L. 420-1 du code de "
            "l'environnement",
            "fr",
            {"organized-crime"},
            set(),
        ),
        (
            "Roban camión cargado con madera en rollo en Durango",
            "",
            "es",
            set(),
            {"environmental-crime"},
        ),
        (
            "transporte de madera",
            "transportaba 18 metros cúbicos de madera en rollo sin acreditar su legal procedencia",
            "es",
            {"environmental-crime"},
            set(),
        ),
    ],
)
def test_found_by_a_review_of_round_30(
    title: str, summary: str, language: str, present: set[str], absent: set[str]
) -> None:
    found = _tags(title, summary, language)
    assert present <= found and not absent & found, found


@pytest.mark.parametrize(
    ("title", "summary", "language", "present", "absent"),
    [
        # an appointment announced the Russian way round
        (
            "Коллективу прокуратуры Белгородской области представлен новый руководитель",
            "Ранее он возглавлял отдел по надзору за исполнением законодательства о "
            "противодействии терроризму.",
            "ru",
            set(),
            {"terrorism"},
        ),
        # seized where, not what
        (
            "FGR asegura 310 kilos de metanfetamina",
            "aseguró en un inmueble de la calle República de Chile la droga envasada",
            "es",
            {"drug-trafficking"},
            {"asset-recovery"},
        ),
        ("La FGR aseguró tres inmuebles y dos vehículos", "", "es", {"asset-recovery"}, set()),
        # recognised: Russian illegal timber (art. 191.1), access without authorization to
        # accounts, a court's "sequestra R$", dual-use exports without a licence, EU direct
        # payments obtained by false declarations
        (
            "Осуждены участники организованной группы",
            "виновными по ч. 3 ст. 191.1 УК РФ (сбыт заведомо незаконно заготовленной древесины)",
            "ru",
            {"environmental-crime", "organized-crime"},
            set(),
        ),
        (
            "grupo que invadia contas do Meu INSS",
            "usavam senhas obtidas por mensagens falsas para acessar sem autorização as contas no "
            "aplicativo",
            "pt",
            {"cybercrime"},
            set(),
        ),
        (
            "MPF denuncia sócios e Justiça sequestra R$ 80 milhões",
            "",
            "pt",
            {"asset-recovery"},
            set(),
        ),
        (
            "MPF acusa empresa de exportar equipamentos sensíveis ao Irã sem autorização",
            "válvulas de uso duplo vendidas sem a licença exigida para a exportação",
            "pt",
            {"sanctions"},
            set(),
        ),
        (
            "EPPO indicts farmer",
            "who allegedly obtained €310 000 in EU direct payments by declaring pastures he "
            "neither owned nor used",
            "en",
            {"fraud"},
            set(),
        ),
    ],
)
def test_round_31_phrasings(
    title: str, summary: str, language: str, present: set[str], absent: set[str]
) -> None:
    found = _tags(title, summary, language)
    assert present <= found and not absent & found, found


def test_round_31_places() -> None:
    # a Georgian town and its country; businesses named after places; Atacama's town
    assert places("call centres in Tbilisi and Batumi, Georgia") == {"ge"}
    assert places("ROME, Ga. - A man was sentenced") == {"us"}
    assert places("the letterbox of the Istanbul Grill in Taunton") == set()
    assert places("a sociedade Moçambique Confeções, Lda., com sede em Guimarães") == set()
    assert places("turistas alemanes en San Pedro de Atacama", frozenset({"cl"})) == {"de"}
    assert places("un vuelo de Estambul a Madrid") == {"tr", "es"}


@pytest.mark.parametrize(
    ("title", "summary", "language", "present", "absent"),
    [
        # (found by a review of round 31) seizures in a building, cartels beside advertising
        # signs, repeat offenders, exports without a permit, kidnap victims, police access
        (
            "FGR aseguró en un inmueble tres vehículos",
            "",
            "es",
            {"asset-recovery"},
            set(),
        ),
        (
            "FGR asegura en un inmueble de Zapopan 12 vehículos de lujo",
            "",
            "es",
            {"asset-recovery"},
            set(),
        ),
        (
            "FGR asegura 310 kilos de metanfetamina",
            "aseguró en un inmueble de la calle República de Chile la droga envasada",
            "es",
            {"drug-trafficking"},
            {"asset-recovery"},
        ),
        (
            "Procesan a funcionarios municipales por integrar una asociación ilícita que "
            "cobraba sobornos para habilitar carteles publicitarios",
            "",
            "es",
            {"corruption", "organized-crime"},
            set(),
        ),
        (
            "Vinculan a proceso a integrantes del Cártel de Sinaloa que colgaron una narcomanta "
            "en un cartel publicitario",
            "",
            "es",
            {"organized-crime"},
            set(),
        ),
        (
            "Ранее судимый за мошенничество житель Самары осужден за аналогичное преступление",
            "",
            "ru",
            {"fraud"},
            set(),
        ),
        (
            "Ранее судимый за сбыт наркотиков житель Саратова вновь осужден за аналогичное "
            "преступление",
            "",
            "ru",
            {"drug-trafficking"},
            set(),
        ),
        (
            "MPF denuncia empresa por exportar madeira sem licença do Ibama",
            "",
            "pt",
            set(),
            {"sanctions"},
        ),
        (
            "Detienen a exportadores de fauna silvestre sin autorización",
            "",
            "es",
            set(),
            {"sanctions"},
        ),
        (
            "exportaba vehículos robados sin autorización de sus dueños",
            "",
            "es",
            set(),
            {"sanctions"},
        ),
        (
            "MPF acusa empresa de exportar equipamentos sensíveis ao Irã",
            "válvulas e bombas de uso duplo, sem a licença exigida",
            "pt",
            {"sanctions"},
            set(),
        ),
        (
            "Quadrilha fazia sequestro relâmpago",
            "Os criminosos exigiram dos sequestrados R$ 50 mil por Pix",
            "pt",
            set(),
            {"asset-recovery"},
        ),
        (
            "Grupo que sequestrava empresários é denunciado",
            "Foram transferidos das contas dos sequestrados R$ 120 mil",
            "pt",
            set(),
            {"asset-recovery"},
        ),
        (
            "MPF denuncia sócios e Justiça sequestra R$ 80 milhões",
            "",
            "pt",
            {"asset-recovery"},
            set(),
        ),
        (
            "STJ anula provas obtidas com acesso sem autorização a dispositivos",
            "tráfico de drogas",
            "pt",
            {"drug-trafficking"},
            {"cybercrime"},
        ),
        (
            "grupo que invadia contas",
            "usavam senhas para acessar sem autorização as contas no aplicativo",
            "pt",
            {"cybercrime"},
            set(),
        ),
        (
            "Fraude com o uso duplo de notas fiscais",
            "",
            "pt",
            {"fraud"},
            {"sanctions"},
        ),
        (
            "He obtained subsidies for his relatives' company while declaring no conflict of "
            "interest",
            "",
            "en",
            set(),
            {"fraud"},
        ),
        (
            "EPPO indicts farmer",
            "who allegedly obtained €310 000 in EU direct payments by declaring pastures he "
            "neither owned nor used",
            "en",
            {"fraud"},
            set(),
        ),
    ],
)
def test_found_by_a_review_of_round_31(
    title: str, summary: str, language: str, present: set[str], absent: set[str]
) -> None:
    found = _tags(title, summary, language)
    assert present <= found and not absent & found, found


def test_places_found_by_a_review_of_round_31() -> None:
    # a London takeaway, kebab shops from Turkey, workshops with Bolivians keep their places;
    # San Pedro de Macorís and Paraguay's San Pedro are places
    assert places("London takeaway owner jailed for modern slavery offences") == {"gb"}
    assert places("Men trafficked from Turkey to kebab shops across the UK") == {"tr", "gb"}
    assert places("Imigrantes trazidos da Bolívia para confecções em São Paulo") == {"bo", "br"}
    assert places("Chinese takeaway owner jailed") == {"cn"}
    assert places("Detenidos en San Pedro de Macorís por lavado") == {"do"}
    assert places("La Senad destruyó cultivos en San Pedro y Amambay") == {"py"}
    assert places("le gérant de la société Singapour Négoce condamné") == set()


@pytest.mark.parametrize(
    ("title", "summary", "language", "present", "absent"),
    [
        # an appointment in the present tense; remains handed to families; Argentina's tax
        # amnesty; sanctions pressure on business
        (
            "Fiscal Nacional designa a nuevo fiscal regional de Aysén",
            "Fue fiscal jefe de la unidad contra el narcotráfico y el crimen organizado.",
            "es",
            set(),
            {"drug-trafficking", "organized-crime"},
        ),
        (
            "FGR entrega a sus familias los restos de 14 personas",
            "",
            "es",
            set(),
            {"extradition"},
        ),
        (
            "FGR entrega a Estados Unidos a un requerido por narcotráfico",
            "",
            "es",
            {"extradition"},
            set(),
        ),
        (
            "Imputaron a un empresario por declarar dólares inexistentes para acceder a los "
            "beneficios del blanqueo",
            "",
            "es",
            set(),
            {"money-laundering"},
        ),
        (
            "обсудили снижение нагрузки на бизнес в условиях внешнего санкционного давления",
            "",
            "ru",
            set(),
            {"sanctions"},
        ),
        ("осужден за нарушение санкционного режима при экспорте", "", "ru", {"sanctions"}, set()),
        # property decommissioned by a sentence is recovered
        (
            "FGR transfiere al INDEP 42 inmuebles y 96 vehículos decomisados por sentencias firmes",
            "",
            "es",
            {"asset-recovery"},
            set(),
        ),
    ],
)
def test_round_32_phrasings(
    title: str, summary: str, language: str, present: set[str], absent: set[str]
) -> None:
    found = _tags(title, summary, language)
    assert present <= found and not absent & found, found


def test_round_32_places() -> None:
    # a tree, a Russian district, a festival, businesses named after places
    assert places("контрабанда древесины дуба монгольского в Китай") == {"cn"}
    assert places("Прокурор Усть-Кубинского района проведёт приём граждан") == set()
    assert places("planning an attack at Irish Fest in Milwaukee") == {"us"}
    assert places("la société Algarve Rénovation, basée à Lyon") == {"fr"}
    assert places("des vacances en Algarve") == {"pt"}


@pytest.mark.parametrize(
    ("title", "summary", "language", "present", "absent"),
    [
        # (found by a review of round 32) Title Case headlines are no business names; goods
        # destroyed or returned are no recovered assets; launderers, luxury boats, case titles
        # with "designa a", sanctions evasion
        (
            "Former Hedge Fund Manager Pleads Guilty to Insider Trading",
            "",
            "en",
            {"fraud"},
            set(),
        ),
        (
            "Cocaine Import From Colombia Leads to 15-Year Sentence",
            "",
            "en",
            {"drug-trafficking"},
            set(),
        ),
        (
            "Chinese Construction Company Executive Sentenced for Bribing Officials",
            "",
            "en",
            {"corruption"},
            set(),
        ),
        (
            "Man Sentenced for Illegal Ivory Trading",
            "",
            "en",
            {"environmental-crime"},
            set(),
        ),
        (
            "Crypto Trading Platform Founder Charged",
            "",
            "en",
            {"crypto"},
            set(),
        ),
        (
            "Contractor Sentenced for Fraudulent Home Renovation Scheme",
            "",
            "en",
            {"fraud"},
            set(),
        ),
        (
            "Aduana destruye bienes falsificados decomisados",
            "",
            "es",
            set(),
            {"asset-recovery"},
        ),
        (
            "Recuperan vehículos robados decomisados en desarmadero",
            "",
            "es",
            set(),
            {"asset-recovery"},
        ),
        (
            "Tribunal ordena devolver los vehículos no decomisados a sus propietarios",
            "",
            "es",
            set(),
            {"asset-recovery"},
        ),
        (
            "FGR transfiere al INDEP 42 inmuebles y 96 vehículos decomisados por sentencias firmes",
            "",
            "es",
            {"asset-recovery"},
            set(),
        ),
        (
            "Formalizan al encargado del lavado del dinero de la banda",
            "",
            "es",
            {"money-laundering"},
            set(),
        ),
        (
            "Two luxury boats belonging to the oligarch were seized in Spain",
            "",
            "en",
            {"asset-recovery"},
            set(),
        ),
        (
            "Fiscal Nacional designa a nuevo fiscal para dirigir investigación por el crimen de "
            "carabineros",
            "la asociación criminal del Tren de Aragua y el tráfico de drogas",
            "es",
            {"drug-trafficking", "organized-crime"},
            set(),
        ),
        (
            "Tren de Aragua designa a nuevo jefe en Chile, según Fiscalía",
            "trata de personas y tráfico de drogas",
            "es",
            {"drug-trafficking", "human-trafficking"},
            set(),
        ),
        (
            "Fiscal Nacional designa a nuevo fiscal regional de Aysén",
            "Fue fiscal de la unidad contra el narcotráfico.",
            "es",
            set(),
            {"drug-trafficking"},
        ),
        (
            "Организатор схемы обхода санкционного давления на российские банки осужден",
            "",
            "ru",
            {"sanctions"},
            set(),
        ),
        (
            "обсудили снижение нагрузки на бизнес в условиях внешнего санкционного давления",
            "",
            "ru",
            set(),
            {"sanctions"},
        ),
    ],
)
def test_found_by_a_review_of_round_32(
    title: str, summary: str, language: str, present: set[str], absent: set[str]
) -> None:
    found = _tags(title, summary, language)
    assert present <= found and not absent & found, found


@pytest.mark.parametrize(
    ("title", "summary", "language", "present", "absent"),
    [
        # round 33: a cyber café and online harassment are no cybercrime; hacking still is
        (
            "Railway engineer arrested for taking a bribe from the owner of a cyber café",
            "",
            "en",
            {"corruption"},
            {"cybercrime"},
        ),
        (
            "Cyberharcèlement d'une journaliste : trois internautes condamnés",
            "",
            "fr",
            set(),
            {"cybercrime"},
        ),
        ("Condenan a un joven por ciberacoso a una compañera", "", "es", set(), {"cybercrime"}),
        (
            "Cyberattaque contre un hôpital : deux pirates mis en examen",
            "",
            "fr",
            {"cybercrime"},
            set(),
        ),
        (
            "Desarticulan banda de ciberdelincuentes que vaciaba cuentas",
            "",
            "es",
            {"cybercrime"},
            set(),
        ),
        # a building legalized, a ship's tanks washed, a car wash's washing: no laundering
        (
            "Глава поселения осужден за взятку за легализацию самовольной постройки",
            "",
            "ru",
            {"corruption"},
            {"money-laundering"},
        ),
        (
            "Осужден за легализацию денежных средств, полученных преступным путем",
            "",
            "ru",
            {"money-laundering"},
            set(),
        ),
        (
            "Acusação. Poluição marinha. Lavagem de tanques no mar.",
            "",
            "pt",
            {"environmental-crime"},
            {"money-laundering"},
        ),
        ("Denunciado por lavagem de capitais de tráfico", "", "pt", {"money-laundering"}, set()),
        (
            "Vendían cocaína mientras los clientes esperaban el lavado de sus vehículos",
            "",
            "es",
            {"drug-trafficking"},
            {"money-laundering"},
        ),
        # bid rigging is no organised crime
        (
            "MPF denuncia empresas por combinar propostas em pregões",
            "num verdadeiro cartel, por frustração do caráter competitivo de licitação",
            "pt",
            set(),
            {"organized-crime"},
        ),
        # embezzlement from a union is a private fraud, amounts with a decimal point
        (
            "Former treasurer pleads guilty to embezzling $1.2 million from the union",
            "",
            "en",
            {"fraud"},
            set(),
        ),
        # swearing-in announcements take their topics from the title alone
        (
            "Rinde protesta nuevo titular de la Fiscalía Especializada en materia de Combate a la "
            "Corrupción",
            "Antes dirigió la unidad contra el lavado de dinero.",
            "es",
            set(),
            {"corruption", "money-laundering"},
        ),
        (
            "Juró el nuevo fiscal general ante los tribunales orales",
            "coordinó la seguridad durante la cumbre del G20 y causas de narcotráfico",
            "es",
            set(),
            {"g20", "drug-trafficking"},
        ),
        # Russian foreign colleagues, neighbouring prosecutors' offices: cooperation; state
        # ownership restored: asset recovery
        (
            "Прокуроры области и белорусские коллеги обсудили противодействие наркопреступности",
            "",
            "ru",
            {"international-cooperation"},
            set(),
        ),
        (
            "Совещание с представителями прокуратур сопредельных районов белорусской стороны",
            "",
            "ru",
            {"international-cooperation"},
            set(),
        ),
        (
            "По иску Генпрокуратуры в собственность Российской Федерации обращены акции завода",
            "",
            "ru",
            {"asset-recovery"},
            set(),
        ),
        # environmental offences as Chilean and French law name them
        (
            "Formalizan a salmonera por afectación grave al medio ambiente",
            "",
            "es",
            {"environmental-crime"},
            set(),
        ),
        (
            "Société citée pour mise sur le marché de bois sans diligence raisonnable",
            "",
            "fr",
            {"environmental-crime"},
            set(),
        ),
        # information from a foreign agency is cooperation
        (
            "Procesado por financiamiento del terrorismo",
            "La investigación se inició con información aportada por el FBI.",
            "es",
            {"terrorism", "international-cooperation"},
            set(),
        ),
    ],
)
def test_round_33_phrasings(
    title: str, summary: str, language: str, present: set[str], absent: set[str]
) -> None:
    found = _tags(title, summary, language)
    assert present <= found and not absent & found, found


def test_round_33_places() -> None:
    # a phrase of the not-places list is folded as the text is: "дуб монгольский" (й)
    assert places("спилили деревья пород дуб монгольский и ясень") == set()
    assert places("Прокурор Усть-Кубинский района") == set()
    # the Caribbean's people; a market named after a city
    assert places("a stabbing at Leeds West Indian Carnival") == {"gb"}
    assert places("titres cotés sur Euronext Growth Paris") == set()
    # "Sul de Minas" is a part of Minas Gerais (so Brazil), no region of Guinea-Bissau
    assert places("trabalhadores resgatados no Sul de Minas") == {"br"}
    # a country's namesake before the region it is in: the town
    assert places("Aseguran en Colombia, Nuevo León, un tractocamión") == {"mx"}
    assert places("Interpellé à Lebanon (Ohio) par l'US Marshals Service") == {"us"}
    assert places("cocaína procedente de Colombia") == {"co"}
    # towns of the source's own country named like a foreign place
    assert places("detidos na marina de Lagos, no Algarve", frozenset({"pt"})) == {"pt"}
    assert places("arrested in Lagos", frozenset({"us"})) == {"ng"}
    assert places("rescataron a tareferos en Puerto Rico, Misiones", frozenset({"ar"})) == {"ar"}
    assert places("rescataron a 14 tareferos en un campo de Puerto Rico", frozenset({"ar"})) == {
        "pr"
    }
    # a ship's quoted name after the kind of ship, and more words for a ship
    assert places("o navio de carga «Estrela de Tânger» largou resíduos") == set()
    assert places("llegó a bordo del buquetanque “Honduras Star”") == set()
    assert places("haxixe proveniente de Marrocos") == {"ma"}
    # regions of Kazakhstan, Belarus and Italy
    assert places("приобрел гашиш в Актюбинской области") == {"kz"}
    assert places("жители Восточно-Казахстанской области") == {"kz"}
    assert places("задержан в Гомельской области") == {"by"}
    assert places("un voilier amarré en Sardaigne") == {"it"}


@pytest.mark.parametrize(
    ("title", "summary", "language", "present", "absent"),
    [
        # (found by a review of round 33) a criminal organisation rigging bids is organised
        # crime; only "cartel" in a bid-rigging sentence is not
        (
            "MPF denuncia 12 pessoas por organização criminosa e fraude em licitações",
            "Os denunciados combinavam propostas e respondem por frustração do caráter "
            "competitivo de licitação.",
            "pt",
            {"organized-crime"},
            set(),
        ),
        (
            "Empresas apresentavam propostas de cobertura",
            "um verdadeiro cartel nas licitações de 14 municípios",
            "pt",
            set(),
            {"organized-crime"},
        ),
        # drugs incinerated "to avoid harm to the environment" are no environmental crime
        (
            "FGR incinera 800 kilos de narcóticos",
            "para evitar afectación al medio ambiente",
            "es",
            set(),
            {"environmental-crime"},
        ),
        # a board, coworkers and the districts of one's own region are no foreign partners
        (
            "Узбекские коллеги по работе похитили деньги фирмы",
            "",
            "ru",
            set(),
            {"international-cooperation"},
        ),
        (
            "Сербская коллегия адвокатов провела собрание",
            "",
            "ru",
            set(),
            {"international-cooperation"},
        ),
        (
            "Совещание с прокуратурами сопредельных регионов области",
            "",
            "ru",
            set(),
            {"international-cooperation"},
        ),
        (
            "Встреча с представителями прокуратур сопредельных государств",
            "",
            "ru",
            {"international-cooperation"},
            set(),
        ),
        (
            "Formalizan a imputado",
            "con información proporcionada por autoridades de Chile",
            "es",
            set(),
            {"international-cooperation"},
        ),
        # a jury sworn in, a swearing-in that a case report recalls: the case's topics count
        (
            "Jury is sworn in at trial of alleged cartel boss",
            "accused of trafficking tons of cocaine and laundering the proceeds",
            "en",
            {"drug-trafficking", "money-laundering"},
            set(),
        ),
        (
            "Tomó protesta como agente del MP y luego extorsionó: vinculan a proceso a ex "
            "servidor público",
            "por cohecho y delincuencia organizada",
            "es",
            {"corruption", "organized-crime"},
            set(),
        ),
        # an official embezzling city funds through a firm is no private fraud
        (
            "Former mayor sentenced for embezzling $1.2 million in city funds through his "
            "consulting firm",
            "",
            "en",
            {"corruption"},
            {"fraud"},
        ),
        # real estate bought with stolen money is laundered; online grooming is cybercrime
        (
            "Осужден за легализацию объектов недвижимости, приобретенных на похищенные средства",
            "",
            "ru",
            {"money-laundering"},
            set(),
        ),
        ("Detenido por ciberacoso sexual infantil a menores", "", "es", {"cybercrime"}, set()),
        (
            "Two men jailed for cyber-stalking and cyberharassment of a journalist",
            "",
            "en",
            set(),
            {"cybercrime"},
        ),
    ],
)
def test_found_by_a_review_of_round_33(
    title: str, summary: str, language: str, present: set[str], absent: set[str]
) -> None:
    found = _tags(title, summary, language)
    assert present <= found and not absent & found, found


def test_places_found_by_a_review_of_round_33() -> None:
    # a country, then a region of another, in a list: both named
    assert places("Migrantes originarios de Guatemala, Chiapas y Tabasco") == {"gt", "mx"}
    assert places("Cocaïne livrée en Espagne, Lombardie et Belgique") == {"es", "it", "be"}
    assert places("Migrants partis de Tunisie, Sicile puis Lombardie") == {"tn", "it"}
    # Italian region names as estates, shops and surnames in Spanish and Portuguese
    assert places("Condomínio Toscana em Campinas") == {"br"}
    assert places("El fiscal Sergio Toscana pidió la detención") == set()
    # a ship's flag names its country
    assert places("El buque de bandera panameña “Caribe” fue inspeccionado") == {"pa"}
    assert places("o navio de bandeira panamenha «Atlântico» foi apreendido") == {"pa"}
    # Cuba the country in a Portuguese release; the town only with its region named
    assert places("Extradição de cidadão para Cuba", frozenset({"pt"})) == {"cu"}
    assert places("detido em Cuba, no distrito de Beja", frozenset({"pt"})) == {"pt"}
    assert places("Extraditado a Puerto Rico un buscado por fraude", frozenset({"ar"})) == {"pr"}
    assert places("cocaína trazida de Lagos para Lisboa", frozenset({"pt"})) == {"ng", "pt"}


@pytest.mark.parametrize(
    ("title", "summary", "language", "present", "absent"),
    [
        # (found on real releases read with the search tool, 2026-12-06) people smuggled by
        # number, labour exploitation and slave trade, a prostitution ring
        (
            "Ten arrested in London",
            "suspected of trying to smuggle 17 people into the UK",
            "en",
            {"human-trafficking"},
            set(),
        ),
        (
            "Задержаны работорговцы",
            "с целью трудовой эксплуатации",
            "ru",
            {"human-trafficking"},
            set(),
        ),
        (
            "Démantèlement d'un réseau de prostitution nigériane",
            "",
            "fr",
            {"human-trafficking"},
            set(),
        ),
        # computer fraud as Chilean law names it; the French offences against data systems are
        # cybercrime, their "frauduleux" no fraud
        (
            "Formalizan a cinco por fraude informático a BancoEstado",
            "",
            "es",
            {"cybercrime", "fraud"},
            set(),
        ),
        (
            "Enquête pour accès et maintien frauduleux",
            "et extraction frauduleuse de données",
            "fr",
            {"cybercrime"},
            {"fraud"},
        ),
        # requests for legal assistance abroad are extradition's (mutual legal assistance)
        (
            "Cinco requerimientos de colaboración internacional por estafas",
            "",
            "es",
            {"extradition", "fraud"},
            set(),
        ),
        # a DPA's counterparty is no foreign counterpart; two countries' authorities working
        # together are; transnational organised crime is organised crime, no cooperation
        (
            "The counterparty to the DPA is a UK company",
            "",
            "en",
            set(),
            {"international-cooperation"},
        ),
        (
            "Les autorités luxembourgeoises et allemandes ont collaboré",
            "dans la mise au jour d'un réseau de fraude",
            "fr",
            {"international-cooperation"},
            set(),
        ),
        (
            "La llegada del crimen organizado transnacional a Chile",
            "",
            "es",
            {"organized-crime"},
            {"international-cooperation"},
        ),
        # fugitives brought back are no assets; money repatriated is
        (
            "CBI brought back 134 fugitives, twice the number repatriated in the last decade",
            "",
            "en",
            set(),
            {"asset-recovery"},
        ),
        (
            "Suíça devolve ao Brasil US$ 9 milhões",
            "a repatriação foi negociada",
            "pt",
            {"asset-recovery"},
            set(),
        ),
        # cash and currency seized or forfeited; Russian claims for the state; crypto seized
        (
            "Allanamientos en cuevas financieras",
            "donde se secuestró gran cantidad de divisas",
            "es",
            {"asset-recovery"},
            set(),
        ),
        ("El tribunal ordenó el decomiso de los USD 59.138", "", "es", {"asset-recovery"}, set()),
        (
            "Прокуратура взыскивает в пользу государства более 2 млрд рублей",
            "",
            "ru",
            {"asset-recovery"},
            set(),
        ),
        ("A liquidação dos criptoativos apreendidos", "", "pt", {"asset-recovery"}, set()),
        # Russian: felled illegally, military goods smuggled, a criminal community; cyber-fraud
        # is fraud (run online: no cybercrime)
        ("Жители села незаконно вырубили деревья", "", "ru", {"environmental-crime"}, set()),
        ("Контрабанда продукции военного назначения", "", "ru", {"sanctions"}, set()),
        ("Глава криминального сообщества выдан России", "", "ru", {"organized-crime"}, set()),
        ("Операция против кибермошенничества", "", "ru", {"fraud"}, {"cybercrime"}),
        # public money diverted by officials; a criminal cell
        (
            "Ex-prefeito suspeito de desviar R$ 30 mil em verbas públicas",
            "",
            "pt",
            {"corruption"},
            set(),
        ),
        (
            "Poursuivis pour détournement de biens d'un dépôt public",
            "",
            "fr",
            {"corruption"},
            set(),
        ),
        (
            "Arrestation de la tête dirigeante d'une cellule criminelle",
            "",
            "fr",
            {"organized-crime"},
            set(),
        ),
        # the national organised-crime prosecutor's title is a name
        (
            "Quatre mises en examen pour blanchiment",
            "a annoncé la procureure nationale anti-criminalité organisée",
            "fr",
            {"money-laundering"},
            {"organized-crime"},
        ),
    ],
)
def test_real_release_phrasings(
    title: str, summary: str, language: str, present: set[str], absent: set[str]
) -> None:
    found = _tags(title, summary, language)
    assert present <= found and not absent & found, found


def test_mexican_crimes_against_health_are_drug_offences() -> None:
    # "delitos contra la salud" (Código Penal Federal): Mexico's sources only
    mexican = SourceFacts("s", "s", None, "es", (), "MX")
    chilean = SourceFacts("s", "s", None, "es", (), "CL")
    text = TaggableItem("Sentencia por delincuencia organizada (contra la salud)", "", "")
    assert "drug-trafficking" in {t.tag for t in tags_for_item(TAGGER, mexican, text)}
    assert "drug-trafficking" not in {t.tag for t in tags_for_item(TAGGER, chilean, text)}


def test_real_release_places() -> None:
    # the Associated Press's byline is no Brazilian state; Amapá's abbreviation still is
    assert places("THE HAGUE, Netherlands (AP) — Police coordinated") == {"nl"}
    assert places("Macapá (AP) - O MPF denunciou") == {"br"}
    # the MPF's office in a state, as its releases sign
    assert places("O Ministério Público Federal em Santos (MPF/SP) ofereceu") == {"br"}
    # "suicide" and "suicídio" are no Swiss
    assert places("the second suicide bombing in the city") == set()
    assert places("suicídio na prisão") == set()
    assert places("contas na Suíça") == {"ch"}
    # Orán, a town of Salta, when the text names its region; Bashkiria
    assert places("droga en Orán para su traslado a Tucumán") == {"ar"}
    assert places("detenido en Orán, Argelia") == {"dz"}
    assert places("В Башкирии утвердили обвинительное заключение") == {"ru"}


@pytest.mark.parametrize(
    ("title", "summary", "language", "present", "absent"),
    [
        # (a second set of real releases, 2026-12-06) typographic apostrophes read as "'", by
        # terms and by regular expressions alike
        ("Enquête pour « trafic d’influence »", "", "fr", {"corruption"}, set()),
        (
            "Démantèlement d’un réseau de trafiquants d’animaux",
            "",
            "fr",
            set(),
            {"drug-trafficking"},
        ),
        # a terrorist criminal association is terrorism, no organised crime
        (
            "Huit mises en examen",
            "pour association de malfaiteurs en relation avec une entreprise terroriste",
            "fr",
            {"terrorism"},
            {"organized-crime"},
        ),
        # the couriers of a cocaine route are no people smugglers
        (
            "Douze passeurs de cocaïne interpellés",
            "",
            "fr",
            {"drug-trafficking"},
            {"human-trafficking"},
        ),
        ("Des passeurs de migrants interpellés", "", "fr", {"human-trafficking"}, set()),
        # online child abuse is cybercrime; cash smuggled out is laundered; a fugitive returned
        ("Major online child sexual abuse operation", "", "en", {"cybercrime"}, set()),
        (
            "Four arrested",
            "members of a group that specialises in smuggling criminal cash out of the country",
            "en",
            {"money-laundering"},
            set(),
        ),
        (
            "CBI orchestrated the return of a Red Notice subject from the UAE",
            "",
            "en",
            {"extradition"},
            set(),
        ),
        ("Le PNF poursuit 38 abus de marché", "", "fr", {"fraud"}, set()),
        # a network alone, a bare "преступная группа" and Mexico's "agravante de pandilla" are
        # no organised crime (the README's rule); a gang, a cartel, an organised group are
        ("Desarticulan una red criminal de estafadores", "", "es", {"fraud"}, {"organized-crime"}),
        (
            "Осуждены участники преступной группы мошенников",
            "",
            "ru",
            {"fraud"},
            {"organized-crime"},
        ),
        (
            "Осуждены участники организованной преступной группы",
            "",
            "ru",
            {"organized-crime"},
            set(),
        ),
        (
            "Vinculados por delitos contra la salud con la agravante de pandilla",
            "",
            "es",
            set(),
            {"organized-crime"},
        ),
        ("Detenidos integrantes de una pandilla", "", "es", {"organized-crime"}, set()),
        # names of bodies: Quebec's anti-corruption unit, the Council of Europe's GRECO
        (
            "Clarification du DPCP sur l'Unité permanente anticorruption",
            "",
            "fr",
            set(),
            {"corruption"},
        ),
        (
            "20e anniversaire du Groupe des États contre la corruption",
            "",
            "fr",
            set(),
            {"corruption"},
        ),
    ],
)
def test_second_real_set_phrasings(
    title: str, summary: str, language: str, present: set[str], absent: set[str]
) -> None:
    found = _tags(title, summary, language)
    assert present <= found and not absent & found, found


def test_second_real_set_places() -> None:
    # Iran written with its capital and accent; the verb "irão" (they will) is no Iran
    assert places("exportar máquinas ao Irã em violação de sanções") == {"ir"}
    assert places("sanções contra o Irão") == {"ir"}
    assert places("Os ex-prefeitos irão responder a processo criminal") == set()
    # Cáceres, Mato Grosso; the Organization of American States
    assert places("O MPF em Cáceres (225 km a Oeste de Cuiabá) denunciou") == {"br"}
    assert places("sous l'égide de l'Organisation des États Américains (OEA)") == set()


@pytest.mark.parametrize(
    ("title", "summary", "language", "present", "absent"),
    [
        # (a third set of real releases, 2026-12-06) cocaine "trafficked to" Europe is no
        # human trafficking; workers exploited are
        (
            "Cocaine trafficked to Europe through the port",
            "",
            "en",
            {"drug-trafficking"},
            {"human-trafficking"},
        ),
        (
            "Criminals recruiting and exploiting workers arrested",
            "",
            "en",
            {"human-trafficking"},
            set(),
        ),
        (
            "Women trafficked into the UK for sexual exploitation",
            "",
            "en",
            {"human-trafficking"},
            set(),
        ),
        # a network alone is no organised crime (the README), a pimping network is trafficking
        (
            "Démantèlement d'un réseau de proxénétisme",
            "",
            "fr",
            {"human-trafficking"},
            {"organized-crime"},
        ),
        # joint investigation teams, searches in several countries at once
        (
            "Signature d'un mémorandum sur les équipes communes d’enquête",
            "",
            "fr",
            {"international-cooperation"},
            set(),
        ),
        (
            "Opérations menées simultanément dans ces 4 pays",
            "",
            "fr",
            {"international-cooperation"},
            set(),
        ),
        # illegal harvests, clandestine dumps, gravel extracted, aquatic resources
        (
            "Fishermen charged with illegally harvesting striped bass",
            "",
            "en",
            {"environmental-crime"},
            set(),
        ),
        ("Intervención por un vertedero clandestino", "", "es", {"environmental-crime"}, set()),
        ("Fiscalización por extracción ilegal de áridos", "", "es", {"environmental-crime"}, set()),
        (
            "Осуждены за незаконный оборот особо ценных водных биоресурсов",
            "",
            "ru",
            {"environmental-crime"},
            set(),
        ),
        # damages to the State, sums to restore or recovered
        (
            "Sentencia de reparación del daño a favor del Estado Mexicano",
            "por uso indebido de atribuciones y facultades",
            "es",
            {"asset-recovery", "corruption"},
            set(),
        ),
        ("O ex-gestor deverá restituir o valor corrigido", "", "pt", {"asset-recovery"}, set()),
        ("A PGR recuperou 760 milhões de meticais", "", "pt", {"asset-recovery"}, set()),
        (
            "Ex-prefeito condenado por usar indevidamente verbas federais",
            "",
            "pt",
            {"corruption"},
            set(),
        ),
        # accounts broken into; a Russian handed to the authorities; illegal migration channels
        ("Ele teria invadido mais de 50 contas de clientes", "", "pt", {"cybercrime"}, set()),
        ("Гражданин будет выдан российским властям", "", "ru", {"extradition"}, set()),
        (
            "Осуждены за организацию канала нелегальной миграции",
            "",
            "ru",
            {"human-trafficking"},
            set(),
        ),
    ],
)
def test_third_real_set_phrasings(
    title: str, summary: str, language: str, present: set[str], absent: set[str]
) -> None:
    found = _tags(title, summary, language)
    assert present <= found and not absent & found, found


def test_third_real_set_places() -> None:
    # "Coahuila de Zaragoza" is the state's full name; Zaragoza is Spain's elsewhere
    assert places("Fiscalía Federal en el Estado de Coahuila de Zaragoza") == {"mx"}
    assert places("detenido en Zaragoza, España") == {"es"}


@pytest.mark.parametrize(
    ("title", "summary", "language", "present", "absent"),
    [
        # (a fourth set of real releases, 2026-12-06) organised groups as Spanish and
        # Portuguese releases name them; a bare "organización" of sellers is one too
        (
            "Sentenciados cuatro integrantes de una agrupación delictual",
            "",
            "es",
            {"organized-crime"},
            set(),
        ),
        (
            "Procesaron a integrantes de una organización que comercializaba cocaína",
            "",
            "es",
            {"organized-crime", "drug-trafficking"},
            set(),
        ),
        ("Acusação. Criminalidade organizada transnacional.", "", "pt", {"organized-crime"}, set()),
        # human beings trafficked, pimps, people taken across the Channel
        (
            "Une filière de trafic d’êtres humains démantelée",
            "",
            "fr",
            {"human-trafficking"},
            set(),
        ),
        ("Un réseau de proxénètes démantelé à Rouen", "", "fr", {"human-trafficking"}, set()),
        (
            "Sept personnes mises en examen",
            "suspectées d'avoir organisé le passage outre-Manche de clandestins",
            "fr",
            {"human-trafficking"},
            set(),
        ),
        ("Acusados pelo crime de tráfico de 28 pessoas", "", "pt", {"human-trafficking"}, set()),
        # waste disposed of illegally; steroids and drug pellets; "запрещенные вещества" sold
        (
            "Police seize 11 tonnes of illegally-disposed waste",
            "",
            "en",
            {"environmental-crime"},
            set(),
        ),
        ("Steroid trafficking network dismantled", "", "en", {"drug-trafficking"}, set()),
        (
            "Charged over internal importation of 109 drug pellets",
            "",
            "en",
            {"drug-trafficking"},
            set(),
        ),
        (
            "Осуждены за покушение на незаконный сбыт запрещенных веществ",
            "",
            "ru",
            {"drug-trafficking"},
            set(),
        ),
    ],
)
def test_fourth_real_set_phrasings(
    title: str, summary: str, language: str, present: set[str], absent: set[str]
) -> None:
    found = _tags(title, summary, language)
    assert present <= found and not absent & found, found


def test_fourth_real_set_places() -> None:
    # French first names that are countries' French names
    assert places("Carnaval à Marseille : la procureure Dominique Laurens annonce") == {"fr"}
    assert places("le meurtre de Philippine Dupont, une étudiante de Paris") == {"fr"}
    assert places("l'île de la Dominique") == {"dm"}
    # Portland is the US city beside the US, nothing alone; Kabardino-Balkaria, Komi; the
    # West Kazakhstan region; US dollars are a currency
    assert places("arrested in Portland by U.S. agents") == {"us"}
    assert places("Прокурор города Прохладного (Кабардино-Балкария)") == {"ru"}
    assert places("Прокуратура Коми утвердила обвинительные заключения") == {"ru"}
    assert places("В ЗКО обезврежено 7 групп") == {"kz"}
    assert places("cinco mil milhões de dólares norte-americanos") == set()


# The fifth real set (issue #26): French verb forms of "escroquer" and "corrompre", the accent
# of "pornográfico", drug suppliers, an international police operation, a request for
# someone's extradition with words between, hyphened goods exported to Iran, wildcat miners,
# seizures of cash and bitcoins, a court's seizure of unlawful income, blocked estates.
@pytest.mark.parametrize(
    ("title", "summary", "language", "present", "absent"),
    [
        ("Ils sont soupçonnés d'avoir escroqué des touristes", "", "fr", {"fraud"}, set()),
        ("Un policier soupçonné d'avoir été corrompu par le gang", "", "fr", {"corruption"}, set()),
        # "corruption de mineur" is a sexual offence, whatever verb follows
        ("Condamné pour corruption de mineur", "", "fr", set(), {"corruption"}),
        (
            "Une fausse assistance informatique pour escroquer des retraités",
            "",
            "fr",
            {"fraud", "cybercrime"},
            set(),
        ),
        (
            "Preso por disponibilizar conteúdo pornográfico infantojuvenil pela Internet",
            "",
            "pt",
            {"cybercrime"},
            set(),
        ),
        ("Gang of drug suppliers jailed", "", "en", {"drug-trafficking"}, set()),
        ("Jailed for supplying class A drugs in Leeds", "", "en", {"drug-trafficking"}, set()),
        # supplying evidence, a supply of goods: no drugs
        ("Firm jailed for supplying false records", "", "en", set(), {"drug-trafficking"}),
        (
            "Hundreds of arrests in an international police operation",
            "",
            "en",
            {"international-cooperation"},
            set(),
        ),
        (
            "Генпрокуратура направит запрос в Испанию о выдаче задержанного",
            "",
            "ru",
            {"extradition"},
            set(),
        ),
        (
            "Прокуратура удовлетворила просьбу российских коллег о выдаче мужчины",
            "",
            "ru",
            {"extradition"},
            set(),
        ),
        # a licence issued ("выдаче лицензии") is no extradition
        ("Проверка законности выдачи лицензий", "", "ru", set(), {"extradition"}),
        (
            "Una investigación iniciada por un pedido de colaboración judicial internacional",
            "",
            "es",
            {"extradition"},
            set(),
        ),
        (
            "Charged with conspiring to illegally export military-grade electronics to Iran",
            "",
            "en",
            {"sanctions"},
            set(),
        ),
        ("MPF pede ação contra invasão de garimpeiros", "", "pt", {"environmental-crime"}, set()),
        (
            "Condamnation pour coupe de bois et extraction illégale de matériaux",
            "",
            "fr",
            {"environmental-crime"},
            set(),
        ),
        (
            "Des peines de prison et des saisies d'argent liquide",
            "",
            "fr",
            {"asset-recovery"},
            set(),
        ),
        ("la saisie de quelque 388 bitcoins", "", "fr", {"asset-recovery"}, set()),
        # a seizure of drugs is no asset recovery
        ("la saisie de 3 kilos de cocaïne", "", "fr", set(), {"asset-recovery"}),
        ("Os suspeitos tiveram os patrimônios bloqueados", "", "pt", {"asset-recovery"}, set()),
        (
            "Суд изъял у бывшего чиновника более 800 миллионов рублей незаконных доходов",
            "",
            "ru",
            {"asset-recovery"},
            set(),
        ),
        (
            "Проверить судьбу изъятого в доход государства имущества",
            "",
            "ru",
            {"asset-recovery"},
            set(),
        ),
    ],
)
def test_fifth_real_set_phrasings(
    title: str, summary: str, language: str, present: set[str], absent: set[str]
) -> None:
    found = _tags(title, summary, language)
    assert present <= found and not absent & found, found


def test_fifth_real_set_places() -> None:
    # A Mexican dateline names Mexico; "Mich." is Michoacán there, Michigan in a US dateline
    assert places("Chilpancingo, Gro. La Fiscalía General de la República informó") == {"mx"}
    assert places("Morelia, Mich., a 11 de agosto de 2025.- La FGR presentó") == {"mx"}
    assert places("Morelia, Mich. La FGR presentó", frozenset({"mx"})) == {"mx"}
    assert places("LANSING, Mich. – A Detroit man was sentenced") == {"us"}
    # a Chilean politician's party, not Rio Grande do Norte; a Brazilian town's state
    chile = frozenset({"cl"})
    assert places("El alcalde de Linares, Mario Meza (RN), será formalizado", chile) == set()
    assert places("O prefeito de Natal (RN) foi denunciado", frozenset({"br"})) == {"br"}
    # a company named after Suez; the Islamic State's full name in Portuguese
    assert places("lobbying pour GDF Suez") == set()
    assert places("casos relacionados com o Estado Islâmico do Iraque e da Síria") == set()
    # Moscow's city court; a region of Minas Gerais
    assert places("Дело поступило в Мосгорсуд") == {"ru"}
    assert places("o município, localizado no Norte de Minas") == {"br"}


# The sixth real set's development half (issue #26): botnets in the plural, wildlife smuggled,
# waste crime, people smuggled, export licences, opium, "crack down", counterfeit products,
# Mexico's migrants moved irregularly, Argentina's "concusión", an official position abused,
# organised delinquency, Portuguese migrant smuggling, a mayor's frauds with federal money,
# bank operations suspended, claims for Russia, an agreed extradition, a French anti-terrorist
# section taking up a case, migrants taken across the Channel.
@pytest.mark.parametrize(
    ("title", "summary", "language", "present", "absent"),
    [
        ("Operation against botnets takes down 100 servers", "", "en", {"cybercrime"}, set()),
        (
            "Man sentenced for smuggling 15 lizards into the US",
            "",
            "en",
            {"environmental-crime"},
            set(),
        ),
        ("Agency ramps up war on waste crime", "", "en", {"environmental-crime"}, set()),
        (
            "Organised criminal network smuggling Middle Eastern nationals dismantled",
            "",
            "en",
            {"human-trafficking", "organized-crime"},
            set(),
        ),
        (
            "Company pleads guilty to evading export licensing requirements",
            "",
            "en",
            {"sanctions"},
            set(),
        ),
        ("Opium poppy cultivation fell by 10 per cent", "", "en", {"drug-trafficking"}, set()),
        ("European prosecutors crack down on customs fraud", "", "en", set(), {"drug-trafficking"}),
        ("Crack cocaine dealers jailed", "", "en", {"drug-trafficking"}, set()),
        ("Seizure of 4.7 million counterfeit products", "", "en", set(), {"fraud"}),
        (
            "Vinculan a proceso a dos por el traslado irregular de migrantes",
            "",
            "es",
            {"human-trafficking"},
            set(),
        ),
        (
            "Imputan a policías por asociación ilícita y concusión",
            "",
            "es",
            {"corruption", "organized-crime"},
            set(),
        ),
        (
            "A civil servant abused his official position in awarding contracts",
            "",
            "en",
            {"corruption"},
            set(),
        ),
        ("La lutte contre la délinquance organisée", "", "fr", {"organized-crime"}, set()),
        (
            "Denúncia por contrabando de migrantes na fronteira",
            "",
            "pt",
            {"human-trafficking"},
            set(),
        ),
        (
            "MPF obtém condenação de ex-prefeito por fraudes com recursos federais",
            "",
            "pt",
            {"corruption"},
            set(),
        ),
        # a business's frauds with public money, no official: fraud, not corruption
        (
            "Empresário condenado por fraudes com recursos públicos",
            "",
            "pt",
            {"fraud"},
            {"corruption"},
        ),
        (
            "MP suspendeu operações bancárias no valor de 200 milhões de euros",
            "",
            "pt",
            {"asset-recovery"},
            set(),
        ),
        (
            "Суд взыскал в пользу России акции частных инвесторов завода",
            "",
            "ru",
            {"asset-recovery"},
            set(),
        ),
        (
            "Генпрокуратура Грузии согласилась выдать задержанного России",
            "",
            "ru",
            {"extradition"},
            set(),
        ),
        # a bank agreeing to issue a loan ("выдать кредит") is no extradition
        ("Банк согласился выдать ей кредит", "", "ru", set(), {"extradition"}),
        # drugs confiscated are no asset recovery; a car and money are
        ("Конфисковано порядка 200 кг наркотиков", "", "ru", set(), {"asset-recovery"}),
        (
            "La section antiterroriste du parquet s'est saisie de l'enquête sur les explosions",
            "",
            "fr",
            {"terrorism"},
            set(),
        ),
        # the anti-terrorist prosecutor also tries crimes against humanity
        (
            "Le parquet national antiterroriste s'est saisi pour crimes contre l'humanité",
            "",
            "fr",
            set(),
            {"terrorism"},
        ),
        (
            "Les autorités françaises et allemandes ont démantelé un réseau",
            "des bateaux chargés de migrants pour la traversée vers le Royaume-Uni",
            "fr",
            {"human-trafficking", "international-cooperation"},
            set(),
        ),
        # the MPF's new unit's name is no trafficking case
        (
            "MPF cria a Unidade Nacional de Enfrentamento ao Tráfico Internacional de Pessoas",
            "",
            "pt",
            set(),
            {"human-trafficking"},
        ),
    ],
)
def test_sixth_real_set_phrasings(
    title: str, summary: str, language: str, present: set[str], absent: set[str]
) -> None:
    found = _tags(title, summary, language)
    assert present <= found and not absent & found, found


def test_sixth_real_set_places() -> None:
    # French Guiana as French writes it, and France with it (an overseas department)
    assert places("un site d'orpaillage en Guyane") == {"gf", "fr"}
    assert places("des élus franciliens") == {"fr"}
    assert places("les chantiers olympiques de Paris 2024") == set()
    # Brazilian states' people; a Portuguese family name that is a US city's
    assert places("no município piauiense de Monte Alegre") == {"br"}
    assert places("o ex-secretário Sérgio Ricardo de Albuquerque Bogéa") == set()
    assert places("a shooting in Albuquerque") == {"us"}
    # Russian regions' everyday names, Ukraine's regions, the PRC in Russian
    assert places("Силовики раскрыли в Оренбуржье схему") == {"ru"}
    assert places("Правоохранительные органы Одесской области") == {"ua"}
    assert places("генпрокурор Верховной народной прокуратуры КНР") == {"cn"}
    # a radio station and a road named after cities
    assert places("радиостанцию «Эхо Москвы» отключили от эфира") == set()
    assert places('на автостоянке автодороги М5 "Москва – Челябинск"') == set()


# The sixth real set's unseen half, once read (issue #26): vote buying, launderers, groups
# "dedicadas", traffickers of people, sexual exploitation and "tráfico sexual", phones broken
# into, seized bitcoins in a headline, drug gangs, assets returned to the state, sums
# recovered, seized goods auctioned, defence articles exported without a licence, an
# "organised" scheme, sex trafficking organisations, Chile's "fraude" beside its embezzlement
# charge, "narcocriminalidad" as drug crime, an institution's cooperation at home.
@pytest.mark.parametrize(
    ("title", "summary", "language", "present", "absent"),
    [
        ("Le système présumé d'achat de votes de l'ancien maire", "", "fr", {"corruption"}, set()),
        ("Capturan a una banda de lavadores de dinero", "", "es", {"money-laundering"}, set()),
        (
            "Detienen a integrantes de agrupaciones dedicadas al tráfico de migrantes",
            "",
            "es",
            {"organized-crime", "human-trafficking"},
            set(),
        ),
        ("Detienen a 10 presuntos traficantes de personas", "", "es", {"human-trafficking"}, set()),
        (
            "Grupo suspeito de atrair mulheres para o tráfico sexual na Europa",
            "",
            "pt",
            {"human-trafficking"},
            {"drug-trafficking"},
        ),
        ("Redes que buscan explotarlas sexualmente", "", "es", {"human-trafficking"}, set()),
        ("PF prende suspeitos de invadir celular do ministro", "", "pt", {"cybercrime"}, set()),
        ("Bitcoins seized as FBI shuts down a marketplace", "", "en", {"asset-recovery"}, set()),
        ("МВД разоблачило наркогруппировку", "", "ru", {"organized-crime"}, set()),
        ("Прокуратура вернула государству активы", "", "ru", {"asset-recovery"}, set()),
        (
            "O Brasil receberá 155 milhões de reais recuperados em investigações",
            "",
            "pt",
            {"asset-recovery"},
            set(),
        ),
        (
            "Des biens saisis par la justice vendus aux enchères",
            "",
            "fr",
            {"asset-recovery"},
            set(),
        ),
        (
            "Requerido por tentativa para exportar artículos de defensa sin licencia",
            "",
            "es",
            {"sanctions"},
            set(),
        ),
        (
            "O grupo atuava de forma organizada para extrair madeira",
            "",
            "pt",
            {"organized-crime"},
            set(),
        ),
        (
            "Charges against members of an international sex trafficking organization",
            "",
            "en",
            {"organized-crime", "human-trafficking"},
            set(),
        ),
        (
            "Formalizarán por el fraude en la Dirección de Educación",
            "los cargos son por malversación de caudales públicos",
            "es",
            {"corruption"},
            {"fraud"},
        ),
        # "fraude al fisco" is fraud too, and a swindle beside the embezzlement still is
        (
            "Concejales condenados por fraude al fisco",
            "y malversación de caudales públicos",
            "es",
            {"corruption", "fraud"},
            set(),
        ),
        (
            "Colapso de la fiscalía, cuyo trabajo está ligado a casos de narcocriminalidad",
            "",
            "es",
            {"drug-trafficking"},
            {"organized-crime"},
        ),
        (
            "Firman una etapa de cooperación interinstitucional",
            "",
            "es",
            set(),
            {"international-cooperation"},
        ),
        (
            "An investigation conducted with assistance from partner agencies across the globe",
            "",
            "en",
            {"international-cooperation"},
            set(),
        ),
        (
            "Procesado por contrabando de importación de mercaderías",
            "",
            "es",
            {"fraud"},
            set(),
        ),
        # dual-use goods exported are sanctions, not customs fraud
        (
            "Procesados por contrabando de exportación de material de uso dual a Irán",
            "",
            "es",
            {"sanctions"},
            {"fraud"},
        ),
    ],
)
def test_sixth_real_set_unseen_half_phrasings(
    title: str, summary: str, language: str, present: set[str], absent: set[str]
) -> None:
    found = _tags(title, summary, language)
    assert present <= found and not absent & found, found


def test_sixth_real_set_unseen_half_places() -> None:
    # Pará only with its accent: "Para ele" is "for him"
    assert places("Para ele, os procuradores devem agir", frozenset({"br"})) == set()
    assert places("A Justiça Federal no Pará aceitou a denúncia") == {"br"}
    # a politician's party and state; the people of Buenos Aires; Mexico's own name
    assert places("o deputado Sérgio Petecão (PMN-AC)", frozenset({"br"})) == {"br"}
    assert places("al Gobierno salteño y al Consejo") == {"ar"}
    # "porteño" is Valparaíso's too (Chile): no country alone
    assert places("los imputados, vecinos porteños", frozenset({"cl"})) == set()
    assert places("el Embajador de los Estados Unidos Mexicanos en Ecuador") == {"mx", "ec"}
    # surnames and first names that are foreign cities'
    assert places("el magistrado Jorge Omar Valenzuela", frozenset({"cl"})) == set()
    assert places("sentenced Milan Hrabovsky to 40 months") == set()
    # a newspaper and a website named after places; an institution naming its country
    assert places("révélée par Corse-Matin") == set()
    assert places("o site The Intercept Brasil") == set()
    assert places("L'Agence française anticorruption a signé") == {"fr"}


# The seventh real set (issue #26), read once and then used: money frozen and recovered,
# vehicles secured, embargos ordered, cash "en liquide", bitcoins seized, artworks seized,
# accounts blocked, farms sequestered, assets made unavailable, land returned to the state;
# narwhal tusks; buying and selling drugs; "cripto"; a fake police e-mail; the singular "prise
# illégale d'intérêt"; illicit "contrapartidas"; public money diverted; EU funds misused; taxes
# evaded; Chile's "delito tributario"; contributions withheld; "concierto para delinquir";
# drug-trafficking groups; Portuguese criminal associations; trade bans; migrant smugglers and
# rescued migrants; slave-like conditions; the CBI's "return of" an accused; EAWs in the plural;
# Interpol's hand-over; prosecutors general of the G20 written out; a Russian cooperation.
@pytest.mark.parametrize(
    ("title", "summary", "language", "present", "absent"),
    [
        ("Police were ordered to freeze 71 million euros", "", "en", {"asset-recovery"}, set()),
        ("The SFO recovered the money from the diplomats", "", "en", {"asset-recovery"}, set()),
        (
            "Aseguraron más de 360 kilos de metanfetamina, así como 21 vehículos",
            "",
            "es",
            {"asset-recovery"},
            set(),
        ),
        # drugs secured in a building: no asset recovery
        (
            "FGR asegura 310 kilos de metanfetamina en una bodega",
            "",
            "es",
            set(),
            {"asset-recovery"},
        ),
        (
            "Confirmaron los procesamientos y los embargos dispuestos por el juzgado",
            "",
            "es",
            {"asset-recovery"},
            set(),
        ),
        ("la saisie de 117.650 euros en liquide", "", "fr", {"asset-recovery"}, set()),
        ("Des distributeurs de bitcoins saisis", "", "fr", {"asset-recovery"}, set()),
        ("as obras de arte apreendidas ao banqueiro", "", "pt", {"asset-recovery"}, set()),
        (
            "A PF mandou bloquear criptomoedas e contas bancárias do desembargador",
            "",
            "pt",
            {"asset-recovery"},
            set(),
        ),
        ("A Justiça decretou o sequestro de 11 fazendas", "", "pt", {"asset-recovery"}, set()),
        (
            "O TRF determinou a indisponibilidade de R$ 46.350,00 dos bens do ex-prefeito",
            "",
            "pt",
            {"asset-recovery"},
            set(),
        ),
        (
            "Удалось вернуть в государственную собственность земельные участки",
            "",
            "ru",
            {"asset-recovery"},
            set(),
        ),
        (
            "Sentenced for trafficking in illegally imported narwhal tusks",
            "",
            "en",
            {"environmental-crime"},
            set(),
        ),
        (
            "Nearly 300 people allegedly involved in buying and selling drugs",
            "",
            "en",
            {"drug-trafficking"},
            set(),
        ),
        (
            "El avance de las maniobras en el ecosistema fintech y cripto",
            "",
            "es",
            {"crypto"},
            set(),
        ),
        (
            "Alertan sobre un falso correo electrónico de la Policía Federal",
            "",
            "es",
            {"cybercrime"},
            set(),
        ),
        ("Alerté sur une possible prise illégale d'intérêt", "", "fr", {"corruption"}, set()),
        (
            "Acesso a processos a troco de contrapartidas ilícitas a funcionários",
            "",
            "pt",
            {"corruption"},
            set(),
        ),
        ("O prefeito é acusado de desviar dinheiro público", "", "pt", {"corruption"}, set()),
        ("EPPO investigating possible misuse of EU funds", "", "en", {"fraud"}, set()),
        ("Six arrested on suspicion of evading taxes", "", "en", {"fraud"}, set()),
        ("Querella por un delito tributario", "", "es", {"fraud"}, set()),
        (
            "Condenados por deixar de repassar à Previdência a contribuição descontada",
            "",
            "pt",
            {"fraud"},
            set(),
        ),
        (
            "Imputó estafa informática y concierto para delinquir",
            "",
            "es",
            {"organized-crime"},
            set(),
        ),
        (
            "Members of a paramilitary and drug-trafficking group extradited",
            "",
            "en",
            {"organized-crime"},
            set(),
        ),
        ("Um crime de associações criminosas", "", "pt", {"organized-crime"}, set()),
        (
            "Charged for shipping chips to Iran in violation of U.S. trade bans",
            "",
            "en",
            {"sanctions"},
            set(),
        ),
        ("Indagan a 4 presuntos traficantes de migrantes", "", "es", {"human-trafficking"}, set()),
        ("Lograron rescatar a los migrantes ocultos", "", "es", {"human-trafficking"}, set()),
        (
            "Cinco trabalhadores em condições semelhantes às da escravidão",
            "",
            "pt",
            {"human-trafficking"},
            set(),
        ),
        (
            "The CBI has coordinated the return of an accused from Saudi Arabia",
            "",
            "en",
            {"extradition"},
            set(),
        ),
        (
            "No âmbito do cumprimento de mandados de detenção europeu",
            "",
            "pt",
            {"extradition"},
            set(),
        ),
        (
            "В аэропорту Дубая обвиняемого передали сотрудникам российского Интерпола",
            "",
            "ru",
            {"extradition"},
            set(),
        ),
        (
            "Gonet vai comandar o encontro de procuradores-gerais dos países do G20",
            "",
            "pt",
            {"pg20", "international-cooperation"},
            set(),
        ),
        (
            "Прокуроры поедут учиться в рамках сотрудничества ведомств России и Китая",
            "",
            "ru",
            {"international-cooperation"},
            set(),
        ),
        # money mules and animals smuggled are no drugs; bribes for prison contraband no fraud
        ("Hameçonnage : des mules bancaires condamnées", "", "fr", set(), {"drug-trafficking"}),
        (
            "Officer sentenced for accepting bribes to smuggle contraband into prison",
            "",
            "en",
            {"corruption"},
            {"fraud"},
        ),
    ],
)
def test_seventh_real_set_phrasings(
    title: str, summary: str, language: str, present: set[str], absent: set[str]
) -> None:
    found = _tags(title, summary, language)
    assert present <= found and not absent & found, found


def test_seventh_real_set_places() -> None:
    # an agency's acronym in parentheses is no capital; a country's acronym still names it
    assert places("Romania’s Agency for Payments and Intervention in Agriculture (APIA)") == {"ro"}
    assert places("with the FBI (USA) and INTERPOL") == {"us"}
    # a Mexican dateline with an acronym later in the text
    assert places("Morelia, Mich., a 11 de agosto.- La Fiscalía (FGR) informó") == {"mx"}
    # the people of big French and Belgian cities; New Caledonia's capital; La Réunion
    assert places("Sept policiers lyonnais mis en examen") == {"fr"}
    assert places("un juge d'instruction bruxellois") == {"be"}
    assert places("deux hommes résidant à Nouméa") == {"nc"}
    assert places("les mules à La Réunion") == {"re", "fr"}
    assert places("la réunion des procureurs") == set()
    # the Middle Urals; US dollars written short
    assert places("На Среднем Урале прокуратура выявила") == {"ru"}
    assert places("взятки на сумму 20 тыс. долл. США") == set()


# The eighth real set (issue #26), read once and then used: Russian drug names (not for
# possession "без цели сбыта"), slavery, legal assistance, "Россия выдала", meetings with
# another country's prosecutor general, income declarations and dismissals for lost trust,
# property recovered by a court; people rescued and moved "ilegalmente" (es); swim bladders and
# "vida silvestre"; dollars and vehicles seized; drug lords and synthetic drugs; rupees seized;
# waste by the tonne; "jointly acted", EU Member States, "taken down" with Europol; French
# migrant crossings, pimps, "la came"; Portuguese "tráfico de seres humanos", marriages of
# convenience, joint investigation teams, sewage dumped, blocked assets, smuggled cigarettes.
@pytest.mark.parametrize(
    ("title", "summary", "language", "present", "absent"),
    [
        (
            "Осужден участник группы, распространявшей амфетамин и гашиш",
            "",
            "ru",
            {"drug-trafficking"},
            set(),
        ),
        ("Осужден мужчина, хранивший гашиш без цели сбыта", "", "ru", set(), {"drug-trafficking"}),
        ("Полицейские спасли из рабства 11 человек", "", "ru", {"human-trafficking"}, set()),
        (
            "Стороны усилят сотрудничество в вопросах юридической взаимопомощи",
            "",
            "ru",
            {"extradition"},
            set(),
        ),
        ("Россия выдала Испании предпринимателя", "", "ru", {"extradition"}, set()),
        (
            "Состоялась встреча Генерального прокурора РФ с Генеральным прокурором Монголии",
            "",
            "ru",
            {"international-cooperation"},
            set(),
        ),
        ("Суд уволил чиновницу в связи с утратой доверия", "", "ru", {"corruption"}, set()),
        (
            "Суд оставил в силе решение о взыскании имущества бывшего инспектора",
            "",
            "ru",
            {"asset-recovery"},
            set(),
        ),
        (
            "Иск об обращении их движимого и недвижимого имущества в доход государства",
            "",
            "ru",
            {"asset-recovery"},
            set(),
        ),
        (
            "Двух жителей будут судить за контрабанду леса в Китай",
            "",
            "ru",
            {"environmental-crime"},
            set(),
        ),
        (
            "Se rescataron seis personas que vivían hacinadas",
            "",
            "es",
            {"human-trafficking"},
            set(),
        ),
        ("Acusados de transportar ilegalmente migrantes", "", "es", {"human-trafficking"}, set()),
        ("Aseguró 49 piezas de vejigas natatorias", "", "es", {"environmental-crime"}, set()),
        ("Han incautado un total $5.2 millones", "", "es", {"asset-recovery"}, set()),
        (
            "Un total de 90 detenciones y 70 vehículos incautados",
            "",
            "es",
            {"asset-recovery"},
            set(),
        ),
        (
            "La contaminación de un contenedor con 143 kilos de cocaína",
            "",
            "es",
            {"drug-trafficking"},
            {"environmental-crime"},
        ),
        ("Extradited Mexican drug lord arrives in US", "", "en", {"drug-trafficking"}, set()),
        ("The expansion of synthetic drug production", "", "en", {"drug-trafficking"}, set()),
        ("CBI seizes Rs 2.8 crore of cryptocurrencies", "", "en", {"asset-recovery"}, set()),
        ("The seizure of 127,000 tonnes of waste", "", "en", {"environmental-crime"}, set()),
        (
            "Law enforcement from five EU Member States jointly acted",
            "",
            "en",
            {"international-cooperation"},
            set(),
        ),
        (
            "Eurojust and Europol have taken down an investment fraud scheme",
            "",
            "en",
            {"international-cooperation"},
            set(),
        ),
        ("Un important réseau de passage de migrants", "", "fr", {"human-trafficking"}, set()),
        (
            "Une camionnette dans laquelle s'entassaient 25 migrants",
            "",
            "fr",
            {"human-trafficking"},
            set(),
        ),
        ("Sous la coupe d'un proxénète", "", "fr", {"human-trafficking"}, set()),
        (
            "Un trafiquant de chardonnerets condamné",
            "",
            "fr",
            {"environmental-crime"},
            {"drug-trafficking"},
        ),
        ("La came arrivait en camion", "", "fr", {"drug-trafficking"}, set()),
        ("MP acusa 41 pessoas de tráfico de seres humanos", "", "pt", {"human-trafficking"}, set()),
        ("Casamentos de conveniência. Acusação.", "", "pt", {"human-trafficking"}, set()),
        (
            "Equipa de investigação conjunta com o Reino Unido",
            "",
            "pt",
            {"international-cooperation"},
            set(),
        ),
        (
            "Empresa denunciada por despejar esgoto sem tratamento",
            "",
            "pt",
            {"environmental-crime"},
            set(),
        ),
        (
            "O MPF obteve o bloqueio liminar de bens dos acusados",
            "",
            "pt",
            {"asset-recovery"},
            set(),
        ),
        (
            "Denunciado pelo contrabando de quase meio milhão de maços de cigarros",
            "",
            "pt",
            {"fraud"},
            set(),
        ),
    ],
)
def test_eighth_real_set_phrasings(
    title: str, summary: str, language: str, present: set[str], absent: set[str]
) -> None:
    found = _tags(title, summary, language)
    assert present <= found and not absent & found, found


def test_eighth_real_set_places() -> None:
    # a Russian title's country before its holder's initial is the country
    assert places("прибыл Генеральный прокурор Монголии М. Энх-Амгалан") == {"mn"}
    assert places("Chad M. Smith was sentenced") == set()


# The ninth real set (issue #26, 265 items: the collectors' searches ran out), read once and
# then used.
@pytest.mark.parametrize(
    ("title", "summary", "language", "present", "absent"),
    [
        ("He pleaded not guilty to federal drug charges", "", "en", {"drug-trafficking"}, set()),
        (
            "A prosecutor who specialises in cases of slavery",
            "",
            "en",
            {"human-trafficking"},
            set(),
        ),
        (
            "FGR inicia investigación tras rescate de 210 migrantes",
            "",
            "es",
            {"human-trafficking"},
            set(),
        ),
        (
            "Elevan a juicio una causa por defraudación informática",
            "",
            "es",
            {"fraud", "cybercrime"},
            set(),
        ),
        (
            "El creciente tráfico ilegal de pez Totoaba",
            "",
            "es",
            {"environmental-crime"},
            {"drug-trafficking"},
        ),
        ("La remise en liberté des caïds grenoblois", "", "fr", {"organized-crime"}, set()),
        (
            "Контрабандист пытался экспортировать лесоматериалы в Китай",
            "",
            "ru",
            {"environmental-crime"},
            set(),
        ),
    ],
)
def test_ninth_real_set_phrasings(
    title: str, summary: str, language: str, present: set[str], absent: set[str]
) -> None:
    found = _tags(title, summary, language)
    assert present <= found and not absent & found, found


def test_ninth_real_set_places() -> None:
    # a Mexican dateline in capitals: Mexico, and its town is no Colombian city
    assert places("MEDELLÍN DE BRAVO, VER. – La Fiscalía General de la República") == {"mx"}
    # The Hague in Spanish only with its capitals ("que la haya acusado" is a verb)
    assert places("sin que la FGR la haya acusado") == set()
    assert places("la Corte Internacional de La Haya") == {"nl"}
    # first names that are places; "del Pueblo" is no Puebla
    assert places("Sidney Alexander Fillery be charged") == set()
    assert places("María Guadalupe Solorio García") == set()
    assert places("la defensora del Pueblo, Beatriz Arza") == set()
    assert places("ГОРНО-АЛТАЙСК, 22 янв — РИА Новости") == {"ru"}


# What a review of rounds 34-39 found (issue #26): each of these was tagged wrongly.
@pytest.mark.parametrize(
    ("title", "summary", "language", "present", "absent"),
    [
        # Russian: another country's prosecutor general, not any capitalized word; "выдача" is
        # issuing too
        (
            "Состоялась встреча главы региона с Генеральным прокурором Игорем Красновым",
            "",
            "ru",
            set(),
            {"international-cooperation"},
        ),
        (
            "Вопросы сотрудничества органов прокуратуры России и Росфинмониторинга",
            "",
            "ru",
            set(),
            {"international-cooperation"},
        ),
        ("Рассмотрен вопрос о возможности выдачи займов", "", "ru", set(), {"extradition"}),
        (
            "Он обратился с ходатайством о выдаче разрешения на хранение оружия",
            "",
            "ru",
            set(),
            {"extradition"},
        ),
        ("Похищенная техника выдана потерпевшей стороне", "", "ru", set(), {"extradition"}),
        (
            "Компетентные органы выдали бизнесмена испанской стороне",
            "",
            "ru",
            {"extradition"},
            set(),
        ),
        (
            "The U.S. Attorney's Office secured the return of $2 million to investors",
            "",
            "en",
            set(),
            {"extradition"},
        ),
        # asset recovery: "aseguró que" is "said that"; a judge "saisi des faits"; social
        # media accounts; a kidnapping ("sequestro")
        (
            "La fiscal aseguró que los detenidos ingresaron a 5 inmuebles",
            "",
            "es",
            set(),
            {"asset-recovery"},
        ),
        (
            "Le juge d'instruction saisi des faits de vol de 50 lingots d'or",
            "",
            "fr",
            set(),
            {"asset-recovery"},
        ),
        (
            "A Justiça determinou bloquear as contas do perfil falso nas redes sociais",
            "",
            "pt",
            set(),
            {"asset-recovery"},
        ),
        (
            "Acusada do sequestro de funcionários de empresas de transporte de valores",
            "",
            "pt",
            set(),
            {"asset-recovery"},
        ),
        # human trafficking: a kidnapping's victims, prison contraband, slavery's history,
        # missing migrants, immigration control
        (
            "Rescataron a dos personas que habían sido secuestradas",
            "",
            "es",
            set(),
            {"human-trafficking"},
        ),
        (
            "He admitted smuggling contraband to incarcerated individuals",
            "",
            "en",
            set(),
            {"human-trafficking"},
        ),
        (
            "The office commemorates Juneteenth and the end of slavery",
            "",
            "en",
            set(),
            {"human-trafficking"},
        ),
        (
            "Piden apoyo para la localización de migrantes desaparecidos",
            "",
            "es",
            set(),
            {"human-trafficking"},
        ),
        (
            "Controles sobre el ingreso de personas extranjeras por el aeropuerto",
            "",
            "es",
            set(),
            {"human-trafficking"},
        ),
        # organised crime: a group dedicated to victims' rights, an NGO protecting children
        (
            "Se reunió con una agrupación dedicada a la defensa de los derechos de las víctimas",
            "",
            "es",
            set(),
            {"organized-crime"},
        ),
        (
            "Parceria com organização não governamental que se dedica à proteção de crianças",
            "",
            "pt",
            set(),
            {"organized-crime"},
        ),
        # a number of people trafficked is human trafficking, not drugs
        (
            "Fue sentenciado por el tráfico de 15 migrantes",
            "",
            "es",
            {"human-trafficking"},
            {"drug-trafficking"},
        ),
        (
            "Acusados de tráfico de mais de 50 pessoas",
            "",
            "pt",
            {"human-trafficking"},
            {"drug-trafficking"},
        ),
        # the anti-terrorist prosecutor not taking up a case
        (
            "Le parquet d'Annecy s'est saisi",
            "le parquet national antiterroriste ne s'est pas saisi",
            "fr",
            set(),
            {"terrorism"},
        ),
        # other false friends
        ("Наладили поставки кокаина под видом бананов", "", "ru", {"drug-trafficking"}, {"fraud"}),
        (
            "Легализовал незаконно добытые денежные средства",
            "",
            "ru",
            set(),
            {"environmental-crime"},
        ),
        ("Скрывал сведения о доходах от судебного пристава", "", "ru", set(), {"corruption"}),
        ("La base de données des patients a été corrompue", "", "fr", set(), {"corruption"}),
        ("Un policier corrompu par le gang", "", "fr", {"corruption"}, set()),
        ("L'extraction illégale de données personnelles", "", "fr", set(), {"environmental-crime"}),
        (
            "La extracción irregular de fondos desde la cuenta",
            "",
            "es",
            set(),
            {"environmental-crime"},
        ),
        ("Os três homens invadiram uma loja de celulares", "", "pt", set(), {"cybercrime"}),
        ("Requirements in its drug production facility", "", "en", set(), {"drug-trafficking"}),
        (
            "Billed Medicare for the supply of drugs that were never dispensed",
            "",
            "en",
            {"fraud"},
            {"drug-trafficking"},
        ),
    ],
)
def test_found_by_a_review_of_rounds_34_to_39(
    title: str, summary: str, language: str, present: set[str], absent: set[str]
) -> None:
    found = _tags(title, summary, language)
    assert present <= found and not absent & found, found


def test_places_found_by_a_review_of_rounds_34_to_39() -> None:
    # US and Canadian datelines are no Mexican ones
    assert places("DETROIT, MICH. — A Dearborn man pleaded guilty") == {"us"}
    assert places("Victoria, B.C. – Two men from Toronto face charges") == {"ca"}
    # France's overseas departments: not Guadalupe (Mexico's); Pará in capitals
    assert places("FGR detiene a dos personas en Guadalupe", frozenset({"mx"})) == set()
    assert places("Operação no PARÁ") == {"br"}
    # Argentine demonyms that are words elsewhere; "chubutense" itself
    assert places("Un misionero evangélico, víctima de una estafa") == set()
    assert places("Un funcionario chubutense fue condenado") == {"ar"}
    # a country written in capitals in parentheses; the FBI before a US city
    assert places("Un fugitif arrêté à Georgetown (GUYANA)") == {"gy"}
    assert places("Agentes del FBI de Albuquerque, Nuevo México") == {"us"}
    # a Russian surname and initials
    assert places("Обвинение поддержал прокурор Грузин П.П.") == set()


# What a second review of rounds 34-39 found (issue #26): each of these was tagged wrongly.
@pytest.mark.parametrize(
    ("title", "summary", "language", "absent"),
    [
        ("Генпрокуратура РФ выдала предостережение руководителю компании", "", "ru", "extradition"),
        ("Поступила просьба инвалида о выдаче лекарственных препаратов", "", "ru", "extradition"),
        ("Прокуратура выдала предостережение городским властям", "", "ru", "extradition"),
        (
            "Осужден за конфиденциальное сотрудничество с иностранным государством",
            "",
            "ru",
            "international-cooperation",
        ),
        (
            "The company paid bribes to officials through its foreign partners",
            "",
            "en",
            "international-cooperation",
        ),
        ("Жители области были угнаны в рабство в Германию", "", "ru", "human-trafficking"),
        ("Police seized $40,000 worth of methamphetamine", "", "en", "asset-recovery"),
        (
            "Rescataron a dos personas privadas de la libertad en Tlaquepaque",
            "",
            "es",
            "human-trafficking",
        ),
        (
            "Bomberos rescataron a cinco personas atrapadas en un incendio",
            "",
            "es",
            "human-trafficking",
        ),
        (
            "Realizó el traslado de migrantes a albergues tras el huracán",
            "",
            "es",
            "human-trafficking",
        ),
        (
            "Un navire a transporté 45 migrants secourus vers le port",
            "",
            "fr",
            "human-trafficking",
        ),
        ("HSI coordinated the return of looted antiquities to Italy", "", "en", "extradition"),
        ("A Defensoria oferece auxílio jurídico gratuito às vítimas", "", "pt", "extradition"),
        (
            "Le PNF a saisi le tribunal correctionnel de détournement de sommes d'argent",
            "",
            "fr",
            "asset-recovery",
        ),
        (
            "El fiscal aseguró ante el tribunal que el imputado robó 3 vehículos",
            "",
            "es",
            "asset-recovery",
        ),
        ("Após a suspeita de operações bancárias atípicas", "", "pt", "asset-recovery"),
        (
            "Os criminosos bloquearam o acesso às contas dos clientes",
            "",
            "pt",
            "asset-recovery",
        ),
        ("Denunciados pelo sequestro de donos de fazendas", "", "pt", "asset-recovery"),
        ("Прокуратура добилась взыскания налога на имущество", "", "ru", "asset-recovery"),
        (
            "В ходе обысков изъяты бухгалтерские документы о получении незаконного дохода",
            "",
            "ru",
            "asset-recovery",
        ),
        (
            "Settlement of False Claims Act allegations related to the sale of drugs",
            "",
            "en",
            "drug-trafficking",
        ),
        ("Felon sentenced; he had prior convictions on drug charges", "", "en", "drug-trafficking"),
        ("Hacker used software to crack passwords", "", "en", "drug-trafficking"),
        (
            "Le PNAT n'a pas été saisi ; le parquet de Nice s'est saisi des faits",
            "",
            "fr",
            "terrorism",
        ),
        (
            "Policiers condamnés pour violences contre des migrants",
            "qui tentaient une traversée vers le Royaume-Uni à bord de canots",
            "fr",
            "human-trafficking",
        ),
        (
            "Мошенник продавал незаконно добытые персональные данные",
            "",
            "ru",
            "environmental-crime",
        ),
        (
            "Un bûcheron mortellement blessé lors d'une coupe de bois",
            "",
            "fr",
            "environmental-crime",
        ),
        (
            "Smuggling rhino horn in violation of the international trade ban",
            "",
            "en",
            "sanctions",
        ),
        ("La empresa exportaba carbón vegetal sin licencia ambiental", "", "es", "sanctions"),
        ("Detienen a comerciante por vender artículos de defensa personal", "", "es", "sanctions"),
        ("Pour avoir tenté de corrompre une mineure sur internet", "", "fr", "corruption"),
        (
            "O MPF vai atuar de forma organizada e integrada com a Polícia Federal",
            "",
            "pt",
            "organized-crime",
        ),
        ("Организовал поставки мефедрона под видом бытовой химии", "", "ru", "fraud"),
        ("A prefeitura deixou de repassar as informações solicitadas", "", "pt", "fraud"),
        ("Used online marketplaces such as eBay to sell illegal fireworks", "", "en", "cybercrime"),
        (
            "Firearms trafficking under the anti-trafficking provisions of the Act",
            "",
            "en",
            "human-trafficking",
        ),
        ("Conspiring to smuggle ammunition to Mexican nationals", "", "en", "human-trafficking"),
    ],
)
def test_found_by_a_second_review_of_rounds_34_to_39(
    title: str, summary: str, language: str, absent: str
) -> None:
    assert absent not in _tags(title, summary, language)


def test_the_second_reviews_cases_keep_what_they_should() -> None:
    # the same rules still read what they were added for
    assert "extradition" in _tags("Россия выдала Испании предпринимателя", "", "ru")
    assert "extradition" in _tags(
        "Генпрокуратура направит запрос в Испанию о выдаче задержанного", "", "ru"
    )
    assert "international-cooperation" in _tags(
        "Встреча с Генеральным прокурором Республики Узбекистан", "", "ru"
    )
    assert "human-trafficking" in _tags("Полицейские спасли из рабства 11 человек", "", "ru")
    assert "asset-recovery" in _tags("CBI seizes Rs 2.8 crore of cryptocurrencies", "", "en")
    assert "sanctions" in _tags("Chips shipped to Iran in violation of U.S. trade bans", "", "en")
    assert "human-trafficking" in _tags(
        "Prosecutors sign up to new anti-trafficking commitments", "", "en"
    )


def test_places_found_by_a_second_review() -> None:
    assert places("El fiscal federal paranaense pidió", frozenset({"ar"})) == set()
    assert places("A Mendocino man was sentenced", frozenset({"us"})) == set()
    assert places("Генеральный прокурор Киргизии Кубанычбек Кулматов") == {"kg"}
    assert places("As reported by Le Parisien, Europol supported") == set()
    assert places("The former Credit Lyonnais banker") == set()
    assert places("the rapporteur (EPP-ES), who called") == set()
    assert places("Retired Army Officer, Col. John Smith, sentenced", frozenset({"us"})) == set()
    assert places("o deputado Sérgio Petecão (PMN-AC)", frozenset({"br"})) == {"br"}


# Round 40 (issue #26): what the tenth real set's releases say, written here in our own words
# (the releases themselves are third-party text and stay out of the repository).
@pytest.mark.parametrize(
    ("title", "summary", "language", "present", "absent"),
    [
        # cash recovered in searches, money seized in euros, cash secured, seizures for
        # confiscation, Colombian "ocupación" of properties
        (
            "CBI arrests an engineer in a bribery case",
            "Searches recovered Rs 2 crore in cash.",
            "en",
            {"corruption", "asset-recovery"},
            set(),
        ),
        (
            "Officials arrested for bribery",
            "The agency recovered cash worth Rs 40 lakh.",
            "en",
            {"asset-recovery"},
            set(),
        ),
        (
            "Action day against smugglers",
            "It ended with the seizure of more than 50,000 euros.",
            "en",
            {"asset-recovery"},
            set(),
        ),
        (
            "Cocaine seized",
            "The investigation led to the seizure of 900 kilograms of cocaine.",
            "en",
            set(),
            {"asset-recovery"},
        ),
        (
            "La FGR abrió una carpeta de investigación",
            "En el operativo se aseguró una importante suma de dinero en efectivo.",
            "es",
            {"asset-recovery"},
            set(),
        ),
        (
            "Se mantienen los decomisos preventivos dictados sobre 30 bienes",
            "",
            "es",
            {"asset-recovery"},
            set(),
        ),
        (
            "La Fiscalía ocupó 12 inmuebles de una banda con fines de extinción de dominio",
            "",
            "es",
            {"asset-recovery"},
            set(),
        ),
        (
            "Los fondos incautados superan los 90 millones de pesos",
            "",
            "es",
            {"asset-recovery"},
            set(),
        ),
        (
            "La police a fait saisir le restaurant qui servait au blanchiment",
            "",
            "fr",
            {"asset-recovery"},
            set(),
        ),
        (
            "A PGR apreendeu, ontem, quantias avultadas de dinheiro",
            "",
            "pt",
            {"asset-recovery"},
            set(),
        ),
        (
            "Генпрокуратура добилась ареста за рубежом счетов и недвижимости осуждённых",
            "",
            "ru",
            {"asset-recovery"},
            set(),
        ),
        ("В бюджет города вернули 12 млн рублей", "", "ru", {"asset-recovery"}, set()),
        # misappropriation by a governor is corruption; by a club's treasurer it is not
        (
            "A former governor and his finance commissioner were arraigned",
            "They face charges of misappropriation of N20 billion.",
            "en",
            {"corruption"},
            set(),
        ),
        # bribing in every form of the Spanish verb; a Russian bribe for "non-interference"
        (
            "Juicio contra un grupo que sobornaba a guardias de la cárcel",
            "",
            "es",
            {"corruption"},
            set(),
        ),
        (
            "Участковый брал деньги с предпринимателя за невмешательство",
            "",
            "ru",
            {"corruption"},
            set(),
        ),
        # budget money stolen: fraud (corruption only with an official named)
        (
            "Двое фермеров обвиняются в хищении бюджетных средств",
            "",
            "ru",
            {"fraud"},
            {"corruption"},
        ),
        ("Бывший министр обвиняется в хищении бюджетных средств", "", "ru", {"corruption"}, set()),
        ("Застройщика подозревают в хищении 2 млрд тенге", "", "ru", {"fraud"}, set()),
        ("Задержаны пособники мошеннических колл-центров", "", "ru", {"fraud"}, set()),
        # customs offences: fraud; smuggled birds, drugs and bribes are other topics
        ("Camión con una carga no declarada de cigarrillos", "", "es", {"fraud"}, set()),
        (
            "Investigan el delito de contrabando de mercadería ilegal en Chiapas",
            "",
            "es",
            {"fraud"},
            set(),
        ),
        (
            "Procesados por contrabando de aves en peligro de extinción",
            "",
            "es",
            {"environmental-crime"},
            {"fraud", "drug-trafficking"},
        ),
        (
            "Condenados por contrabando de cocaína en contenedores de mercadería",
            "",
            "es",
            set(),
            {"fraud"},
        ),
        ("Une amende douanière pour 150 kg de tabac", "", "fr", {"fraud"}, set()),
        ("Une amende douanière pour l'importation de cocaïne", "", "fr", set(), {"fraud"}),
        ("Empresário acusado de sonegar R$ 10 milhões em tributos", "", "pt", {"fraud"}, set()),
        (
            "Organización dedicada al tráfico ilegal de mercaderías",
            "",
            "es",
            set(),
            {"drug-trafficking"},
        ),
        # organised crime, human trafficking, laundering, cybercrime, extradition, cooperation
        ("Le démantèlement de l'équipe du narco-banditisme", "", "fr", {"organized-crime"}, set()),
        (
            "Coup de filet contre deux groupes criminels nigérians",
            "",
            "fr",
            {"organized-crime"},
            set(),
        ),
        ("O cabecilha do grupo foi detido", "", "pt", {"organized-crime"}, set()),
        (
            "Члены преступной группировки предстанут перед судом",
            "",
            "ru",
            {"organized-crime"},
            set(),
        ),
        (
            "Задержана женщина, пытавшаяся продать трёх девушек сутенерам",
            "",
            "ru",
            {"human-trafficking"},
            set(),
        ),
        (
            "Os arguidos recrutaram mulheres para a prostituição",
            "",
            "pt",
            {"human-trafficking"},
            set(),
        ),
        (
            "Organização transportou ilegalmente 300 brasileiros para os EUA",
            "",
            "pt",
            {"human-trafficking"},
            set(),
        ),
        ("Житель края пытался отмыть 3 млрд рублей", "", "ru", {"money-laundering"}, set()),
        ("Мошенники украли деньги со счетов с помощью вируса", "", "ru", {"cybercrime"}, set()),
        ('Grupo criava "sites" falsos de bancos', "", "pt", {"cybercrime"}, set()),
        ("Генпрокуратура Беларуси выдала России обвиняемого", "", "ru", {"extradition"}, set()),
        ("Россия выдаст подозреваемого в мошенничестве", "", "ru", {"extradition"}, set()),
        ("Документы о выдаче Ковальчука направлены в Данию", "", "ru", {"extradition"}, set()),
        ("Банк выдал кредит предприятию", "", "ru", set(), {"extradition"}),
        (
            "Site shut down by a multinational task force",
            "",
            "en",
            {"international-cooperation"},
            set(),
        ),
        (
            "Обсудили взаимодействие по линии генеральных прокуратур",
            "",
            "ru",
            {"international-cooperation"},
            set(),
        ),
        ("Plainte pour détournement de biens publics à la mairie", "", "fr", {"corruption"}, set()),
        ("Des orpailleurs condamnés en Guyane", "", "fr", {"environmental-crime"}, set()),
        # not topics: penalties, an approved loan, units named after offences
        ("Arriesgan sanciones de hasta 15 años de presidio", "", "es", set(), {"sanctions"}),
        (
            "He took a bribe to release a sanctioned loan amount",
            "",
            "en",
            {"corruption"},
            {"sanctions"},
        ),
        (
            "La UFI de Estafas y Delitos Informáticos recibió las denuncias",
            "",
            "es",
            set(),
            {"fraud", "cybercrime"},
        ),
        (
            "La Subprocuraduría Especializada en Investigación de Delincuencia Organizada ejecutó "
            "una orden de cateo",
            "",
            "es",
            set(),
            {"organized-crime"},
        ),
    ],
)
def test_tenth_real_set_phrasings(
    title: str, summary: str, language: str, present: set[str], absent: set[str]
) -> None:
    found = _tags(title, summary, language)
    assert present <= found and not absent & found, found


def test_tenth_real_set_places() -> None:
    # a commune whose name joins a saint's ("Thun-Saint-Martin") is not Saint-Martin; the
    # department of Seine-Saint-Denis still names France
    assert places("les communes de Thun-Saint-Martin et de Bouchain", frozenset({"fr"})) == set()
    assert places("une enquête en Seine-Saint-Denis", frozenset({"fr"})) == {"fr"}
    assert places("Villeneuve-Saint-Georges : un réseau démantelé") == set()
    # a newspaper named after a region
    assert places("selon La Voix du Nord", frozenset({"fr"})) == set()
    assert places("dans le département du Nord", frozenset({"fr"})) == {"fr"}


# What a review of round 40 found (issue #26): each of these was tagged wrongly by its first
# version.
@pytest.mark.parametrize(
    ("title", "language", "present", "absent"),
    [
        # "pounds" are a weight; "10 million euros worth of cocaine" is the drugs' value
        ("Seizure of 500 pounds of methamphetamine at the border", "en", set(), {"asset-recovery"}),
        ("The seizure of 10 million euros worth of cocaine", "en", set(), {"asset-recovery"}),
        ("The seizure of £20,000 in cash", "en", {"asset-recovery"}, set()),
        # kidnapping, a stolen phone, a robbery of cash machines: no fraud
        ("Похитили мужчину и требовали деньги: осуждены трое", "ru", set(), {"fraud"}),
        ("Похитил телефон и деньги у знакомого", "ru", set(), {"fraud"}),
        (
            "Обвиняются в хищении более 10 млн рублей из банкоматов путем подрыва",
            "ru",
            set(),
            {"fraud"},
        ),
        # an official's theft of budget money is corruption (only)
        (
            "Бывший глава администрации района осужден за хищение бюджетных средств",
            "ru",
            {"corruption"},
            {"fraud"},
        ),
        (
            "Бывший командир воинской части осужден за хищение бюджетных средств",
            "ru",
            {"corruption"},
            set(),
        ),
        # "efectivo" is "effective" and a police officer; "aseguró que" is "said"
        (
            "Para asegurar el efectivo cumplimiento de las medidas de protección",
            "es",
            set(),
            {"asset-recovery"},
        ),
        (
            "Testigos aseguraron que un efectivo policial golpeó al detenido",
            "es",
            set(),
            {"asset-recovery"},
        ),
        ("El imputado aseguró que siempre pagaba en efectivo", "es", set(), {"asset-recovery"}),
        # occupying land is usurpation
        (
            "Fiscalía investiga la ocupación de predios en la comuna",
            "es",
            set(),
            {"asset-recovery"},
        ),
        (
            "Comuneros ocuparon predios agrícolas; la Fiscalía formalizó por usurpación",
            "es",
            set(),
            {"asset-recovery"},
        ),
        (
            "La Fiscalía ocupó 16 inmuebles valuados en 10.000 millones con fines de extinción de "
            "dominio",
            "es",
            {"asset-recovery"},
            set(),
        ),
        # medicines refunded to a disabled person; money unused returned to the budget
        (
            "Прокуратура добилась возмещения средств, затраченных инвалидом на лекарства",
            "ru",
            set(),
            {"asset-recovery"},
        ),
        (
            "Муниципалитеты вернули в бюджет неиспользованные остатки субсидий",
            "ru",
            set(),
            {"asset-recovery"},
        ),
        # a riot's and a coup's ringleaders
        (
            "MPF denuncia cabecilhas dos atos golpistas de 8 de janeiro",
            "pt",
            set(),
            {"organized-crime"},
        ),
        (
            "Cabecilha de rebelião em presídio é condenado por homicídio",
            "pt",
            set(),
            {"organized-crime"},
        ),
        # information withheld is "sonegada" too
        ("Ex-prefeito é condenado por sonegar informações ao MPF", "pt", set(), {"fraud"}),
        # non-interference in another state's affairs
        (
            "Генпрокуроры стран ШОС выступили за невмешательство во внутренние дела",
            "ru",
            set(),
            {"corruption"},
        ),
        # toys sold for children
        (
            "Прокуратура пресекла продажу опасных игрушек для детей",
            "ru",
            set(),
            {"human-trafficking"},
        ),
        # a hoax-call centre, a bank's centre's wages, an ambulance's centre
        ("Лжеминеры: колл-центр на Украине звонил россиянам", "ru", set(), {"fraud"}),
        ("В колл-центре работникам не выплачивали заработную плату", "ru", set(), {"fraud"}),
        # drugs, precursors and timber smuggled in goods are no customs fraud
        (
            "FGR aseguró fentanilo de contrabando oculto en mercancía procedente de China",
            "es",
            set(),
            {"fraud"},
        ),
        (
            "Contrabando de precursores químicos: la mercadería no declarada contenía efedrina",
            "es",
            set(),
            {"fraud"},
        ),
        ("Aduana detecta contrabando de madera nativa no declarada", "es", set(), {"fraud"}),
        ("La carga no declarada contenía 400 kilos de cocaína", "es", set(), {"fraud"}),
        # false bottoms in luggage; endangered languages
        (
            "Carabineros incautó cocaína en dobles fondos de maletas",
            "es",
            set(),
            {"asset-recovery"},
        ),
        (
            "Jornada sobre lenguas indígenas en peligro de extinción",
            "es",
            set(),
            {"environmental-crime"},
        ),
        # a private fraudster's "public funds"; trade secrets sought by officials
        (
            "Defendant misappropriated more than $1.2 million in public funds meant for pandemic "
            "relief",
            "en",
            set(),
            {"corruption"},
        ),
        (
            "Former engineer convicted of misappropriating trade secrets sought by government "
            "officials",
            "en",
            set(),
            {"corruption"},
        ),
        # fake ticket shops are fraud only
        (
            "Estafas mediante sitios falsos de venta de entradas para conciertos",
            "es",
            set(),
            {"cybercrime"},
        ),
        (
            "Golpistas criaram sites falsos de venda de passagens aéreas",
            "pt",
            set(),
            {"cybercrime"},
        ),
        ("Grupo criava sites falsos de bancos para aceder a contas", "pt", {"cybercrime"}, set()),
        # passengers carried
        (
            "Motorista que transportava 40 pessoas para uma excursão é denunciado",
            "pt",
            set(),
            {"human-trafficking"},
        ),
        # giving up an accomplice, a housing certificate, a loan's tranche
        ("Задержанный выдал бывшего подельника", "ru", set(), {"extradition"}),
        (
            "Возбуждено дело о незаконной выдаче Кравченко жилищного сертификата",
            "ru",
            set(),
            {"extradition"},
        ),
        ("МВФ выдал Украине очередной транш кредита", "ru", set(), {"extradition"}),
        # a court's specialty
        (
            "A 6ª Vara Federal, especializada em crimes contra o sistema financeiro nacional, "
            "julgou o caso",
            "pt",
            set(),
            {"fraud"},
        ),
        # counterfeit notes, drugs seized for confiscation, a car seized for driving unlicensed
        ("A Polícia Federal apreendeu cédulas de dinheiro falso", "pt", set(), {"asset-recovery"}),
        (
            "El juez ordenó el decomiso preventivo de 300 kilos de marihuana",
            "es",
            set(),
            {"asset-recovery"},
        ),
        (
            "Les gendarmes ont saisi le véhicule du conducteur, qui circulait sans permis",
            "fr",
            set(),
            {"asset-recovery"},
        ),
    ],
)
def test_found_by_a_review_of_round_40(
    title: str, language: str, present: set[str], absent: set[str]
) -> None:
    found = _tags(title, "", language)
    assert present <= found and not absent & found, found


def test_places_found_by_a_review_of_round_40() -> None:
    # a saint's name after a place's name is a route or a longer name, not a commune's
    assert places("un vol Paris-Saint-Domingue", frozenset({"fr"})) == {"fr", "do"}
    assert places("Coopération policière Haïti-Saint-Domingue") == {"ht", "do"}
    assert places("la liaison Martinique-Sainte-Lucie") >= {"lc"}
    assert places("le train Helsinki-Saint-Pétersbourg") == {"fi", "ru"}


# Round 41 (issue #26): the eleventh real set's phrasings, in our own words.
@pytest.mark.parametrize(
    ("title", "summary", "language", "present", "absent"),
    [
        ("Seized: proceeds of a cryptocurrency confidence scheme", "", "en", {"fraud"}, set()),
        ("Smugglers damaged the budget through customs evasion", "", "en", {"fraud"}, set()),
        ("O DCIAP abriu 58 inquéritos por crimes fiscais", "", "pt", {"fraud"}, set()),
        ("Хакеры похитили у банков около 1 млрд рублей", "", "ru", {"fraud"}, set()),
        ("Грабители похитили 2 млн рублей из банкомата", "", "ru", set(), {"fraud"}),
        # an official's theft is corruption, not fraud
        (
            "Бывший директор муниципального предприятия похитил более 8 млн рублей",
            "",
            "ru",
            set(),
            {"fraud"},
        ),
        (
            "Police took down an encrypted phone network used by gangs",
            "",
            "en",
            {"cybercrime"},
            set(),
        ),
        (
            "The traders passed tips through encrypted messaging applications",
            "",
            "en",
            set(),
            {"cybercrime"},
        ),
        ("Жители Приморья ответят за контрабанду краба", "", "ru", {"environmental-crime"}, set()),
        ("Осуждены за незаконный оборот янтаря", "", "ru", {"environmental-crime"}, set()),
        (
            "Два нелегальных рыболова оштрафованы за добычу 15 особей лосося",
            "",
            "ru",
            {"environmental-crime"},
            set(),
        ),
        ("Осуждены «черные» лесорубы", "", "ru", {"environmental-crime"}, set()),
        (
            "Генпрокуратура удовлетворила просьбу о выдаче 13 граждан Узбекистана",
            "",
            "ru",
            {"extradition"},
            set(),
        ),
        ("Решение о выдаче гражданам паспортов", "", "ru", set(), {"extradition"}),
        (
            "Администрацию обязали провести антикоррупционную экспертизу актов",
            "",
            "ru",
            {"corruption"},
            set(),
        ),
        (
            "The CBI, in coordination with the United States Federal Bureau of Investigation, "
            "dismantled a call centre",
            "",
            "en",
            {"international-cooperation"},
            set(),
        ),
        (
            "Des policiers et gendarmes des deux pays ont contrôlé la frontière franco-allemande",
            "",
            "fr",
            {"international-cooperation"},
            set(),
        ),
        (
            "The convictions follow a joint investigation by the Metropolitan and Kent police "
            "forces",
            "",
            "en",
            set(),
            {"international-cooperation"},
        ),
        ("Une équipe de malfaiteurs démantelée à Grenoble", "", "fr", {"organized-crime"}, set()),
        (
            "The officer sanctioned and disbursed loans to ineligible borrowers",
            "",
            "en",
            set(),
            {"sanctions"},
        ),
        # units named after offences are names (in capitals); the same words in lower case count
        (
            "La Unidad Fiscal Especializada en Cibercrimen dictó una capacitación sobre bitcoins",
            "",
            "es",
            {"crypto"},
            {"cybercrime"},
        ),
        (
            "La Fiscalía de Estupefacientes imputó a los detenidos por el robo",
            "",
            "es",
            set(),
            {"drug-trafficking"},
        ),
        (
            "A pedido de la Unidad Fiscal de Usurpaciones, Estafas y Cibercriminalidad I",
            "",
            "es",
            set(),
            {"fraud", "cybercrime"},
        ),
        (
            "As Câmaras Criminal e de Combate à Corrupção divulgaram uma orientação",
            "",
            "pt",
            set(),
            {"corruption"},
        ),
        (
            "La fiscalía especializada investiga una estafa con criptomonedas",
            "",
            "es",
            {"fraud"},
            set(),
        ),
        # Eurojust's own name
        (
            "Eurojust becomes the European Union Agency for Criminal Justice Cooperation",
            "",
            "en",
            set(),
            {"international-cooperation"},
        ),
    ],
)
def test_eleventh_real_set_phrasings(
    title: str, summary: str, language: str, present: set[str], absent: set[str]
) -> None:
    found = _tags(title, summary, language)
    assert present <= found and not absent & found, found


def test_unit_names_are_read_from_their_capitals() -> None:
    from aggregator.tagging.names import unit_names

    assert unit_names(
        "la Unidad Fiscal Especializada en la Investigación de Ciberdelitos (UFEIC)"
    ) == ["Unidad Fiscal Especializada en la Investigación de Ciberdelitos"]
    assert unit_names("la Fiscalía investiga una estafa") == []
    # a unit's name is a few words: a hostile list of thousands of capitalized words is not read
    # whole (nor again from each of its commas)
    hostile = "la Unidad de " + ", ".join(["Aaaa"] * 10_000) + " y Bbbb"
    assert all(len(name) < 200 for name in unit_names(hostile))
    # a unit's place stays for the gazetteer: only the rules lose the name
    assert places("la Fiscalía Regional de Antofagasta formalizó", frozenset({"cl"})) == {"cl"}


# What a review of round 41 found (issue #26): each of these was tagged wrongly by its first
# version (above all, topics lost to unit names that ran on into the next words).
@pytest.mark.parametrize(
    ("title", "language", "present", "absent"),
    [
        # a joint investigation team is no unit's name; nor a flat, a gang's cell
        (
            "Chile y Argentina crean un Equipo Conjunto de Investigación contra el tráfico de "
            "migrantes",
            "es",
            {"international-cooperation"},
            set(),
        ),
        (
            "Núcleo do Comando Vermelho que atuava em Niterói é alvo de operação",
            "pt",
            {"organized-crime"},
            set(),
        ),
        (
            "Departamento en Las Condes era usado como centro de acopio de droga",
            "es",
            {"drug-trafficking"},
            set(),
        ),
        # a unit's name ends before the bodies and gangs named after it
        (
            "A Delegacia de Capturas e a Interpol prenderam foragido procurado pela Itália",
            "pt",
            {"international-cooperation"},
            set(),
        ),
        (
            "Polícia Civil, por meio da Delegacia de Roubos e Furtos, e Interpol prendem foragido",
            "pt",
            {"international-cooperation"},
            set(),
        ),
        (
            "A operação contou com apoio da Delegacia de Repressão a Drogas, da Interpol e da DEA",
            "pt",
            {"international-cooperation"},
            set(),
        ),
        (
            "La Fiscalía de Chile, Interpol y Europol coordinaron la detención del prófugo",
            "es",
            {"international-cooperation"},
            set(),
        ),
        (
            "Golpe de la Fiscalía de Chile contra el Tren de Aragua: 30 detenidos",
            "es",
            {"organized-crime"},
            set(),
        ),
        (
            "Ação da Promotoria de Justiça de Campinas contra o PCC cumpre 40 mandados",
            "pt",
            {"organized-crime"},
            set(),
        ),
        (
            "La Fiscalía Regional de Tarapacá contra el Narcotráfico: balance 2025",
            "es",
            {"drug-trafficking"},
            set(),
        ),
        (
            "Participó la Fiscalía de Chile en la Reunión Especializada de Ministerios "
            "Públicos del Mercosur",
            "es",
            {"international-cooperation"},
            set(),
        ),
        # a headline in Title Case: the name ends where the headline's verb begins
        (
            "Fiscalía de Chile Investiga Red de Narcotráfico en Iquique",
            "es",
            {"drug-trafficking"},
            set(),
        ),
        (
            "Fiscalía de Arica Desbarata Clan Familiar Dedicado al Tráfico de Drogas",
            "es",
            {"drug-trafficking"},
            set(),
        ),
        # fake shops whose money went to bank accounts are fraud only
        (
            "Criavam sites falsos de venda de celulares e o dinheiro ia para contas bancárias de "
            "laranjas",
            "pt",
            set(),
            {"cybercrime"},
        ),
        # kidnappers' ransom, robbers, thieves of goods and data, officials: no fraud
        ("Похитили сына бизнесмена и потребовали 5 млн рублей выкупа", "ru", set(), {"fraud"}),
        (
            "Вооруженный мужчина ворвался в отделение банка и похитил 2 млн рублей",
            "ru",
            set(),
            {"fraud"},
        ),
        (
            "Злоумышленники похитили из вагонов медный кабель на 5 млн рублей",
            "ru",
            set(),
            {"fraud"},
        ),
        ("Хакеры похитили данные 5 млн клиентов банка", "ru", set(), {"fraud"}),
        ("Главный врач районной больницы похитил более 12 млн рублей", "ru", set(), {"fraud"}),
        # a frontier is a place; a US state's office working with the US Department of Justice
        (
            "Un passeur interpellé à la frontière franco-italienne avec six migrants",
            "fr",
            set(),
            {"international-cooperation"},
        ),
        (
            "The Texas Attorney General's Office, in coordination with the U.S. Department of "
            "Justice, charged 12 defendants",
            "en",
            set(),
            {"international-cooperation"},
        ),
        # a gang that used an encrypted app
        (
            "Police dismantled a cocaine network whose members coordinated shipments through an "
            "encrypted messaging app",
            "en",
            set(),
            {"cybercrime"},
        ),
        # forests as a route
        (
            "Пресечен контрабандный канал через леса на границе с Белоруссией",
            "ru",
            set(),
            {"environmental-crime"},
        ),
        # foreign police forces' joint investigation; a sanctioned oligarch's money
        (
            "The arrests follow a joint investigation by the Dutch and Belgian police forces",
            "en",
            {"international-cooperation"},
            set(),
        ),
        (
            "Charged with helping a sanctioned Russian oligarch move money through U.S. banks",
            "en",
            {"sanctions"},
            set(),
        ),
    ],
)
def test_found_by_a_review_of_round_41(
    title: str, language: str, present: set[str], absent: set[str]
) -> None:
    found = _tags(title, "", language)
    assert present <= found and not absent & found, found


# Round 42 (issue #26): the twelfth real set's phrasings, in our own words.
@pytest.mark.parametrize(
    ("title", "language", "present", "absent"),
    [
        (
            "Operação desbarata rede de tráfico internacional de pessoas",
            "pt",
            {"human-trafficking"},
            set(),
        ),
        (
            "Desarticulada una red dedicada al tráfico ilegal de migrantes",
            "es",
            {"human-trafficking"},
            set(),
        ),
        (
            "Trabajaban en talleres textiles clandestinos en condiciones infrahumanas",
            "es",
            {"human-trafficking"},
            set(),
        ),
        (
            "Acusado de explotar laboralmente a cuatro costureras",
            "es",
            {"human-trafficking"},
            set(),
        ),
        (
            "Investigan a la tripulación por pesca depredadora ilegal",
            "es",
            {"environmental-crime"},
            set(),
        ),
        (
            "Fazendeiro é réu por incêndios ilegais em vegetação nativa",
            "pt",
            {"environmental-crime"},
            set(),
        ),
        ("Empresa acusada de descargas ilegais no rio", "pt", {"environmental-crime"}, set()),
        (
            "Detectan planta de procesamiento ilegal de pescados y mariscos",
            "es",
            {"environmental-crime"},
            set(),
        ),
        ("Organização especializada em crimes contra o comércio exterior", "pt", {"fraud"}, set()),
        (
            "PF faz operação contra organização suspeita de tráfico de drogas",
            "pt",
            {"drug-trafficking"},
            set(),
        ),
        # a fire and a discharge that are not said to be illegal
        ("Bombeiros combatem incêndios em vegetação nativa", "pt", set(), {"environmental-crime"}),
    ],
)
def test_twelfth_real_set_phrasings(
    title: str, language: str, present: set[str], absent: set[str]
) -> None:
    found = _tags(title, "", language)
    assert present <= found and not absent & found, found


# What a review of round 42 found (issue #26): each of these was tagged wrongly by its first
# version.
@pytest.mark.parametrize(
    ("title", "language", "absent"),
    [
        (
            "Presos viven en condiciones infrahumanas en la cárcel de Tacumbú",
            "es",
            "human-trafficking",
        ),
        (
            "MPF pede interdição de presídio onde detentos vivem em condições degradantes",
            "pt",
            "human-trafficking",
        ),
        ("Un grupo organizado de voluntarios recolectó donaciones", "es", "organized-crime"),
        (
            "Grupos organizados da sociedade civil participaram da audiência",
            "pt",
            "organized-crime",
        ),
        (
            "Detenidos por descargas ilegales de películas en una web pirata",
            "es",
            "environmental-crime",
        ),
        ("Desbaratan taller clandestino de armas en Iztapalapa", "es", "human-trafficking"),
        ("A organização suspeita de sabotagem no percurso da maratona", "pt", "organized-crime"),
        (
            "Operação contra crimes contra o comércio exterior: contrabando de armas e munições",
            "pt",
            "fraud",
        ),
        (
            "Vara especializada em crimes contra a ordem tributária passa a julgar outros casos",
            "pt",
            "fraud",
        ),
        (
            "Su empleador la explotaba laboralmente sin pagarle horas extras",
            "es",
            "human-trafficking",
        ),
        (
            "Defensoría pide frenar la pesca depredadora de la flota industrial autorizada",
            "es",
            "environmental-crime",
        ),
    ],
)
def test_found_by_a_review_of_round_42(title: str, language: str, absent: str) -> None:
    assert absent not in _tags(title, "", language)


def test_the_round_42_reviews_cases_keep_what_they_should() -> None:
    assert "human-trafficking" in _tags(
        "Trabajadores bolivianos vivían en condiciones infrahumanas en un taller", "", "es"
    )
    assert "environmental-crime" in _tags(
        "Empresa acusada de descargas ilegais de efluentes no rio", "", "pt"
    )
    assert "human-trafficking" in _tags(
        "Acusado de explotar laboralmente a cuatro trabajadores en un taller clandestino", "", "es"
    )
