#!/bin/sh
# Runs each test program given against a throwaway PostgreSQL server: pg_virtualenv (from
# postgresql-common) starts one for the lot, sets libpq's environment (PGHOST, PGPORT,
# PGUSER, PGPASSWORD) and removes it afterwards. It works as root too, as CI runs.
#   tests/with-postgresql.sh TEST-PROGRAM…
# Each program makes its own databases on that server (tests/xs-test-util.c). A program that
# fails fails the lot; a missing server is a failure, never a skip.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

if ! command -v pg_virtualenv >/dev/null 2>&1; then
  echo "with-postgresql.sh: pg_virtualenv is missing: run build-aux/install-deps.sh" >&2
  exit 1
fi

cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
export XUESHI_TEST_BACKEND=postgresql
# The evidence cache of the databases the tests make, apart from the user's own.
export XDG_CACHE_HOME="$cache"

# pg_virtualenv prints its own progress; the tests' output is what matters.
pg_virtualenv sh -c '
  failed=0
  for program in "$@"; do
    echo "# ${program##*/} on PostgreSQL"
    if ! "$program"; then
      echo "# FAILED: ${program##*/} on PostgreSQL"
      failed=1
    fi
  done
  exit $failed
' with-postgresql "$@"
