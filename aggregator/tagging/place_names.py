"""The gazetteer's names: aliases, demonyms, capitals and stems per country, in English,
Russian, Portuguese, Spanish and French (data only; matching is in places.py)."""

from __future__ import annotations

# cc -> extra names (folded on use); regular expressions where a plain name is not enough.
ALIASES: dict[str, tuple[str, ...]] = {
    "us": (
        "district of columbia",
        "united states",
        "united states of america",
        "americans?",  # not after latin, south, north or central: see NOT_AFTER
        "washington",
        "сша",
        "соединенные штаты",
        "американ\\w*",
        "estados unidos",
        "norte-american\\w*",
        "estadounidense\\w*",
        "etats-unis",
        "americain\\w*",
    ),
    "gb": (
        "united kingdom",
        "britain",
        "great britain",
        "british",
        "england",
        "english court",
        "scotland",
        "scottish",
        "wales",
        "welsh",
        "northern ireland",
        "london",
        "великобритани\\w*",
        "британ\\w*",
        "лондон\\w*",
        "reino unido",
        "britanic\\w*",
        "royaume-uni",
        "britannique\\w*",
        # its nations in the other languages
        "angleterre",
        "ecosse",
        "pays de galles",
        "irlande du nord",
        "inglaterra",
        "escocia",
        "pais de gales",
        "irlanda del norte",
        "irlanda do norte",
        "англи(?:я|и|ю|еи)",
        "шотланди(?:я|и|ю|еи)",
        "уэльс(?:а|е|у|ом)?",
        "северн\\w* ирланди\\w*",
    ),
    "ru": (
        "russia",
        "russian",
        "moscow",
        "росси[яиюей]",
        "российск\\w*",
        "рф",
        "москв\\w*",
        "russia",
        "russo",
        "russa",
        "russos",
        "russas",
        "rusia",
        "ruso",
        "rusa",
        "russie",
        "russe\\w*",
        "kremlin",
        "кремл\\w*",
        "мосгор\\w*",  # Moscow City's court, duma, prosecutor's office: Мосгорсуд
        "мособл\\w*",  # Moscow Oblast's: Мособлсуд
    ),
    "br": (
        # the states' people, as Brazilian releases write them ("município piauiense")
        # (not "paranaense": Paraná, Entre Ríos, is Argentine too)
        "(?:piauiense|maranhense|cearense|paraense|amapaense|amazonense|roraimense|rondoniense"
        "|tocantinense|catarinense|fluminense|capixaba|potiguar|paulista|paulistano"
        "|carioca|brasiliense)s?",
        "(?:pernambucan|alagoan|sergipan|paraiban|baian|goian|acrean)[oa]s?",
        "brazil",
        "brazilian",
        "grande sao paulo",  # the metropolitan region
        "brasil",
        "brasileir\\w*",
        "бразили\\w*",
        "bresil",
        "bresilien\\w*",
        "brasilen\\w*",
        "sao paulo",
        "brasilia",
        "rio de janeiro",
    ),
    "cn": (
        "china",
        "chinese",
        "beijing",
        "китай",
        "китая",
        "китайск\\w*",
        "china",
        "chines\\w*",
        "chine",
        "chinois\\w*",
        "pekin",
        "pequim",
    ),
    "in": (
        "india",
        "indian",
        "new delhi",
        "mumbai",
        "индия",
        "индии",
        "индийск\\w*",
        "india",
        "indiano",
        "inde",
        "indien\\w*",
    ),
    "za": (
        "south africa",
        "south african",
        "юар",
        "южн\\w* африк\\w*",
        "africa do sul",
        "sudafrica",
        "afrique du sud",
        "sud-africain\\w*",
        "pretoria",
        "johannesburg",
    ),
    "fr": (
        "france",
        "french",
        "paris",
        "франци\\w*",
        "французск\\w*",
        "francia",
        "franca",
        "frances\\w*",
        "francais\\w*",
        "francaise\\w*",
        "francilien\\w*",  # of Île-de-France
        # the people of its cities of 500,000 or more ("des policiers lyonnais")
        "(?:parisien|lyonnai|marseillai|toulousain)\\w*",
    ),
    "gf": ("guyane",),  # as French writes French Guiana (pycountry: "Guyane française")
    "de": (
        "germany",
        "german",
        "berlin",
        "германи\\w*",
        "немецк\\w*",
        "alemanha",
        "alema",
        "alemaes",
        "alemas",
        "alemania",
        "allemagne",
        "allemand\\w*",
    ),
    "it": (
        "italy",
        "italian",
        "rome",
        "итали\\w*",
        "italia",
        "italiano",
        "italiana",
        "italie",
        "italien\\w*",
    ),
    "jp": (
        "japan",
        "japanese",
        "tokyo",
        "япони\\w*",
        "japao",
        "japon",
        "japones\\w*",
        "japonais\\w*",
    ),
    "kr": (
        "south korea",
        "republic of korea",
        "korean",
        "seoul",
        "южн\\w* корея",
        "южной кореи",
        "coreia do sul",
        "corea del sur",
        "coree du sud",
    ),
    "ca": (
        "canada",
        "canadian",
        "ottawa",
        "канад\\w*",
        "canadense\\w*",
        "canadiense\\w*",
        "canadien\\w*",
    ),
    "mx": (
        "mexico",
        "mexican",
        "мексик\\w*",
        "mexicano\\w*",
        "mexicana\\w*",
        "mexique",
        "mexicain\\w*",
        "estados unidos mexicanos",  # Mexico's own name (not the US)
    ),
    "ar": (
        # the people of Buenos Aires and of the provinces, as Argentine releases write them
        # (not "porteño", Valparaíso's people too; "misionero", a missionary; "riojano", Spain's
        # La Rioja; "mendocino", a Californian county; "fueguino", Chile's Tierra del Fuego)
        "(?:salten|santafesin|tucuman|rionegrin|neuquin|jujen|correntin|chaquen|formosen"
        "|santiaguen|catamarquen|sanjuanin|puntan|pampean)[oa]s?",
        "chubutense\\w*",
        "bonaerense\\w*",
        "argentina",
        "argentine",
        "argentinian",
        "аргентин\\w*",
        "argentino\\w*",
        "argentina\\w*",
        "argentin\\w*",
        "buenos aires",
    ),
    "au": (
        "australia",
        "australian",
        "австрали\\w*",
        "australiano\\w*",
        "australie",
        "australien\\w*",
    ),
    "id": ("indonesia", "indonesian", "jakarta", "индонези\\w*", "indonesie"),
    "sa": (
        "saudi arabia",
        "saudi",
        "riyadh",
        "саудовск\\w*",
        "arabia saudita",
        "arabie saoudite",
        "saoudien\\w*",
    ),
    "tr": (
        "turkey",
        "turkish",
        "turkiye",
        "ankara",
        "истанбул",
        "стамбул(?:а|у|ом|е)?",
        "estambul",
        "турци\\w*",
        "turquia",
        "turquie",
        "turc",
        "turque",
    ),
    "ae": (
        "united arab emirates",
        "emirati",
        "emirates",
        "dubai",
        "abu dhabi",
        "оаэ",
        "дуба(?:и|я|е|ю|ем)",
        "эмират\\w*",
        "emirados arabes",
        "emiratos arabes",
        "emirats arabes",
    ),
    "ch": (
        "switzerland",
        "swiss",
        "швейцари\\w*",
        "suica",
        "suiza",
        "suisse",
        "suisse\\w*",
        "suizo\\w*",
        "suica\\w*",
        "suico\\w*",
        # (not Geneva and Zurich, towns under 500,000: Geneva is where the UN's rights office
        # and many conferences sit, which says nothing of Switzerland; the labels agree)
    ),
    "nl": (
        "netherlands",
        "dutch",
        "the hague",
        "нидерланд\\w*",
        "holanda",
        "paises bajos",
        "pays-bas",
        "la haye",
        "haia",
        "гааг(?:а|и|е|у|ои)",
    ),
    "ua": ("ukraine", "ukrainian", "kyiv", "украин\\w*", "ucrania", "ucraniano\\w*"),
    "es": ("spain", "spanish", "madrid", "испани\\w*", "espanha", "espana", "espagne"),
    "pt": (
        "portugal",
        "portuguese",
        "lisbon",
        "португали\\w*",
        "lisboa",
        "portugues\\w*",
        "лиссабон(?:а|у|ом|е)?",
    ),
    "co": ("colombia", "colombian", "bogota", "колумби\\w*", "colombiano\\w*", "colombie"),
    "cv": (
        "cape verde",
        "cap-vert",
        "кабо-верде",
        "cabo-verdian\\w*",
        "cape verdean\\w*",
        "capverdien\\w*",
    ),
    "cl": (
        "chile",
        "chilean",
        "santiago de chile",
        "чили",
        "chileno\\w*",
        "chilena\\w*",
        "chili",
        "chilien\\w*",
    ),
    "pe": ("peru", "peruvian", "перу", "peruano\\w*", "perou"),
    "ge": (
        "republic of georgia",
        "georgian",
        "tbilisi",
        "грузи[яиюей]",
        "грузинск\\w*",
        "georgia \\(country\\)",
        "georgie",
        "georgiano\\w*",
    ),
    "jo": ("jordanian", "amman", "иордани\\w*", "jordania", "jordanie", "jordaniano\\w*"),
    "ng": ("nigeria", "nigerian", "нигери\\w*"),
    "mm": ("burma", "birmania", "birmanie", "бирм[аеуы]"),
    "be": ("amberes", "anvers", "antuerpia", "antuerpen", "bruxellois\\w*"),
    "nc": ("noumea",),  # New Caledonia's capital
    # French names El Salvador with an article; "Salvador" alone is Bahia's capital too
    "sv": ("au salvador", "du salvador", "le salvador"),
    # ISO 3166 writes "Virgin Islands, British": not read as a name (a comma), and its
    # "britanniques" alone would be the United Kingdom.
    "vg": (
        "british virgin islands",
        "iles vierges britanniques",
        "islas virgenes britanicas",
        "ilhas virgens britanicas",
        "британск\\w* виргинск\\w* остров\\w*",
    ),
}
# Country names that are words too in lower case ("carne de peru" is turkey meat in
# Portuguese, "turkey" the bird, "guinea pig"): they count only written as names. (Not names
# that are the end of a longer place's: "Jersey" of "New Jersey" is read with it.)
# ("paris" in French is also bets: "des paris étant placés")
CAPITALIZED_ONLY = frozenset(
    {"peru", "turkey", "guinea", "chile", "madeira", "sale", "paris", "jersey"}  # jersey: a fabric
)
# Country names that are first names too: not a country before another name ("Chad
# Whitfield", "Chad M. Smith", "Israel Keyes").
# (And a city's: "Milan Hrabovsky".)
FIRST_NAMES = frozenset(
    {"chad", "israel", "mauricio", "dominique", "philippine", "milan", "sidney", "guadalupe"}
)
ACRONYMS: dict[str, tuple[str, ...]] = {  # matched case-sensitively on the text as written
    "us": ("US", "USA", "U.S.", "U.S.A.", "EUA", "EE.UU.", "EE. UU."),
    "gb": ("UK", "U.K."),
    "ae": ("UAE", "U.A.E."),
    "ru": ("РФ",),
    "cn": ("PRC", "КНР"),
    "kp": ("КНДР",),
    "kz": ("ЗКО", "ВКО", "СКО"),  # Kazakhstan's West, East and North regions
    "za": ("RSA",),
    "ir": ("Irão", "Irã"),  # Iran in Portugal and in Brazil
    "br": ("Pará", "PARÁ"),  # the state with its accent ("Para ele": a preposition)
    "re": ("La Réunion",),  # the island (la réunion: a meeting)
    "nl": ("La Haya",),  # The Hague (Spanish "la haya": a verb, "que la haya acusado")
}
# More countries often in the news, in ru (stems: Russian declines names), pt, es and fr.
MORE: dict[str, str] = {
    "ie": "dublim",
    "fi": "helsinque",
    "af": "афганистан\\w*|afeganistao|afganistan",
    "tm": "ашхабад\\w*|туркмени\\w*",
    "sy": "сири[яиюей]|syrie|siria",
    "am": "армени[яиюей]|armenie",
    "iq": "ирак\\w*|iraque|irak",
    # not "Irão" and "Irã" (folded, the verb "irão", "they will go", and "ira", anger): written
    # with their capital and accent, in ACRONYMS
    "ir": "иран\\w*|iranian\\w*",
    # Not "israelita", "israélite": Jewish (the AMIA, "Asociación Mutual Israelita").
    "il": "израил\\w*|israel|israeli|israelis|israelies|israelien\\w*|israelense\\w*",
    "eg": "египт\\w*|egito|egipto|egypte",
    "be": "бельги\\w*|belgica|belgique|belgian"
    "|брюссель|брюсселя|брюсселю|брюсселем|брюсселе|bruxelles|bruxelas",
    "ma": "марокк\\w*|marrocos|marruecos|maroc|moroccan",
    "ve": "венесуэл\\w*|venezuelan\\w*|venezolan\\w*|venezuelien\\w*",
    "py": "парагва\\w*|paraguai|paraguayo\\w*",
    "uy": "уругва\\w*|uruguaio\\w*|uruguayo\\w*",
    "bo": "боливи\\w*|bolivie|boliviano\\w*",
    "ec": "эквадор\\w*|equador|equateur",
    "pa": "панам\\w*|panama",
    # Not "RDC" (in Brazil, a resolution of ANVISA's board).
    "cd": "democratic republic of the congo|democratic republic of congo|dr congo|drc"
    "|republique democratique du congo"
    "|republica democratica del congo|republica democratica do congo"
    "|демократическ\\w* республик\\w* конго",
    "kp": "north korea|democratic people's republic of korea|dprk|кндр|северн\\w* коре\\w*"
    "|coreia do norte|corea del norte|coree du nord",
    # capitals in the languages whose names GeoNames' alternates lack: Warsaw, Brussels,
    # Athens, Stockholm, Istanbul, Dublin, Helsinki (noun forms: "Варшавское шоссе" is a road)
    "pl": "польш\\w*|polonia|pologne|polish"
    "|варшава|варшавы|варшаве|варшаву|варшавои|varsovia|varsovie",
    "ro": "румыни\\w*|romenia|rumania|roumanie|romanian",
    "gr": "греци\\w*|grecia|grece|greek|афины|афинам|афинами|афинах",
    "at": "австри\\w*|autriche",
    "se": "швеци\\w*|suecia|suede|swedish|стокгольм|стокгольма|стокгольму|стокгольмом|стокгольме",
    "cz": "чехи[яиюей]|czech republic|czechia|republique tcheque",
    "rs": "серби[яиюей]|serbie",
    "by": "беларус\\w*|белорус\\w*|bielorrussia|bielorrusia|bielorussie|bielorusse\\w*|belarusian",
    "kz": "казахстан\\w*|cazaquistao|kazajistan",
    "az": "азербайджан\\w*|azerbaijao",
    "uz": "узбекистан\\w*|uzbequistao",
    "kg": "киргиз\\w*|кыргыз\\w*",
    "tj": "таджикистан\\w*",
    "md": "молдов\\w*|moldavia|moldavie",
    "cu": "куб[аеуы]|cuban\\w*|cubano\\w*",
    "th": "таиланд\\w*|tailandia|thailande|thai",
    "vn": "вьетнам\\w*|vietna\\w*",
    "ph": "филиппин\\w*|filipinas|philippines|filipino\\w*",
    "pk": "пакистан\\w*|paquistao|pakistani",
    "cy": "кипр\\w*|chipre|chypre|cypriot",
    "lb": "ливан\\w*|libano|liban",
    "ly": "ливи[яиюей]|libia|libye",
    "qa": "катар\\w*|catar",
    "hk": "гонконг\\w*|hong kong",
    "sg": "сингапур\\w*|singapura|singapour",
    "la": "lao pdr|laos|лаос\\w*",
    "nl2": "голланди\\w*|нидерланд\\w*",
    "ua2": "киев\\w*|kiev",
}
AMBIGUOUS = {"georgia", "jordan", "reunion"}  # names that mean something else too


# "America(n)" after one of these is another continent's (Latin American, South America); a
# state after them is still the state's ("South Florida", "North Texas").
NOT_AFTER = {"us": {"latin", "south", "north", "central"}}
# Words after a place's name (or the word after it) that make it a company's: "Panamá
# Atlántico Holdings Corp.", "Jamaica Trading Ltd".
COMPANY_WORDS = frozenset(
    {"holdings", "corp", "corporation", "inc", "ltd", "llc", "limited", "plc", "gmbh", "ltda"}
)
# Towns of Georgia the country, for "Batumi, Georgia" (no US town of that name).
GEORGIAN_TOWNS = frozenset({"tbilisi", "batumi", "kutaisi", "rustavi", "zugdidi", "gori", "poti"})
# City names that are surnames too: not the city after a capitalized name ("Federico Ibarra
# Lagos", "Martín Lagos Quiroga" is caught by the name before it).
SURNAME_CITIES = frozenset({"lagos", "albuquerque", "valenzuela"})
# ... and after a particle too: "Sérgio Ricardo de Albuquerque Bogéa" (a Portuguese family name;
# "Câmara Municipal de Lagos" is the town).
PARTICLE_SURNAME_CITIES = frozenset({"albuquerque"})
# Phrases whose place name names something else: a treaty, an institution.
NOT_PLACES = (
    "долларов сша",  # US dollars, a currency
    "доллара сша",
    "долларах сша",
    "долл сша",  # "20 тыс. долл. США"
    "доллары сша",
    "китаи город",  # a district of Moscow ("Китай-город", folded: й as и)
    "китаи городе",
    "китаи города",
    "rome statute",
    "statute of rome",
    "statut de rome",
    "estatuto de roma",
    "paris agreement",
    "accord de paris",
    "acuerdo de paris",
    "acordo de paris",
    "los lagos",  # a region of Chile, not Lagos (the region counts with context)
    "lake chad",
    "concepcion del uruguay",  # a town of Entre Ríos, Argentina
    "euronext paris",  # a market
    "euronext growth paris",
    "paris 2024",  # the Games
    "corse matin",  # newspapers and banks named after places
    "le parisien",
    "credit lyonnais",
    # Guadeloupe in Spanish, but far more often a Mexican town, the Basilica, a first name
    "guadalupe",
    "intercept brasil",
    "jeux de paris",
    # a company (GDF Suez, Suez Environnement), not the Egyptian city
    "gdf suez",
    "suez environnement",
    # the US dollar, a currency
    "dolares norte americanos",
    "dolares americanos",
    "dolares estadounidenses",
    "dollars americains",
    # the Organization of American States
    "etats americains",
    "estados americanos",
    "organization of american states",
    # the Caribbean's people and the islands, not India
    "west indian",
    "west indians",
    "west indies",
    "lingua portuguesa",  # the language ("Comunidade dos Países de Língua Portuguesa")
    "san luis rio colorado",  # a city of Sonora, Mexico
    "san salvador de jujuy",  # the capital of Jujuy, Argentina (San Salvador, a department)
    "lac tchad",
    "lago chad",
    "bahia blanca",  # a city of Argentina, not Bahia
    "german shepherd",
    "belgian malinois",
    "indian country",
    "french quarter",
    "финскии залив",
    "индиискии океан",
    "индииского океана",
    "индииском океане",
    "шведскии стол",
    "la florida",  # a comuna of Santiago de Chile; Spanish says "Florida" for the state
    "villa alemana",  # a city of Valparaíso, Chile
    # neighbourhoods of US cities
    "little havana",
    "little haiti",
    "little italy",
    "little india",
    "дуба монгольского",  # a tree (Quercus mongolica), no country
    "дуб монгольский",
    "усть кубинского",  # a district of Vologda oblast, no Cuban
    "усть кубинский",
    "усть кубинском",
    "irish fest",  # a festival in Milwaukee
    "jamaica queens",  # a neighbourhood of Queens, New York, and its avenue
    "jamaica avenue",
    # cars named after a place ("a 2022 Porsche Cayenne")
    "porsche cayenne",
    "kia rio",
    "seat ibiza",
    "seat toledo",
    "seat cordoba",
    "dodge durango",
    "hyundai tucson",
    "hyundai santa fe",
    # a region of several countries, not India
    "indian subcontinent",
    "subcontinente indiano",
    "subcontinente indio",
    "sous-continent indien",
    "sous continent indien",
    "subcontinent indien",
    "индиискии субконтинент",
    "индииского субконтинента",
    "индииском субконтиненте",
)
# Phrases in which a region's name is something else: the Channel, not the department.
NOT_REGIONS = (
    "eua",  # Tonga's island 'Eua; "EUA" is the United States in Portuguese
    "san salvador de jujuy",
    "san luis rio colorado",
    "traversee de la manche",
    "traversees de la manche",
    "traverser la manche",
    "outre manche",
    # a department of Paraguay, and Biobío's capital and many other towns of Latin America
    # (Chile's has fewer than 500,000 people): it names no country on its own
    "concepcion",
    # a town of Antofagasta, not of the Atacama region
    "san pedro de atacama",
    # newspapers named after a region: "La Voix du Nord"
    "la voix du nord",
)
# Provinces, states and regions of other countries, in the languages we read: an item about
# British Columbia is about Canada. Names that mean something else too are left out
# (Georgia; Victoria, a first name; Colorado and Montana, Spanish words; Punjab, in two
# countries; Paraná and Córdoba, cities elsewhere). Several words are matched before their
# parts: "Colombie-Britannique" is not Colombia, "New South Wales" not Wales.
SUBDIVISIONS: dict[str, tuple[str, ...]] = {
    # Chile's provinces (ISO 3166-2 has its regions), those whose names are no town of
    # 500,000 and no place elsewhere (Valdivia, Osorno, Concepción, Linares are left out).
    "cl": (
        "chiloe",
        "llanquihue",
        "palena",
        "tamarugal",
        "choapa",
        "limari",
        "elqui",
        "petorca",
        "quillota",
        "marga marga",
        "cachapoal",
        "colchagua",
        "cardenal caro",
        "diguillin",
        "itata",
        "malleco",
        "cautin",
        "ultima esperanza",
        "capitan prat",
        "general carrera",
    ),
    "ca": (
        "british columbia",
        "colombie-britannique",
        "colombie britannique",
        "columbia britanica",
        "colombia britanica",
        "colombia britannica",
        "britansk\\w* kolumbi\\w*",
        "британск\\w* колумби\\w*",
        "ontario",
        "онтарио",
        "quebec",
        "квебек\\w*",
        "alberta",
        "альберт[аеуы]",
        "manitoba",
        "saskatchewan",
        "nova scotia",
        "nouvelle-ecosse",
        "new brunswick",
        "nouveau-brunswick",
        "newfoundland",
        "terre-neuve",
        "prince edward island",
        "ile-du-prince-edouard",
        "northwest territories",
        "territoires du nord-ouest",
        "nunavut",
        "yukon",
    ),
    "au": (
        "new south wales",
        "nouvelle-galles du sud",
        "nueva gales del sur",
        "nova gales do sul",
        "нов\\w* южн\\w* уэльс\\w*",
        "queensland",
        "квинсленд\\w*",
        "tasmania",
        "tasmanie",
        "western australia",
        "south australia",
        "northern territory",
        "australian capital territory",
    ),
    "br": (
        "minas gerais",
        "norte de minas",  # regions of Minas Gerais
        "sul de minas",
        "triangulo mineiro",
        "rio grande do sul",
        "rio grande do norte",
        "santa catarina",
        "mato grosso",
        "mato grosso do sul",
        "espirito santo",
        "pernambuco",
        "bahia",
        "ceara",
        "goias",
        "maranhao",
        "piaui",
        "rondonia",
        "roraima",
        "tocantins",
        "alagoas",
        "sergipe",
        "paraiba",
        "acre",
    ),
    "mx": (
        "jalisco",
        "sinaloa",
        "chihuahua",
        "tamaulipas",
        "michoacan",
        "sonora",
        "baja california",
        "baja california sur",
        "nuevo leon",
        "veracruz",
        "oaxaca",
        "chiapas",
        "zacatecas",
        "quintana roo",
        "guanajuato",
        "coahuila",
        "coahuila de zaragoza",  # its full name: Zaragoza here is no Spanish city
        "yucatan",
        "estado de mexico",
        "edomex",
    ),
    "ar": ("tucuman", "chubut", "neuquen", "entre rios", "santiago del estero", "jujuy"),
    "be": (
        "flanders",
        "flandre",
        "flandres",
        "flandes",
        "vlaanderen",
        "wallonia",
        "wallonie",
        "valonia",
        "valonia",
        "фландри\\w*",
        "валлони\\w*",
    ),
    "pt": (
        "algarve",
        "alentejo",
        # the regions by their adjectives, in the phrases that name them ("vinho alentejano"
        # is a wine, "José Algarvio" a man)
        "litoral alentejano",
        "costa alentejana",
        "costa vicentina",
        "costa algarvia",
        "barlavento algarvio",
        "sotavento algarvio",
        "madeira",
        "acores",
        "azores",
        "tras-os-montes",
        "minho",
        "ribatejo",
        "beira interior",
        "beira baixa",
        "beira alta",
        "beira litoral",
    ),
    "es": (
        "andalucia",
        "andalousie",
        "andalusian",
        "galice",
        "asturies",
        "iles baleares",
        "iles canaries",
        "andalusia",
        "cataluna",
        "catalunya",
        "catalonia",
        "catalogne",
        "galicia",
        "pais vasco",
        "basque country",
        "canarias",
        "canary islands",
        "baleares",
        "balearic islands",
        "castilla",
        "murcia",
    ),
    "in": (
        "maharashtra",
        "uttar pradesh",
        "tamil nadu",
        "karnataka",
        "kerala",
        "gujarat",
        "rajasthan",
        "west bengal",
        "bihar",
        "andhra pradesh",
        "telangana",
        "madhya pradesh",
        "odisha",
        "jharkhand",
        "haryana",
        "assam",
        "uttarakhand",
        "chhattisgarh",
    ),
    "de": (
        "bavaria",
        "bayern",
        "baviere",
        "baviera",
        "бавари\\w*",
        "north rhine-westphalia",
        "nordrhein-westfalen",
        "baden-wurttemberg",
        "saxony",
        "sachsen",
        "lower saxony",
        "niedersachsen",
        "thuringia",
        "thuringen",
        "hesse",
        "hessen",
        "schleswig-holstein",
        "rhineland-palatinate",
        "rheinland-pfalz",
    ),
    "cn": (
        "guangdong",
        "fujian",
        "zhejiang",
        "jiangsu",
        "yunnan",
        "sichuan",
        "xinjiang",
        "hainan",
        "heilongjiang",
        "shandong",
        "henan",
        "hubei",
        "hunan",
        "guangxi",
        "liaoning",
        "shanxi",
        "shaanxi",
        # as Russian writes them ("провинции Хэйлунцзян"), folded
        "хэилунцзян\\w*",
        "гуандун\\w*",
        "фуцзян\\w*",
        "чжэцзян\\w*",
        "цзянсу",
        "юньнан\\w*",
        "сычуан\\w*",
        "синьцзян\\w*",
        "хаинан\\w*",
        "ляонин\\w*",
        "цзилин\\w*",
        "шаньдун\\w*",
        "внутренн\\w* монголи\\w*",
    ),
    "us": (
        "california",
        "texas",
        "florida",
        "illinois",
        "ohio",
        "michigan",
        "pennsylvania",
        "arizona",
        "massachusetts",
        "new jersey",
        "north carolina",
        "south carolina",
        "minnesota",
        "wisconsin",
        "oregon",
        "kentucky",
        "louisiana",
        "alabama",
        "oklahoma",
        "connecticut",
        "iowa",
        "utah",
        "arkansas",
        "kansas",
        "mississippi",
        "new mexico",
        "maryland",
        "tennessee",
        "missouri",
        "nebraska",
        "idaho",
        "hawaii",
        "maine",
        "vermont",
        "wyoming",
        "delaware",
        "rhode island",
        "south dakota",
        "north dakota",
        "new hampshire",
        "west virginia",
        "alaska",
        "калифорни\\w*",
        "техас\\w*",
        "флорид\\w*",
        "californie",
        "floride",
        "californi\\w*",
    ),
    "ru": (
        # autonomous okrugs as releases write them (ISO 3166-2 has longer names)
        "ханты мансииск\\w*",
        "ямало ненецк\\w*",
        "югр[аеуы]",
        "(?:московск|ленинградск|свердловск|новосибирск|нижегородск|ростовск|самарск|"
        "челябинск|курск|белгородск|брянск|воронежск|калужск|тульск|тверск|ярославск|"
        "владимирск|рязанск|смоленск|псковск|новгородск|мурманск|архангельск|вологодск|"
        "калининградск|волгоградск|астраханск|саратовск|пензенск|ульяновск|оренбургск|"
        "тюменск|омск|томск|кемеровск|иркутск|амурск|сахалинск|магаданск|камчатск|"
        "липецк|тамбовск|орловск|кировск|костромск|ивановск|курганск)\\w* област\\w*",
        "(?:краснодарск|ставропольск|пермск|алтайск|красноярск|приморск|хабаровск|"
        "забайкальск)\\w* кра[яеюй]\\w*",
        # Republics and the regions' everyday names, in their cases.
        "(?:башкортостан|татарстан|дагестан|подмосков|кузбасс)\\w*",
        # regions by their everyday names: Оренбуржье, Забайкалье, Ставрополье, Ленобласть
        "(?:оренбурж|забаикаль|ставропол|прикамь|ленобласт|приморь|ямал)\\w*",
        "кубан(?:ь|и|ью|ск\\w*)",  # not the Kyrgyz name Кубанычбек
        "(?:средн|южн|северн|приполярн)\\w* урал\\w*",  # "На Среднем Урале"
        "горно алта\\w*",  # Горно-Алтайск, Горного Алтая
        "башкири[яиюе]",  # Bashkortostan as the news names it ("В Башкирии")
        "(?:мордови|удмурти|чуваши|буряти|хакаси|карели|калмыки|адыге|ингушети|якути)[яиюей]",
        "чечн[яиюей]",
        "республик\\w* (?:коми|тыва|саха|алтаи|марии)",
        # (hyphened names are read as two words: "Кабардино-Балкария")
        "кабардино балкар\\w*",
        "карачаево черкес\\w*",
        "чеченск\\w*",
        "коми",
    ),
    # Central Asian regions as Russian releases name migrants' home regions ("уроженцев
    # Ферганской области"), folded
    "uz": (
        "ферганск\\w* област\\w*",
        "самаркандск\\w* област\\w*",
        "андижанск\\w* област\\w*",
        "наманганск\\w* област\\w*",
        "ташкентск\\w* област\\w*",
        "бухарск\\w* област\\w*",
        "кашкадарьинск\\w* област\\w*",
        "сурхандарьинск\\w* област\\w*",
        "хорезмск\\w* област\\w*",
        "джизакск\\w* област\\w*",
        "сырдарьинск\\w* област\\w*",
        "каракалпак\\w*",
    ),
    "kg": (
        "ошск\\w* област\\w*",
        "чуиск\\w* област\\w*",
        "джалал абадск\\w* област\\w*",
        "иссык кульск\\w* област\\w*",
        "(?:нарынск|таласск|баткенск)\\w* област\\w*",
    ),
    # Kazakhstan's and Belarus's regions as Russian releases name them ("в Актюбинской
    # области"); written folded, the hyphened ones as two words.
    "kz": (
        "(?:акмолинск|актюбинск|алматинск|атырауск|жамбылск|карагандинск|костанаиск"
        "|кызылординск|мангистауск|павлодарск|туркестанск|абаиск|жетысуск|улытауск)\\w* област\\w*",
        "(?:восточно|западно|северо) казахстанск\\w* област\\w*",
    ),
    "by": ("(?:брестск|витебск|гомельск|гродненск|минск|могилевск)\\w* област\\w*",),
    # Ukraine's regions in Russian (not those Russia claims: whose they are depends on the
    # source, and the sets label them differently)
    "ua": (
        "(?:одесск|днепропетровск|харьковск|киевск|львовск|винницк|полтавск|черниговск|сумск"
        "|житомирск|хмельницк|черкасск|кировоградск|николаевск|ровенск|волынск|тернопольск"
        "|закарпатск|черновицк)\\w* област\\w*",
        "ивано франковск\\w* област\\w*",
    ),
    # Italy's regions in the other languages (ISO 3166-2 writes them in Italian).
    "it": (
        "sardaigne",
        "sicile",
        "toscane",
        "lombardie",
        "venetie",
        "campanie",
        "calabre",
        "pouilles",
        "ligurie",
        "ombrie",
        "cerdena",
        "cerdenha",
        # (not "Toscana", "Sicilia", "Lombardia", "Calabria": estates, shops and surnames in
        # Spanish and Portuguese)
        "сардини[яиюе]",
        "сицили[яиюе]\\w*",
        "ломбарди[яиюе]",
        "калабри[яиюе]",
    ),
    "tj": ("согдииск\\w* област\\w*", "хатлонск\\w* област\\w*"),
}
# US states as datelines and addresses write them ("ALEXANDRIA, Va.", "Portland, Maine"): a
# city before one of these is a US city, whatever country has a city or a name like it.
US_STATE_ABBREVIATIONS = (
    "Ala.",
    "Ariz.",
    "Ark.",
    "Calif.",
    "Colo.",
    "Conn.",
    "Del.",
    "D.C.",
    "Fla.",
    "Ga.",
    "Ill.",
    "Ind.",
    "Kan.",
    "Kans.",
    "Ky.",
    "La.",
    "Md.",
    "Mass.",
    "Mich.",
    "Minn.",
    "Miss.",
    "Mo.",
    "Mont.",
    "Neb.",
    "Nev.",
    "N.H.",
    "N.J.",
    "N.M.",
    "N.Y.",
    "N.C.",
    "N.D.",
    "Okla.",
    "Ore.",
    "Pa.",
    "R.I.",
    "S.C.",
    "S.D.",
    "Tenn.",
    "Tex.",
    "Vt.",
    "Va.",
    "Wash.",
    "W.Va.",
    "Wis.",
    "Wyo.",
    "Alaska",
    "Hawaii",
    "Idaho",
    "Iowa",
    "Maine",
    "Ohio",
    "Texas",
    "Utah",
    "Georgia",
    "Virginia",
    "California",
    "Florida",
    "Pennsylvania",
    "Washington",
    "New York",
    "Alabama",
    "Arizona",
    "Arkansas",
    "Colorado",
    "Connecticut",
    "Delaware",
    "Illinois",
    "Indiana",
    "Kansas",
    "Kentucky",
    "Louisiana",
    "Maryland",
    "Massachusetts",
    "Michigan",
    "Minnesota",
    "Mississippi",
    "Missouri",
    "Montana",
    "Nebraska",
    "Nevada",
    "New Hampshire",
    "New Jersey",
    "New Mexico",
    "North Carolina",
    "North Dakota",
    "Oklahoma",
    "Oregon",
    "Rhode Island",
    "South Carolina",
    "South Dakota",
    "Tennessee",
    "Vermont",
    "West Virginia",
    "Wisconsin",
    "Wyoming",
)
# Mexican states as the FGR's datelines write them ("Chilpancingo, Gro.", "Morelia, Mich., a
# 11 de agosto"): the dateline names Mexico. "Mich." is Michigan too: Michoacán only in a
# Mexican source's release or before a Spanish date.
MEXICAN_STATE_ABBREVIATIONS = (
    "Ags.", "B.C.", "B.C.S.", "Camp.", "Chis.", "Chih.", "Coah.", "Col.", "CDMX", "Dgo.", "Gto.",
    "Gro.", "Hgo.", "Jal.", "Edomex", "Edo. Méx.", "Edo. de Méx.", "Méx.", "Mich.", "Mor.",
    "Nay.", "N.L.", "Oax.", "Pue.", "Qro.", "Q. Roo", "Q.Roo", "Sin.", "S.L.P.", "Son.",
    "Tab.", "Tamps.", "Tlax.", "Ver.", "Yuc.", "Zac.",
)  # fmt: skip
# Words after a place name that make it the name of a street, a park, a building: "Cuba
# Street", "Ludwell Valley Park", "Paris Hotel"; and before it, in other languages.
PLACE_NAMED_AFTER = frozenset(
    (
        "street",
        "st",
        "avenue",
        "ave",
        "road",
        "rd",
        "park",
        "valley",
        "square",
        "boulevard",
        "blvd",
        "lane",
        "drive",
        "building",
        "tower",
        "centre",
        "center",
        "hotel",
        "airport",
        "station",
        "bridge",
        "plaza",
        "mall",
        "hall",
        "terrace",
        "gardens",
        # Treaties named after a city: the Kyoto Declaration, the Palermo Convention.
        "declaration",
        "convention",
        "protocol",
        # Russian roads and seas named with a place's adjective: "Минское шоссе", "Японское
        # море" (folded: й as и).
        "шоссе",
        "вокзал",
        "вокзала",
        "вокзале",
        "вокзалу",
        "вокзалом",
        "море",
        "моря",
        "морю",
        "морем",
        "тракт",
        "тракта",
        "тракте",
        "залив",
        "залива",
        "заливе",
        "пролив",
        "пролива",
        "проливе",
    )
)
PLACE_NAMED_BEFORE = frozenset(
    (
        "rue",
        "avenue",
        "boulevard",
        "place",
        "rua",
        "avenida",
        "calle",
        "calles",
        "avenidas",
        "ruas",
        "rues",
        # Neighbourhoods named after a country ("Barrio Brasil" in Santiago, "colonia Las
        # Américas").
        "barrio",
        "bairro",
        "colonia",
        "paseo",
        "plaza",
        "praca",
        "parc",
        "parque",
        "улица",
        "улицы",
        "улице",
        "проспект",
        "проспекта",
        "площадь",
        "площади",
        "бульвар",
        "переулок",
        # Bridges named after a country ("Puente Internacional Colombia", "pont de Normandie").
        "puente",
        "ponte",
        "pont",
        # Russian villages named after foreign cities ("села Лейпциг", "посёлок Париж").
        "село",
        "села",
        "селе",
        "деревня",
        "деревни",
        "деревне",
        "поселок",
        "поселка",
        "поселке",
        "пос",
        "пгт",
        "хутор",
        "хутора",
        "станица",
        "станицы",
        # A river's mouth named after it ("estuaire de la Loire"; "une rivière de l'Isère" is
        # in the department).
        "estuaire",
        "estuario",
        # Lakes named after their province ("lago Llanquihue", "Lake Victoria").
        "lago",
        "lake",
        "lac",
        "laguna",
        "lagoa",
        "озеро",
        "озера",
        "озере",
        # Treaties named after a city: "Convención de Palermo", "Déclaration de Kyoto".
        "convention",
        "declaration",
        "traite",
        "convencion",
        "convencao",
        "declaracion",
        "declaracao",
        "protocole",
        "protocolo",
    )
)
# Villages named after a big city ("le village de Montréal", Aude; "village de Haute-Corse" is
# a village in the department: regions are not read so).
VILLAGE_WORDS = frozenset(
    {"village", "hameau", "aldea", "aldeia", "povoado", "concelho", "localidad", "localidade"}
    | {"localite", "vila"}
)
# Rivers and airports named like a place, right before its name ("rio Madeira", "le fleuve
# Sénégal", "aéroport Paris-Charles-de-Gaulle"; "Aeroporto de Guarulhos" is in Guarulhos).
# Ships too, named right after the word for one ("o veleiro «Jamaica Star»", "the vessel
# Panama Express").
NAMED_RIGHT_BEFORE = frozenset(
    {"rio", "rios", "fleuve", "aeroport", "aeropuerto", "aeroporto"}
    | {"vessel", "ship", "veleiro", "navio", "buque", "navire", "voilier", "yacht", "iate"}
    | {"lancha", "barco", "pesquero", "balsa", "chalutier", "traineira"}
    | {"судно", "судна", "теплоход", "теплохода", "танкер", "танкера"}
    | {"vraquier", "petrolier", "freighter", "granelero", "graneleiro"}
)
# A "New" place is another place ("Nueva Baviera", an estate of Tucumán; "New Jersey"), written
# with its capital (not "a new Brazil subsidiary"); the names that start so are matched whole
# before ("Nueva Zelanda", "New Mexico").
NEW_PLACE_WORDS = frozenset({"New", "Nueva", "Nuevo", "Nova", "Novo", "Nouvelle", "Nouveau"})
# Organisations named after a place, before "de"/"del" only ("Cártel de Sinaloa", "Clan del
# Golfo"; a "cartel mexicano" is Mexican).
NAMED_AFTER_A_PLACE = frozenset(
    # ... and seas and gulfs named after a country, before "de" ("Mar de China", "mer de
    # Chine", "Golfo de México"; "Gulf of Mexico" in English).
    {"cartel", "carteles", "clan", "clanes", "tren", "mar", "mer", "golfo", "golfe", "gulf"}
)
# Russian names of several words, declined ("Чешской Республики", "из Объединённых Арабских
# Эмиратов"), and the adjectives the news uses for a country's people and things ("китайские
# граждане", "немецкая компания"); written folded (й as и, ё as е), as they are matched.
RUSSIAN_FORMS: dict[str, tuple[str, ...]] = {
    "cz": ("чешск\\w* республик\\w*", "чешск\\w*"),
    "kr": ("южн\\w* коре\\w*", "республик\\w* коре\\w*"),
    "kp": ("кореиск\\w* народно\\w* демократическ\\w* республик\\w*",),
    "sa": ("саудовск\\w* арави\\w*", "саудовск\\w*"),
    "ae": ("объединенн\\w* арабск\\w* эмират\\w*", "оаэ"),
    "nz": ("нов\\w* зеланди\\w*",),
    "za": ("южно-африканск\\w* республик\\w*", "юар", "южн\\w* африк\\w*"),
    # (New England and Nova Scotia, before England and Scotland are read)
    "us": ("соединенн\\w* штат\\w*", "нов\\w* англи\\w*"),
    "gb": ("соединенн\\w* королевств\\w*",),
    "de": ("немецк\\w*", "германск\\w*"),
    "fr": ("французск\\w*",),
    "jp": ("японск\\w*",),
    "tr": ("турецк\\w*",),
    "in": ("индииск\\w*",),
    "br": ("бразильск\\w*",),
    "mx": ("мексиканск\\w*",),
    "ca": ("канадск\\w*", "нов\\w* шотланди\\w*"),
    "au": ("австралииск\\w*",),
    "it": ("итальянск\\w*",),
    "es": ("испанск\\w*",),
    "ar": ("аргентинск\\w*",),
    "ua": ("украинск\\w*",),
    "kz": ("казахстанск\\w*",),
    "id": ("индонезииск\\w*",),
    "cn": ("китаиск\\w*",),
}
# Demonyms of Spanish and Portuguese in all their forms ("argelinos", "marroquíes").
DEMONYMS: dict[str, tuple[str, ...]] = {
    "dz": ("argelin\\w*", "algerian\\w*", "algerien\\w*", "алжир\\w*", "argelia", "algerie"),
    "ma": ("marroqui", "marroquies", "marroquis", "marroquin[oa]s?", "marocain\\w*"),
    "pe": ("peruan\\w*", "peruvian\\w*", "peruvien\\w*"),
    "ec": ("ecuatorian\\w*", "equatorian\\w*", "ecuadorian\\w*"),
    "ve": ("venezolan\\w*", "venezuelan\\w*"),
    "ht": ("haitian\\w*", "haitien\\w*"),
    "do": ("dominican\\w* republic", "republica dominicana", "доминиканск\\w* республик\\w*"),
    "cn": ("chin[oa]s",),
    "mx": ("mexican[oa]s?",),
    "iq": ("iraqi\\w*", "irakien\\w*", "iraqui\\w*", "iraquian\\w*"),
    "lr": ("liberia", "liberian\\w*", "liberien\\w*", "либери\\w*"),
    "cm": ("cameroun\\w*", "cameroon\\w*", "camerun\\w*", "камерун\\w*"),
    "gn": ("guineen\\w*", "guinean\\w*"),
    "ci": ("ivoirien\\w*", "ivorian\\w*", "marfinense\\w*", "marfileñ\\w*"),
    # ("suiç" folded is "suic", which starts "suicide", "suicídio": the forms whole)
    "ch": (
        "helveti\\w*",
        "suisse\\w*",
        "swiss",
        "suiça",
        "suíça",
        "suíço",
        "suíços",
        "suíças",
        "suizo\\w*",
        "suiza",
    ),
    "hn": ("hondur\\w*",),
    "lt": ("lithuania\\w*", "lituani\\w*", "литв\\w*", "литовск\\w*"),
    "lv": ("latvia\\w*", "letoni\\w*", "латви\\w*", "латвииск\\w*"),
    "ee": ("estonia\\w*", "estoni\\w*", "эстони\\w*", "эстонск\\w*"),
}
# Cities whose name several countries have, and those countries: one counts only when the
# text (or the source's country) names it. Written folded, matched with a capital.
AMBIGUOUS_CITIES: dict[str, tuple[str, ...]] = {
    "santiago": ("cl", "es", "do", "cu"),
    "barcelona": ("es", "ve"),
    "cordoba": ("ar", "es", "mx"),
    "valencia": ("es", "ve"),
    "merida": ("mx", "ve", "es"),
    "leon": ("mx", "es", "ni"),
    "granada": ("es", "ni"),
    "guadalajara": ("mx", "es"),
    "san jose": ("cr", "us"),
    "san juan": ("pr", "ar"),
    "san antonio": ("us", "cl"),
    "los angeles": ("us", "cl"),
    # Bahia's capital, and El Salvador in French ("au Salvador", matched whole as the country)
    "salvador": ("br", "sv"),
    "atenas": ("gr", "cr"),
    "la plata": ("ar",),
    # Chilean regions as releases name them (ISO 3166-2 has longer names).
    "los lagos": ("cl",),
    "region metropolitana": ("cl",),
    "o'higgins": ("cl",),
    "regional metropolitana": ("cl",),
    "capital federal": ("ar",),
    "aysen": ("cl",),
    "aisen": ("cl",),
    "campo grande": ("br",),
    "trujillo": ("pe", "hn"),
    "alexandria": ("eg", "us"),
    "victoria": ("ca", "au", "sc"),
    "santa cruz": ("bo", "es", "ar"),
    "la paz": ("bo", "mx"),
    "valence": ("es", "fr"),  # Valencia in French, and a town of the Drôme
    "fortaleza": ("br",),  # a word too ("fortress")
    "georgia": ("us", "ge"),
    "hyderabad": ("in", "pk"),
    # Dnipro by its Russian name of 1926-2016, as Russian releases still write it.
    "днепропетровск": ("ua",),
    "днепропетровске": ("ua",),
    "днепропетровска": ("ua",),  # the state, or the country where the text says which
    "aurora": ("ph", "us"),  # a province of the Philippines; towns of Colorado and Illinois
    "portland": ("us", "jm"),  # Oregon's and Maine's cities; a parish of Jamaica
    # Vienna in Russian ("в Вене"), left out of the city table as "вена" is a vein too.
    "вена": ("at",),
    "вене": ("at",),
    "вену": ("at",),
    "веной": ("at",),
    "вены": ("at",),
    "east midlands": ("gb",),
    "west midlands": ("gb",),
    "east anglia": ("gb",),
    # English regions and counties as the CPS names its areas ("CPS Yorkshire and Humberside")
    "yorkshire": ("gb",),
    "humberside": ("gb",),
    "merseyside": ("gb",),
    "thames valley": ("gb",),
    # Big cities whose names are surnames or words too (left out of data/cities.tsv).
    "houston": ("us",),
    "dallas": ("us",),
    "austin": ("us",),
    "phoenix": ("us",),
    "columbus": ("us",),
    "memphis": ("us",),
    "birmingham": ("gb", "us"),
    "manchester": ("gb", "us"),
    "lima": ("pe",),
    # Regions and cities of one country that are words or names elsewhere too: they count
    # when the source is of that country or the text names it.
    "rosario": ("ar",),
    "salta": ("ar",),
    "mendoza": ("ar",),
    "hidalgo": ("mx",),
    "amazonas": ("br", "ve", "co"),
    "parana": ("br", "ar"),
    "gard": ("fr",),
    "calais": ("fr",),
    "pas-de-calais": ("fr",),
    "nord": ("fr",),
    "corse": ("fr",),
    "bretagne": ("fr",),
    "normandie": ("fr",),
    "occitanie": ("fr",),
    "provence": ("fr",),
    "gironde": ("fr",),
    "bouches-du-rhone": ("fr",),
    "seine-saint-denis": ("fr",),
}
# Names that, in one country, are a town too small to name it (the labels' rule: cities of
# 500,000 people or more): when the source's country or the text chooses that country, the
# name is the town and names no country ("Los Ángeles" in a Chilean release is in Biobío,
# not California).
SMALL_NAMESAKES: frozenset[tuple[str, str]] = frozenset(
    {
        ("los angeles", "cl"),
        ("san antonio", "cl"),
        ("valence", "fr"),
        ("aurora", "us"),
    }
)
# Towns named like a country or a big foreign city, with the words of their region (folded):
# in a text that names the region, the name is the town ("MP de Lagos/Comarca de Faro", "un
# campo de Puerto Rico, provincia de Misiones"); elsewhere it is the country or the city.
TOWNS_BY_THEIR_REGION: dict[str, tuple[str, frozenset[str]]] = {
    "lagos": ("pt", frozenset({"algarve", "faro", "portimao"})),
    "cuba": ("pt", frozenset({"alentejo", "beja", "vidigueira"})),
    "puerto rico": ("ar", frozenset({"misiones"})),
    # San Ramón de la Nueva Orán, Salta (Algeria's Oran is "Orán" in Spanish too)
    "oran": ("ar", frozenset({"salta", "tucuman", "jujuy"})),
    # Cáceres, Mato Grosso (a Spanish province too)
    "caceres": ("br", frozenset({"cuiaba", "grosso", "mt"})),
}
