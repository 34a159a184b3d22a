/* xs-date.h — the few calendar sums the rules need: ISO dates, whole months, days per year.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean xs_date_parse (const char *iso, GDate *out);
guint xs_date_full_months (const GDate *start, const GDate *end);
guint xs_date_days_in_year (const GDate *start, const GDate *end, guint year);
guint xs_date_inclusive_days (const GDate *start, const GDate *end);

G_END_DECLS
