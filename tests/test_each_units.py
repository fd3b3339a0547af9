"""A price per one of something ("$10,000 per violation") has a unit of its own, in any process.

The extractor defines "each_<noun>" units as it reads them; a figure stored with one and read back
by another process (the app after a restart) must still parse, and must never convert into plain
money or into a price per some other thing.
"""

from __future__ import annotations

import pint
import pytest

from factcheck.units import convert, each_unit, is_known_unit, parse_unit, same_dimension

from conftest import in_fresh_python


def test_an_each_unit_is_a_dimension_of_its_own() -> None:
    assert each_unit("violation") == "each_violation"
    assert same_dimension("USD / each_violation", "USD / each_violation")
    assert not same_dimension("USD / each_violation", "USD")
    assert not same_dimension("USD / each_violation", "USD / each_episode")
    with pytest.raises(pint.DimensionalityError):
        convert(10_000, "USD / each_violation", "USD")
    assert convert(2, "USD / each_violation", "USD_cent / each_violation") == pytest.approx(200)


@pytest.mark.parametrize("noun", ["", "ab", "two words", "Capital", "x" * 30, "s3cret"])
def test_a_word_that_cannot_name_one_gets_none(noun: str) -> None:
    assert each_unit(noun) is None


def test_a_stored_each_unit_parses_in_a_fresh_process() -> None:
    code = (
        "from factcheck.units import is_known_unit, same_dimension;"
        "assert is_known_unit('GBP / each_pitch');"
        "assert not same_dimension('GBP / each_pitch', 'GBP');"
        "print('ok')"
    )
    in_fresh_python(code)
    assert is_known_unit("EUR / each_ticket") and parse_unit("EUR / each_ticket") is not None
