"""Every installed dependency's licence is compatible with the project's MIT licence (scripts/licences.py)."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

LICENCES = runpy.run_path(str(Path(__file__).resolve().parents[1] / "scripts" / "licences.py"))


def test_no_gpl_only_dependency() -> None:
    deps = LICENCES["dependencies"]()
    assert len(deps) > 20  # the walk reached the dependency tree
    assert {k: v for k, v in deps.items() if LICENCES["is_incompatible"](v)} == {}


@pytest.mark.parametrize(
    ("licence", "bad"),
    [
        ("GPL-3.0-only", True),
        ("GNU Affero General Public License v3", True),
        ("MPL-1.1 OR GPL-2.0-only OR LGPL-2.1-or-later", False),
        ("LGPL-2.1-only", False),
        ("MIT License", False),
        ("Apache-2.0", False),
    ],
)
def test_the_rule(licence: str, bad: bool) -> None:
    assert LICENCES["is_incompatible"](licence) is bad
