"""A throwaway PostgreSQL database per test or module, on the server `make test-postgres` starts."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, make_url, text

from factcheck.store.db import get_engine

PG_ENV = "FACTCHECK_TEST_PG_URL"


@contextmanager
def temporary_database(prefix: str) -> Iterator[str]:
    """Create an empty database named ``<prefix>_<random>``, yield its URL, drop it afterwards.

    Without FACTCHECK_TEST_PG_URL the test is skipped, or fails when FACTCHECK_TEST_PG_REQUIRED=1
    (as `make test-postgres` sets it), so CI never skips these silently.
    """
    base = os.environ.get(PG_ENV)
    if not base:
        if os.environ.get("FACTCHECK_TEST_PG_REQUIRED") == "1":
            pytest.fail(f"{PG_ENV} is not set but FACTCHECK_TEST_PG_REQUIRED=1")
        pytest.skip(f"{PG_ENV} is not set (make test-postgres runs these)")
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        get_engine(url, create=False).dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
