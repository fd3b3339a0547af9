"""Countries and territories: ISO 3166 codes, names, aliases and adjectives, and where text names them.

A figure about "Ghana's population" must meet the table row "Ghana" (GHA), and a table that
writes "Korea, Rep." must meet the article's "South Korea" (KOR). The table is built from
``pycountry`` (ISO names and codes) and ``countryinfo`` (alternative spellings, adjectives and
populations), plus a small file of newsroom forms neither has (data/gazetteer_extra.csv).
Pure: imports nothing else from factcheck.

>>> gz = default_gazetteer()
>>> gz.code_for("Korea, Rep."), gz.code_for("Cote d'Ivoire"), gz.name_for("DEU")
('KOR', 'CIV', 'Germany')
>>> [(m.surface, m.code, m.form) for m in gz.find("Ghana's cocoa and the German market")]
[("Ghana's", 'GHA', 'possessive'), ('German', 'DEU', 'demonym')]
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from pathlib import Path
from typing import Any, NamedTuple

import pycountry
from countryinfo import CountryInfo

EXTRA_CSV = Path(__file__).resolve().parent.parent / "data" / "gazetteer_extra.csv"

FORMS = ("name", "alias", "demonym", "possessive")

# Who wins when two sources give one spelling to different codes: the lower tier. Two
# claims of one tier on different codes make the spelling ambiguous (it then names nothing).
_ADDED, _EXTRA, _ISO, _INFO_NAME, _INFO_ALIAS, _DEMONYM = range(6)

# An adjective claimed by several records (French: France, Martinique, Réunion...) goes to
# the most populous claimant when it has this many times the next one's people: a territory
# using its sovereign's adjective. Otherwise (Congolese: the two Congos) it is ambiguous.
_DEMONYM_DOMINANCE = 20

# Statistical-table abbreviations ("Congo, Dem. Rep.", "Lao PDR", "St. Lucia"), each with the
# words it may stand for, tried in order.
_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "rep": ("republic",),
    "dem": ("democratic",),
    "fed": ("federated", "federal"),
    "sts": ("states",),
    "st": ("saint",),
    "pdr": ("peoples democratic republic",),
    "rb": ("bolivarian republic",),
    "sar": ("special administrative region",),
}

_WORD = re.compile(r"[\w\u0300-\u036f]+")
_ISO3 = re.compile(r"[A-Z]{3}")  # a country's code; a store's own city or region has another ("~UTRECHT")
# A capitalised word for a settlement or a province right after a country's name makes another place
# of it: "Mexico City", "Kuwait City", "Mexico State", "Panama Province".
_SETTLEMENT_AFTER = re.compile(r"\s+(?:City|Town|Province|State|County|District|Region|Governorate|Prefecture)\b")
# ... but after a city a store holds rows for, "City Council" or "City Hall" is that city's own government
# ("Manchester City Council took £10m in fines"), as a country is never followed so.
_CITY_BODY_AFTER = re.compile(r"\s+City\s+(?:Council|Hall|Government|Corporation)\b")
# A capitalised word right before a country's name, in the same phrase, makes a longer name of it: a
# body or firm ("Statistics Canada", "Bank Negara Malaysia"), a region or a past state ("Western
# Australia", "West Germany"). At a sentence's start only a word capitalised inside ("AirAsia") says
# so: any first word is capitalised.
# A lower-case linking word and a hyphen right before: "Île-de-France", "Newcastle-upon-Tyne" name a region or a
# town ending in the country's name; "US-China talks" (a capitalised word before) names both countries.
_LINKED_BEFORE = re.compile(r"\w-(?:[a-z]{1,5}-)+$")
_CAPITAL_BEFORE = re.compile(r"(?P<word>[A-Z][\w'’&-]*)[ \t]+$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\u2014\u2013\"“(\n]|\s-)\s*$")


# English function words (a closed class) that title case capitalises: they start no name.
_FUNCTION_WORDS = frozenset(
    "a an the and or but nor of in on at to for from by with as into onto over under across after before "
    "since than like unlike near via against between among about around through throughout within without".split()
)


def _named_before(text: str, start: int) -> bool:
    """Does a capitalised word, in the same phrase, stand right before the place named at ``start``?"""
    m = _CAPITAL_BEFORE.search(text, max(0, start - 40), start)
    if m is None:
        return False
    word = m.group("word")
    if _SENTENCE_START.search(text, max(0, m.start() - 3), m.start()) or m.start() == 0:
        return any(ch.isupper() for ch in word[1:]) and not word.isupper()
    return not word.isupper() and word.lower() not in _FUNCTION_WORDS  # "in The Netherlands", a title-case "In Kenya"


_DASHES = re.compile(r"[\-\u2010-\u2015]")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'"})
_TRAILING_PARENS = re.compile(r"\s*\(([^)]*)\)\s*$")
_INNER_PARENS = re.compile(r"\s*\([^)]*\)")


@dataclass(frozen=True)
class Place:
    """A country or territory: its alpha-3 code (the canonical id) and common English name."""

    code: str
    name: str


@dataclass(frozen=True)
class Mention:
    """Where ``text[start:end]`` (== surface) names ``code``; form is name, alias, demonym or possessive."""

    start: int
    end: int
    surface: str
    code: str
    form: str


class _Claim(NamedTuple):
    """One spelling's owner in an index; code None means ambiguous, or a phrase that is no place."""

    tier: int
    code: str | None
    form: str
    written: str


def _fold(text: str) -> str:
    """Drop diacritics (Türkiye → Turkiye, Côte → Cote) and unify apostrophes."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def _text_key(surface: str) -> str:
    """How a span of running text is compared: folded, lower case, dashes as spaces, one space."""
    return " ".join(_DASHES.sub(" ", _fold(surface)).lower().split())


def _lookup_keys(name: str) -> list[str]:
    """How a table's entity name is compared: the text key without periods, apostrophes or a
    leading 'the', with '&' as 'and' and abbreviations expanded (every reading of them)."""
    key = _text_key(name).replace("&", " and ").replace(".", " ").replace("'", "").replace(",", " , ")
    words = key.split()
    if words[:1] == ["the"]:
        words = words[1:]
    choices = [_ABBREVIATIONS.get(w, (w,)) for w in words]
    keys = [" ".join(pick).replace(" ,", ",") for pick in product(*choices)]
    return keys[:8]


def _is_acronym(surface: str) -> bool:
    """UK, U.S., DRC: capitals (and periods) only, in one piece; matched in text only as written."""
    letters = surface.replace(".", "")
    return letters.isalpha() and letters.isupper() and " " not in surface


def _table_form_variants(name: str) -> list[tuple[str, bool]]:
    """Prose forms of a table-style name, each flagged when it is a shortened head whose
    uniqueness the caller must check: "Korea, Republic of" → ("Republic of Korea", False),
    ("Korea", True); "Holy See (Vatican City State)" → ("Holy See", True)."""
    if "(" in name:
        name = _INNER_PARENS.sub("", _TRAILING_PARENS.sub("", name))
        if "," not in name:
            return [(name, True)]
    if "," not in name:
        return [(name, False)]
    head, qualifier = (part.strip() for part in name.split(",", 1))
    out = [(head, True)]
    # Inverted names whose qualifier ends in 'of' / 'of the' read back in order.
    if re.search(r"\bof(?: the)?$", qualifier, re.IGNORECASE):
        out.insert(0, (f"{qualifier} {head}", False))
    return out


def _strip_article(surface: str) -> str:
    """'The Gambia' and 'the Netherlands' are indexed without the article, so mentions agree."""
    return surface[4:] if surface[:4].lower() == "the " and len(surface) > 4 else surface


def _demonyms(raw: str | None) -> list[str]:
    """countryinfo writes several adjectives as 'Antiguan,Barbudan' or 'Serbian/Montenegrin'."""
    return [d.strip() for d in re.split(r"[,/]", raw or "") if d.strip()]


def _plural(demonym: str) -> str | None:
    """Germans, Ghanaians, Thais, Filipinos: the plural noun, when English makes one with -s
    (not the Swiss, the French, the Chinese)."""
    if demonym.endswith(("s", "x", "z", "sh", "ch", "ese")):
        return None
    return demonym + "s"


@dataclass
class _Record:
    """What the packages say about one code, before the indexes are built."""

    code: str
    alpha2: str
    iso_names: list[str]  # pycountry's common name and name
    info_names: list[str]  # countryinfo's names for the code
    official: list[str]  # pycountry's official name, if any
    aliases: list[str]  # countryinfo alternative spellings and native names
    demonyms: list[str]
    population: int

    def tiered_names(self) -> list[tuple[str, int]]:
        """Every name with the tier of its source (pycountry's outrank countryinfo's)."""
        iso = [(n, _ISO) for n in self.iso_names + self.official]
        return iso + [(n, _INFO_NAME) for n in self.info_names]


def _package_records() -> dict[str, _Record]:
    """One record per ISO 3166-1 country, merging countryinfo's entries that share its code.

    countryinfo entries without a numeric code are skipped: they are parts of a country
    (Wales, Scotland) or stale duplicates (Burma beside Myanmar); codes ISO does not list
    (Serbia and Montenegro) are skipped too.
    """
    records: dict[str, _Record] = {}
    for country in pycountry.countries:
        names = [n for n in (getattr(country, "common_name", None), country.name) if n]
        official = [n for n in (getattr(country, "official_name", None),) if n]
        records[country.alpha_3] = _Record(country.alpha_3, country.alpha_2, names, [], official, [], [], 0)
    info: dict[str, Any] = CountryInfo.all()
    for entry in info.values():
        codes = entry.get("ISO") or {}
        record = records.get(codes.get("alpha3") or "")
        if record is None or not codes.get("numeric"):
            continue
        record.info_names.append(entry["name"])
        for alt in entry.get("altSpellings") or []:
            alt = alt.strip()
            if alt and alt not in (record.code, record.alpha2):
                record.aliases.append(alt)
        record.demonyms.extend(d for d in _demonyms(entry.get("demonym")) if d not in record.info_names)
        record.population = max(record.population, int(entry.get("population") or 0))
    return records


def _demonym_owners(records: dict[str, _Record]) -> dict[str, str | None]:
    """Each adjective → the code it names, or None when several places share it evenly."""
    claimants: dict[str, set[str]] = {}
    for record in records.values():
        for demonym in record.demonyms:
            claimants.setdefault(demonym, set()).add(record.code)
    owners: dict[str, str | None] = {}
    for demonym, codes in claimants.items():
        ranked = sorted(codes, key=lambda c: -records[c].population)
        if len(ranked) == 1 or records[ranked[0]].population >= _DEMONYM_DOMINANCE * max(
            records[ranked[1]].population, 1
        ):
            owners[demonym] = ranked[0]
        else:
            owners[demonym] = None
    return owners


def _read_extra(path: Path = EXTRA_CSV) -> list[tuple[str, str, str]]:
    """Rows (code, form, surface) of the extra-forms file; '#' lines are comments."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.lstrip().startswith("#")]
    rows = list(csv.DictReader(lines))
    return [(r["code"].strip(), r["form"].strip(), r["surface"].strip()) for r in rows]


def _display_name(record: _Record) -> str:
    """The common English name: the first plain name (no comma, no brackets), else a prose
    form of the ISO name, else the ISO name as it stands."""
    for name in record.iso_names + record.info_names + record.official:
        if "," not in name and "(" not in name:
            return name
    iso_name = record.iso_names[-1]
    variant, shortened = _table_form_variants(iso_name)[0]
    return iso_name if shortened else _strip_article(variant)


class Gazetteer:
    """Every ISO 3166-1 country and territory, looked up by name and found in running text."""

    def __init__(self) -> None:
        """Build the indexes from the packages and the extra-forms file (about 0.2 s)."""
        self._places: dict[str, Place] = {}
        self._alpha2: dict[str, str] = {}
        self._lookup: dict[str, _Claim] = {}
        self._text: dict[str, _Claim] = {}
        self._first_words: dict[str, int] = {}  # first word of a text spelling → most words
        self._word_codes: dict[str, set[str | None]] = {}  # lookup word → codes (built lazily)
        records = _package_records()
        for record in records.values():
            self._places[record.code] = Place(record.code, _display_name(record))
            self._alpha2[record.alpha2] = record.code
        extra = _read_extra()
        for code, form, surface in extra:
            if form == "name" and code not in self._places:
                self._places[code] = Place(code, surface)
        for record in records.values():
            for name, tier in record.tiered_names():
                self._claim_lookup(name, tier, record.code)
            for alias in record.aliases:
                self._claim_lookup(alias, _INFO_ALIAS, record.code)
        for record in records.values():
            self._index_text(record)
        for demonym, owner in _demonym_owners(records).items():
            self._claim_text(demonym, _DEMONYM, owner, "demonym")
            plural = _plural(demonym)
            if plural:
                self._claim_text(plural, _DEMONYM, owner, "demonym")
        for code, form, surface in extra:
            owner = None if code == "-" else code
            if form != "demonym" and owner:
                self._claim_lookup(surface, _EXTRA, owner)
            self._claim_text(surface, _EXTRA, owner, form if form in FORMS else "alias")
            # Plurals of adjectives, and of non-places, so 'Latin Americans' hides 'Americans'.
            plural = _plural(surface) if form in ("demonym", "block") else None
            if plural:
                self._claim_text(plural, _EXTRA, owner, "demonym")

    # --- building -------------------------------------------------------------------------

    def _index_text(self, record: _Record) -> None:
        """Index the prose forms of one record's names and aliases for find()."""
        for name, tier in record.tiered_names():
            for variant, shortened in _table_form_variants(name):
                if not shortened or self._head_is_unique(variant, record.code):
                    self._claim_text_variants(variant, tier, record.code, "name")
        for alias in record.aliases:
            # Single-word alternative spellings are mostly endonyms (Suomi, Nippon) and a few
            # are English words (Island for Iceland, Mann for the Isle of Man): lookup only.
            if len(_WORD.findall(alias)) > 1 or _is_acronym(alias):
                for variant, shortened in _table_form_variants(alias):
                    if not shortened or self._head_is_unique(variant, record.code):
                        self._claim_text_variants(variant, _INFO_ALIAS, record.code, "alias")

    def _head_is_unique(self, head: str, code: str) -> bool:
        """A bare head ("Korea" of "Korea, Republic of") names a place only if no other code's
        names hold all its words (both Koreas have "Korea"; only Venezuela has "Venezuela")."""
        if not self._word_codes:
            for key, claim in self._lookup.items():
                for word in key.replace(",", " ").split():
                    self._word_codes.setdefault(word, set()).add(claim.code)
        owners: set[str | None] | None = None
        for key in _lookup_keys(head):
            for word in key.replace(",", " ").split():
                codes = self._word_codes.get(word, set())
                owners = set(codes) if owners is None else owners & codes
        return owners is not None and owners <= {code}

    def _claim_text_variants(self, surface: str, tier: int, code: str, form: str) -> None:
        """Claim a prose spelling, and its 'St.'/'St' forms when it begins with 'Saint'."""
        surface = _strip_article(surface)
        self._claim_text(surface, tier, code, form)
        if surface.startswith("Saint "):
            for short in ("St. ", "St "):
                self._claim_text(short + surface[6:], tier, code, form)

    def _claim_lookup(self, name: str, tier: int, code: str) -> None:
        """Let ``name`` (every reading of its abbreviations) resolve to ``code`` in code_for."""
        for key in _lookup_keys(name):
            self._claim(self._lookup, key, _Claim(tier, code, "name", name))

    def _claim_text(self, surface: str, tier: int, code: str | None, form: str) -> None:
        """Let ``surface`` be found by find(); a None code swallows the span and reports nothing."""
        key = _text_key(surface)
        words = _WORD.findall(key)
        if not words:
            return
        if self._claim(self._text, key, _Claim(tier, code, form, surface)):
            first = words[0]
            self._first_words[first] = max(self._first_words.get(first, 0), len(words))

    @staticmethod
    def _claim(index: dict[str, _Claim], key: str, claim: _Claim) -> bool:
        """Record a claim unless a lower tier holds the key; equal tiers on two codes clash."""
        held = index.get(key)
        if held is None or claim.tier < held.tier:
            index[key] = claim
            return True
        if claim.tier == held.tier and claim.code != held.code and held.code is not None:
            index[key] = held._replace(code=None)
        return False

    # --- public ---------------------------------------------------------------------------

    def places(self) -> list[Place]:
        """Every place, sorted by code."""
        return sorted(self._places.values(), key=lambda p: p.code)

    def name_for(self, code: str) -> str:
        """The common English name of an alpha-3 (or alpha-2) code; KeyError if unknown."""
        code = code.strip().upper()
        return self._places[self._alpha2.get(code, code)].name

    def code_for(self, name: str, *, codes: bool = False) -> str | None:
        """The alpha-3 code a table's entity name stands for, or None.

        Exact after normalisation (case, accents, periods, abbreviations), then the inverted
        table form "Name, Qualifier" / "Name (Qualifier)", then, with ``codes``, ISO codes.
        """
        if not name or not name.strip():
            return None
        found = self._lookup_exact(name)
        if found is None:
            found = self._lookup_inverted(name)
        if found is None and codes:
            code = name.strip().upper()
            found = code if code in self._places else self._alpha2.get(code)
        return found

    def add(self, code: str, *names: str) -> None:
        """Teach the gazetteer a store's own names for ``code`` (they win over package data).

        An unknown code becomes a new place named by the first name. On the shared
        default_gazetteer() this is seen by every caller; build a Gazetteer() to keep it local.
        """
        code = code.strip().upper()
        if not code or not names:
            raise ValueError("add() needs a code and at least one name")
        if code not in self._places:
            self._places[code] = Place(code, names[0].strip())
        for name in names:
            name = name.strip()
            if not name:
                continue
            self._claim_lookup(name, _ADDED, code)
            self._word_codes.clear()
            if "," not in name and "(" not in name:
                self._claim_text(_strip_article(name), _ADDED, code, "alias")

    def find(self, text: str) -> list[Mention]:
        """Every mention of a place in ``text``, left to right: longest spelling wins, no overlaps.

        Case rules: acronyms (UK, US) only as written; one-word names only capitalised, so
        'turkey' and 'chad' are not places; longer names need some capital letter.
        """
        tokens = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        mentions: list[Mention] = []
        i = 0
        while i < len(tokens):
            found = self._longest_at(text, tokens, i)
            if found is None:
                i += 1
                continue
            stop, claim = found
            own_body = claim.code is not None and not _ISO3.fullmatch(claim.code) and _CITY_BODY_AFTER.match(text, stop)
            if claim.code is not None and _SETTLEMENT_AFTER.match(text, stop) and not own_body:
                claim = claim._replace(code=None)  # "Mexico City", "Kuwait City": a city or province named after the country
            if claim.code is not None and claim.form in ("name", "alias") and _named_before(text, tokens[i][0]):
                claim = claim._replace(code=None)  # "Statistics Canada", "AirAsia Malaysia", "Western Australia"
            if claim.code is not None and _LINKED_BEFORE.search(text, max(0, tokens[i][0] - 8), tokens[i][0]):
                claim = claim._replace(code=None)  # "Île-de-France", "Stoke-on-Trent": the last word of a linked name
            if claim.code is not None:  # None: a phrase that is no place, or an ambiguous one
                mention = self._mention(text, tokens[i][0], stop, claim)
                mentions.append(mention)
                stop = mention.end
            while i < len(tokens) and tokens[i][0] < stop:
                i += 1
        return mentions

    # --- matching helpers -----------------------------------------------------------------

    def _longest_at(self, text: str, tokens: list[tuple[int, int]], i: int) -> tuple[int, _Claim] | None:
        """The longest known spelling starting at token ``i`` (its end and claim), if any."""
        most = self._first_words.get(_text_key(text[tokens[i][0] : tokens[i][1]]), 0)
        start = tokens[i][0]
        for j in range(min(len(tokens), i + most) - 1, i - 1, -1):
            end = tokens[j][1]
            # A trailing period belongs to the spelling only if the spelling has one (U.S.).
            for stop in (end + 1, end) if text[end : end + 1] == "." else (end,):
                claim = self._text.get(_text_key(text[start:stop]))
                if claim and self._case_fits(claim, text[start:stop], j == i):
                    return stop, claim
        return None

    @staticmethod
    def _case_fits(claim: _Claim, span: str, one_word: bool) -> bool:
        """Acronyms as written; one word capitalised; several words with a capital somewhere."""
        if _is_acronym(claim.written):
            return span == claim.written
        if one_word:
            return span[:1].isupper()
        return any(ch.isupper() for ch in span)

    @staticmethod
    def _mention(text: str, start: int, stop: int, claim: _Claim) -> Mention:
        """Build the mention, taking in a possessive "'s" (or a bare "'" after -s: Philippines')."""
        form = claim.form
        assert claim.code is not None
        if form in ("name", "alias") and text[stop : stop + 1] in ("'", "\u2019"):
            after = text[stop + 1 : stop + 3]
            if after[:1] in ("s", "S") and not after[1:2].isalnum():
                stop, form = stop + 2, "possessive"
            elif text[stop - 1 : stop] in ("s", "S") and not after[:1].isalnum():
                stop, form = stop + 1, "possessive"
        return Mention(start, stop, text[start:stop], claim.code, form)

    def _lookup_exact(self, name: str) -> str | None:
        """The code every reading of ``name`` agrees on, or None."""
        found = {c.code for key in _lookup_keys(name) if (c := self._lookup.get(key))}
        return found.pop() if len(found) == 1 and None not in found else None

    def _lookup_inverted(self, name: str) -> str | None:
        """Resolve "Korea, Rep." / "Gambia, The" / "Virgin Islands (U.S.)" by reordering."""
        name = _TRAILING_PARENS.sub(lambda m: f", {m.group(1)}", name.strip())
        if "," not in name:
            return None
        head, qualifier = (part.strip() for part in name.rsplit(",", 1))
        if qualifier.lower() in ("", "the"):
            return self._lookup_exact(head)
        for candidate in (
            f"{qualifier} of {head}",
            f"{qualifier} of the {head}",
            f"{qualifier} {head}",
            f"{head} of {qualifier}",
            f"{head} {qualifier}",
        ):
            found = self._lookup_exact(candidate)
            if found:
                return found
        found = self._lookup_exact(head)
        if found and self._head_is_unique(head, found):
            return found
        return None


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer built once per process from the installed packages and the extra file."""
    return Gazetteer()
