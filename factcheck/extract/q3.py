"""quantulum3 as the resolver for units our alias table does not know, with issue 3's hazards guarded.

The extractor asks ``unit_at`` only about a number our rules gave no unit to and whose next
word is one of quantulum3's unit surfaces or symbols (a cheap set lookup), so quantulum3 sees a
handful of sentences per article, never the whole text. Its hazards (issue 3) and the guard:
cost quadratic in its input → one sentence, cut to ``MAX_CHARS``; cubic long digit runs, "1e309"
→ inf, HTML entities → blanked first, keeping offsets (``guard``); ``logging.basicConfig`` on
every parse → root logging restored after each call; shared, mutated Unit objects → copied into
frozen ``Q3Quantity`` values at once; its scikit-learn classifier → not installed (its import
warning is silenced). An answer is kept only when pint knows the unit and its dimension fits
quantulum3's entity (data/q3_units.txt maps names and lists the misreadings refused).
"""

from __future__ import annotations

import logging
import re
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

from factcheck.units import parse_unit, ureg

log = logging.getLogger(__name__)

MAX_CHARS = 400  # the most text quantulum3 is given at once (its cost is quadratic in it)
LONG_DIGITS_RE = re.compile(r"\d[\d,.]{24,}")  # a long digit run: cubic time in quantulum3
HAZARD_RE = re.compile(
    r"""&(?:\#\d{1,8}|\#x[0-9a-fA-F]{1,8}|[A-Za-z]{2,10});?  # HTML entities: "&#36;7" leaks a number
    | (?<=\d)[eE][+-]?\d+                                    # exponents: "1e309" overflows to inf
    | (?i:\b(?:inf|infinity|nan)\b)                           # words float() reads as numbers
    | [\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]           # control characters and lone surrogates
    """,
    re.VERBOSE,
)
AT_RE = re.compile(r"\bat\b")  # "5 furlongs at York": quantulum3 reads "at" as ampere-turns (issue 3)
WORD_RE = re.compile(r"[ \t\u00a0-]?(?P<w>[^\W\d_]+\.?|[\"″”°%$£€¥])")  # the word or symbol right after a number
# quantulum3 entity → the pint dimensionality a unit of it must have ("plausible dimension").
ENTITY_DIMENSION: dict[str, str] = {
    "length": "[length]", "mass": "[mass]", "time": "[time]", "area": "[length] ** 2",
    "volume": "[length] ** 3", "speed": "[length] / [time]", "temperature": "[temperature]",
    "pressure": "[mass] / [length] / [time] ** 2", "energy": "[length] ** 2 * [mass] / [time] ** 2",
    "power": "[length] ** 2 * [mass] / [time] ** 3", "force": "[length] * [mass] / [time] ** 2",
    "frequency": "1 / [time]", "data transfer rate": "1 / [time]", "capacitance": "[current] ** 2 * [time] ** 4 / [length] ** 2 / [mass]",
    "electric potential": "[length] ** 2 * [mass] / [current] / [time] ** 3", "data storage": "[]",
    "acceleration": "[length] / [time] ** 2", "volumetric flow": "[length] ** 3 / [time]",
    "density": "[mass] / [length] ** 3", "torque": "[length] ** 2 * [mass] / [time] ** 2",
}
KIND_OF_ENTITY = {"currency": "money", "time": "duration"}


@dataclass(frozen=True)
class Q3Quantity:
    """What we keep of one quantulum3 Quantity, copied at once (its Unit objects are shared)."""

    start: int
    end: int
    value: float
    unit: str  # quantulum3's unit name ("furlong", "japanese yen")
    entity: str  # quantulum3's entity name ("length", "currency")
    currency: str | None  # ISO code for currencies


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str | None], frozenset[str]]:
    """(quantulum3 name → pint name or None for refused, refused surfaces) from data/q3_units.txt."""
    names: dict[str, str | None] = {}
    words: set[str] = set()
    for line in (Path(__file__).parents[1] / "data" / "q3_units.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        head, _, tail = line.rpartition(":")
        head, tail = head.strip(), tail.strip()
        if head.startswith('"'):
            words.add(head.strip('"').lower())
        else:
            names[head] = None if tail == "-" else tail
    return names, frozenset(words)


@contextmanager
def _logging_untouched() -> Iterator[None]:
    """Undo what quantulum3's ``logging.basicConfig`` does to the root logger on every parse."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)


def _import_inflect_unchecked() -> None:
    """Import inflect (quantulum3 pluralises unit names with it) without typeguard's run-time checks.

    inflect decorates its API with ``typeguard.typechecked``, which recompiles every function on
    import: 1.2 s, over half of a first call's time. Those checks only validate inflect's own
    arguments, which quantulum3 passes as plain strings; Python's ``-O`` mode drops them the same
    way. The no-op decorator is in place only while inflect is imported, so no other package loses
    its checks.
    """
    if "inflect" in sys.modules:
        return
    try:
        import typeguard
    except ImportError:
        return  # an inflect without typeguard imports quickly anyway
    checked = typeguard.typechecked
    typeguard.typechecked = _unchecked  # type: ignore[assignment]
    try:
        import inflect  # noqa: F401
    finally:
        typeguard.typechecked = checked


def _unchecked(target: Any = None, **_options: Any) -> Any:
    """``typeguard.typechecked`` that checks nothing: the target itself, with or without options."""
    return target if target is not None else (lambda t: t)


@lru_cache(maxsize=1)
def _parser() -> ModuleType | None:
    """quantulum3's parser, loaded once (about 1 s); None when it cannot be loaded."""
    try:
        with warnings.catch_warnings(), _logging_untouched():
            warnings.simplefilter("ignore")  # "Classifier dependencies not installed": by choice
            _import_inflect_unchecked()
            from quantulum3 import parser

            parser.load.units("en_US")  # load the unit tables now, not in the first sentence
        return parser
    except Exception as exc:  # noqa: BLE001 - a missing or broken quantulum3 only loses the long tail
        log.warning("quantulum3 could not be loaded: %r", exc)
        return None


@lru_cache(maxsize=1)
def surfaces() -> frozenset[str]:
    """Lower-case surfaces and symbols of quantulum3's units (not dimensionless ones), minus refused words."""
    parser = _parser()
    if parser is None:
        return frozenset()
    units = parser.load.units("en_US")
    out: set[str] = set()
    for table in (units.surfaces_lower, units.symbols_lower):
        for key, objs in table.items():
            if any(u.entity.name != "dimensionless" for u in objs):
                out.add(key.lower())
    out -= _table()[1]
    return frozenset(out | {k.split()[0] + " " for k in out if " " in k})  # "fl " opens "fl oz"


def maybe_unit(text: str, pos: int, limit: int) -> bool:
    """True when the word or symbol at ``text[pos:]`` is one quantulum3 could read as a unit.

    >>> maybe_unit("5 furlongs", 1, 10), maybe_unit("5 troops", 1, 8), maybe_unit("5 in all", 1, 8)
    (True, False, False)
    """
    m = WORD_RE.match(text, pos, limit)
    if m is None:
        return False
    word, known = m.group("w").lower().rstrip("."), surfaces()
    if word in known or word + " " in known:
        return True
    return 3 <= len(word) <= 5 and any(word[:i] in known and word[i:] in known for i in range(2, len(word)))  # "MWh"


def guard(text: str) -> str:
    """``text`` with what quantulum3 must not see blanked out, same length (offsets stay valid).

    >>> guard("&amp; 1e309 inf " + "9" * 40).strip()
    '1'
    """
    text = HAZARD_RE.sub(lambda m: " " * len(m.group()), text)
    return LONG_DIGITS_RE.sub(lambda m: " " * len(m.group()), text)


@lru_cache(maxsize=4096)
def parse(sentence: str) -> tuple[Q3Quantity, ...]:
    """quantulum3's quantities in one guarded sentence (at most ``MAX_CHARS``), copied; () on failure."""
    parser = _parser()
    if parser is None or not sentence or len(sentence) > MAX_CHARS:
        return ()
    text = guard(sentence)
    try:
        with warnings.catch_warnings(), _logging_untouched():
            warnings.simplefilter("ignore")
            found = parser.parse(text)
            return tuple(
                Q3Quantity(
                    int(q.span[0]), int(q.span[1]), float(q.value), str(q.unit.name), str(q.unit.entity.name),
                    getattr(q.unit, "currency_code", None),
                )
                for q in found
            )
    except Exception as exc:  # noqa: BLE001 - quantulum3 raising on odd text must not cost the sentence
        log.debug("quantulum3 failed on a sentence: %r", exc)
        return ()


def pint_name(q: Q3Quantity) -> str | None:
    """Our canonical pint name for quantulum3's unit, or None when refused, unknown to pint, or implausible.

    >>> pint_name(Q3Quantity(0, 9, 5.0, "furlong", "length", None))
    'furlong'
    >>> pint_name(Q3Quantity(0, 4, 4.0, "arcsecond", "angle", None)) is None
    True
    """
    names, _ = _table()
    if q.entity == "currency":
        return q.currency if q.currency and parse_unit(q.currency) is not None else None
    if q.unit in names:
        name = names[q.unit]
    else:
        name = q.unit.replace("metre", "meter").replace("litre", "liter").replace("-", "_").replace(" ", "_")
    if name is None:
        return None
    unit = parse_unit(name)
    if unit is None:
        return None
    want = ENTITY_DIMENSION.get(q.entity)
    dims = unit.dimensionality
    if want is not None and dims != ureg.get_dimensionality(want):
        return None
    if want is None and not dims:
        return None
    return name


def unit_at(text: str, lo: int, hi: int, num_start: int, num_end: int) -> tuple[str, str, int] | None:
    """(pint name, kind, end) of the unit quantulum3 reads right after the number at ``text[num_start:num_end]``.

    Only the sentence ``text[lo:hi]`` is parsed, cut to ``MAX_CHARS`` around the number.
    """
    if not maybe_unit(text, num_end, hi):
        return None
    wlo = max(lo, num_start - MAX_CHARS // 2)
    whi = min(hi, wlo + MAX_CHARS)
    for q in parse(AT_RE.sub("  ", text[wlo:whi])):
        if wlo + q.start <= num_start < wlo + q.end and wlo + q.end > num_end:
            name = pint_name(q)
            if name is None:
                return None
            end = wlo + q.end
            while end > num_end and not text[end - 1].isalnum() and text[end - 1] not in "\"″”°%$£€¥":
                end -= 1  # quantulum3's span may take a trailing space
            return name, KIND_OF_ENTITY.get(q.entity, "measure"), end
    return None


__all__ = ["Q3Quantity", "guard", "maybe_unit", "parse", "pint_name", "surfaces", "unit_at"]
