#!/bin/sh
# Installs, from Debian 12's packages, everything Xueshi needs to build, run and test;
# with --bench, also what bench/run needs.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

packages="
  meson ninja-build pkg-config gcc gettext git clang libclang-rt-14-dev
  libglib2.0-dev libglib2.0-bin libsqlite3-dev sqlite3 libxml2-dev libxml2-utils
  libjson-glib-dev libcairo2-dev libpango1.0-dev libqrencode-dev libpoppler-glib-dev
  libgdk-pixbuf-2.0-dev libcsv-dev libxlsxwriter-dev libgsf-1-dev
  libpq-dev postgresql-15 postgresql-common postgresql-client-15
  libgtk-4-dev libadwaita-1-dev
  libtesseract-dev tesseract-ocr-chi-sim tesseract-ocr-eng libsane-dev sane-utils
  fonts-arphic-uming fonts-wqy-zenhei fonts-noto-cjk
  desktop-file-utils appstream librsvg2-bin
  xvfb xauth x11-apps imagemagick poppler-utils unzip
"

# What bench/run adds (its baselines and the application's display), only on request:
# install-deps.sh --bench. LibreOffice is large, so the build and the tests do without it.
if [ "${1:-}" = "--bench" ]; then
  packages="$packages
  libreoffice-writer-nogui dbus-daemon python3
"
fi

missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done

if [ -n "$missing" ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "Installing:$missing" >&2
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
fi
