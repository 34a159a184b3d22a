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
  # Uninstalled: the settings schema and the translations come from the build tree.
  GSETTINGS_SCHEMA_DIR="$PWD/_build/src${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"
  XUESHI_LOCALEDIR="$PWD/_build/po"
  XUESHI_DECODE_HELPER="$PWD/_build/src/helpers/xueshi-decode-check"
  export GSETTINGS_SCHEMA_DIR XUESHI_LOCALEDIR XUESHI_DECODE_HELPER
  # Started with sudo: show the window as the user whose display it is, not as root.
  if [ "$(id -u)" -eq 0 ] && [ -n "${SUDO_USER:-}" ] && [ "$SUDO_USER" != root ]; then
    chown -R "$SUDO_USER" "$db" "$db-wal" "$db-shm" "$db.evidence" 2>/dev/null || true
    exec sudo -u "$SUDO_USER" \
      --preserve-env=DISPLAY,WAYLAND_DISPLAY,XAUTHORITY,XDG_RUNTIME_DIR,DBUS_SESSION_BUS_ADDRESS,GSETTINGS_SCHEMA_DIR,XUESHI_LOCALEDIR,XUESHI_DECODE_HELPER \
      ./_build/src/xueshi --db "$db"
  fi
  exec ./_build/src/xueshi --db "$db"
fi
./_build/src/cli/xueshi-cli --db "$db" hours P001
