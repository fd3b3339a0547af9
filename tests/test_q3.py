"""The quantulum3 adapter (factcheck/q3.py): each hazard of issue 3 guarded, and only plausible units kept."""

from __future__ import annotations

import logging

import pytest

from factcheck.extract import q3
from factcheck.extract.reader import extract_figures

from conftest import in_fresh_python


def test_issue_3_long_digit_runs_are_blanked_before_quantulum3() -> None:
    """400 digits take quantulum3 cubic time; the guard blanks them and the call returns at once."""
    text = "The code was " + "7" * 400 + " and 5 furlongs."
    assert "7" * 20 not in q3.guard(text[: q3.MAX_CHARS])  # what quantulum3 is given holds no long run
    found = q3.parse(text[:q3.MAX_CHARS])
    assert all(q.value != float("7" * 400) for q in found)


def test_issue_3_overflow_and_inf_never_reach_quantulum3() -> None:
    """"1e309" becomes inf in quantulum3 (printing it raises OverflowError): the exponent is blanked."""
    assert q3.guard("1e309 and inf") == "1     and    "
    assert all(q.value < 1e300 for q in q3.parse("It measured 1e309 furlongs."))


def test_issue_3_html_entities_leak_no_numbers() -> None:
    """"&#36;7" must not give quantulum3 a 36."""
    assert [q.value for q in q3.parse("It cost &#36;7 today.")] in ([], [7.0])


def test_issue_3_quantulum3_leaves_root_logging_alone() -> None:
    """quantulum3 calls logging.basicConfig on every parse; the adapter restores the root logger."""
    root = logging.getLogger()
    before = (list(root.handlers), root.level)
    q3.parse("The horse won over 5 furlongs on Sunday.")
    extract_figures("A race over 6 furlongs.")
    assert (list(root.handlers), root.level) == before


def test_issue_3_results_are_copied_not_shared() -> None:
    """quantulum3's Unit objects are shared and changed by later calls; the adapter keeps frozen copies."""
    first = q3.parse("The track is 5 furlongs long.")
    q3.parse.cache_clear()
    q3.parse("The pressure was 30 psi.")
    assert [(q.unit, q.entity) for q in first] == [("furlong", "length")]
    with pytest.raises(AttributeError):
        first[0].unit = "mile"  # type: ignore[misc]


def test_issue_3_only_one_bounded_sentence_is_parsed() -> None:
    """Text longer than MAX_CHARS is never handed to quantulum3 (its cost is quadratic)."""
    assert q3.parse("5 furlongs. " * 100) == ()


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("The colt won over 5 furlongs at York.", "furlong"),
        ("The tyres were set to 30 psi before the race.", "psi"),
        ("The wreck lies 12 fathoms down.", "fathom"),
        ("The barge carried 40 long tons of coal.", "long_ton"),
    ],
    ids=lambda v: v,
)
def test_long_tail_units_come_from_quantulum3(sentence: str, unit: str) -> None:
    """A unit our alias table does not know is read by quantulum3 and named as pint names it."""
    assert [f.unit for f in extract_figures(sentence) if f.checkable] == [unit]
    assert [f.unit for f in extract_figures(sentence, quantulum=False) if f.checkable] == [None]


@pytest.mark.parametrize(
    "sentence",
    [
        "The club played 68 league games.",  # league: a length to quantulum3
        "The firm sold 20 EV models.",  # electronvolts
        "She finished 5 in the standings.",  # inches
        "The ministry counted 40 at the border.",  # ampere-turns
    ],
    ids=lambda v: v,
)
def test_misreadings_of_quantulum3_are_refused(sentence: str) -> None:
    """An English word quantulum3 reads as a unit leaves the figure a count."""
    assert [f.unit for f in extract_figures(sentence) if f.checkable] == [None]


def test_implausible_dimension_is_refused() -> None:
    """An answer whose pint dimension does not fit quantulum3's entity is not kept."""
    assert q3.pint_name(q3.Q3Quantity(0, 5, 5.0, "furlong", "mass", None)) is None
    assert q3.pint_name(q3.Q3Quantity(0, 5, 5.0, "no such unit", "length", None)) is None


def test_inflect_is_imported_unchecked_and_typeguard_is_left_as_it_was() -> None:
    """quantulum3's inflect loads without typeguard's recompiling, and nobody else loses typeguard."""
    probe = (
        "import typeguard; real = typeguard.typechecked\n"
        "from factcheck.extract import q3\n"
        "assert q3._parser() is not None\n"
        "import inflect\n"
        "assert typeguard.typechecked is real, 'typeguard left patched'\n"
        "plural = inflect.engine().plural\n"
        "assert plural('kilometre') == 'kilometres'\n"
        "try:\n    plural(5)\nexcept typeguard.TypeCheckError:\n    raise SystemExit('inflect was instrumented')\n"
        "except Exception:\n    pass\n"
        "print('ok')\n"
    )
    in_fresh_python(probe)
