/* xs-tenths.c — hours and days as fixed-point tenths: parse "12.5" to 125, format back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "xs-tenths.h"

/**
 * xs_tenths_parse:
 * @text: digits with at most one decimal, e.g. "8", "2.5"
 * @max_tenths: the largest value accepted
 *
 * Never goes through floating point, so 0.1 steps stay exact.
 */
gboolean
xs_tenths_parse (const char *text, gint64 max_tenths, gint64 *out)
{
  gint64 value = 0;
  const char *p = text;
  guint digits = 0;

  if (text == NULL || *text == '\0')
    return FALSE;

  for (; *p >= '0' && *p <= '9'; p++)
    {
      if (++digits > 12)
        return FALSE;
      value = value * 10 + (*p - '0');
    }
  if (digits == 0)
    return FALSE;
  value *= 10;

  if (*p == '.')
    {
      p++;
      if (!(*p >= '0' && *p <= '9'))
        return FALSE;
      value += *p - '0';
      p++;
    }
  if (*p != '\0' || value > max_tenths)
    return FALSE;

  *out = value;
  return TRUE;
}

/* Formats 125 as "12.5" and 80 as "8": display drops a trailing ".0". */
char *
xs_tenths_format_buf (gint64 tenths, char *buf, gsize len)
{
  const char *sign = tenths < 0 ? "-" : "";
  guint64 v = tenths < 0 ? (guint64)(-tenths) : (guint64)tenths;

  if (v % 10 == 0)
    g_snprintf (buf, len, "%s%" G_GUINT64_FORMAT, sign, v / 10);
  else
    g_snprintf (buf, len, "%s%" G_GUINT64_FORMAT ".%u", sign, v / 10, (guint)(v % 10));
  return buf;
}

char *
xs_tenths_format (gint64 tenths)
{
  char buf[32];

  return g_strdup (xs_tenths_format_buf (tenths, buf, sizeof buf));
}

gboolean
xs_uint_parse (const char *text, guint64 min, guint64 max, guint64 *out)
{
  guint64 value = 0;
  GError *error = NULL;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, min, max, &value, &error))
    {
      g_clear_error (&error);
      return FALSE;
    }
  *out = value;
  return TRUE;
}
