/* xs-date.c — the few calendar sums the rules need: ISO dates, whole months, days per year.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "xs-date.h"

/* Strict YYYY-MM-DD; GDate's own parser is locale-dependent and lenient. */
gboolean
xs_date_parse (const char *iso, GDate *out)
{
  guint y, m, d;

  if (iso == NULL || strlen (iso) != 10 || iso[4] != '-' || iso[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (iso[i]))
      return FALSE;

  y = (guint)g_ascii_strtoull (iso, NULL, 10);
  m = (guint)g_ascii_strtoull (iso + 5, NULL, 10);
  d = (guint)g_ascii_strtoull (iso + 8, NULL, 10);
  if (y < 1900 || y > 2199 || !g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_clear (out, 1);
  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

/**
 * xs_date_full_months:
 *
 * How many whole months the period start..end (both days included) lasts: the largest n with
 * end + 1 day >= start + n months. So 03-01..08-31 is exactly 6 months, and 03-01..08-30 is 5.
 */
guint
xs_date_full_months (const GDate *start, const GDate *end)
{
  GDate after_end = *end;
  guint n;

  if (g_date_compare (end, start) < 0)
    return 0;

  g_date_add_days (&after_end, 1);

  /* Start from the calendar difference and step back; at most two steps. */
  n = (g_date_get_year (&after_end) - g_date_get_year (start)) * 12 +
      g_date_get_month (&after_end) - g_date_get_month (start);
  for (;;)
    {
      GDate probe = *start;

      g_date_add_months (&probe, n);
      /* g_date_add_months clamps 01-31 + 1 month to 02-28: a month from the 31st is
       * reached at the end of the shorter month, which is what a clerk counts too. */
      if (g_date_compare (&after_end, &probe) >= 0 || n == 0)
        return n;
      n--;
    }
}

guint
xs_date_inclusive_days (const GDate *start, const GDate *end)
{
  gint d = g_date_days_between (start, end);

  return d < 0 ? 0 : (guint)d + 1;
}

/* The days of start..end (inclusive) that fall in @year. */
guint
xs_date_days_in_year (const GDate *start, const GDate *end, guint year)
{
  GDate first, last;

  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  g_date_set_dmy (&first, 1, 1, year);
  g_date_set_dmy (&last, 31, 12, year);

  if (g_date_compare (start, &first) > 0)
    first = *start;
  if (g_date_compare (end, &last) < 0)
    last = *end;
  return xs_date_inclusive_days (&first, &last);
}
