#!/bin/bash
# Installs what Xueshi needs, builds it, and runs the whole test suite twice: once as built,
# once under AddressSanitizer and UndefinedBehaviorSanitizer. This is the README's test
# command and what CI runs.
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")/.."

./build-aux/install-deps.sh

if [ ! -f _build/build.ninja ]; then
  meson setup _build
fi
meson compile -C _build
log=$(mktemp)
trap 'rm -f "$log"' EXIT
meson test -C _build --print-errorlogs --num-processes 2 | tee "$log"

if [ ! -f _build-sanitize/build.ninja ]; then
  meson setup _build-sanitize -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug
fi
meson compile -C _build-sanitize
# GLib keeps a few process-lifetime allocations (user dirs, type system); the suppressions
# name them so that any leak of ours still fails the run.
ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:fast_unwind_on_malloc=0" \
LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0" \
UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
G_SLICE=always-malloc \
  meson test -C _build-sanitize --print-errorlogs --num-processes 2 --timeout-multiplier 10 \
  | tee -a "$log"

# What a packager builds: optimised, so -Werror meets the warnings only -O3 finds.
if [ ! -f _build-release/build.ninja ]; then
  meson setup _build-release --buildtype=release
fi
meson compile -C _build-release
meson test -C _build-release --print-errorlogs --num-processes 2 | tee -a "$log"

# The libFuzzer harnesses (tests/fuzz), built with clang: a short run of each from its seeds.
# A crash, leak or sanitizer report fails the script; the input is left in _build-fuzz/crashes.
./build-aux/fuzz.sh all 20

# One closing line for people and CI: both runs' totals (each run already failed the script
# if any of its tests failed).
passed=$(awk '/^Ok:/ { n += $2 } END { print n + 0 }' "$log")
failed=$(awk '/^Fail:/ { n += $2 } /^Timeout:/ { n += $2 } END { print n + 0 }' "$log")
echo "$passed passed, $failed failed"
