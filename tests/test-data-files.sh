#!/bin/sh
# Checks of the translations and the icons, run by meson test (suite 'data'):
#
#   test-data-files.sh potfiles SRCDIR
#       every source that has translatable strings is listed in po/POTFILES.in, and every
#       listed file exists;
#   test-data-files.sh po SRCDIR PO_FILE
#       msgfmt --check accepts the catalogue, it has no fuzzy or untranslated message, and
#       it translates every message the sources have today (not only those of the last
#       `meson compile xueshi-update-po`).
#   test-data-files.sh icons SRCDIR
#       the application icons render with librsvg (rsvg-convert), the full-colour ones on a
#       128×128 canvas, the symbolic one on 16×16 in a single colour that GTK can recolour;
#   test-data-files.sh update-potfiles SRCDIR
#       rewrites po/POTFILES.in: the files listed today that still exist, plus every file
#       that has translatable strings (not a test; HACKING.md, Translations, uses it).
#
# Needs msgfmt, xgettext and msgcmp (gettext) and rsvg-convert (librsvg2-bin). A missing tool
# fails the test.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

fail () {
  echo "FAIL: $*" >&2
  exit 1
}

need () {
  command -v "$1" >/dev/null 2>&1 || fail "$1 not found (build-aux/install-deps.sh installs it)"
}

# The entries of POTFILES.in, one path a line, without comments or blank lines.
potfiles_entries () {
  sed -e 's/#.*//' -e 's/^\[[^]]*\][[:space:]]*//' -e 's/[[:space:]]*$//' "$1/po/POTFILES.in" \
    | grep -v '^$' || true
}

# _("…"), N_("…"), C_(ctx, "…"), ngettext (…), g_dngettext (…) and the like.
gettext_call='(^|[^A-Za-z0-9_])(_|N_|C_|NC_|Q_)[[:space:]]*\(|gettext[0-9]?[[:space:]]*\('

# Every file that should be listed: C sources using the gettext macros, .ui files with
# translatable properties, the desktop and metainfo templates, a schema with a gettext domain.
potfiles_wanted () {
  (
    cd "$1"
    find src -type f \( -name '*.c' -o -name '*.h' \) 2>/dev/null \
      | xargs -r grep -lE "$gettext_call" || true
    find src ui resources -type f -name '*.ui' 2>/dev/null \
      | xargs -r grep -l 'translatable="yes"' || true
    find data -maxdepth 1 -type f \( -name '*.desktop.in' -o -name '*.metainfo.xml.in' \) \
      2>/dev/null
    find data -maxdepth 1 -type f -name '*.gschema.xml' 2>/dev/null \
      | xargs -r grep -l 'gettext-domain=' || true
  ) | LC_ALL=C sort -u
}

check_potfiles () {
  srcdir=$1
  [ -f "$srcdir/po/POTFILES.in" ] || fail "$srcdir/po/POTFILES.in is missing"
  status=0

  listed=$(potfiles_entries "$srcdir")
  for f in $listed; do
    if [ ! -f "$srcdir/$f" ]; then
      echo "po/POTFILES.in lists $f, which does not exist" >&2
      status=1
    fi
  done

  for f in $(potfiles_wanted "$srcdir"); do
    if ! printf '%s\n' "$listed" | grep -qxF "$f"; then
      echo "$f has translatable strings but is not in po/POTFILES.in" >&2
      status=1
    fi
  done

  [ $status -eq 0 ] ||
    fail "po/POTFILES.in is out of date; run tests/test-data-files.sh update-potfiles ." \
      "(HACKING.md, Translations)"
  echo "ok: po/POTFILES.in lists $(printf '%s\n' "$listed" | wc -l) files, none missing"
}

check_po () {
  srcdir=$1
  po=$2
  need msgfmt
  need xgettext
  need msgcmp
  [ -f "$po" ] || fail "$po is missing"

  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT INT TERM

  # 1. The catalogue itself: valid, formats consistent, nothing fuzzy or untranslated.
  if ! msgfmt --check --statistics -o "$tmp/out.mo" "$po" 2>"$tmp/stats"; then
    cat "$tmp/stats" >&2
    fail "msgfmt --check refuses $po"
  fi
  stats=$(cat "$tmp/stats")
  echo "$po: $stats"
  case "$stats" in
    *fuzzy* | *untranslated*) fail "$po has fuzzy or untranslated messages" ;;
  esac

  # 2. Every message of today's sources is translated. The keywords are meson's
  # i18n.gettext(preset: 'glib') ones (po/meson.build), so the msgids are the same.
  xgettext --from-code=UTF-8 --add-comments \
    --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
    --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
    --directory="$srcdir" --files-from="$srcdir/po/POTFILES.in" \
    --output="$tmp/current.pot" 2>"$tmp/xgettext.log" || {
    cat "$tmp/xgettext.log" >&2
    fail "xgettext could not extract the messages"
  }
  if [ ! -f "$tmp/current.pot" ]; then
    echo "no translatable messages in the sources"
    return 0
  fi
  if ! msgcmp "$po" "$tmp/current.pot" 2>"$tmp/msgcmp.log"; then
    grep -c 'this message is used but not defined' "$tmp/msgcmp.log" >"$tmp/n" || true
    sed -n '1,60p' "$tmp/msgcmp.log" >&2
    fail "$(cat "$tmp/n") messages of the sources are not translated in $po" \
      "(HACKING.md, Translations)"
  fi
  echo "ok: $po translates every message of the current sources"
}

check_icons () {
  srcdir=$1
  need rsvg-convert
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT INT TERM
  n=0
  icons=$srcdir/data/icons/hicolor
  for svg in "$icons"/scalable/apps/*.svg "$icons"/symbolic/apps/*.svg; do
    [ -f "$svg" ] || fail "no icons under $srcdir/data/icons"
    case "$svg" in
      */symbolic/*) size=16 ;;
      *) size=128 ;;
    esac
    grep -q "viewBox=\"0 0 $size $size\"" "$svg" ||
      fail "$svg: expected viewBox=\"0 0 $size $size\""
    rsvg-convert -w "$size" -h "$size" -o "$tmp/icon.png" "$svg" || fail "$svg does not render"
    case "$svg" in
      */symbolic/*)
        colours=$(grep -o '#[0-9a-fA-F]\{6\}' "$svg" | sort -u | tr '\n' ' ')
        [ "$colours" = "#2e3436 " ] ||
          fail "$svg: a symbolic icon is drawn in #2e3436 only, not: $colours"
        ;;
    esac
    n=$((n + 1))
  done
  for id in io.github.xueshi.Xueshi io.github.xueshi.Xueshi.Devel; do
    [ -f "$icons/scalable/apps/$id.svg" ] || fail "missing the $id icon"
  done
  echo "ok: $n icons render"
}

update_potfiles () {
  srcdir=$1
  tmp=$srcdir/po/POTFILES.in.new
  {
    echo "# Files with translatable strings. tests/test-data-files.sh fails when one is missing;"
    echo "# HACKING.md, Translations, says how to update po/zh_CN.po afterwards."
    (
      for f in $(potfiles_entries "$srcdir"); do
        if [ -f "$srcdir/$f" ]; then echo "$f"; fi
      done
      potfiles_wanted "$srcdir"
    ) | LC_ALL=C sort -u
  } >"$tmp"
  mv "$tmp" "$srcdir/po/POTFILES.in"
  echo "po/POTFILES.in: $(grep -vc '^#' "$srcdir/po/POTFILES.in") files"
}

case "${1:-}" in
  icons) [ $# -eq 2 ] || fail "usage: $0 icons SRCDIR"; check_icons "$2" ;;
  update-potfiles)
    [ $# -eq 2 ] || fail "usage: $0 update-potfiles SRCDIR"
    update_potfiles "$2"
    ;;
  potfiles) [ $# -eq 2 ] || fail "usage: $0 potfiles SRCDIR"; check_potfiles "$2" ;;
  po) [ $# -eq 3 ] || fail "usage: $0 po SRCDIR PO_FILE"; check_po "$2" "$3" ;;
  *) fail "usage: $0 potfiles SRCDIR | po SRCDIR PO_FILE | icons SRCDIR | update-potfiles SRCDIR" ;;
esac
