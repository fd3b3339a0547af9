"""The gazetteer: table spellings resolve to ISO alpha-3 codes, and find() reads countries in prose."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from factcheck.resolve import gazetteer as gz_module
from factcheck.resolve.gazetteer import Gazetteer, Mention, default_gazetteer

# Spellings statistical tables use (public country names), with the code each must give.
TABLE_SPELLINGS = [
    ("Korea, Rep.", "KOR"),
    ("Korea, Dem. People's Rep.", "PRK"),
    ("Egypt, Arab Rep.", "EGY"),
    ("Congo, Dem. Rep.", "COD"),
    ("Congo, Rep.", "COG"),
    ("Gambia, The", "GMB"),
    ("Turkiye", "TUR"),
    ("Türkiye", "TUR"),
    ("Bahamas, The", "BHS"),
    ("Iran, Islamic Rep.", "IRN"),
    ("Venezuela, RB", "VEN"),
    ("Yemen, Rep.", "YEM"),
    ("Micronesia, Fed. Sts.", "FSM"),
    ("Lao PDR", "LAO"),
    ("Cote d'Ivoire", "CIV"),
    ("Côte d’Ivoire", "CIV"),
    ("Brunei Darussalam", "BRN"),
    ("Russian Federation", "RUS"),
    ("Slovak Republic", "SVK"),
    ("Kyrgyz Republic", "KGZ"),
    ("Hong Kong SAR, China", "HKG"),
    ("Macao SAR, China", "MAC"),
    ("St. Lucia", "LCA"),
    ("St. Kitts and Nevis", "KNA"),
    ("St. Vincent and the Grenadines", "VCT"),
    ("Sao Tome and Principe", "STP"),
    ("Virgin Islands (U.S.)", "VIR"),
    ("Trinidad & Tobago", "TTO"),
    ("Guinea-Bissau", "GNB"),
    ("korea, rep.", "KOR"),
    ("  Egypt ,  Arab Rep. ", "EGY"),
    ("Kosovo", "XKX"),
    ("West Bank and Gaza", "PSE"),
]


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return default_gazetteer()


def found(gz: Gazetteer, text: str) -> list[tuple[str, str, str]]:
    return [(m.surface, m.code, m.form) for m in gz.find(text)]


@pytest.mark.parametrize(("spelling", "code"), TABLE_SPELLINGS)
def test_table_spellings_resolve(gz: Gazetteer, spelling: str, code: str) -> None:
    assert gz.code_for(spelling) == code


@pytest.mark.parametrize("spelling", ["Korea", "Congo, Dem.", "Atlantis", "", "   ", "Guinea, Rep. of Nowhere"])
def test_ambiguous_or_unknown_spellings_give_none(gz: Gazetteer, spelling: str) -> None:
    # 'Korea' alone could be either Korea; the head of an inverted name is used only when
    # no other country's names contain it.
    assert gz.code_for(spelling) is None


def test_codes_only_when_asked(gz: Gazetteer) -> None:
    assert gz.code_for("DEU") is None
    assert gz.code_for("DEU", codes=True) == "DEU"
    assert gz.code_for("de", codes=True) == "DEU"
    assert gz.code_for("ZZZ", codes=True) is None


def test_every_place_round_trips_through_its_code_and_name(gz: Gazetteer) -> None:
    places = gz.places()
    assert len(places) >= 249  # every ISO 3166-1 entry, plus Kosovo
    for place in places:
        assert gz.code_for(place.code, codes=True) == place.code
        assert gz.name_for(place.code) == place.name
        assert gz.code_for(place.name) == place.code, place


def test_name_for(gz: Gazetteer) -> None:
    assert gz.name_for("DEU") == "Germany"
    assert gz.name_for("gb") == "United Kingdom"
    assert gz.name_for("KOR") == "South Korea"
    with pytest.raises(KeyError):
        gz.name_for("QQQ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ghana's population grew by a fifth.", [("Ghana's", "GHA", "possessive")]),
        ("Analysts expect the German economy to stall.", [("German", "DEU", "demonym")]),
        ("Trade between Britain and the US slowed.", [("Britain", "GBR", "alias"), ("US", "USA", "alias")]),
        ("Cocoa exports from Côte d'Ivoire rose.", [("Côte d'Ivoire", "CIV", "name")]),
        ("Cocoa exports from Cote d’Ivoire rose.", [("Cote d’Ivoire", "CIV", "name")]),
        ("Mining output in Papua New Guinea doubled.", [("Papua New Guinea", "PNG", "name")]),
        ("We had turkey for dinner.", []),
        ("Turkey and Türkiye and Turkiye", [("Turkey", "TUR", "name"), ("Türkiye", "TUR", "name"), ("Turkiye", "TUR", "name")]),
        ("A hanging chad and fine china.", []),
        ("Chad borders Niger, which borders Nigeria.", [("Chad", "TCD", "name"), ("Niger", "NER", "name"), ("Nigeria", "NGA", "name")]),
        (
            "Equatorial Guinea, Guinea-Bissau and Guinea",
            [("Equatorial Guinea", "GNQ", "name"), ("Guinea-Bissau", "GNB", "name"), ("Guinea", "GIN", "name")],
        ),
        (
            "Dominica is not the Dominican Republic.",
            [("Dominica", "DMA", "name"), ("Dominican Republic", "DOM", "name")],
        ),
        ("The Philippines' debt fell.", [("Philippines'", "PHL", "possessive")]),
        ("Philippine colleges and Icelandic banks.", [("Philippine", "PHL", "alias"), ("Icelandic", "ISL", "demonym")]),
        ("Ghanaians and Germans voted.", [("Ghanaians", "GHA", "demonym"), ("Germans", "DEU", "demonym")]),
        # demonyms news copy uses that the packages leave out, a two-word one and its plural too
        ("Slovenian and Nepali voters.", [("Slovenian", "SVN", "demonym"), ("Nepali", "NPL", "demonym")]),
        ("Sri Lankans and Sri Lankan ports", [("Sri Lankans", "LKA", "demonym"), ("Sri Lankan", "LKA", "demonym")]),
        # a people's noun besides the adjective, and its plural
        ("Finns, Danes and Czechs drank more.", [("Finns", "FIN", "demonym"), ("Danes", "DNK", "demonym"), ("Czechs", "CZE", "demonym")]),
        ("Turks and Caicos Islands", [("Turks and Caicos Islands", "TCA", "name")]),
        ("the U.S. budget", [("U.S.", "USA", "alias")]),
        ("a rise in the US.", [("US", "USA", "alias")]),
        ("let us know; the uk office", []),
        ("South Korea's exports beat North Korea's.", [("South Korea's", "KOR", "possessive"), ("North Korea's", "PRK", "possessive")]),
        ("New Mexico and New Jersey are US states.", [("US", "USA", "alias")]),
        ("Latin American growth", []),
        ("Congolese miners", []),  # one adjective for two Congos: left out
        ("French wine from Martinique", [("French", "FRA", "demonym"), ("Martinique", "MTQ", "name")]),
        ("The UNITED STATES and the united states", [("UNITED STATES", "USA", "name")]),
        ("St. Lucia and Saint Lucia", [("St. Lucia", "LCA", "name"), ("Saint Lucia", "LCA", "name")]),
        ("the Isle of Man, Thomas Mann, Rhode Island", [("Isle of Man", "IMN", "name")]),
        ("the Republic of Korea and the Holy See", [("Republic of Korea", "KOR", "name"), ("Holy See", "VAT", "name")]),
        ("Georgia's wine", [("Georgia's", "GEO", "possessive")]),  # the US state is not told apart
        # a capitalised word before a country's name in one phrase makes a longer name: a body, a firm, a region
        ("Figures from Statistics Kenya show Kenya grew.", [("Kenya", "KEN", "name")]),
        ("SkyJet Ghana flew more passengers.", []),
        ("In Ghana and in The Gambia, Peru", [("Ghana", "GHA", "name"), ("Gambia", "GMB", "name"), ("Peru", "PER", "name")]),
        ("Inflation In Kenya Hits A High", [("Kenya", "KEN", "name")]),  # a title-case headline's function word
        # a lower-case linking word and a hyphen before make a region's or town's name; a capitalised word, two places
        ("Île-de-France and Stoke-on-Trent", []),
        ("US-China talks", [("US", "USA", "alias"), ("China", "CHN", "name")]),
    ],
)
def test_find(gz: Gazetteer, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(gz, text) == expected


SAMPLE = (
    "Ghana's cocoa board said on Monday that exports to the Netherlands, Germany and the US "
    "fell while Côte d'Ivoire's rose. Ivorian farmers, like their Ghanaian neighbours, sell "
    "to Swiss and Belgian grinders; Papua New Guinea and the Solomon Islands grow a little. "
    "In Latin America, Ecuador and Brazil's output rose; the U.K. imports more than France.\n"
)


def test_mentions_are_exact_slices_in_order_without_overlap(gz: Gazetteer) -> None:
    mentions = gz.find(SAMPLE)
    assert len(mentions) >= 15
    previous_end = 0
    for m in mentions:
        assert isinstance(m, Mention)
        assert SAMPLE[m.start : m.end] == m.surface
        assert m.start >= previous_end
        assert m.form in gz_module.FORMS
        previous_end = m.end
    assert "Latin America" not in [m.surface for m in mentions]


def test_names_split_across_a_line_break_are_found(gz: Gazetteer) -> None:
    assert found(gz, "the United\nKingdom") == [("United\nKingdom", "GBR", "name")]


def test_add_teaches_a_store_its_own_names() -> None:
    gz = Gazetteer()
    assert gz.code_for("Korea (Seoul)") is None
    gz.add("KOR", "Korea (Seoul)", "ROK")
    assert gz.code_for("Korea (Seoul)") == "KOR"
    assert found(gz, "ROK exports") == [("ROK", "KOR", "alias")]
    gz.add("wld", "World")
    assert gz.code_for("World") == "WLD"
    assert gz.name_for("WLD") == "World"
    with pytest.raises(ValueError):
        gz.add("KOR")
    # the shared gazetteer did not learn them
    assert default_gazetteer().code_for("Korea (Seoul)") is None


def test_default_is_built_once() -> None:
    assert default_gazetteer() is default_gazetteer()


def test_a_long_article_finds_every_copy() -> None:
    # how fast building and finding are is measured by benchmarks/speed.py (e), not asserted here
    gz = Gazetteer()
    once = gz.find(SAMPLE)
    article = " ".join([SAMPLE] * 20)
    mentions = gz.find(article)
    assert len(once) > 5 and len(mentions) == 20 * len(once)


def test_module_imports_nothing_from_factcheck() -> None:
    tree = ast.parse(Path(gz_module.__file__).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0 and not (node.module or "").startswith("factcheck"), node.module
        elif isinstance(node, ast.Import):
            assert not any(a.name.startswith("factcheck") for a in node.names)


def test_extra_file_opens_with_its_grammar() -> None:
    first = gz_module.EXTRA_CSV.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# gazetteer_extra.csv")
    assert all(form in ("alias", "demonym", "name", "block") for _, form, _ in gz_module._read_extra())
