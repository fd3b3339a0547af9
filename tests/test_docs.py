"""The docs keep up with the code: every CLI command is in README.md and has help text."""

from __future__ import annotations

import argparse

from factcheck.cli import build_parser

from conftest import ROOT


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_command_is_documented_in_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in _commands():
        assert f"factcheck {name}" in readme, f"README.md does not show 'factcheck {name}'"


def test_every_command_has_help_text() -> None:
    for name, sub in _commands().items():
        assert sub.description and len(sub.description) > 20, name


def test_readme_starts_with_the_two_setup_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.index("make run") < readme.index("make test") < readme.index("factcheck check")
