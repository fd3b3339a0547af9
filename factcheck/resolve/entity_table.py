"""The places a store's tables by country hold rows for, and how a text names them.

A table of a statistic by country names each row's country as the store spells it ("Republic of
Macedonia"); the entity table maps the gazetteer's codes to those names and teaches a gazetteer the
store's spellings, so a country is found in the text by the store's own name too. A table may also
hold rows for a city or a region ("Utrecht"): that name is found in the text as a place of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from factcheck.figures import Reference
from factcheck.resolve.gazetteer import Gazetteer, default_gazetteer


@dataclass(frozen=True)
class EntityTable:
    """The entities a store's statistics hold, by code, and a gazetteer that knows the store's own spellings."""

    by_code: dict[str, str]  # code → the entity's name as stored
    gazetteer: Gazetteer

    @classmethod
    def from_references(
        cls, references: list[Reference], statistics: set[str], known: tuple[tuple[str, str], ...] = ()
    ) -> "EntityTable":
        """Codes for every entity of the statistic tables (a stored code first, else the gazetteer's reading).

        ``known`` adds the store's entity table (name, code), so a country is found in the text
        by the store's own spelling even before its rows are read.
        """
        names: dict[str, str] = dict(known)
        for r in references:
            if r.metric in statistics and r.entity and not names.get(r.entity):
                names[r.entity] = getattr(r, "entity_code", "") or ""
        pairs = tuple(sorted(names.items()))
        return cls(*_entity_table(pairs))


# A store entity that is no country but a place a table holds rows for: a name of one to four capitalised
# words ("Utrecht", "New York City"), not a body or an event with brackets or figures in it. Its code in the
# table's gazetteer starts with LOCAL_CODE; a claim about it has no ISO code ("").
_PLACE_NAME_RE = re.compile(r"[A-Z][\w'’.-]*(?:[ -](?:[A-Z][\w'’.-]*|upon|on|de|del|am|sur))*")
LOCAL_CODE = "~"
PLACE_NAME_WORDS = 4


@lru_cache(maxsize=8)
def _entity_table(pairs: tuple[tuple[str, str], ...]) -> tuple[dict[str, str], Gazetteer]:
    """(code → store name, a gazetteer taught the store's names), built once per set of store entities.

    A store name the gazetteer cannot read ("Republic of Macedonia") is matched to the closest
    country name; every store name, and each name's "&" form ("Bosnia & Herzegovina"), becomes
    a spelling the text may use.
    """
    base = default_gazetteer()
    g = Gazetteer()
    choices = {p.name: p.code for p in base.places()}
    out: dict[str, str] = {}
    for name, code in pairs:
        code = code or base.code_for(name, codes=True) or ""
        if not code:
            best = process.extractOne(name, list(choices), scorer=fuzz.token_set_ratio)
            code = choices[best[0]] if best and best[1] >= 90 else ""
        if not code and _PLACE_NAME_RE.fullmatch(name) and len(name.split()) <= PLACE_NAME_WORDS:
            code = LOCAL_CODE + name.upper()  # a city or region a table holds rows for ("Utrecht"): found by its name
        if not code or code in out:
            continue
        out[code] = name
        spellings = [name] + [s for s in (name, base.name_for(code) if code in choices.values() else "") if " and " in s]
        g.add(code, *spellings, *[s.replace(" and ", " & ") for s in spellings if " and " in s])
    return out, g
