#!/bin/sh
# make-deep-nesting.sh - write deep-nesting.xml: valid-small.xml with 10000 nested unknown
# <x> elements inside the person, 100 per line. A parser that recursed per element, or that
# lifted libxml2's depth limit (XML_PARSE_HUGE), would be exposed by it.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu
cd "$(dirname "$0")"

depth=10000
per_line=100

awk -v depth="$depth" -v per_line="$per_line" '
  { print }
  /<specialty>/ {
    for (i = 0; i < depth / per_line; i++) {
      line = "    "
      for (j = 0; j < per_line; j++) line = line "<x>"
      print line
    }
    for (i = 0; i < depth / per_line; i++) {
      line = "    "
      for (j = 0; j < per_line; j++) line = line "</x>"
      print line
    }
  }
' valid-small.xml > deep-nesting.xml
