#!/bin/bash
# Builds the libFuzzer harnesses (tests/fuzz) in _build-fuzz with clang and runs one of them,
# or all one after another, for SECONDS each (or until RUNS inputs), at low priority. Fails on
# the first crash.
#   build-aux/fuzz.sh [NAME|all] [SECONDS] [RUNS]    NAME: import rules roster scan resident-id
# The long run of HACKING.md, 10^7 inputs each: build-aux/fuzz.sh NAME 14400 10000000
# Seeds: tests/fuzz/corpus/NAME and tests/data (read only); what the fuzzer finds goes to
# _build-fuzz/corpus/NAME, a crashing input to _build-fuzz/crashes/ (both outside the repo).
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")/.."
src=$(pwd)

name=${1:-all}
seconds=${2:-20}
runs=${3:--1}
harnesses="import rules roster scan resident-id"
[ "$name" = all ] || harnesses=$name

if [ ! -f _build-fuzz/build.ninja ]; then
  CC=clang meson setup _build-fuzz -Dfuzzing=true -Dapp=false
fi
targets=""
for h in $harnesses; do targets="$targets tests/fuzz/fuzz-$h"; done
# Only the harnesses: the rest of the tree is built and tested with gcc.
nice -n 10 meson compile -C _build-fuzz $targets

seeds_for () {
  case $1 in
    import) echo "$src/tests/data/import" ;;
    rules) echo "$src/data/rules" ;;
    roster) echo "$src/tests/data/roster" ;;
    scan) echo "$src/tests/data/scan $src/tests/data/import/evidence/ok.jpg $src/tests/data/import/evidence/ok.pdf" ;;
    resident-id) ;;
  esac
}

mkdir -p _build-fuzz/crashes
# import and roster open a fresh store per input: its fsyncs cost nothing in memory.
[ -d /dev/shm ] && [ -w /dev/shm ] && export TMPDIR=/dev/shm
for h in $harnesses; do
  corpus=_build-fuzz/corpus/$h
  mkdir -p "$corpus"
  # Each seed file is copied (a directory given to libFuzzer is read whole, links too).
  for s in $(seeds_for "$h"); do
    find "$s" -maxdepth 1 -type f -size -64k -exec cp {} "$corpus/" \;
  done
  extra=""
  [ -d "tests/fuzz/corpus/$h" ] && extra="tests/fuzz/corpus/$h"
  echo "fuzz-$h: $seconds s" >&2
  ASAN_OPTIONS="detect_leaks=1:abort_on_error=1" \
  LSAN_OPTIONS="suppressions=$src/tests/lsan.supp:print_suppressions=0" \
  UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
  G_SLICE=always-malloc \
    nice -n 10 "_build-fuzz/tests/fuzz/fuzz-$h" -max_total_time="$seconds" -runs="$runs" -timeout=10 \
      -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
      -artifact_prefix="_build-fuzz/crashes/$h-" "$corpus" $extra
done
