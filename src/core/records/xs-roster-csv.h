/* xs-roster-csv.h — reading a roster file into rows, for xs-roster.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-roster.h"

G_BEGIN_DECLS

typedef struct
{
  guint line;
  GPtrArray *cells; /* char *, NUL-terminated, trimmed */
  GArray *numeric;  /* gboolean per cell, from a workbook: Excel stored a number; NULL for CSV */
} XsRosterRow;

void xs_roster_row_free (XsRosterRow *row);
GBytes *xs_roster_read_capped (const char *path, GError **error);
char *xs_roster_decode_text (GBytes *bytes, const char **out_encoding, gsize *out_len,
                             GError **error);
GPtrArray *xs_roster_parse_csv (const char *text, gsize len, GError **error);
GPtrArray *xs_roster_read_workbook (GBytes *bytes, const char *name, GError **error);

G_END_DECLS
