#!/bin/sh
# Installs what Xueshi needs, builds it, loads the sample unit into a fresh database of its
# own (_build/sample.db, so your real records are never touched) and shows it.
# This is the README's run command.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")/.."

./build-aux/install-deps.sh

if [ ! -f _build/build.ninja ]; then
  meson setup _build
fi
meson compile -C _build

db=_build/sample.db
rm -f "$db" "$db-wal" "$db-shm"
rm -rf "$db.evidence"
./_build/src/cli/xueshi-cli --db "$db" import data/sample/sample.xml

if [ -x _build/src/xueshi ] && [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec ./_build/src/xueshi --db "$db"
fi
./_build/src/cli/xueshi-cli --db "$db" hours P001
