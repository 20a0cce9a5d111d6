#!/usr/bin/env bash
# The whole test suite, budgeted for a 2-core machine (`make test` runs this):
#   1. everything but the browser tests, on SQLite, in parallel processes (pytest-xdist);
#   2. the browser tests (Chromium), once, on SQLite, in parallel processes too (each has its
#      own app, database, live server and Chromium; a test file stays on one process);
#   3. what depends on the database (tests marked `database`: services, models, migrations,
#      concurrency), again on PostgreSQL, in parallel processes;
#   4. the deployment tests (tests/deploy, marked `deploy`), once: scripts/serve.sh started as
#      docs/deploy.md says, one process on SQLite, then two on PostgreSQL with Redis.
# Each stage prints the time per test folder; the end prints the time of each stage.
# Extra arguments go to every pytest call (e.g. `scripts/test.sh -x`).
set -uo pipefail
cd "$(dirname "$0")/.."
PYTEST=(.venv/bin/python -m pytest -p no:cacheprovider "$@")
WORKERS="${TEST_WORKERS:-auto}"
status=0
declare -a summary

stage() {
  local name="$1"; shift
  local started=$SECONDS
  echo "=== $name ==="
  "${PYTEST[@]}" "$@"
  local code=$?
  # pytest exits 5 when a selection is empty: not a failure of the suite.
  if [ "$code" -ne 0 ] && [ "$code" -ne 5 ]; then status=1; fi
  summary+=("$(printf '%-46s %5d s  exit %d' "$name" $((SECONDS - started)) "$code")")
}

stage "SQLite, all but the browser tests" --db=sqlite -n "$WORKERS" -m "not browser and not deploy"
stage "SQLite, browser tests (Chromium)" --db=sqlite -n "$WORKERS" --dist loadfile -m browser
stage "PostgreSQL, database-sensitive tests" --db=postgresql -n "$WORKERS" -m database
stage "Deployment: serve.sh, two processes" --db=sqlite -n 2 --dist loadfile -m deploy tests/deploy

echo
echo "=== time per stage ==="
printf '%s\n' "${summary[@]}"
echo "total: ${SECONDS} s"
exit "$status"
