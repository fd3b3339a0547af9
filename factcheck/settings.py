"""Defaults in one place, each overridable by an environment variable ``FACTCHECK_<NAME>``.

A bad value raises ``ConfigError`` naming the variable, never a bare ``ValueError`` deep inside.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields

from factcheck.errors import ConfigError


@dataclass(frozen=True)
class Settings:
    """Limits and defaults used across factcheck."""

    db: str = "sqlite:///factcheck.db"
    max_article_chars: int = 2_000_000  # longer articles are refused with InputTooLargeError
    max_article_numbers: int = 10_000  # articles with more written numbers are refused (TooManyNumbersError)
    fetch_connect_timeout: float = 5.0  # seconds to open a connection
    fetch_read_timeout: float = 15.0  # seconds of total reading before giving up
    fetch_max_bytes: int = 5_000_000  # stop reading a page past this size
    fetch_max_redirects: int = 5
    fetch_allow_private: bool = False  # allow loopback/private addresses (local use, tests)
    batch_processes: int = 2


def _parse(name: str, kind: type, raw: str) -> object:
    key = f"FACTCHECK_{name.upper()}"
    try:
        if kind is bool:
            low = raw.strip().lower()
            if low in ("1", "true", "yes", "on"):
                return True
            if low in ("0", "false", "no", "off", ""):
                return False
            raise ValueError(raw)
        value = kind(raw)
    except ValueError:
        expected = {int: "a whole number", float: "a number", bool: "true or false"}.get(kind, "text")
        raise ConfigError(key, raw, expected) from None
    if kind in (int, float) and value <= 0:  # type: ignore[operator]
        raise ConfigError(key, raw, "a positive number")
    return value


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Settings from the environment (``FACTCHECK_MAX_ARTICLE_CHARS=...``) over the defaults."""
    env = dict(os.environ) if env is None else env
    kwargs: dict[str, object] = {}
    types = {"str": str, "int": int, "float": float, "bool": bool}
    for f in fields(Settings):
        raw = env.get(f"FACTCHECK_{f.name.upper()}")
        if raw is not None:
            kind = types[f.type if isinstance(f.type, str) else f.type.__name__]
            kwargs[f.name] = _parse(f.name, kind, raw)
    return Settings(**kwargs)  # type: ignore[arg-type]
