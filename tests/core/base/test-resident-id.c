/* test-resident-id.c - Unit tests for the resident ID (GB 11643-1999) validator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <glib.h>

#include "xs-resident-id.h"

/* All check digits below were computed independently of the implementation
 * (weights 2^(n-1) mod 11, check digit c with sum + c ≡ 1 mod 11). */

/* Fixed reference date for every test that is not about the clock. */
#define TODAY_YEAR 2024
#define TODAY_MONTH G_DATE_JUNE
#define TODAY_DAY 15

static void
set_today (GDate *today)
{
  g_date_clear (today, 1);
  g_date_set_dmy (today, TODAY_DAY, TODAY_MONTH, TODAY_YEAR);
}

static void
assert_valid (const char *id)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *shown = NULL;
  GDate today;

  set_today (&today);
  shown = g_strescape (id, NULL);
  g_test_message ("valid: %s", shown);
  g_assert_true (xs_resident_id_validate_at (id, &today, &error));
  g_assert_no_error (error);
}

/* Asserts that @id is refused with @code and that the message contains every
 * string of the NULL-terminated list. */
G_GNUC_NULL_TERMINATED static void
assert_invalid (const char *id, XsResidentIdError code, ...)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *shown = NULL;
  GDate today;
  const char *needle;
  va_list args;

  set_today (&today);
  shown = g_strescape (id, NULL);
  g_test_message ("invalid: %s", shown);
  g_assert_false (xs_resident_id_validate_at (id, &today, &error));
  g_assert_error (error, XS_RESIDENT_ID_ERROR, (int)code);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");

  va_start (args, code);
  while ((needle = va_arg (args, const char *)) != NULL)
    {
      if (strstr (error->message, needle) == NULL)
        g_error ("message “%s” for “%s” does not mention “%s”", error->message, shown, needle);
    }
  va_end (args);

  /* Without a GError the result is the same. */
  g_assert_false (xs_resident_id_validate_at (id, &today, NULL));
}

/* One ID for each weighted-sum remainder 0..10, in that order. */
static const struct
{
  const char *id;
  char check_digit;
} remainder_ids[] = {
  { "330102200109090021", '1' }, /* remainder 0 */
  { "510107200002290010", '0' }, /* remainder 1 */
  { "53012119820101006X", 'X' }, /* remainder 2 */
  { "810000198811110009", '9' }, /* remainder 3 */
  { "440306198503120008", '8' }, /* remainder 4 */
  { "420106196304050007", '7' }, /* remainder 5 */
  { "350203197008150006", '6' }, /* remainder 6 */
  { "110108199912310005", '5' }, /* remainder 7 */
  { "650102197806300004", '4' }, /* remainder 8 */
  { "230104199507200023", '3' }, /* remainder 9 */
  { "310115199001010002", '2' }, /* remainder 10 */
};

static const char *const valid_ids[] = {
  "11010519491231002X", /* the textbook example */
  "330102200109090021",
  "510107200002290010",
  "53012119820101006X",
  "810000198811110009",
  "440306198503120008",
  "420106196304050007",
  "350203197008150006",
  "110108199912310005",
  "650102197806300004",
  "230104199507200023",
  "310115199001010002",
  /* province code range boundaries */
  "150102199001010019",
  "460102199001010011",
  "540102199001010011",
  "620102199001010011",
  "710000199001010015",
  "820000199001010010",
  "830000199001010012",
  /* leap day in leap years 2000 (divisible by 400) and 2024 */
  "510107200002290010",
  "510107202402290019",
  /* earliest allowed year, and born on the reference day itself */
  "110105190001010028",
  "440306202406150036",
};

static void
test_valid (void)
{
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (valid_ids); i++)
    assert_valid (valid_ids[i]);
}

static void
test_check_digit_compute (void)
{
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (remainder_ids); i++)
    {
      g_autofree char *body = g_strndup (remainder_ids[i].id, 17);

      g_test_message ("body %s", body);
      g_assert_cmpint (xs_resident_id_compute_check_digit (body), ==, remainder_ids[i].check_digit);
      g_assert_cmpint (remainder_ids[i].id[17], ==, remainder_ids[i].check_digit);
    }
}

static void
test_check_digit_every_remainder (void)
{
  const char *all = "10X98765432"; /* remainder 0..10 */
  gsize i;

  /* The table really covers each remainder once, in order. */
  g_assert_cmpuint (G_N_ELEMENTS (remainder_ids), ==, 11);
  for (i = 0; i < G_N_ELEMENTS (remainder_ids); i++)
    {
      g_autofree char *body = g_strndup (remainder_ids[i].id, 17);

      g_assert_cmpint (remainder_ids[i].check_digit, ==, all[i]);
      g_assert_cmpint (xs_resident_id_compute_check_digit (body), ==, all[i]);
      assert_valid (remainder_ids[i].id);
    }
}

static void
test_check_digit_x_is_accepted (void)
{
  GDate date;

  assert_valid ("11010519491231002X");
  assert_valid ("53012119820101006X");
  g_assert_cmpint (xs_resident_id_compute_check_digit ("11010519491231002"), ==, 'X');

  g_assert_true (xs_resident_id_get_birth_date ("11010519491231002X", &date));
}

static void
test_check_digit_wrong (void)
{
  const char *candidates = "0123456789X";
  gsize i, j;

  for (i = 0; i < G_N_ELEMENTS (valid_ids); i++)
    {
      char expected = valid_ids[i][17];

      for (j = 0; candidates[j] != '\0'; j++)
        {
          char id[19];
          g_autofree char *message = NULL;

          if (candidates[j] == expected)
            continue;

          memcpy (id, valid_ids[i], sizeof id);
          id[17] = candidates[j];
          message = g_strdup_printf ("Check digit is %c but should be %c", candidates[j], expected);
          assert_invalid (id, XS_RESIDENT_ID_ERROR_CHECK_DIGIT, message, NULL);
        }
    }

  /* The example from the specification of the messages. */
  assert_invalid ("110105194912310023", XS_RESIDENT_ID_ERROR_CHECK_DIGIT,
                  "Check digit is 3 but should be X", NULL);
}

static void
test_check_digit_compute_rejects (void)
{
  g_assert_cmpint (xs_resident_id_compute_check_digit (""), ==, 0);
  g_assert_cmpint (xs_resident_id_compute_check_digit ("1101051949123100"), ==, 0);
  g_assert_cmpint (xs_resident_id_compute_check_digit ("11010519491231002X"), ==, 0);
  g_assert_cmpint (xs_resident_id_compute_check_digit ("110105194912310023"), ==, 0);
  g_assert_cmpint (xs_resident_id_compute_check_digit ("1101051949123100A"), ==, 0);
  g_assert_cmpint (xs_resident_id_compute_check_digit ("A1010519491231002"), ==, 0);
  g_assert_cmpint (xs_resident_id_compute_check_digit (" 1010519491231002"), ==, 0);
}

static void
test_character_lowercase_x (void)
{
  GDate date;

  assert_invalid ("11010519491231002x", XS_RESIDENT_ID_ERROR_CHARACTER, "uppercase", "X", NULL);
  assert_invalid ("53012119820101006x", XS_RESIDENT_ID_ERROR_CHARACTER, "uppercase", NULL);
  g_assert_false (xs_resident_id_get_birth_date ("11010519491231002x", &date));
}

static void
test_character_not_digit (void)
{
  /* letters, an X, punctuation and a space before the last position */
  assert_invalid ("110105A9491231002X", XS_RESIDENT_ID_ERROR_CHARACTER, "7", "“A”", NULL);
  assert_invalid ("1101051949X231002X", XS_RESIDENT_ID_ERROR_CHARACTER, "11", "“X”", NULL);
  assert_invalid ("x1010519491231002X", XS_RESIDENT_ID_ERROR_CHARACTER, "1", "“x”", NULL);
  assert_invalid ("110105-9491231002X", XS_RESIDENT_ID_ERROR_CHARACTER, "7", NULL);
  assert_invalid ("110105 19491231002", XS_RESIDENT_ID_ERROR_CHARACTER, "7", NULL);
  /* the last character may only be a digit or X */
  assert_invalid ("11010519491231002Y", XS_RESIDENT_ID_ERROR_CHARACTER, "last", "“Y”", NULL);
  assert_invalid ("11010519491231002+", XS_RESIDENT_ID_ERROR_CHARACTER, "last", NULL);
  /* full-width digit two (U+FF12): 18 characters, but not ASCII */
  assert_invalid ("1101051949123100\xef\xbc\x92X", XS_RESIDENT_ID_ERROR_CHARACTER, "17", NULL);
  /* invalid UTF-8 */
  assert_invalid ("1101051949\xff"
                  "231002X",
                  XS_RESIDENT_ID_ERROR_CHARACTER, "11", NULL);
}

static void
test_length (void)
{
  assert_invalid ("", XS_RESIDENT_ID_ERROR_LENGTH, NULL);
  assert_invalid ("1", XS_RESIDENT_ID_ERROR_LENGTH, "18", "1", NULL);
  /* 17: the check digit is missing */
  assert_invalid ("11010519491231002", XS_RESIDENT_ID_ERROR_LENGTH, "18", "17", NULL);
  /* 19: one too many, though the first 18 are valid */
  assert_invalid ("11010519491231002X0", XS_RESIDENT_ID_ERROR_LENGTH, "18", "19", NULL);
  assert_invalid ("11010519491231002X ", XS_RESIDENT_ID_ERROR_LENGTH, "19", NULL);
  assert_invalid (" 11010519491231002X", XS_RESIDENT_ID_ERROR_LENGTH, "19", NULL);
  /* 15 digits: a first-generation ID */
  assert_invalid ("110105491231002", XS_RESIDENT_ID_ERROR_LENGTH, "15", NULL);
  /* 18 bytes but 17 characters: length is counted in characters */
  assert_invalid ("1101051949123100\xc3\xa9", XS_RESIDENT_ID_ERROR_LENGTH, "17", NULL);
}

static void
test_region_invalid (void)
{
  /* All with a correct check digit and birth date, only the region is wrong. */
  assert_invalid ("990105194912310023", XS_RESIDENT_ID_ERROR_REGION, "99", NULL);
  assert_invalid ("000105194912310024", XS_RESIDENT_ID_ERROR_REGION, "00", NULL);
  assert_invalid ("100105194912310028", XS_RESIDENT_ID_ERROR_REGION, "10", NULL);
  assert_invalid ("160105194912310029", XS_RESIDENT_ID_ERROR_REGION, "16", NULL);
  assert_invalid ("720105194912310023", XS_RESIDENT_ID_ERROR_REGION, "72", NULL);
  assert_invalid ("840105194912310020", XS_RESIDENT_ID_ERROR_REGION, "84", NULL);
}

static void
test_region_every_code (void)
{
  static const guint valid_codes[] = {
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43,
    44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
  };
  guint code;

  for (code = 0; code <= 99; code++)
    {
      /* a valid date and sequence number, then the right check digit */
      g_autofree char *id = g_strdup_printf ("%02u010519491231002?", code);
      gboolean expect_valid = FALSE;
      gsize i;

      id[17] = '\0';
      id[17] = xs_resident_id_compute_check_digit (id);
      g_assert_cmpint (id[17], !=, 0);

      for (i = 0; i < G_N_ELEMENTS (valid_codes); i++)
        expect_valid |= valid_codes[i] == code;

      if (expect_valid)
        {
          assert_valid (id);
        }
      else
        {
          g_autofree char *shown = g_strdup_printf ("%02u", code);

          assert_invalid (id, XS_RESIDENT_ID_ERROR_REGION, shown, NULL);
        }
    }
}

static void
test_birth_date_leap_day (void)
{
  GDate date;

  /* 2000 is a leap year (divisible by 400), so is 2024 */
  assert_valid ("510107200002290010");
  assert_valid ("510107202402290019");
  g_assert_true (xs_resident_id_get_birth_date ("510107200002290010", &date));
  g_assert_cmpint (g_date_get_year (&date), ==, 2000);
  g_assert_cmpint (g_date_get_month (&date), ==, G_DATE_FEBRUARY);
  g_assert_cmpint (g_date_get_day (&date), ==, 29);

  /* 1900 is not (divisible by 100 but not 400), nor is 2023 */
  assert_invalid ("510107190002290014", XS_RESIDENT_ID_ERROR_BIRTH_DATE, "1900-02-29", "28", NULL);
  assert_invalid ("510107202302290011", XS_RESIDENT_ID_ERROR_BIRTH_DATE, "2023-02-29", "28", NULL);
  g_assert_false (xs_resident_id_get_birth_date ("510107190002290014", &date));
  g_assert_false (xs_resident_id_get_birth_date ("510107202302290011", &date));
}

static void
test_birth_date_invalid (void)
{
  /* correct check digits, so only the date is wrong */
  assert_invalid ("110105194913010029", XS_RESIDENT_ID_ERROR_BIRTH_DATE, "13", NULL);
  assert_invalid ("110105194912000021", XS_RESIDENT_ID_ERROR_BIRTH_DATE, "00", NULL);
  assert_invalid ("11010519490132002X", XS_RESIDENT_ID_ERROR_BIRTH_DATE, "1949-01-32", "31", NULL);
  assert_invalid ("11010519490431002X", XS_RESIDENT_ID_ERROR_BIRTH_DATE, "1949-04-31", "30", NULL);
  assert_invalid ("110105189912310023", XS_RESIDENT_ID_ERROR_BIRTH_DATE, "1899", "1900", NULL);
  /* year 0000 is not a GDate year */
  assert_invalid ("110105000001010028", XS_RESIDENT_ID_ERROR_BIRTH_DATE, NULL);
}

static void
test_birth_date_future (void)
{
  g_autoptr (GError) error = NULL;
  GDate today;

  /* the reference day is 2024-06-15 */
  assert_valid ("440306202406150036");
  assert_invalid ("440306202406160031", XS_RESIDENT_ID_ERROR_BIRTH_DATE, "2024-06-16", "future",
                  NULL);
  assert_invalid ("440306202501010031", XS_RESIDENT_ID_ERROR_BIRTH_DATE, "future", NULL);

  /* the same ID is fine one day later: @today is honoured */
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 16, G_DATE_JUNE, 2024);
  g_assert_true (xs_resident_id_validate_at ("440306202406160031", &today, &error));
  g_assert_no_error (error);

  /* and a past ID is refused when today is before the birth */
  g_date_set_dmy (&today, 30, G_DATE_DECEMBER, 1949);
  g_assert_false (xs_resident_id_validate_at ("11010519491231002X", &today, &error));
  g_assert_error (error, XS_RESIDENT_ID_ERROR, XS_RESIDENT_ID_ERROR_BIRTH_DATE);
}

static void
test_birth_date_clock (void)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (xs_resident_id_validate ("11010519491231002X", &error));
  g_assert_no_error (error);

  /* born in 2999: in the future for as long as this code runs */
  g_assert_false (xs_resident_id_validate ("440306299901010034", &error));
  g_assert_error (error, XS_RESIDENT_ID_ERROR, XS_RESIDENT_ID_ERROR_BIRTH_DATE);
  g_clear_error (&error);

  g_assert_false (xs_resident_id_validate ("11010519491231002x", &error));
  g_assert_error (error, XS_RESIDENT_ID_ERROR, XS_RESIDENT_ID_ERROR_CHARACTER);
}

static void
test_birth_date_get (void)
{
  GDate date;

  g_assert_true (xs_resident_id_get_birth_date ("11010519491231002X", &date));
  g_assert_true (g_date_valid (&date));
  g_assert_cmpint (g_date_get_year (&date), ==, 1949);
  g_assert_cmpint (g_date_get_month (&date), ==, G_DATE_DECEMBER);
  g_assert_cmpint (g_date_get_day (&date), ==, 31);

  g_assert_true (xs_resident_id_get_birth_date ("440306198503120008", &date));
  g_assert_cmpint (g_date_get_year (&date), ==, 1985);
  g_assert_cmpint (g_date_get_month (&date), ==, G_DATE_MARCH);
  g_assert_cmpint (g_date_get_day (&date), ==, 12);

  /* documented: the check digit is not verified */
  g_assert_true (xs_resident_id_get_birth_date ("110105194912310023", &date));
  g_assert_cmpint (g_date_get_year (&date), ==, 1949);

  /* no date: FALSE and the date is cleared */
  g_assert_false (xs_resident_id_get_birth_date ("110105194913010029", &date));
  g_assert_false (g_date_valid (&date));
  g_assert_true (xs_resident_id_get_birth_date ("11010519491231002X", &date));
  g_assert_false (xs_resident_id_get_birth_date ("110105194912000021", &date));
  g_assert_false (g_date_valid (&date));
  g_assert_false (xs_resident_id_get_birth_date ("11010519491231002", &date));
  g_assert_false (xs_resident_id_get_birth_date ("", &date));
  g_assert_false (xs_resident_id_get_birth_date ("110105A9491231002X", &date));

  /* out_date is optional */
  g_assert_true (xs_resident_id_get_birth_date ("11010519491231002X", NULL));
  g_assert_false (xs_resident_id_get_birth_date ("110105189912310023", NULL));
}

static void
test_mask (void)
{
  static const struct
  {
    const char *id;
    const char *masked;
  } cases[] = {
    { "11010519491231002X", "110105********002X" },
    { "440306198503120008", "440306********0008" },
    /* masking does not validate, but never shows anything of a bad ID */
    { "110105194912310023", "110105********0023" },
    { "11010519491231002", "******************" },
    { "11010519491231002X0", "******************" },
    { "", "******************" },
    { "1101051949123100\xef\xbc\x92X", "******************" },
    { "11010519491231\xc3\xa9"
      "01",
      "******************" },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char out[19];

      /* garbage without any NUL: the result must still be terminated */
      memset (out, 'Z', sizeof out);
      g_assert_true (xs_resident_id_mask (cases[i].id, out) == out);
      g_assert_cmpint (out[18], ==, '\0');
      g_assert_cmpuint (strlen (out), ==, 18);
      g_assert_cmpstr (out, ==, cases[i].masked);
    }
}

static void
test_mask_in_place (void)
{
  char buffer[19] = "11010519491231002X";

  g_assert_true (xs_resident_id_mask (buffer, buffer) == buffer);
  g_assert_cmpstr (buffer, ==, "110105********002X");
}

static void
test_first_error_wins (void)
{
  /* length before characters before region before date before check digit */
  assert_invalid ("99010519491301002", XS_RESIDENT_ID_ERROR_LENGTH, NULL);
  assert_invalid ("990105A9491301002x", XS_RESIDENT_ID_ERROR_CHARACTER, NULL);
  assert_invalid ("990105194913010020", XS_RESIDENT_ID_ERROR_REGION, NULL);
  assert_invalid ("110105194913010020", XS_RESIDENT_ID_ERROR_BIRTH_DATE, NULL);
}

/* Programmer errors are caught by g_return_val_if_fail(), which is fatal in
 * tests, so each runs in a subprocess. */
static void
test_null_id (void)
{
  if (g_test_subprocess ())
    {
      xs_resident_id_validate (NULL, NULL);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*id != NULL*");
}

static void
test_null_id_at (void)
{
  if (g_test_subprocess ())
    {
      GDate today;

      set_today (&today);
      xs_resident_id_validate_at (NULL, &today, NULL);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*id != NULL*");
}

static void
test_null_today (void)
{
  if (g_test_subprocess ())
    {
      xs_resident_id_validate_at ("11010519491231002X", NULL, NULL);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*today != NULL*");
}

static void
test_null_mask (void)
{
  if (g_test_subprocess ())
    {
      char out[19];

      xs_resident_id_mask (NULL, out);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*id != NULL*");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/resident-id/valid/table", test_valid);
  g_test_add_func ("/resident-id/check-digit/compute", test_check_digit_compute);
  g_test_add_func ("/resident-id/check-digit/every-remainder", test_check_digit_every_remainder);
  g_test_add_func ("/resident-id/check-digit/x-is-accepted", test_check_digit_x_is_accepted);
  g_test_add_func ("/resident-id/check-digit/wrong", test_check_digit_wrong);
  g_test_add_func ("/resident-id/check-digit/compute-rejects", test_check_digit_compute_rejects);
  g_test_add_func ("/resident-id/character/lowercase-x", test_character_lowercase_x);
  g_test_add_func ("/resident-id/character/not-digit", test_character_not_digit);
  g_test_add_func ("/resident-id/length/wrong", test_length);
  g_test_add_func ("/resident-id/region/invalid", test_region_invalid);
  g_test_add_func ("/resident-id/region/every-code", test_region_every_code);
  g_test_add_func ("/resident-id/birth-date/leap-day", test_birth_date_leap_day);
  g_test_add_func ("/resident-id/birth-date/invalid", test_birth_date_invalid);
  g_test_add_func ("/resident-id/birth-date/future", test_birth_date_future);
  g_test_add_func ("/resident-id/birth-date/clock", test_birth_date_clock);
  g_test_add_func ("/resident-id/birth-date/get", test_birth_date_get);
  g_test_add_func ("/resident-id/mask/table", test_mask);
  g_test_add_func ("/resident-id/mask/in-place", test_mask_in_place);
  g_test_add_func ("/resident-id/order/first-error-wins", test_first_error_wins);
  g_test_add_func ("/resident-id/api/null-id", test_null_id);
  g_test_add_func ("/resident-id/api/null-id-at", test_null_id_at);
  g_test_add_func ("/resident-id/api/null-today", test_null_today);
  g_test_add_func ("/resident-id/api/null-mask", test_null_mask);

  return g_test_run ();
}
