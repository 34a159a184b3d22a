/* xs-tenths.h — hours and days as fixed-point tenths: parse "12.5" to 125, format back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean xs_tenths_parse (const char *text, gint64 max_tenths, gint64 *out);
char *xs_tenths_format (gint64 tenths);
char *xs_tenths_format_buf (gint64 tenths, char *buf, gsize len);
gboolean xs_uint_parse (const char *text, guint64 min, guint64 max, guint64 *out);

G_END_DECLS
