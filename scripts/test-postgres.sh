#!/usr/bin/env bash
# Run the PostgreSQL-marked tests against a throwaway server on 127.0.0.1 (make test-postgres).
#
#   scripts/test-postgres.sh [extra pytest args]
#
# Starts scripts/pg-test-server.sh, runs `pytest -m postgres` with FACTCHECK_TEST_PG_URL set and
# FACTCHECK_TEST_PG_REQUIRED=1 (so a missing server fails instead of skipping), then stops the
# server and deletes its folder. Set KEEP_PG=1 to leave the server running for another run;
# with FACTCHECK_TEST_PG_URL already set, that server is used and none is started. Each test
# creates its own database there (the account needs CREATEDB) and drops it afterwards.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
PYTEST="${PYTEST:-$here/.venv/bin/pytest}"
[[ -x "$PYTEST" ]] || PYTEST="pytest"

if [[ -n "${FACTCHECK_TEST_PG_URL:-}" ]]; then
    # A server given from outside (CI service, a colleague's): use it, start nothing.
    url="$FACTCHECK_TEST_PG_URL"
    echo "test-postgres: using the server in FACTCHECK_TEST_PG_URL" >&2
else
    line="$(scripts/pg-test-server.sh start | tail -n 1)"
    url="${line#export FACTCHECK_TEST_PG_URL=}"
    if [[ "$url" != postgresql* ]]; then
        echo "test-postgres: could not start the test server" >&2
        exit 1
    fi
    if [[ "${KEEP_PG:-0}" != 1 ]]; then
        trap 'scripts/pg-test-server.sh stop' EXIT
    fi
fi

FACTCHECK_TEST_PG_URL="$url" FACTCHECK_TEST_PG_REQUIRED=1 "$PYTEST" -m postgres -p no:cacheprovider "$@"
