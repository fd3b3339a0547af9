"""The examples in the app's helper modules run (pytest collects only tests/, factcheck/ and the README).

The page scripts (check.py, checks.py, reference.py) draw a page when imported, so only the
helper modules are imported here.
"""

from __future__ import annotations

import doctest
import importlib

import pytest

HELPERS = ["app_pages.article_view", "app_pages.common", "app_pages.feedback", "app_pages.figures_table", "app_pages.long_check"]


@pytest.mark.parametrize("name", HELPERS)
def test_the_examples_in_an_app_helper_hold(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module)
    assert result.attempted > 0, f"{name} has no examples left: drop it from HELPERS"
    assert result.failed == 0
