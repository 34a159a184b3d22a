/* xs-resident-id.c - Validation of Chinese 18-digit resident ID numbers (GB 11643-1999)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "xs-resident-id.h"

#include <string.h>

#include <glib.h>
#include <glib/gi18n-lib.h>

/* Layout of a resident ID (1-based positions as printed on the card):
 *   1–6    administrative division code, of which 1–2 is the province
 *   7–14   birth date, YYYYMMDD
 *   15–17  sequence number (odd for men, even for women)
 *   18     ISO 7064 MOD 11-2 check digit, 0–9 or X
 */
#define N_BODY_DIGITS 17
#define BIRTH_DATE_OFFSET 6
#define MASK_KEEP_HEAD 6
#define MASK_KEEP_TAIL 4
#define MIN_BIRTH_YEAR 1900

/* clang-format off */
G_DEFINE_QUARK (xs-resident-id-error-quark, xs_resident_id_error)
/* clang-format on */

static const guint check_weights[N_BODY_DIGITS] = {
  7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2,
};

/* Indexed by the weighted sum modulo 11. */
static const char check_digits[11] = {
  '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2',
};

static gboolean
has_ascii_digits (const char *s, gsize n)
{
  gsize i;

  for (i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE; /* also stops at the terminating NUL */

  return TRUE;
}

static guint
parse_digits (const char *s, gsize n)
{
  guint value = 0;
  gsize i;

  for (i = 0; i < n; i++)
    value = value * 10 + (guint)(s[i] - '0');

  return value;
}

/* @digits must start with at least N_BODY_DIGITS ASCII digits. */
static char
compute_check_digit (const char *digits)
{
  guint sum = 0;
  gsize i;

  for (i = 0; i < N_BODY_DIGITS; i++)
    sum += (guint)(digits[i] - '0') * check_weights[i];

  return check_digits[sum % 11];
}

static gboolean
is_province_code (guint code)
{
  return (code >= 11 && code <= 15) || (code >= 21 && code <= 23) || (code >= 31 && code <= 37) ||
         (code >= 41 && code <= 46) || (code >= 50 && code <= 54) || (code >= 61 && code <= 65) ||
         code == 71 || code == 81 || code == 82 || code == 83;
}

static gboolean
check_length (const char *id, GError **error)
{
  glong n_chars;

  if (g_utf8_validate (id, -1, NULL))
    n_chars = g_utf8_strlen (id, -1);
  else
    n_chars = (glong)strlen (id);

  if (n_chars == XS_RESIDENT_ID_LENGTH)
    return TRUE;

  if (n_chars == 0)
    g_set_error_literal (error, XS_RESIDENT_ID_ERROR, XS_RESIDENT_ID_ERROR_LENGTH,
                         _ ("Resident ID is empty"));
  else
    g_set_error (error, XS_RESIDENT_ID_ERROR, XS_RESIDENT_ID_ERROR_LENGTH,
                 g_dngettext (GETTEXT_PACKAGE,
                              "Resident ID must be 18 characters long, but it has %ld character",
                              "Resident ID must be 18 characters long, but it has %ld characters",
                              (gulong)n_chars),
                 n_chars);

  return FALSE;
}

/* Called only once check_length() passed, so @id has 18 characters
 * (18 bytes if it is invalid UTF-8). */
static gboolean
check_characters (const char *id, GError **error)
{
  gboolean is_utf8 = g_utf8_validate (id, -1, NULL);
  const char *p;
  guint position = 1;

  for (p = id; *p != '\0'; p = is_utf8 ? g_utf8_next_char (p) : p + 1, position++)
    {
      gboolean is_last = position == XS_RESIDENT_ID_LENGTH;
      g_autofree char *shown = NULL;

      if (g_ascii_isdigit (*p) || (is_last && *p == 'X'))
        continue;

      if (is_last && *p == 'x')
        {
          g_set_error_literal (error, XS_RESIDENT_ID_ERROR, XS_RESIDENT_ID_ERROR_CHARACTER,
                               _ ("The last character is a lowercase “x”; use an uppercase “X”"));
          return FALSE;
        }

      if (is_utf8 && g_unichar_isprint (g_utf8_get_char (p)))
        shown = g_strndup (p, (gsize)(g_utf8_next_char (p) - p));

      if (is_last && shown != NULL)
        /* Translators: %s is the offending character */
        g_set_error (error, XS_RESIDENT_ID_ERROR, XS_RESIDENT_ID_ERROR_CHARACTER,
                     _ ("The last character must be a digit or “X”, not “%s”"), shown);
      else if (is_last)
        g_set_error_literal (error, XS_RESIDENT_ID_ERROR, XS_RESIDENT_ID_ERROR_CHARACTER,
                             _ ("The last character must be a digit or “X”"));
      else if (shown != NULL)
        /* Translators: %u is a 1-based position, %s the offending character */
        g_set_error (error, XS_RESIDENT_ID_ERROR, XS_RESIDENT_ID_ERROR_CHARACTER,
                     _ ("Character %u (“%s”) must be a digit"), position, shown);
      else
        /* Translators: %u is a 1-based position */
        g_set_error (error, XS_RESIDENT_ID_ERROR, XS_RESIDENT_ID_ERROR_CHARACTER,
                     _ ("Character %u must be a digit"), position);

      return FALSE;
    }

  return TRUE;
}

/* @date_digits points at 8 ASCII digits (YYYYMMDD). @today may be %NULL to
 * skip the check for dates in the future. On success @out_date is set. */
static gboolean
check_birth_date (const char *date_digits, const GDate *today, GDate *out_date, GError **error)
{
  guint year = parse_digits (date_digits, 4);
  guint month = parse_digits (date_digits + 4, 2);
  guint day = parse_digits (date_digits + 6, 2);
  guint days_in_month;

  if (year < MIN_BIRTH_YEAR)
    {
      /* Translators: %u is a year */
      g_set_error (error, XS_RESIDENT_ID_ERROR, XS_RESIDENT_ID_ERROR_BIRTH_DATE,
                   _ ("Birth year %04u is before 1900"), year);
      return FALSE;
    }

  if (month < 1 || month > 12)
    {
      g_set_error (error, XS_RESIDENT_ID_ERROR, XS_RESIDENT_ID_ERROR_BIRTH_DATE,
                   _ ("Birth month %02u does not exist, it must be between 01 and 12"), month);
      return FALSE;
    }

  days_in_month = g_date_get_days_in_month ((GDateMonth)month, (GDateYear)year);
  if (day == 0)
    {
      g_set_error_literal (error, XS_RESIDENT_ID_ERROR, XS_RESIDENT_ID_ERROR_BIRTH_DATE,
                           _ ("Birth day 00 does not exist, days start at 01"));
      return FALSE;
    }
  if (day > days_in_month || !g_date_valid_dmy ((GDateDay)day, (GDateMonth)month, (GDateYear)year))
    {
      /* Translators: the first three values are the birth date as year,
       * month and day; the last one the number of days in that month */
      g_set_error (error, XS_RESIDENT_ID_ERROR, XS_RESIDENT_ID_ERROR_BIRTH_DATE,
                   _ ("Birth date %04u-%02u-%02u does not exist, that month has only %u days"),
                   year, month, day, days_in_month);
      return FALSE;
    }

  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date, (GDateDay)day, (GDateMonth)month, (GDateYear)year);

  if (today != NULL && g_date_compare (out_date, today) > 0)
    {
      g_set_error (error, XS_RESIDENT_ID_ERROR, XS_RESIDENT_ID_ERROR_BIRTH_DATE,
                   _ ("Birth date %04u-%02u-%02u is in the future"), year, month, day);
      g_date_clear (out_date, 1);
      return FALSE;
    }

  return TRUE;
}

/**
 * xs_resident_id_validate_at:
 * @id: an 18-character resident ID, e.g. `11010519491231002X`
 * @today: the current date; birth dates after it are refused
 * @error: return location for an #XS_RESIDENT_ID_ERROR
 *
 * Like xs_resident_id_validate() but with an explicit reference date, so the
 * result does not depend on the clock.
 *
 * Checks, in this order: length, characters (17 digits then a digit or an
 * uppercase `X`), province code, birth date (a real date, from 1900 to
 * @today) and the ISO 7064 MOD 11-2 check digit. The ID is not trimmed.
 *
 * Returns: %TRUE if @id is valid
 */
gboolean
xs_resident_id_validate_at (const char *id, const GDate *today, GError **error)
{
  guint region;
  GDate birth_date;
  char expected;

  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (today != NULL, FALSE);
  g_return_val_if_fail (g_date_valid (today), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_length (id, error) || !check_characters (id, error))
    return FALSE;

  region = parse_digits (id, 2);
  if (!is_province_code (region))
    {
      /* Translators: %02u is the two-digit code that starts the ID */
      g_set_error (error, XS_RESIDENT_ID_ERROR, XS_RESIDENT_ID_ERROR_REGION,
                   _ ("Region code %02u at the start is not a valid province code"), region);
      return FALSE;
    }

  if (!check_birth_date (id + BIRTH_DATE_OFFSET, today, &birth_date, error))
    return FALSE;

  expected = compute_check_digit (id);
  if (id[N_BODY_DIGITS] != expected)
    {
      /* Translators: both values are a single digit or the letter X */
      g_set_error (error, XS_RESIDENT_ID_ERROR, XS_RESIDENT_ID_ERROR_CHECK_DIGIT,
                   _ ("Check digit is %c but should be %c"), id[N_BODY_DIGITS], expected);
      return FALSE;
    }

  return TRUE;
}

/**
 * xs_resident_id_validate:
 * @id: an 18-character resident ID
 * @error: return location for an #XS_RESIDENT_ID_ERROR
 *
 * Validates @id against today's local date, see xs_resident_id_validate_at().
 *
 * Returns: %TRUE if @id is valid
 */
gboolean
xs_resident_id_validate (const char *id, GError **error)
{
  g_autoptr (GDateTime) now = NULL;
  GDate today;

  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  now = g_date_time_new_now_local ();
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, (GDateDay)g_date_time_get_day_of_month (now),
                  (GDateMonth)g_date_time_get_month (now), (GDateYear)g_date_time_get_year (now));

  return xs_resident_id_validate_at (id, &today, error);
}

/**
 * xs_resident_id_compute_check_digit:
 * @first17: exactly 17 ASCII digits (not a full 18-character ID)
 *
 * Computes the ISO 7064 MOD 11-2 check digit of a resident ID.
 *
 * Returns: `'0'` to `'9'` or `'X'`, or 0 if @first17 is not exactly 17 digits
 */
char
xs_resident_id_compute_check_digit (const char *first17)
{
  g_return_val_if_fail (first17 != NULL, 0);

  if (!has_ascii_digits (first17, N_BODY_DIGITS) || first17[N_BODY_DIGITS] != '\0')
    return 0;

  return compute_check_digit (first17);
}

/**
 * xs_resident_id_get_birth_date:
 * @id: an 18-character resident ID
 * @out_date: (out) (optional): return location for the birth date
 *
 * Extracts the birth date of @id. The ID must have the right shape (17
 * digits then a digit or `X`) and a real birth date from 1900 on; the region,
 * the check digit and whether the date is in the future are not checked, use
 * xs_resident_id_validate() for that.
 *
 * Returns: %TRUE and sets @out_date on success; %FALSE and clears @out_date
 *   otherwise
 */
gboolean
xs_resident_id_get_birth_date (const char *id, GDate *out_date)
{
  GDate date;

  g_return_val_if_fail (id != NULL, FALSE);

  g_date_clear (&date, 1);
  if (out_date != NULL)
    g_date_clear (out_date, 1);

  if (strlen (id) != XS_RESIDENT_ID_LENGTH || !check_characters (id, NULL) ||
      !check_birth_date (id + BIRTH_DATE_OFFSET, NULL, &date, NULL))
    return FALSE;

  if (out_date != NULL)
    *out_date = date;

  return TRUE;
}

/**
 * xs_resident_id_mask:
 * @id: a resident ID
 * @out: a buffer of at least 19 bytes; it may be @id itself
 *
 * Masks @id for display in lists: the first 6 and last 4 characters are
 * kept and the 8 in between (the birth date) become `*`, e.g.
 * `110105********002X`. Anything that is not 18 ASCII characters is masked
 * completely, so a malformed ID never leaks. @out is always NUL-terminated.
 *
 * Returns: @out
 */
const char *
xs_resident_id_mask (const char *id, char out[XS_RESIDENT_ID_LENGTH + 1])
{
  char masked[XS_RESIDENT_ID_LENGTH + 1];
  gboolean keep_ends;
  gsize i;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (out != NULL, NULL);

  keep_ends = strlen (id) == XS_RESIDENT_ID_LENGTH;
  for (i = 0; keep_ends && i < XS_RESIDENT_ID_LENGTH; i++)
    keep_ends = g_ascii_isprint (id[i]);

  memset (masked, '*', XS_RESIDENT_ID_LENGTH);
  masked[XS_RESIDENT_ID_LENGTH] = '\0';
  if (keep_ends)
    {
      memcpy (masked, id, MASK_KEEP_HEAD);
      memcpy (masked + XS_RESIDENT_ID_LENGTH - MASK_KEEP_TAIL,
              id + XS_RESIDENT_ID_LENGTH - MASK_KEEP_TAIL, MASK_KEEP_TAIL);
    }

  memcpy (out, masked, sizeof masked);

  return out;
}
