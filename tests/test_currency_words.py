"""data/currency_words.csv is what scripts/currency_words.py writes from CLDR today, and reads as expected."""

from __future__ import annotations

import runpy
from pathlib import Path

from factcheck.extract.currencies import currency_words, families, narrowed

SCRIPT = runpy.run_path(str(Path(__file__).resolve().parents[1] / "scripts" / "currency_words.py"))


def test_the_committed_file_is_current() -> None:
    assert SCRIPT["main"](["--check"]) == 0, "run scripts/currency_words.py and commit the CSV"


def test_english_words_and_units_are_left_out() -> None:
    forms = {w.form for w in currency_words() if w.kind == "word"}
    assert {"zlotys", "naira", "lei"} <= forms
    assert not {"real", "gold", "won", "mark", "drams"} & forms  # an adjective, a verb form, a unit


def test_one_letter_and_capital_pairs_are_no_symbols() -> None:
    symbols = {w.form for w in currency_words() if w.kind == "symbol"}
    assert {"₦", "zł", "Ksh", "NT$"} <= symbols
    assert not {"R", "K", "KM", "SR", "den"} & symbols


def test_a_shared_word_is_a_family_a_named_country_narrows() -> None:
    assert set(families()["leu"]) == {"MDL", "RON"}
    assert narrowed("leu_family", "prices in Romania") == "RON"
    assert narrowed("leu_family", "prices in Romania and Moldova") == "leu_family"
